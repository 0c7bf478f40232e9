// Messages on the wire: every one ends in exactly one delivery or drop, the kernel owns them
// until then, and the network's per-link state follows nodes added later.

#include <catch2/catch.hpp>

#include <array>
#include <map>
#include <string>
#include <vector>

#include "sim/core/simulation.h"
#include "tests/core/sim_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using namespace kafkasim::time_literals;

namespace {

// Counts how many exist, to see that the kernel releases every message exactly once.
struct Counted : Message {
  explicit Counted(int& alive) : alive(alive) { ++alive; }
  ~Counted() override { --alive; }
  std::string_view Type() const override { return "Counted"; }
  int& alive;
};

// Bigger than any block of the message pool: it comes from the general heap.
struct Bulky : Message {
  explicit Bulky(int n) : n(n) { payload.fill(static_cast<char>(n)); }
  std::string_view Type() const override { return "Bulky"; }
  int n;
  std::array<char, 4096> payload;
};

}  // namespace

TEST_CASE("every message ends in exactly one delivery or drop, naming its send as the cause") {
  Cluster c(SimulationOptions{.seed = 5, .link = LinkOptions{.latency = 1_ms, .jitter = 4_ms, .loss = 0.05}});
  TraceLog log;
  c.sim.trace().AddSink(&log);
  for (const char* name : {"a", "b", "c", "d"}) c.Add(name);
  int n = 0;
  for (int round = 0; round < 50; ++round) {
    for (const char* from : {"a", "b", "c", "d"}) {
      if (!c.sim.node(c.Id(from)).running()) continue;  // only a running process sends
      for (const char* to : {"a", "b", "c", "d"}) c.Send(from, to, n++);
    }
    if (round == 10) c.sim.network().Split({{c.Id("a"), c.Id("b")}, {c.Id("c")}});
    if (round == 20) c.sim.Crash(c.Id("d"));
    if (round == 30) c.sim.network().Heal();
    c.sim.RunUntil(c.sim.now() + 1_ms);
  }
  c.sim.RunUntil(c.sim.now() + 1_s);
  CHECK(c.sim.network().in_flight() == 0);

  std::map<TraceSeq, int64_t> sent;  // send seq -> message id
  for (const TraceEvent* e : log.OfKind("net.send")) sent[e->seq] = e->fields["msg"].get<int64_t>();
  std::map<TraceSeq, int> ends;
  std::map<std::string, int> kinds;
  for (const TraceEvent& e : log.events) {
    if (e.kind != "net.deliver" && e.kind != "net.drop") continue;
    ++kinds[e.kind];
    REQUIRE(sent.contains(e.cause));
    CHECK(e.fields["msg"].get<int64_t>() == sent[e.cause]);
    ++ends[e.cause];
  }
  CHECK(sent.size() == static_cast<size_t>(n));
  CHECK(ends.size() == sent.size());
  for (const auto& [seq, count] : ends) CHECK(count == 1);
  // The workload really produced both outcomes, for each reason.
  CHECK(kinds["net.deliver"] > 300);
  CHECK(kinds["net.drop"] > 100);
}

TEST_CASE("messages still on the wire when the simulation ends are released") {
  int alive = 0;
  {
    Simulation sim;
    for (const char* name : {"a", "b"}) {
      sim.AddNode(name, "test", [] {
        struct Sink : Process {
          void OnMessage(const Envelope&) override {}
        };
        return std::make_unique<Sink>();
      });
    }
    sim.Start(NodeId(0));
    sim.Start(NodeId(1));
    for (int i = 0; i < 100; ++i) {
      sim.network().Send(NodeId(0), NodeId(1), std::make_unique<Counted>(alive));
      sim.Schedule(Duration::Micros(i), kNoNode, [] {});
    }
    sim.RunUntil(Time::Zero() + 100_us);  // timers ran; the messages are still travelling
    CHECK(alive == 100);
    CHECK(sim.network().in_flight() == 100);
  }
  CHECK(alive == 0);
}

