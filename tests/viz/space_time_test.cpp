#include "viz/model/space_time.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/viz/viz_fixture.h"
#include "viz/model/history.h"

namespace kafkasim::viz {
namespace {

using namespace kafkasim::time_literals;

TEST_CASE("the space-time diagram has an arrow per message between lanes, and marks the crash") {
  History history(testing::EnsembleScenario(), 5);
  MessageCache cache;
  const std::vector<std::string> lanes = {"zookeeper-1", "zookeeper-2", "zookeeper-3"};
  PacketFilter all;  // heartbeats too
  const SpaceTime st = BuildSpaceTime(history.timeline(), cache, lanes, Time::Zero() + Duration::Millis(4000),
                                      Time::Zero() + Duration::Millis(5500), all);
  REQUIRE_FALSE(st.arrows.empty());
  for (const Arrow& a : st.arrows) {
    CHECK(a.from_lane != a.to_lane);
    CHECK(a.arrives >= a.sent);
    // The message's send, where the tooltip finds its label.
    CHECK(history.timeline().At(a.send_index).seq == a.send_seq);
    CHECK(history.timeline().At(a.send_index).kind == "net.send");
  }
  bool crash = false;
  for (const LaneMark& m : st.marks) crash = crash || (m.glyph == 'X' && m.lane == 2);
  CHECK(crash);
  // Hiding a category removes its arrows.
  const SpaceTime fewer = BuildSpaceTime(history.timeline(), cache, lanes, Time::Zero() + Duration::Millis(4000),
                                         Time::Zero() + Duration::Millis(5500), PacketFilter::Default());
  CHECK(fewer.arrows.size() < st.arrows.size());
}

TEST_CASE("a message already on the wire when the window opens has its arrow, from before the window") {
  History history(testing::EnsembleScenario(), 5);
  MessageCache cache;
  const std::vector<std::string> lanes = {"zookeeper-1", "zookeeper-2", "zookeeper-3"};
  const Timeline& timeline = history.timeline();
  // The first message between two lanes after 4 s; the window opens while it travels.
  std::optional<EventView> send;
  const EventRange range = timeline.EventsBetween(Time::Zero() + 4_s, Time::Zero() + 5_s);
  for (size_t i = range.begin; i < range.end && !send; ++i) {
    const EventView e = timeline.At(i);
    const bool between_lanes = std::count(lanes.begin(), lanes.end(), e.node) == 1 &&
                               std::count(lanes.begin(), lanes.end(), e.peer) == 1;
    if (e.kind == "net.send" && between_lanes) send = e;
  }
  REQUIRE(send);
  const Time opens = send->time + Duration::Micros(1);
  const SpaceTime st = BuildSpaceTime(timeline, cache, lanes, opens, opens + 1_s, PacketFilter{});
  const auto arrow = std::find_if(st.arrows.begin(), st.arrows.end(),
                                  [&](const Arrow& a) { return a.send_seq == send->seq; });
  REQUIRE(arrow != st.arrows.end());
  CHECK(arrow->sent < opens);
  CHECK(arrow->arrives > opens);
  // Past the limit it is counted, not drawn.
  const SpaceTime none = BuildSpaceTime(timeline, cache, lanes, opens, opens + 1_s, PacketFilter{}, 0);
  CHECK(none.arrows.empty());
  CHECK(none.clipped >= st.arrows.size());
}

TEST_CASE("the diagram clips what cannot be read") {
  History history(testing::EnsembleScenario(), 5);
  MessageCache cache;
  const SpaceTime st = BuildSpaceTime(history.timeline(), cache, {"zookeeper-1", "zookeeper-2", "zookeeper-3"},
                                      Time::Zero(), Time::Zero() + 30_s, PacketFilter{}, 10);
  CHECK(st.arrows.size() == 10);
  CHECK(st.clipped > 0);
}

TEST_CASE("with more messages than it can draw, the diagram keeps those nearest the cursor") {
  History history(testing::EnsembleScenario(), 5);
  MessageCache cache;
  const Time focus = Time::Zero() + 20_s;
  const SpaceTime st = BuildSpaceTime(history.timeline(), cache, {"zookeeper-1", "zookeeper-2", "zookeeper-3"},
                                      Time::Zero(), Time::Zero() + 30_s, PacketFilter{}, 10, focus);
  REQUIRE(st.arrows.size() == 10);
  CHECK(st.clipped > 0);
  bool before = false, after = false;
  for (const Arrow& a : st.arrows) {
    CHECK(a.sent > Time::Zero() + 15_s);  // not the start of the window
    CHECK(a.sent < Time::Zero() + 25_s);
    before = before || a.sent <= focus;
    after = after || a.sent > focus;
  }
  CHECK(before);
  CHECK(after);
  // The lesser state changes are thinned the same way; the crash's letter is kept.
  size_t dots = 0;
  for (const LaneMark& m : st.marks) dots += m.glyph == '*' ? 1 : 0;
  CHECK(dots <= 10);
}

TEST_CASE("the dots the diagram keeps are the nearest the cursor on both sides, the earlier of two as near") {
  History history(testing::EnsembleScenario(), 5);
  MessageCache cache;
  const std::vector<std::string> lanes = {"zookeeper-1", "zookeeper-2", "zookeeper-3"};
  const Time from = Time::Zero(), to = Time::Zero() + 30_s, focus = Time::Zero() + 5_s;
  const SpaceTime all = BuildSpaceTime(history.timeline(), cache, lanes, from, to, PacketFilter{}, 100000, focus);
  std::vector<std::pair<Duration, TraceSeq>> nearest;
  for (const LaneMark& m : all.marks) {
    if (m.glyph == '*') nearest.emplace_back(m.time > focus ? m.time - focus : focus - m.time, m.seq);
  }
  std::sort(nearest.begin(), nearest.end());
  REQUIRE(nearest.size() > 10);
  REQUIRE(nearest[9].first == nearest[10].first);  // a tie at the cut: the earlier events win it
  std::set<TraceSeq> expected;
  for (size_t i = 0; i < 10; ++i) expected.insert(nearest[i].second);

  const SpaceTime st = BuildSpaceTime(history.timeline(), cache, lanes, from, to, PacketFilter{}, 10, focus);
  std::set<TraceSeq> kept;
  bool before = false, after = false;
  for (const LaneMark& m : st.marks) {
    if (m.glyph != '*') continue;
    kept.insert(m.seq);
    before = before || m.time < focus;
    after = after || m.time > focus;
  }
  CHECK(kept == expected);
  CHECK(before);
  CHECK(after);
}

}  // namespace
}  // namespace kafkasim::viz
