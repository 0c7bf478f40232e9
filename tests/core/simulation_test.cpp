#include "sim/core/simulation.h"

#include <memory>

#include <catch2/catch.hpp>

#include "tests/core/sim_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using namespace kafkasim::time_literals;

TEST_CASE("timers fire at their time, in the order they were set when times tie") {
  Simulation sim;
  std::vector<std::string> fired;
  sim.Schedule(2_s, kNoNode, [&] { fired.push_back("b@2s"); });
  sim.Schedule(1_s, kNoNode, [&] { fired.push_back("a@1s"); });
  sim.Schedule(2_s, kNoNode, [&] { fired.push_back("c@2s"); });
  sim.RunUntil(Time::Zero() + 1_s);
  CHECK(fired == std::vector<std::string>{"a@1s"});
  CHECK(sim.now() == Time::Zero() + 1_s);
  sim.RunUntil(Time::Zero() + 10_s);
  CHECK(fired == std::vector<std::string>{"a@1s", "b@2s", "c@2s"});
  CHECK(sim.now() == Time::Zero() + 10_s);
}

TEST_CASE("a cancelled timer never fires, and a stale handle cancels nothing") {
  Simulation sim;
  int fired = 0;
  TimerId t = sim.Schedule(1_s, kNoNode, [&] { ++fired; });
  CHECK(sim.Cancel(t));
  CHECK_FALSE(sim.Cancel(t));
  sim.RunUntil(Time::Zero() + 2_s);
  CHECK(fired == 0);
  // The slot is reused by a new timer; the old handle must not touch it.
  TimerId fresh = sim.Schedule(1_s, kNoNode, [&] { ++fired; });
  CHECK(fresh.slot == t.slot);
  CHECK_FALSE(sim.Cancel(t));
  sim.RunUntil(Time::Zero() + 5_s);
  CHECK(fired == 1);
}

TEST_CASE("a crash loses the node's pending timers, also after it restarts") {
  Cluster c;
  const NodeId a = c.Add("broker-0");
  int fired = 0;
  c.sim.Schedule(5_s, a, [&] { ++fired; });
  c.sim.RunUntil(Time::Zero() + 1_s);
  c.sim.Crash(a);
  CHECK(c.sim.node(a).state() == NodeState::kCrashed);
  c.sim.Restart(a);
  CHECK(c.sim.node(a).running());
  c.sim.RunUntil(Time::Zero() + 10_s);
  CHECK(fired == 0);
}

TEST_CASE("a crash destroys the process: volatile state does not survive a restart") {
  Simulation sim;
  int built = 0;
  struct Counter : Process {
    int messages = 0;
    void OnMessage(const Envelope&) override { ++messages; }
  };
  Counter* current = nullptr;
  const NodeId n = sim.AddNode("broker-0", "broker", [&] {
    ++built;
    auto p = std::make_unique<Counter>();
    current = p.get();
    return p;
  });
  sim.Start(n);
  current->messages = 7;
  sim.Crash(n);
  CHECK(sim.node(n).process() == nullptr);
  sim.Restart(n);
  CHECK(built == 2);
  CHECK(current->messages == 0);
}

TEST_CASE("causes chain: a delivery names its send, and what its handler does names the delivery") {
  Cluster c;
  TraceLog log;
  c.sim.trace().AddSink(&log);
  c.Add("a");
  c.Add("b");
  c.Send("a", "b", 1);
  c.sim.RunUntil(Time::Zero() + 1_s);
  const auto sends = log.OfKind("net.send");
  const auto delivers = log.OfKind("net.deliver");
  REQUIRE(sends.size() == 1);
  REQUIRE(delivers.size() == 1);
  CHECK(delivers[0]->cause == sends[0]->seq);
  CHECK(delivers[0]->node == "b");
  CHECK(delivers[0]->peer == "a");
  CHECK(delivers[0]->narration == "b received Ping #1 from a");
}

