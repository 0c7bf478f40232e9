#include "sim/core/network.h"

#include <catch2/catch.hpp>

#include "sim/core/simulation.h"
#include "tests/core/sim_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using namespace kafkasim::time_literals;

namespace {

SimulationOptions FixedLatency(Duration latency) {
  return SimulationOptions{.seed = 1, .link = LinkOptions{.latency = latency, .jitter = Duration()}};
}

}  // namespace

TEST_CASE("a message arrives after the link's latency") {
  Cluster c(FixedLatency(3_ms));
  c.Add("a");
  c.Add("b");
  c.Send("a", "b", 1);
  c.sim.RunUntil(Time::Zero() + 1_s);
  REQUIRE(c.received.size() == 1);
  CHECK(c.received[0].time == Time::Zero() + 3_ms);
}

TEST_CASE("jitter spreads transit times over [latency, latency + jitter]") {
  Cluster c(SimulationOptions{.seed = 5, .link = LinkOptions{.latency = 1_ms, .jitter = 5_ms}});
  c.Add("a");
  c.Add("b");
  std::set<int64_t> transit;
  for (int i = 0; i < 100; ++i) {
    const Time sent = c.sim.now();
    c.Send("a", "b", i);
    c.sim.RunUntil(sent + 10_ms);
    const Duration d = c.received.back().time - sent;
    REQUIRE(d >= 1_ms);
    REQUIRE(d <= 6_ms);
    transit.insert(d.micros());
  }
  CHECK(transit.size() > 80);
}

TEST_CASE("a link never reorders, whatever the jitter drew (TCP is FIFO)") {
  Cluster c(SimulationOptions{.seed = 5, .link = LinkOptions{.latency = 1_ms, .jitter = 5_ms}});
  c.Add("a");
  c.Add("b");
  for (int i = 0; i < 200; ++i) {
    c.Send("a", "b", i);
    c.sim.RunUntil(c.sim.now() + 100_us);
  }
  c.sim.RunUntil(Time::Zero() + 1_s);
  std::vector<int> want(200);
  for (int i = 0; i < 200; ++i) want[i] = i;
  CHECK(c.NumbersReceivedBy("b") == want);
}

TEST_CASE("an egress delay slows what the node sends, not what it receives") {
  Cluster c(FixedLatency(1_ms));
  const NodeId a = c.Add("a");
  c.Add("b");
  c.sim.network().SetEgressDelay(a, 200_ms);
  c.Send("a", "b", 1);
  c.Send("b", "a", 2);
  c.sim.RunUntil(Time::Zero() + 1_s);
  REQUIRE(c.received.size() == 2);
  CHECK(c.received[0].at == "a");
  CHECK(c.received[0].time == Time::Zero() + 1_ms);
  CHECK(c.received[1].at == "b");
  CHECK(c.received[1].time == Time::Zero() + 201_ms);
}

TEST_CASE("loss drops about the configured share, each drop traced with its reason") {
  Cluster c(FixedLatency(1_ms));
  TraceLog log;
  c.sim.trace().AddSink(&log);
  const NodeId a = c.Add("a");
  c.Add("b");
  c.sim.network().SetEgressLoss(a, 0.1);
  for (int i = 0; i < 2000; ++i) c.Send("a", "b", i);
  c.sim.RunUntil(Time::Zero() + 1_s);
  const size_t delivered = c.NumbersReceivedBy("b").size();
  CHECK(delivered > 1700);
  CHECK(delivered < 1900);
  const auto drops = log.OfKind("net.drop");
  CHECK(drops.size() == 2000 - delivered);
  CHECK(drops[0]->fields["reason"] == "lost on the way");
}

