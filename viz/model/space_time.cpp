#include "viz/model/space_time.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace kafkasim::viz {

SpaceTime BuildSpaceTime(const Timeline& timeline, MessageCache& cache, std::vector<std::string> lanes, Time from,
                         Time to, const PacketFilter& filter, size_t max_arrows, std::optional<Time> focus) {
  SpaceTime st;
  st.lanes = std::move(lanes);
  cache.Trim();
  // Looked up, never iterated.
  std::unordered_map<std::string_view, int> lane_of;
  lane_of.reserve(st.lanes.size());
  for (size_t i = 0; i < st.lanes.size(); ++i) lane_of.emplace(st.lanes[i], static_cast<int>(i));
  auto lane = [&](std::string_view node) {
    auto it = lane_of.find(node);
    return it == lane_of.end() ? -1 : it->second;
  };
  // Thousands of events a frame at a hundred brokers: their lanes are found by the number the
  // timeline gives each name, one array lookup an event.
  std::vector<int> lane_of_id;
  constexpr int kUnknown = -2;
  auto lane_by_id = [&](uint32_t id) {
    if (id >= lane_of_id.size()) lane_of_id.resize(id + 1, kUnknown);
    if (lane_of_id[id] == kUnknown) lane_of_id[id] = lane(timeline.Name(id));
    return lane_of_id[id];
  };
  // Arrows, walking out from the focus both ways over the messages sent in the window, then the
  // messages already in flight when it opens (the farthest from it). Only a send that gets an
  // arrow is parsed; past max_arrows the rest are only counted.
  auto send_at = [&](size_t i) {  // the send's event index
    const int a = lane_by_id(timeline.NodeId(i)), b = lane_by_id(timeline.PeerId(i));
    if (a < 0 || b < 0) return;
    if (st.arrows.size() >= max_arrows) {
      ++st.clipped;
      return;
    }
    const MessageInfo& m = cache.Get(timeline, i);
    if (!filter.Shows(m.category)) return;
    st.arrows.push_back(Arrow{.send_seq = m.send_seq, .send_index = i, .from_lane = a, .to_lane = b, .sent = m.sent,
                              .arrives = m.arrives, .category = m.category});
  };
  auto send = [&](size_t message) { send_at(timeline.SendIndex(message)); };
  const EventRange sent = timeline.SentBetween(from, to);
  const size_t focus_at =
      std::clamp(focus ? timeline.SentBetween(from, *focus).end : sent.begin, sent.begin, sent.end);
  for (size_t after = focus_at, before = focus_at; after < sent.end || before > sent.begin;) {
    if (after < sent.end) send(after++);
    if (before > sent.begin) send(--before);
  }
  for (size_t in_flight : timeline.InFlightSendsAt(from)) send_at(in_flight);
  // Drops are noted for their arrows, and lane events become marks. A window holds thousands of
  // events, most of them messages: each kind is classed once, and only a mark is read whole.
  std::vector<std::optional<std::pair<EventClass, char>>> class_of_kind;
  auto class_of = [&](size_t i) {
    const uint32_t kind = timeline.KindId(i);
    if (kind >= class_of_kind.size()) class_of_kind.resize(kind + 1);
    if (!class_of_kind[kind]) {
      const EventView e = timeline.At(i);
      const EventClass c = ClassOf(e.kind);
      class_of_kind[kind] = std::pair(c, MarkerGlyph(e, c));  // the glyph depends on the kind only
    }
    return *class_of_kind[kind];
  };
  auto on_lane = [](EventClass c) {
    return c == EventClass::kLifecycle || c == EventClass::kNetwork || c == EventClass::kState;
  };
  // Crashes, restarts and elections (the lettered marks) are always kept; the lesser state
  // changes (dots) are candidates, in time order.
  std::set<TraceSeq> dropped;
  std::vector<size_t> dots_at;
  const EventRange range = timeline.EventsBetween(from, to);
  for (size_t i = range.begin; i < range.end; ++i) {
    const auto [c, glyph] = class_of(i);
    if (c == EventClass::kDrop) dropped.insert(timeline.At(i).cause);
    if (!on_lane(c)) continue;
    if (glyph == '*') {
      dots_at.push_back(i);
      continue;
    }
    if (const int l = lane_by_id(timeline.NodeId(i)); l >= 0) {
      const EventView e = timeline.At(i);
      st.marks.push_back(LaneMark{.lane = l, .time = e.time, .seq = e.seq, .glyph = glyph, .cls = c});
    }
  }
  if (!dropped.empty()) {
    for (Arrow& a : st.arrows) a.dropped = dropped.contains(a.send_seq);
  }
  // Dots (the log tells which): as many as arrows at most, the nearest the focus first, the
  // earlier of two as near. Walking out from the focus reads only those it keeps.
  const Time centre = std::clamp(focus.value_or(from), from, to);
  auto time_of = [&](size_t k) { return timeline.TimeAt(dots_at[k]); };
  const size_t middle = static_cast<size_t>(
      std::partition_point(dots_at.begin(), dots_at.end(), [&](size_t i) { return timeline.TimeAt(i) < centre; }) -
      dots_at.begin());
  // Before the focus the walk goes back a time at a time, and through the events of one time
  // in their order (the earlier first).
  size_t after = middle, group_begin = middle, group_end = middle, before = middle;
  auto next_before = [&]() -> std::optional<size_t> {
    if (before == group_end) {
      if (group_begin == 0) return std::nullopt;
      group_end = group_begin;
      const Time t = time_of(group_end - 1);
      for (group_begin = group_end - 1; group_begin > 0 && time_of(group_begin - 1) == t;) --group_begin;
      before = group_begin;
    }
    return before;
  };
  size_t dots = 0;
  while (dots < max_arrows) {
    const std::optional<size_t> b = next_before();
    const bool a_left = after < dots_at.size();
    if (!b && !a_left) break;
    const bool take_after = a_left && (!b || time_of(after) - centre < centre - time_of(*b));
    const size_t i = dots_at[take_after ? after++ : before++];
    if (const int l = lane_by_id(timeline.NodeId(i)); l >= 0) {
      const EventView e = timeline.At(i);
      const auto [c, glyph] = class_of(i);
      st.marks.push_back(LaneMark{.lane = l, .time = e.time, .seq = e.seq, .glyph = glyph, .cls = c});
      ++dots;
    }
  }
  return st;
}

}  // namespace kafkasim::viz