TEST_CASE("a timer's fire names what set it as its cause") {
  Simulation sim;
  TraceLog log;
  sim.trace().AddSink(&log);
  const NodeId n = sim.AddNode("zookeeper-0", "zookeeper", [] {
    struct Idle : Process {
      void OnMessage(const Envelope&) override {}
    };
    return std::make_unique<Idle>();
  });
  sim.Start(n);
  const TraceSeq start = log.events.back().seq;
  sim.trace().set_context(start);
  sim.Schedule(2_s, n, [] {}, "session ping");
  sim.RunUntil(Time::Zero() + 3_s);
  const auto fires = log.OfKind("timer.fire");
  REQUIRE(fires.size() == 1);
  CHECK(fires[0]->cause == start);
  CHECK(fires[0]->narration == "zookeeper-0: session ping");
  CHECK(fires[0]->time == Time::Zero() + 2_s);
}

TEST_CASE("sequence numbers do not depend on whether anyone listens") {
  auto run = [](bool traced) {
    Cluster c;
    TraceLog log;
    if (traced) c.sim.trace().AddSink(&log);
    c.Add("a");
    c.Add("b");
    for (int i = 0; i < 5; ++i) c.Send("a", "b", i);
    c.sim.RunUntil(Time::Zero() + 1_s);
    return c.sim.trace().last_seq();
  };
  CHECK(run(true) == run(false));
  CHECK(run(true) == 2 + 5 + 5);  // two starts, five sends, five deliveries
}

TEST_CASE("after running to a time, a timer can be set before the next pending event") {
  Simulation sim;
  std::vector<std::string> fired;
  sim.Schedule(10_s, kNoNode, [&] { fired.push_back("late"); });
  sim.RunUntil(Time::Zero() + 1_s);  // peeks at the 10 s event without running it
  sim.Schedule(1_s, kNoNode, [&] { fired.push_back("early"); });
  sim.RunUntil(Time::Zero() + 20_s);
  CHECK(fired == std::vector<std::string>{"early", "late"});
}

TEST_CASE("a timer that sets many timers while it runs, and cancels its own handle, fires once") {
  // The callback runs in its slot; the slots it sets outgrow the storage there was.
  Simulation sim;
  int fired = 0, children = 0;
  TimerId self;
  self = sim.Schedule(1_ms, kNoNode, [&] {
    ++fired;
    CHECK_FALSE(sim.Cancel(self));  // already firing: nothing to cancel
    for (int i = 0; i < 2000; ++i) sim.Schedule(Duration::Micros(i), kNoNode, [&children] { ++children; });
  });
  sim.RunUntil(Time::Zero() + 1_s);
  CHECK(fired == 1);
  CHECK(children == 2000);
}

TEST_CASE("cancelling a timer releases what its callback captured at once") {
  Simulation sim;
  auto token = std::make_shared<int>(1);
  const TimerId id = sim.Schedule(1_s, kNoNode, [token] {});
  CHECK(token.use_count() == 2);
  CHECK(sim.Cancel(id));
  CHECK(token.use_count() == 1);
  sim.RunUntil(Time::Zero() + 2_s);
}

TEST_CASE("a node counts the events it handled: messages delivered to it and its timers, nothing else") {
  Cluster c;
  const NodeId a = c.Add("a");
  const NodeId b = c.Add("b");
  c.Send("a", "b", 1);
  c.Send("a", "b", 2);
  c.sim.Schedule(1_s, b, [] {});
  c.sim.Schedule(1_s, kNoNode, [] {});  // nobody's
  c.sim.RunUntil(Time::Zero() + 2_s);
  CHECK(c.sim.node(a).events_handled() == 0);  // sending is not handling
  CHECK(c.sim.node(b).events_handled() == 3);

  // A message to a crashed node, and a timer it set before crashing, are not handled.
  c.sim.Schedule(1_s, b, [] {});
  c.sim.Crash(b);
  c.Send("a", "b", 3);
  c.sim.RunUntil(Time::Zero() + 4_s);
  CHECK(c.sim.node(b).events_handled() == 3);
}