TEST_CASE("a split cuts traffic between groups, also what is already on the wire") {
  Cluster c(FixedLatency(10_ms));
  TraceLog log;
  c.sim.trace().AddSink(&log);
  const NodeId a = c.Add("broker-0"), b = c.Add("broker-1"), z = c.Add("zookeeper-0");
  c.Add("producer");  // named in no group: unaffected
  c.Send("broker-0", "broker-1", 1);  // in flight when the split happens
  c.sim.RunUntil(Time::Zero() + 5_ms);
  c.sim.network().Split({{a, z}, {b}});
  c.Send("broker-0", "zookeeper-0", 2);
  c.Send("broker-1", "broker-0", 3);
  c.Send("producer", "broker-1", 4);
  c.Send("broker-0", "producer", 5);
  c.sim.RunUntil(Time::Zero() + 1_s);
  CHECK(c.NumbersReceivedBy("broker-1") == std::vector<int>{4});
  CHECK(c.NumbersReceivedBy("broker-0").empty());
  CHECK(c.NumbersReceivedBy("zookeeper-0") == std::vector<int>{2});
  CHECK(c.NumbersReceivedBy("producer") == std::vector<int>{5});
  const auto drops = log.OfKind("net.drop");
  REQUIRE(drops.size() == 2);
  CHECK(drops[0]->narration ==
        "Ping #1 from broker-0 to broker-1 dropped: broker-0 and broker-1 are on different sides "
        "of a network split");

  c.sim.network().Heal();
  c.Send("broker-1", "broker-0", 6);
  c.sim.RunUntil(Time::Zero() + 2_s);
  CHECK(c.NumbersReceivedBy("broker-0") == std::vector<int>{6});
}

TEST_CASE("a one-way block drops one direction only") {
  Cluster c(FixedLatency(1_ms));
  const NodeId a = c.Add("a"), b = c.Add("b");
  c.sim.network().Block(a, b);
  c.Send("a", "b", 1);
  c.Send("b", "a", 2);
  c.sim.RunUntil(Time::Zero() + 1_s);
  CHECK(c.NumbersReceivedBy("b").empty());
  CHECK(c.NumbersReceivedBy("a") == std::vector<int>{2});
}

TEST_CASE("a message to a crashed node is dropped on arrival") {
  Cluster c(FixedLatency(10_ms));
  TraceLog log;
  c.sim.trace().AddSink(&log);
  c.Add("a");
  const NodeId b = c.Add("b");
  c.Send("a", "b", 1);
  c.sim.Crash(b);
  c.sim.RunUntil(Time::Zero() + 1_s);
  CHECK(c.received.empty());
  const auto drops = log.OfKind("net.drop");
  REQUIRE(drops.size() == 1);
  CHECK(drops[0]->fields["reason"] == "b is crashed: nobody is listening");
}

TEST_CASE("bandwidth serialises messages on a link") {
  struct Big : Message {
    std::string_view Type() const override { return "Big"; }
    int64_t SizeBytes() const override { return 1000; }
  };
  Simulation sim(FixedLatency(1_ms));
  std::vector<Time> arrivals;
  struct Sink : Process {
    Simulation* sim;
    std::vector<Time>* arrivals;
    void OnMessage(const Envelope&) override { arrivals->push_back(sim->now()); }
  };
  auto sink = [&] {
    auto p = std::make_unique<Sink>();
    p->sim = &sim;
    p->arrivals = &arrivals;
    return p;
  };
  const NodeId a = sim.AddNode("a", "test", sink), b = sim.AddNode("b", "test", sink);
  sim.Start(a);
  sim.Start(b);
  sim.network().SetLink(a, b, LinkOptions{.latency = 1_ms, .jitter = Duration(), .bandwidth_bps = 1000'000});
  for (int i = 0; i < 3; ++i) sim.network().Send<Big>(a, b);
  sim.RunUntil(Time::Zero() + 1_s);
  // 1000 bytes at 1 MB/s take 1 ms each to transmit, then 1 ms to travel.
  CHECK(arrivals == std::vector<Time>{Time::Zero() + 2_ms, Time::Zero() + 3_ms, Time::Zero() + 4_ms});
}
