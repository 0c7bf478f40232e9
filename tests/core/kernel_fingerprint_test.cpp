// The kernel's trace fingerprint: a busy random workload of 40 nodes (messages with jitter and
// loss, named, unnamed and zero-delay timers, cancels, crashes, stops, restarts, splits, egress
// delays, idle jumps of seconds) with every trace event written out in full and hashed. The
// golden values come from the kernel before the event queue, link clock and timer slot were
// reworked for speed: a change meant to change nothing must keep them (OMNeT++ checks its
// fingerprints the same way). A change that means to alter the kernel's behaviour updates them
// and says why.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "sim/core/simulation.h"

using namespace kafkasim;

namespace {

constexpr int kFingerprintNodes = 40;

struct FingerprintHop : Message {
  explicit FingerprintHop(int n) : n(n) {}
  std::string_view Type() const override { return "Hop"; }
  std::string Label() const override { return "Hop #" + std::to_string(n); }
  int n;
};

class FingerprintNode : public Process {
 public:
  FingerprintNode(Simulation& sim, NodeId self, int nodes) : sim_(sim), self_(self), nodes_(nodes) {}
  void OnStart() override {
    for (int i = 0; i < 3; ++i) Forward(i);
    timers_.push_back(sim_.Schedule(Duration::Micros(500), self_, [this] { Tick(); }, "tick"));
  }
  void OnMessage(const Envelope& e) override {
    Random& r = sim_.node(self_).random();
    const int n = e.As<FingerprintHop>()->n;
    switch (r.Below(6)) {
      case 0:
        timers_.push_back(sim_.Schedule(Duration::Micros(static_cast<int64_t>(r.Below(3000))), self_,
                                        [this, n] { Forward(n + 1); }, "purgatory"));
        break;
      case 1:
        timers_.push_back(sim_.Schedule(Duration(), self_, [this, n] { Forward(n + 2); }));
        break;
      case 2:
        if (!timers_.empty()) sim_.Cancel(timers_[r.Below(timers_.size())]);
        Forward(n + 3);
        break;
      case 3:
        Forward(n + 4);
        Forward(n + 5);
        break;
      default:
        Forward(n + 6);
    }
    if (timers_.size() > 64) timers_.erase(timers_.begin(), timers_.begin() + 32);
  }

 private:
  void Forward(int n) {
    Random& r = sim_.node(self_).random();
    const NodeId to(static_cast<uint32_t>(r.Below(static_cast<uint64_t>(nodes_))));
    if (to == self_ || n > 2'000'000) return;
    sim_.network().Send<FingerprintHop>(self_, to, n);
  }
  void Tick() {
    timers_.push_back(sim_.Schedule(Duration::Micros(2000), self_, [this] { Tick(); }, "tick"));
  }
  Simulation& sim_;
  NodeId self_;
  int nodes_;
  std::vector<TimerId> timers_;
};

// FNV-1a over every event as a line: sequence, time, kind, node, peer, cause, rule, fields,
// narration.
class FingerprintSink : public TraceSink {
 public:
  void OnEvent(const TraceEvent& e) override {
    const std::string line = fmt::format("{} {} {} {} {} {} {} {} {}\n", e.seq, e.time.micros(), e.kind, e.node,
                                         e.peer, e.cause, e.rule, e.fields.dump(), e.narration);
    for (const char c : line) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 0x100000001b3ULL;
    }
    bytes += line.size();
  }
  uint64_t hash = 0xcbf29ce484222325ULL;
  uint64_t bytes = 0;
};

struct Fingerprint {
  uint64_t hash;
  uint64_t bytes;
  uint64_t events;
};

Fingerprint RunFingerprintWorkload(uint64_t seed) {
  Simulation sim(SimulationOptions{.seed = seed, .link = LinkOptions{.latency = Duration::Micros(300),
                                                                     .jitter = Duration::Micros(4000),
                                                                     .loss = 0.02}});
  FingerprintSink sink;
  sim.trace().AddSink(&sink);
  for (int i = 0; i < kFingerprintNodes; ++i) {
    sim.AddNode("n" + std::to_string(i), "test",
                [&sim, i] { return std::make_unique<FingerprintNode>(sim, NodeId(static_cast<uint32_t>(i)), kFingerprintNodes); });
  }
  for (int i = 0; i < kFingerprintNodes; ++i) sim.Start(NodeId(static_cast<uint32_t>(i)));
  Random chaos(seed, "chaos");
  for (int round = 0; round < 200; ++round) {
    sim.RunUntil(sim.now() + Duration::Micros(static_cast<int64_t>(chaos.Below(round % 50 == 49 ? 5'000'000 : 20'000))));
    const NodeId victim(static_cast<uint32_t>(chaos.Below(kFingerprintNodes)));
    switch (chaos.Below(8)) {
      case 0:
        if (sim.node(victim).running()) sim.Crash(victim);
        break;
      case 1:
        if (!sim.node(victim).running()) sim.Restart(victim);
        break;
      case 2:
        if (sim.node(victim).running()) sim.Stop(victim);
        break;
      case 3:
        sim.network().Split({{NodeId(0), NodeId(1), NodeId(2)}, {NodeId(3), NodeId(4)}});
        break;
      case 4:
        sim.network().Heal();
        break;
      case 5:
        sim.network().SetEgressDelay(victim, Duration::Micros(static_cast<int64_t>(chaos.Below(10'000))));
        break;
      case 6:
        sim.Schedule(Duration::Micros(static_cast<int64_t>(chaos.Below(100))), kNoNode, [] {}, "simulator");
        break;
      default:
        for (int i = 0; i < 3; ++i) {
          const NodeId d(static_cast<uint32_t>(chaos.Below(kFingerprintNodes)));
          if (!sim.node(d).running()) sim.Restart(d);
        }
    }
    if (sim.pending_events() > 200'000) break;
  }
  return Fingerprint{sink.hash, sink.bytes, sim.events_dispatched()};
}

}  // namespace

TEST_CASE("the kernel's trace fingerprint is unchanged") {
  const Fingerprint f = RunFingerprintWorkload(1);
  CHECK(f.events == 120290);
  CHECK(f.bytes == 20729583);
  CHECK(f.hash == 0xc3d1ad0c7ca5e84aULL);
}
