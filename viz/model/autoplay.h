#pragma once
// Where the cursor goes in one frame of playing. At 1/100x a network hop of 1 ms takes a tenth
// of a second on screen — but the second of silence between two heartbeats would take a
// hundred. So while no visible message is on the wire, time passes at least at the idle speed
// (1x), and never past the moment the next visible message leaves: the quiet stretches are
// short and no packet is skipped.

#include <optional>

#include "sim/record/timeline.h"
#include "viz/model/message_cache.h"
#include "viz/model/packets.h"

namespace kafkasim::viz {

struct PlayStep {
  Duration step;       // the frame's wall time at the chosen speed
  Duration idle_step;  // the same wall time at the idle speed
};

// The cursor's next time. A message is visible when the filter shows its kind, in any view: the
// space-time diagram draws it as the canvas does, and the partition view shows what it brings.
Time NextPlayTime(const Timeline& timeline, MessageCache& cache, const PacketFilter& filter, Time cursor,
                  std::optional<size_t> cursor_index, PlayStep step);

}  // namespace kafkasim::viz
