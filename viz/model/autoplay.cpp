#include "viz/model/autoplay.h"

#include <algorithm>

namespace kafkasim::viz {

Time NextPlayTime(const Timeline& timeline, MessageCache& cache, const PacketFilter& filter, Time cursor,
                  std::optional<size_t> cursor_index, PlayStep step) {
  const Time slow = cursor + step.step;
  if (step.idle_step <= step.step) return slow;
  cache.Trim();
  for (size_t send : timeline.InFlightSendsAt(cursor)) {
    if (filter.Shows(cache.Get(timeline, send).category)) return slow;
  }
  const Time fast = cursor + step.idle_step;
  // The first visible send after the cursor, looking no further than `fast` (and a bounded
  // number of events: a burst of hidden heartbeats must not stall a frame).
  constexpr size_t kMaxScan = 20000;
  size_t i = cursor_index ? *cursor_index + 1 : 0;
  for (size_t n = 0; i < timeline.size() && n < kMaxScan; ++i, ++n) {
    const EventView e = timeline.At(i);
    if (e.time > fast) return fast;
    if (e.kind != "net.send") continue;
    if (filter.Shows(cache.Get(timeline, i).category)) return std::max(slow, e.time);
  }
  return i < timeline.size() ? std::max(slow, timeline.At(i).time) : fast;
}

}  // namespace kafkasim::viz
