// A timer's slot keeps 16 bytes besides its callback (simulation.h, TimerSlot): its name as a
// number, its owner in 20 bits, its use count (odd while pending) and, in the queue entry, its
// owner's incarnation. These tests break when one of them is packed or read back wrong.

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/core/simulation.h"
#include "tests/core/sim_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using namespace kafkasim::time_literals;

namespace {

// Names with distinct, long-lived addresses, more than the name cache has entries, 16 bytes
// apart, so that several share a cache entry.
std::array<std::array<char, 16>, 150> g_timer_names = [] {
  std::array<std::array<char, 16>, 150> names{};
  for (size_t i = 0; i < names.size(); ++i) std::snprintf(names[i].data(), names[i].size(), "task-%zu", i);
  return names;
}();

std::vector<std::string> FireNarrations(const TraceLog& log) {
  std::vector<std::string> out;
  for (const TraceEvent* e : log.OfKind("timer.fire")) out.push_back(e->narration);
  return out;
}

}  // namespace

TEST_CASE("a pending timer takes 32 bytes besides its callback") {
  CHECK(Simulation::kTimerBytesBesidesCallback == 32);
}

TEST_CASE("each timer fire narrates its own name and owner, with many names sharing cache entries") {
  Cluster c;
  TraceLog log;
  c.sim.trace().AddSink(&log);
  const NodeId a = c.Add("broker-0");
  const NodeId b = c.Add("broker-1");
  std::vector<std::string> expected;
  // Each name twice, out of order of first use, on alternating owners and without one.
  for (int round = 0; round < 2; ++round) {
    for (size_t i = 0; i < g_timer_names.size(); ++i) {
      const size_t k = (i * 7 + static_cast<size_t>(round) * 3) % g_timer_names.size();
      const NodeId owner = i % 3 == 0 ? kNoNode : (i % 3 == 1 ? a : b);
      const char* name = g_timer_names[k].data();
      c.sim.Schedule(Duration::Micros(static_cast<int64_t>(round * 1000 + i)), owner, [] {}, name);
      expected.push_back(owner == kNoNode ? std::string(name)
                                          : c.sim.node(owner).name() + ": " + std::string(name));
    }
  }
  c.sim.Schedule(1_s, a, [] {});  // unnamed: plumbing, no timer.fire
  c.sim.RunUntil(Time::Zero() + 2_s);
  CHECK(FireNarrations(log) == expected);
  CHECK(c.sim.trace().Count("timer.fire") == expected.size());
}

TEST_CASE("a handle cancels its own timer only, however often its slot is reused") {
  Simulation sim;
  int fired = 0;
  const TimerId first = sim.Schedule(1_ms, kNoNode, [&] { ++fired; });
  sim.RunUntil(Time::Zero() + 2_ms);
  CHECK(fired == 1);
  CHECK_FALSE(sim.Cancel(first));  // fired
  std::vector<TimerId> olds{first};
  for (int i = 0; i < 100; ++i) {
    // The freed slot is reused at once: the same slot, a new timer each time.
    const TimerId next = sim.Schedule(1_ms, kNoNode, [&] { ++fired; });
    REQUIRE(next.slot == first.slot);
    for (const TimerId& old : olds) CHECK_FALSE(sim.Cancel(old));
    if (i % 2 == 0) {
      CHECK(sim.Cancel(next));
      CHECK_FALSE(sim.Cancel(next));
    }
    olds.push_back(next);
    sim.RunUntil(sim.now() + 2_ms);
  }
  CHECK(fired == 1 + 50);
}

TEST_CASE("a timer set after a restart fires; one set before it never does, even in a reused slot") {
  Cluster c;
  const NodeId a = c.Add("broker-0");
  std::vector<std::string> fired;
  c.sim.Schedule(5_s, a, [&] { fired.push_back("before crash"); });
  c.sim.Schedule(5_s, kNoNode, [&] { fired.push_back("no owner"); });
  c.sim.RunUntil(Time::Zero() + 1_s);
  c.sim.Crash(a);
  c.sim.Restart(a);
  c.sim.Schedule(1_s, a, [&] { fired.push_back("after restart"); });
  c.sim.RunUntil(Time::Zero() + 3_s);
  // Twice more: the incarnation that set a timer must be the one that is running.
  c.sim.Crash(a);
  c.sim.Restart(a);
  c.sim.Schedule(1_s, a, [&] { fired.push_back("second restart"); });
  c.sim.RunUntil(Time::Zero() + 10_s);
  CHECK(fired == std::vector<std::string>{"after restart", "second restart", "no owner"});
}

TEST_CASE("a timer of a stopped node does not fire; one set once it runs again does") {
  Cluster c;
  const NodeId a = c.Add("zookeeper-0");
  const NodeId b = c.Add("broker-0");
  int fired_a = 0, fired_b = 0;
  c.sim.Schedule(2_s, a, [&] { ++fired_a; });
  c.sim.Schedule(2_s, b, [&] { ++fired_b; });
  c.sim.Stop(a);
  c.sim.RunUntil(Time::Zero() + 3_s);
  CHECK(fired_a == 0);
  CHECK(fired_b == 1);
  c.sim.Restart(a);
  c.sim.Schedule(1_s, a, [&] { ++fired_a; });
  c.sim.RunUntil(Time::Zero() + 5_s);
  CHECK(fired_a == 1);
}
