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
    sort_of_kind_.clear();  // kind numbers are a timeline's own
  }
  assert(timeline.size() <= UINT32_MAX);
  // Thousands of events a frame at a hundred brokers, nearly all messages: each kind is sorted
  // once, by its number, and only a state change is read whole.
  for (size_t i = scanned_; i < timeline.size(); ++i) {
    const uint32_t kind = timeline.KindId(i);
    if (kind >= sort_of_kind_.size()) sort_of_kind_.resize(kind + 1, Sort::kUnknown);
    Sort& sort = sort_of_kind_[kind];
    if (sort == Sort::kUnknown) {
      const EventView e = timeline.At(i);
      if (e.kind == "net.drop") {
        sort = Sort::kDrop;
      } else if (e.kind == "script.narrate") {
        sort = Sort::kNarration;
      } else if (!IsStateChange(e.kind)) {
        sort = Sort::kNone;
      } else if (MarkerDependsOnNode(e.kind)) {
        sort = Sort::kMilestoneByNode;
      } else {
        sort = MarkerGlyph(e, ClassOf(e.kind)) != '*' ? Sort::kMilestone : Sort::kStateChange;
      }
    }
    const auto index = static_cast<uint32_t>(i);
    switch (sort) {
      case Sort::kDrop:
        drops_.push_back(index);
        break;
      case Sort::kNarration:
        narrations_.push_back(index);
        break;
      case Sort::kStateChange:
        state_changes_.push_back(index);
        break;
      case Sort::kMilestone:
        state_changes_.push_back(index);
        milestones_.push_back(index);
        break;
      case Sort::kMilestoneByNode: {
        state_changes_.push_back(index);
        const EventView e = timeline.At(i);
        if (MarkerGlyph(e, ClassOf(e.kind), is_tool) != '*') milestones_.push_back(index);
        break;
      }
      case Sort::kNone:
      case Sort::kUnknown:
        break;
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