TEST_CASE("a delivered or dropped message is released once it has been handled") {
  int alive = 0;
  Simulation sim(SimulationOptions{.link = LinkOptions{.latency = 1_ms, .jitter = Duration()}});
  for (const char* name : {"a", "b", "c"}) {
    sim.Start(sim.AddNode(name, "test", [] {
      struct Sink : Process {
        void OnMessage(const Envelope&) override {}
      };
      return std::make_unique<Sink>();
    }));
  }
  sim.network().Send(NodeId(0), NodeId(1), std::make_unique<Counted>(alive));  // delivered
  sim.network().Send(NodeId(0), NodeId(2), std::make_unique<Counted>(alive));  // dropped
  sim.Crash(NodeId(2));
  CHECK(alive == 2);
  sim.RunUntil(Time::Zero() + 1_s);
  CHECK(alive == 0);
}

TEST_CASE("a message bigger than the pool's blocks travels like any other") {
  Cluster c(SimulationOptions{.link = LinkOptions{.latency = 1_ms, .jitter = Duration()}});
  struct BulkyReader : Process {
    std::vector<int>* seen;
    void OnMessage(const Envelope& e) override {
      const Bulky* m = e.As<Bulky>();
      REQUIRE(m != nullptr);
      CHECK(m->payload[4095] == static_cast<char>(m->n));
      seen->push_back(m->n);
    }
  };
  std::vector<int> seen;
  const NodeId a = c.Add("a");
  const NodeId r = c.sim.AddNode("reader", "test", [&seen] {
    auto p = std::make_unique<BulkyReader>();
    p->seen = &seen;
    return p;
  });
  c.sim.Start(r);
  for (int i = 0; i < 3; ++i) c.sim.network().Send<Bulky>(a, r, i);
  c.sim.RunUntil(Time::Zero() + 1_s);
  CHECK(seen == std::vector<int>{0, 1, 2});
}

TEST_CASE("a node added after others have sent gets FIFO links too") {
  Cluster c(SimulationOptions{.seed = 3, .link = LinkOptions{.latency = 1_ms, .jitter = 5_ms}});
  c.Add("a");
  c.Add("b");
  for (int i = 0; i < 20; ++i) c.Send("a", "b", i);
  c.Add("late");  // a's link table was sized before this node existed
  for (int i = 0; i < 20; ++i) c.Send("a", "late", i);
  c.sim.RunUntil(Time::Zero() + 1_s);
  std::vector<int> in_order(20);
  for (int i = 0; i < 20; ++i) in_order[i] = i;
  CHECK(c.NumbersReceivedBy("b") == in_order);
  CHECK(c.NumbersReceivedBy("late") == in_order);
}

TEST_CASE("the envelope carries the message's addressing and timing") {
  Simulation sim(SimulationOptions{.link = LinkOptions{.latency = 3_ms, .jitter = Duration()}});
  Envelope seen;
  MessageId id;
  struct Keep : Process {
    Envelope* seen;
    void OnMessage(const Envelope& e) override {
      seen->id = e.id;
      seen->from = e.from;
      seen->to = e.to;
      seen->sent_at = e.sent_at;
      seen->arrive_at = e.arrive_at;
    }
  };
  for (const char* name : {"a", "b"}) {
    sim.AddNode(name, "test", [&seen] {
      auto p = std::make_unique<Keep>();
      p->seen = &seen;
      return p;
    });
  }
  sim.Start(NodeId(0));
  sim.Start(NodeId(1));
  sim.RunUntil(Time::Zero() + 2_ms);
  id = sim.network().Send<Ping>(NodeId(1), NodeId(0), 1);
  sim.RunUntil(Time::Zero() + 1_s);
  CHECK(seen.id == id);
  CHECK(seen.from == NodeId(1));
  CHECK(seen.to == NodeId(0));
  CHECK(seen.sent_at == Time::Zero() + 2_ms);
  CHECK(seen.arrive_at == Time::Zero() + 5_ms);
}
