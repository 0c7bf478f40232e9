#include "viz/model/frame_times.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace kafkasim::viz {
namespace {

// The nearest-rank percentile: the smallest time that `percent` of the frames did not exceed.
double Percentile(std::vector<double> times, double percent) {
  if (times.empty()) return 0;
  std::sort(times.begin(), times.end());
  const auto rank = static_cast<size_t>(std::ceil(percent / 100 * static_cast<double>(times.size())));
  return times[std::clamp<size_t>(rank, 1, times.size()) - 1];
}

std::string Describe(const std::vector<double>& times) {
  return fmt::format("median {:.2f} ms, 95th {:.2f}, max {:.2f}", Percentile(times, 50), Percentile(times, 95),
                     Percentile(times, 100));
}

}  // namespace

void FrameTimes::Add(double cpu_ms, double frame_ms) {
  cpu_ms_.push_back(cpu_ms);
  frame_ms_.push_back(frame_ms);
}

void FrameTimes::AddPart(std::string_view name, double ms) {
  auto part = std::find_if(parts_.begin(), parts_.end(), [&](const auto& p) { return p.first == name; });
  if (part == parts_.end()) part = parts_.insert(parts_.end(), {std::string(name), {}});
  part->second.push_back(ms);
}

std::string FrameTimes::Summary() const {
  std::string summary = fmt::format("frame CPU {}; whole frame {}", Describe(cpu_ms_), Describe(frame_ms_));
  for (size_t i = 0; i < parts_.size(); ++i) {
    summary += fmt::format("{}{} {:.2f} ms", i == 0 ? "; CPU parts' medians: " : ", ", parts_[i].first,
                           Percentile(parts_[i].second, 50));
  }
  return summary;
}

}  // namespace kafkasim::viz
