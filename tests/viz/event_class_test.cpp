#include "viz/model/event_class.h"

#include <catch2/catch.hpp>

#include "viz/model/log_index.h"

namespace kafkasim::viz {
namespace {

TraceEvent Event(TraceSeq seq, int64_t ms, std::string kind, std::string node, std::string narration = "") {
  return TraceEvent{.seq = seq, .time = Time::Zero() + Duration::Millis(ms), .kind = std::move(kind),
                    .node = std::move(node), .narration = std::move(narration)};
}

LookBackIndex Indexed(const Timeline& t) {
  LookBackIndex index;
  index.Update(t, 0);
  return index;
}

TEST_CASE("events fall into the families a newcomer names") {
  CHECK(ClassOf("net.send") == EventClass::kMessage);
  CHECK(ClassOf("net.drop") == EventClass::kDrop);
  CHECK(ClassOf("timer.fire") == EventClass::kTimer);
  CHECK(ClassOf("node.crash") == EventClass::kLifecycle);
  CHECK(ClassOf("network.split") == EventClass::kNetwork);
  CHECK(ClassOf("script.output") == EventClass::kCommand);
  CHECK(ClassOf("script.narrate") == EventClass::kNarration);
  CHECK(ClassOf("script.expect") == EventClass::kExpect);
  CHECK(ClassOf("zookeeper.elected") == EventClass::kState);
  CHECK(ClassOf("partition.isr_shrink") == EventClass::kState);
  CHECK(IsStateChange("node.restart"));
  CHECK_FALSE(IsStateChange("net.deliver"));
  CHECK_FALSE(IsStateChange("script.command"));
}

TEST_CASE("the log filter keeps a node's events, by family and text") {
  LogFilter f = LogFilter::Default();
  Timeline t;
  t.OnEvent(Event(1, 0, "net.send", "zookeeper-1"));
  t.OnEvent(Event(2, 1, "node.crash", "zookeeper-3", "zookeeper-3 crashed"));
  t.OnEvent(Event(3, 2, "zookeeper.elected", "zookeeper-2", "zookeeper-2 is the leader"));
  CHECK_FALSE(f.Matches(t.At(0)));  // message plumbing is off by default
  CHECK(f.Matches(t.At(1)));
  f.node = "zookeeper-2";
  CHECK_FALSE(f.Matches(t.At(1)));
  CHECK(f.Matches(t.At(2)));
  f.node.clear();
  f.text = "LEADER";
  CHECK_FALSE(f.Matches(t.At(1)));
  CHECK(f.Matches(t.At(2)));
}

TEST_CASE("markers mark failures and elections, not tools coming and going") {
  Timeline t;
  t.OnEvent(Event(1, 0, "node.start", "zookeeper-shell-1"));
  t.OnEvent(Event(2, 1, "node.crash", "zookeeper-3"));
  t.OnEvent(Event(3, 2, "zookeeper.elected", "zookeeper-2"));
  t.OnEvent(Event(4, 3, "zookeeper.client_connected", "zookeeper-2"));
  t.OnEvent(Event(5, 4, "network.split", ""));
  std::vector<Marker> markers;
  CollectMarkers(t, 0, 3, markers);
  CollectMarkers(t, 3, t.size(), markers);  // incrementally, as the recording grows
  REQUIRE(markers.size() == 3);
  CHECK(markers[0].glyph == 'X');
  CHECK(markers[1].glyph == 'E');
  CHECK(markers[2].glyph == 'S');
}

TEST_CASE("the log index grows with the recording and restarts when the filter changes") {
  Timeline t;
  LogIndex index;
  LogFilter f = LogFilter::Default();
  t.OnEvent(Event(1, 0, "net.send", "a"));
  t.OnEvent(Event(2, 1, "node.crash", "a"));
  index.Update(t, 0, f);
  CHECK(index.rows() == std::vector<uint32_t>{1});
  t.OnEvent(Event(3, 2, "node.restart", "a"));
  index.Update(t, 0, f);
  CHECK(index.rows() == std::vector<uint32_t>{1, 2});
  f.show[static_cast<int>(EventClass::kMessage)] = true;
  index.Update(t, 0, f);
  CHECK(index.rows() == std::vector<uint32_t>{0, 1, 2});
  CHECK(index.RowAtOrBefore(1) == 1u);
  CHECK_FALSE(LogIndex().RowAtOrBefore(5));
}

TEST_CASE("the event log indexes a few events a frame, but always through the cursor") {
  Timeline t;
  for (int i = 0; i < 10; ++i) t.OnEvent(Event(i + 1, i, "node.crash", "a"));
  LogIndex index;
  const LogFilter f = LogFilter::Default();
  index.Update(t, 0, f, std::nullopt, /*budget=*/3);
  CHECK(index.rows().size() == 3);
  index.Update(t, 0, f, /*through=*/7, /*budget=*/3);  // a jump to event 7
  CHECK(index.rows().size() == 8);
  CHECK(index.RowAtOrBefore(7) == 7u);
}

TEST_CASE("why a crash happened ends at the command that crashed it, not at the script's earlier lines") {
  Timeline t;
  auto with_cause = [](TraceEvent e, TraceSeq cause) {
    e.cause = cause;
    return e;
  };
  t.OnEvent(Event(1, 15000, "node.stop", "kafka-consumer-groups-1", "kafka-consumer-groups-1 shut down cleanly"));
  t.OnEvent(with_cause(Event(2, 15000, "script.narrate", "", "now broker-1 dies"), 1));
  t.OnEvent(with_cause(Event(3, 15000, "script.command", "", "$ crash broker-1"), 2));
  t.OnEvent(with_cause(Event(4, 15000, "node.crash", "broker-1", "broker-1 crashed"), 3));
  const std::vector<EventView> chain = WhyChain(t, 4);
  REQUIRE(chain.size() == 2);
  CHECK(chain[0].kind == "node.crash");
  CHECK(chain[1].narration == "$ crash broker-1");
  CHECK(t.CauseChain(4).size() == 4);  // the trace keeps every link
}

TEST_CASE("captions say the latest narration and what just changed") {
  Timeline t;
  t.OnEvent(Event(1, 0, "script.narrate", "", "first the servers start"));
  t.OnEvent(Event(2, 1000, "node.crash", "zookeeper-3", "zookeeper-3 crashed"));
  t.OnEvent(Event(3, 9000, "script.narrate", "", "now they vote"));
  t.OnEvent(Event(4, 9500, "zookeeper.elected", "zookeeper-2", "zookeeper-2 leads"));
  Captions c = CaptionsAt(t, Indexed(t), 1, Duration::Seconds(3));
  CHECK(c.narration == "first the servers start");
  REQUIRE(c.recent.size() == 1);
  CHECK_THAT(c.recent[0], Catch::Contains("zookeeper-3 crashed"));
  c = CaptionsAt(t, Indexed(t), 3, Duration::Seconds(3));
  CHECK(c.narration == "now they vote");
  REQUIRE(c.recent.size() == 1);  // the crash is 8.5 s old
  CHECK_THAT(c.recent[0], Catch::Contains("zookeeper-2 leads"));
  CHECK(CaptionsAt(t, Indexed(t), std::nullopt, Duration::Seconds(3)).narration.empty());
}

TEST_CASE("a narration overtaken by a later milestone leaves the captions") {
  // broker-failover.scn: "Now its process dies." and the crash at once; "Nothing has changed yet"
  // five seconds later; the session expires 18 s after the crash and the controller acts.
  Timeline t;
  t.OnEvent(Event(1, 3000, "script.narrate", "", "now its process dies"));
  t.OnEvent(Event(2, 3000, "node.crash", "broker-1", "broker-1 crashed"));
  t.OnEvent(Event(3, 8000, "script.narrate", "", "nothing has changed yet"));
  t.OnEvent(Event(4, 21000, "controller.broker_failed", "broker-0", "broker-1 failed"));
  t.OnEvent(Event(5, 25000, "timer.fire", "broker-0"));
  const LookBackIndex index = Indexed(t);
  CHECK(CaptionsAt(t, index, 1, Duration::Seconds(3)).narration == "now its process dies");
  CHECK(CaptionsAt(t, index, 2, Duration::Seconds(3)).narration == "nothing has changed yet");
  const Captions c = CaptionsAt(t, index, 3, Duration::Seconds(3));
  CHECK(c.narration.empty());
  REQUIRE(c.recent.size() == 1);
  CHECK_THAT(c.recent[0], Catch::Contains("broker-1 failed"));
  CHECK(CaptionsAt(t, index, 4, Duration::Seconds(3)).narration.empty());
}

TEST_CASE("a command-line tool's exit is no milestone: the narration before it stays") {
  // A `kafka-topics.sh --describe` run long after the narration, as lessons do, ends its process.
  Timeline t;
  t.OnEvent(Event(1, 8000, "script.narrate", "", "nothing has changed yet"));
  t.OnEvent(Event(2, 20000, "node.stop", "kafka-topics-1", "kafka-topics-1 shut down cleanly"));
  t.OnEvent(Event(3, 20000, "node.stop", "broker-2", "broker-2 stopped"));
  LookBackIndex index;
  index.Update(t, 0, [](std::string_view node) { return node.starts_with("kafka-topics"); });
  CHECK(CaptionsAt(t, index, 1, Duration::Seconds(3)).narration == "nothing has changed yet");
  CHECK(CaptionsAt(t, index, 2, Duration::Seconds(3)).narration.empty());  // a broker's stop is one
}

TEST_CASE("a narration holds through the milestones of the next few seconds it announces") {
  // cooperative-rebalance.scn: the narration announces two rebalances, 1 s and 4 s after it.
  Timeline t;
  t.OnEvent(Event(1, 5170, "script.narrate", "", "the two that move are assigned in a second rebalance"));
  t.OnEvent(Event(2, 6290, "group.rebalance", "broker-1", "first rebalance"));
  t.OnEvent(Event(3, 9300, "group.rebalance", "broker-1", "second rebalance"));
  t.OnEvent(Event(4, 12000, "timer.fire", "broker-1"));
  const LookBackIndex index = Indexed(t);
  CHECK(CaptionsAt(t, index, 1, Duration::Seconds(3)).narration.starts_with("the two that move"));
  CHECK(CaptionsAt(t, index, 2, Duration::Seconds(3)).narration.starts_with("the two that move"));
  CHECK(CaptionsAt(t, index, 3, Duration::Seconds(3)).narration.starts_with("the two that move"));
}

TEST_CASE("captions look back 50,000 events at most, name at most three changes and never a drop") {
  Timeline t;
  TraceSeq seq = 0;
  t.OnEvent(Event(++seq, 0, "script.narrate", "", "too far back"));
  for (int i = 0; i < 49999; ++i) t.OnEvent(Event(++seq, 1, "net.send", "broker-1"));
  t.OnEvent(Event(++seq, 2, "node.crash", "broker-1", "broker-1 crashed"));
  t.OnEvent(Event(++seq, 3, "partition.isr_shrink", "broker-2", "ISR shrinks"));
  t.OnEvent(Event(++seq, 4, "zookeeper.elected", "zookeeper-1", "zookeeper-1 leads"));
  t.OnEvent(Event(++seq, 5, "net.drop", "broker-1", "a message was lost"));
  t.OnEvent(Event(++seq, 6, "node.restart", "broker-1", "broker-1 restarted"));
  const LookBackIndex index = Indexed(t);
  // The narration is 50,000 events before the crash: one event back from it is out of reach.
  const size_t crash = 50000;
  CHECK(CaptionsAt(t, index, crash - 1, Duration::Seconds(3)).narration == "too far back");
  Captions c = CaptionsAt(t, index, crash, Duration::Seconds(3));
  CHECK(c.narration.empty());
  REQUIRE(c.recent.size() == 1);
  CHECK_THAT(c.recent[0], Catch::Contains("broker-1 crashed"));
  c = CaptionsAt(t, index, t.size() - 1, Duration::Seconds(3));
  REQUIRE(c.recent.size() == 3);
  CHECK_THAT(c.recent[0], Catch::Contains("broker-1 restarted"));
  CHECK_THAT(c.recent[1], Catch::Contains("zookeeper-1 leads"));
  CHECK_THAT(c.recent[2], Catch::Contains("ISR shrinks"));
}

TEST_CASE("the look-back index follows a growing recording and starts afresh for another") {
  Timeline t;
  t.OnEvent(Event(1, 0, "script.narrate", "", "hello"));
  t.OnEvent(Event(2, 1, "net.send", "a"));
  t.OnEvent(Event(3, 2, "net.drop", "b"));
  LookBackIndex index;
  index.Update(t, 0);
  CHECK(index.narrations() == std::vector<uint32_t>{0});
  CHECK(index.drops() == std::vector<uint32_t>{2});
  CHECK(index.state_changes().empty());
  t.OnEvent(Event(4, 3, "node.crash", "a"));
  t.OnEvent(Event(5, 4, "net.drop", "a"));
  index.Update(t, 0);
  CHECK(index.drops() == std::vector<uint32_t>{2, 4});
  CHECK(index.state_changes() == std::vector<uint32_t>{3});
  CHECK(LookBackIndex::Within(index.drops(), 3, 5).size() == 1);
  CHECK(LookBackIndex::Within(index.drops(), 0, 2).empty());
  // Another branch's recording: nothing of the first one's stays.
  Timeline other;
  other.OnEvent(Event(1, 0, "node.crash", "b"));
  index.Update(other, 1);
  CHECK(index.narrations().empty());
  CHECK(index.drops().empty());
  CHECK(index.state_changes() == std::vector<uint32_t>{0});
}

TEST_CASE("a caption naming thousands of partitions is cut to a glance, on a character boundary") {
  Timeline t;
  std::string led = "broker-7 leads";
  for (int p = 0; p < 3000; ++p) led += fmt::format(" clicks-{} \xE2\x98\x85", p);  // ★: three bytes
  t.OnEvent(Event(1, 1000, "partition.leader_change", "broker-7", led));
  const Captions c = CaptionsAt(t, Indexed(t), 0, Duration::Seconds(3));
  REQUIRE(c.recent.size() == 1);
  CHECK(c.recent[0].size() <= Captions::kMaxCaptionBytes + 3);
  CHECK_THAT(c.recent[0], Catch::StartsWith("1.000s  broker-7 leads clicks-0 \xE2\x98\x85 clicks-1") &&
                              Catch::EndsWith("\xE2\x80\xA6"));
  // No character is cut in half: every lead byte is followed by all its continuation bytes.
  const std::string body = c.recent[0].substr(0, c.recent[0].size() - 3);
  for (size_t i = 0; i < body.size(); ++i) {
    if ((static_cast<unsigned char>(body[i]) & 0xF0) == 0xE0) CHECK(i + 2 < body.size());
  }
}

}  // namespace
}  // namespace kafkasim::viz
