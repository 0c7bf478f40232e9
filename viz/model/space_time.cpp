#include "viz/model/space_time.h"

#include <map>

namespace kafkasim::viz {

SpaceTime BuildSpaceTime(const Timeline& timeline, MessageCache& cache, std::vector<std::string> lanes, Time from,
                         Time to, const PacketFilter& filter, size_t max_arrows) {
  SpaceTime st;
  st.lanes = std::move(lanes);
  std::map<std::string_view, int> lane_of;
  for (size_t i = 0; i < st.lanes.size(); ++i) lane_of[st.lanes[i]] = static_cast<int>(i);

  // Messages in flight when the window opens, then those sent inside it.
  for (size_t send : timeline.InFlightSendsAt(from)) {
    const MessageInfo& m = cache.Get(timeline, send);
    auto a = lane_of.find(m.sender), b = lane_of.find(m.receiver);
    if (a == lane_of.end() || b == lane_of.end() || !filter.Shows(m.category)) continue;
    if (st.arrows.size() >= max_arrows) {
      ++st.clipped;
      continue;
    }
    st.arrows.push_back(Arrow{.send_seq = m.send_seq, .from_lane = a->second, .to_lane = b->second,
                              .sent = m.sent, .arrives = m.arrives, .category = m.category, .label = m.label});
  }
  std::set<TraceSeq> dropped;
  const EventRange range = timeline.EventsBetween(from, to);
  for (size_t i = range.begin; i < range.end; ++i) {
    const EventView e = timeline.At(i);
    if (e.kind == "net.drop") dropped.insert(e.cause);
  }
  for (Arrow& a : st.arrows) a.dropped = dropped.count(a.send_seq) > 0;
  for (size_t i = range.begin; i < range.end; ++i) {
    const EventView e = timeline.At(i);
    if (e.kind == "net.send") {
      auto a = lane_of.find(e.node), b = lane_of.find(e.peer);
      if (a == lane_of.end() || b == lane_of.end()) continue;
      if (st.arrows.size() >= max_arrows) {
        ++st.clipped;
        continue;
      }
      const MessageInfo& m = cache.Get(timeline, i);
      if (!filter.Shows(m.category)) continue;
      st.arrows.push_back(Arrow{.send_seq = e.seq, .from_lane = a->second, .to_lane = b->second, .sent = m.sent,
                                .arrives = m.arrives, .category = m.category, .label = m.label,
                                .dropped = dropped.count(e.seq) > 0});
      continue;
    }
    const EventClass c = ClassOf(e.kind);
    if (c != EventClass::kLifecycle && c != EventClass::kNetwork && c != EventClass::kState) continue;
    auto lane = lane_of.find(e.node);
    if (lane == lane_of.end()) continue;
    std::vector<Marker> one;
    CollectMarkers(timeline, i, i + 1, one);
    st.marks.push_back(LaneMark{.lane = lane->second, .time = e.time, .seq = e.seq,
                                .glyph = one.empty() ? '*' : one[0].glyph, .cls = c});
  }
  return st;
}

}  // namespace kafkasim::viz
