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

std::string FrameTimes::Summary() const {
  return fmt::format("frame CPU {}; whole frame {}", Describe(cpu_ms_), Describe(frame_ms_));
}

}  // namespace kafkasim::viz
