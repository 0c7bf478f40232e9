// Same seed, same calls ⇒ byte-identical trace. Different seed ⇒ different jitter.

#include <catch2/catch.hpp>

#include <sstream>

#include "sim/core/simulation.h"
#include "tests/core/sim_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using namespace kafkasim::time_literals;

namespace {

// A gossiping cluster: each node forwards what it receives to a node it picks at random, with
// loss, a split and a crash along the way. Returns the whole trace as JSON Lines.
std::string GossipTrace(uint64_t seed) {
  struct Gossip : Process {
    Simulation* sim;
    NodeId self;
    void OnMessage(const Envelope& e) override {
      const int n = e.As<Ping>()->n;
      if (n > 400) return;
      const auto peers = sim->nodes().size();
      const NodeId to(static_cast<uint32_t>(sim->node(self).random().Below(peers)));
      if (to != self) sim->network().Send<Ping>(self, to, n + 1);
      sim->Schedule(Duration::Micros(static_cast<int64_t>(sim->node(self).random().Below(5000))), self,
                    [s = sim, me = self, n] { s->network().Send<Ping>(me, NodeId(0), n + 1000); },
                    "gossip timer");
    }
  };
  Simulation sim(SimulationOptions{.seed = seed, .link = LinkOptions{.latency = 1_ms, .jitter = 3_ms,
                                                                     .loss = 0.02}});
  std::ostringstream out;
  struct Json : TraceSink {
    std::ostringstream* out;
    void OnEvent(const TraceEvent& e) override { *out << ToJson(e).dump() << '\n'; }
  } sink;
  sink.out = &out;
  sim.trace().AddSink(&sink);
  for (uint32_t i = 0; i < 8; ++i) {
    sim.AddNode("node-" + std::to_string(i), "test", [&sim, i] {
      auto g = std::make_unique<Gossip>();
      g->sim = &sim;
      g->self = NodeId(i);
      return g;
    });
    sim.Start(NodeId(i));
  }
  for (uint32_t i = 1; i < 8; ++i) sim.network().Send<Ping>(NodeId(i), NodeId(0), 0);
  sim.RunUntil(Time::Zero() + 20_ms);
  sim.network().Split({{NodeId(0), NodeId(1)}, {NodeId(2), NodeId(3)}});
  sim.RunUntil(Time::Zero() + 40_ms);
  sim.Crash(NodeId(3));
  sim.network().Heal();
  sim.RunUntil(Time::Zero() + 60_ms);
  sim.Restart(NodeId(3));
  sim.RunUntil(Time::Zero() + 200_ms);
  return out.str();
}

}  // namespace

TEST_CASE("the same seed gives a byte-identical trace") {
  const std::string first = GossipTrace(7);
  const std::string second = GossipTrace(7);
  REQUIRE(first.size() > 10000);  // the workload really did something
  CHECK(first == second);
}

TEST_CASE("a different seed gives different jitter") {
  CHECK(GossipTrace(7) != GossipTrace(8));
}
