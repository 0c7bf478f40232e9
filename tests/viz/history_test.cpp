#include "viz/model/history.h"

#include <catch2/catch.hpp>

#include "tests/viz/viz_fixture.h"

namespace kafkasim::viz {
namespace {

using namespace kafkasim::time_literals;

using testing::EnsembleScenario;
using testing::Nodes;

// The state a fresh world shows at t: what any seek to t must show.
std::string NodesAt(Time t) {
  World fresh(testing::EnsembleScript());
  fresh.AdvanceTo(t);
  return Nodes(fresh.session());
}

TEST_CASE("the lead records the whole scenario and a tail before the first frame") {
  History history(EnsembleScenario(), 5);
  CHECK(history.horizon() >= Time::Zero() + 30_s);
  CHECK(history.timeline().size() > 100);
  CHECK(history.cursor().time == Time::Zero());
  CHECK(history.cursor().seq == 0);
}

TEST_CASE("seeking forwards and backwards shows the state a fresh run has at that time") {
  History history(EnsembleScenario(), 5);
  for (int64_t ms : {2000, 25000, 4000, 6000, 1000, 18000}) {
    const Time t = Time::Zero() + Duration::Millis(ms);
    history.SeekTime(t);
    INFO("seek to " << ms << " ms");
    CHECK(history.cursor().time == t);
    CHECK(Nodes(history.probe().session()) == NodesAt(t));
  }
  CHECK(history.replays() == 2);  // each of the two backward seeks replayed
}

TEST_CASE("stepping back and forward again returns to the same event and state") {
  History history(EnsembleScenario(), 5);
  history.SeekTime(Time::Zero() + Duration::Millis(5000));
  for (int i = 0; i < 5; ++i) REQUIRE(history.StepForward());
  const Cursor there = history.cursor();
  const std::string state = Nodes(history.probe().session());
  for (int i = 0; i < 5; ++i) REQUIRE(history.StepBack());
  CHECK(history.cursor().seq < there.seq);
  for (int i = 0; i < 5; ++i) REQUIRE(history.StepForward());
  CHECK(history.cursor().seq == there.seq);
  CHECK(history.cursor().time == there.time);
  CHECK(Nodes(history.probe().session()) == state);
}

TEST_CASE("stepping forward visits every recorded event in order") {
  History history(EnsembleScenario(), 5);
  const Timeline& t = history.timeline();
  for (size_t i = 0; i < 60; ++i) {
    REQUIRE(history.StepForward());
    CHECK(history.cursor().seq == t.At(i).seq);
    CHECK(history.cursor_index() == i);
  }
}

TEST_CASE("stepping back from the first event returns to before anything happened") {
  History history(EnsembleScenario(), 5);
  REQUIRE(history.StepForward());
  REQUIRE(history.StepBack());
  CHECK(history.cursor().seq == 0);
  CHECK_FALSE(history.StepBack());
}

TEST_CASE("acting in the past forks a new history and keeps the old one") {
  History history(EnsembleScenario(), 5);
  const size_t old_size = history.timeline().size();
  history.SeekTime(Time::Zero() + 3_s);
  REQUIRE_FALSE(history.Act("crash zookeeper-1").has_value());
  REQUIRE(history.branches().size() == 2);
  CHECK(history.current_branch() == 1);
  CHECK(history.branch().parent == 0);
  CHECK(history.branch().forked_at == Time::Zero() + 3_s);
  CHECK(Nodes(history.probe().session()).find("zookeeper-1=CRASHED") != std::string::npos);

  // The new history: zookeeper-1 and then zookeeper-3 die, so no quorum is left at 25 s.
  history.SeekTime(Time::Zero() + 25_s);
  CHECK(Nodes(history.probe().session()).find("zookeeper-2=running/looking") != std::string::npos);

  // The old one is still there, unchanged.
  CHECK(history.branches()[0]->timeline->size() == old_size);
  history.SwitchBranch(0);
  CHECK(history.cursor().time == Time::Zero() + 25_s);
  CHECK(Nodes(history.probe().session()) == NodesAt(Time::Zero() + 25_s));
}

TEST_CASE("acting again where nobody has been yet continues the history; acting in its seen past forks") {
  History history(EnsembleScenario(), 5);
  history.SeekTime(Time::Zero() + 3_s);
  REQUIRE_FALSE(history.Act("crash zookeeper-1").has_value());
  REQUIRE(history.current_branch() == 1);
  const int generation = history.generation();

  // Next step at the furthest point this history's cursor reached: the same history goes on
  // (as a lesson's steps do), its recording redone with both actions.
  history.SeekTime(Time::Zero() + 5_s);
  REQUIRE_FALSE(history.Act("restart zookeeper-1").has_value());
  CHECK(history.branches().size() == 2);
  CHECK(history.current_branch() == 1);
  CHECK(history.generation() != generation);
  CHECK(history.branch().script.actions.size() == 2);
  CHECK(history.branch().name == "after `crash zookeeper-1` at 3.000s, then after `restart zookeeper-1` at 5.000s");
  history.SeekTime(Time::Zero() + 25_s);
  CHECK(Nodes(history.probe().session()).find("zookeeper-1=running") != std::string::npos);

  // Back in what the student has already watched: a new history, the old one kept.
  history.SeekTime(Time::Zero() + 10_s);
  REQUIRE_FALSE(history.Act("crash zookeeper-2").has_value());
  CHECK(history.branches().size() == 3);
  CHECK(history.current_branch() == 2);
  CHECK(history.branch().parent == 1);
}

TEST_CASE("a bad command forks nothing") {
  History history(EnsembleScenario(), 5);
  history.SeekTime(Time::Zero() + 3_s);
  const size_t branches = history.branches().size();
  CHECK(history.Act("no-such-command").has_value());
  CHECK(history.branches().size() == branches);
}

TEST_CASE("checkpoints make a backward seek replay only from the nearest one") {
  History history(EnsembleScenario(), 5,
                  HistoryOptions{.checkpoint_every = Duration::Seconds(5), .max_checkpoints = 8});
  history.Settle();
  REQUIRE(history.checkpoints() >= 5);  // at 5, 10, 15, 20, 25 s
  const size_t full = history.checkpoints();
  // Far forward, the checkpoint at 25 s is nearer than the probe at 0 s: it is used up too.
  history.SeekTime(Time::Zero() + 28_s);
  const size_t before = history.checkpoints();
  CHECK(before == full - 1);
  history.SeekTime(Time::Zero() + Duration::Millis(17500));
  // The checkpoint at 15 s became the probe...
  CHECK(history.checkpoints() == before - 1);
  CHECK(Nodes(history.probe().session()) == NodesAt(Time::Zero() + Duration::Millis(17500)));
  // ...and the background builder puts them back.
  history.Settle();
  CHECK(history.checkpoints() == full);
}

TEST_CASE("checkpoints built a few events a frame are the worlds a single run builds") {
  const HistoryOptions options{.checkpoint_every = Duration::Seconds(5), .max_checkpoints = 8};
  History settled(EnsembleScenario(), 5, options);
  settled.Settle();
  History sliced(EnsembleScenario(), 5, options);
  // Each frame's share runs out after a handful of events, wherever it falls.
  int frames = 0;
  while (sliced.checkpoints() < settled.checkpoints() && frames < 100'000) {
    int asked = 0;
    sliced.RefillCheckpoints([&] { return ++asked > 7; });
    ++frames;
  }
  REQUIRE(sliced.checkpoints() == settled.checkpoints());
  CHECK(frames > 100);  // it did take many frames
  // Each checkpoint shows what a fresh run shows there: seek back onto each in turn.
  for (int64_t s : {27, 22, 17, 12, 7}) {
    const Time t = Time::Zero() + Duration::Seconds(s);
    sliced.SeekTime(t);
    INFO("seek to " << s << " s");
    CHECK(Nodes(sliced.probe().session()) == NodesAt(t));
    World fresh(testing::EnsembleScript());
    fresh.AdvanceTo(t);
    CHECK(sliced.probe().last_seq() == fresh.last_seq());
  }
  CHECK(sliced.checkpoints() == settled.checkpoints() - 5);  // each seek back used one up
}

}  // namespace
}  // namespace kafkasim::viz
