#pragma once
// The space-time (Lamport) diagram's view model: a lane per node, each message an arrow from
// its sender's lane at the send time to its receiver's lane at the arrival time, and the lane
// events (crash, restart, election) as marks, over a window of simulated time. Built from the
// recorded timeline, so the window can show the future of the cursor as well as its past.

#include <set>
#include <optional>
#include <string>
#include <vector>

#include "sim/record/timeline.h"
#include "viz/model/event_class.h"
#include "viz/model/message_cache.h"
#include "viz/model/packets.h"

namespace kafkasim::viz {

struct Arrow {
  TraceSeq send_seq = 0;
  size_t send_index = 0;  // of the net.send in the timeline: MessageCache::Get has its label
  int from_lane = 0, to_lane = 0;
  Time sent, arrives;
  std::string category;
  bool dropped = false;
};

struct LaneMark {
  int lane = 0;
  Time time;
  TraceSeq seq = 0;
  char glyph = '*';
  EventClass cls = EventClass::kState;
};

struct SpaceTime {
  std::vector<std::string> lanes;
  std::vector<Arrow> arrows;
  std::vector<LaneMark> marks;
  size_t clipped = 0;  // arrows left out past max_arrows
};

// Messages that travel during [from, to) between two of `lanes`, and the lanes' events. When there
// are more than `max_arrows` messages (or lesser state changes), those nearest `focus` (the
// cursor; by default `from`) are kept: what just happened and what is about to, not the start of
// the window.
SpaceTime BuildSpaceTime(const Timeline& timeline, MessageCache& cache, std::vector<std::string> lanes, Time from,
                         Time to, const PacketFilter& filter, size_t max_arrows = 2000,
                         std::optional<Time> focus = std::nullopt);

}  // namespace kafkasim::viz
