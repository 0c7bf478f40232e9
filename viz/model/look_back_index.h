#pragma once
// The events a playing frame looks back for: the teacher's narrations and the state changes the
// captions name (and the milestones that end a narration's story), and the drops whose wrecks
// fade on the canvas. Indexed once each as the recording grows, so that a frame finds them by
// binary search: walking back through the events themselves cost a millisecond a frame at a
// hundred brokers, whose every simulated second records tens of thousands of fetches.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "sim/record/timeline.h"

namespace kafkasim::viz {

class LookBackIndex {
 public:
  // Brings the lists up to date with `timeline`. `generation` identifies the recording (the
  // branch, History::generation()): another one starts them afresh. `is_tool` tells a
  // command-line tool's process, whose exit is no milestone (as on the scrub bar).
  void Update(const Timeline& timeline, int generation,
              const std::function<bool(std::string_view node)>& is_tool = nullptr);

  // Timeline indexes, ascending, of the events of each sort among those indexed.
  const std::vector<uint32_t>& narrations() const { return narrations_; }  // script.narrate
  // What a caption names (IsStateChange), net.drop aside: the canvas shows a drop as a wreck.
  const std::vector<uint32_t>& state_changes() const { return state_changes_; }
  const std::vector<uint32_t>& drops() const { return drops_; }  // net.drop
  // The state changes with a letter on the scrub bar (MarkerGlyph): a crash, an election, an
  // ISR change...
  const std::vector<uint32_t>& milestones() const { return milestones_; }

  // The part of `rows` (one of the lists above) inside the timeline range [begin, end).
  static std::span<const uint32_t> Within(const std::vector<uint32_t>& rows, size_t begin, size_t end);

 private:
  // What an event is to the lists, by its kind; whether a kMilestoneByNode is a milestone also
  // depends on its node (MarkerDependsOnNode).
  enum class Sort : uint8_t { kUnknown, kNone, kDrop, kNarration, kStateChange, kMilestone, kMilestoneByNode };
  std::vector<uint32_t> narrations_, state_changes_, drops_, milestones_;
  std::vector<Sort> sort_of_kind_;  // by the timeline's kind number
  size_t scanned_ = 0;
  int generation_ = -1;
};

}  // namespace kafkasim::viz
