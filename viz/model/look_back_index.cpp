#include "viz/model/look_back_index.h"

#include <algorithm>
#include <cassert>

#include "viz/model/event_class.h"

namespace kafkasim::viz {

void LookBackIndex::Update(const Timeline& timeline, int generation,
                           const std::function<bool(std::string_view node)>& is_tool) {
  // A recording only grows: a shorter one is another.
  if (generation != generation_ || timeline.size() < scanned_) {
    narrations_.clear();
    state_changes_.clear();
    drops_.clear();
    milestones_.clear();
    scanned_ = 0;
    generation_ = generation;
  }
  assert(timeline.size() <= UINT32_MAX);
  for (size_t i = scanned_; i < timeline.size(); ++i) {
    const EventView e = timeline.At(i);
    const auto index = static_cast<uint32_t>(i);
    if (e.kind == "net.drop") {
      drops_.push_back(index);
    } else if (e.kind == "script.narrate") {
      narrations_.push_back(index);
    } else if (IsStateChange(e.kind)) {
      state_changes_.push_back(index);
      if (MarkerGlyph(e, ClassOf(e.kind), is_tool) != '*') milestones_.push_back(index);
    }
  }
  scanned_ = timeline.size();
}

std::span<const uint32_t> LookBackIndex::Within(const std::vector<uint32_t>& rows, size_t begin, size_t end) {
  const auto first = std::lower_bound(rows.begin(), rows.end(), begin);
  const auto last = std::lower_bound(first, rows.end(), end);
  return std::span<const uint32_t>(first, last);
}

}  // namespace kafkasim::viz
