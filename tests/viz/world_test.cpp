#include "viz/model/world.h"

#include <catch2/catch.hpp>

#include "tests/viz/viz_fixture.h"

namespace kafkasim::viz {
namespace {

using namespace kafkasim::time_literals;

using testing::EnsembleScript;
using testing::Fingerprint;
using testing::Nodes;

TEST_CASE("two worlds of one script record the same trace, event for event") {
  Timeline a, b;
  World first(EnsembleScript(), &a);
  World second(EnsembleScript(), &b);
  first.AdvanceTo(Time::Zero() + 30_s);
  // The second gets there in uneven strides: where a replay pauses must not change anything.
  for (int64_t ms = 7; ms < 30'000; ms += 1337) second.AdvanceTo(Time::Zero() + Duration::Millis(ms));
  second.AdvanceTo(Time::Zero() + 30_s);
  REQUIRE(a.size() > 100);
  CHECK(Fingerprint(a) == Fingerprint(b));
  CHECK(Nodes(first.session()) == Nodes(second.session()));
}

TEST_CASE("AdvanceToSeq stops right after the event that emitted the sequence number") {
  Timeline recorded;
  World lead(EnsembleScript(), &recorded);
  lead.AdvanceTo(Time::Zero() + 10_s);
  const TraceSeq target = recorded.At(recorded.size() / 2).seq;
  World probe(EnsembleScript());
  REQUIRE(probe.AdvanceToSeq(target));
  CHECK(probe.last_seq() >= target);
  // ...and not a kernel event further: one event back would not have reached it.
  CHECK(probe.now() == recorded.Find(target)->time);
}

TEST_CASE("a user's action replays between the same two events") {
  Timeline live_trace;
  World live(EnsembleScript(), &live_trace);
  live.AdvanceTo(Time::Zero() + Duration::Millis(3500));
  auto result = live.Act("crash zookeeper-1");
  REQUIRE(std::holds_alternative<Action>(result));
  const Action action = std::get<Action>(result);
  CHECK(action.time == Time::Zero() + Duration::Millis(3500));
  live.AdvanceTo(Time::Zero() + 30_s);
  CHECK(Nodes(live.session()).find("zookeeper-1=CRASHED") != std::string::npos);

  Timeline replay_trace;
  World replay(live.script(), &replay_trace);
  replay.AdvanceTo(Time::Zero() + 30_s);
  CHECK(Fingerprint(live_trace) == Fingerprint(replay_trace));
}

TEST_CASE("an action taken while stepping event by event replays at the same event") {
  Timeline live_trace;
  World live(EnsembleScript(), &live_trace);
  for (int i = 0; i < 40; ++i) live.Step();
  REQUIRE(std::holds_alternative<Action>(live.Act("network isolate zookeeper-2")));
  live.AdvanceTo(Time::Zero() + 12_s);

  Timeline replay_trace;
  World replay(live.script(), &replay_trace);
  replay.AdvanceTo(Time::Zero() + 12_s);
  CHECK(Fingerprint(live_trace) == Fingerprint(replay_trace));
}

TEST_CASE("a command that does not parse changes nothing and says why") {
  World world(EnsembleScript());
  world.AdvanceTo(Time::Zero() + 1_s);
  const TraceSeq before = world.last_seq();
  auto result = world.Act("crsh zookeeper-1");
  REQUIRE(std::holds_alternative<std::string>(result));
  CHECK_THAT(std::get<std::string>(result), Catch::Contains("crash"));  // did you mean
  CHECK(world.script().actions.empty());
  CHECK(world.last_seq() == before);
  CHECK(std::holds_alternative<std::string>(world.Act("   ")));
}

}  // namespace
}  // namespace kafkasim::viz
