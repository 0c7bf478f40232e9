#pragma once
// A small language for kernel tests: nodes that ping each other and log what they receive.

#include <memory>
#include <string>
#include <vector>

#include "sim/core/simulation.h"

namespace kafkasim::testing {

struct Ping : Message {
  explicit Ping(int n) : n(n) {}
  std::string_view Type() const override { return "Ping"; }
  std::string Label() const override { return "Ping #" + std::to_string(n); }
  int n;
};

struct Received {
  std::string at;
  std::string from;
  int n;
  Time time;
  bool operator==(const Received&) const = default;
};

// A process that records every Ping it receives into a log shared by the test.
class Recorder : public Process {
 public:
  Recorder(Simulation& sim, NodeId self, std::vector<Received>& log) : sim_(sim), self_(self), log_(log) {}
  void OnMessage(const Envelope& e) override {
    log_.push_back({sim_.node(self_).name(), sim_.node(e.from).name(), e.As<Ping>()->n, sim_.now()});
  }

 private:
  Simulation& sim_;
  NodeId self_;
  std::vector<Received>& log_;
};

class Cluster {
 public:
  explicit Cluster(SimulationOptions options = {}) : sim(options) {}

  NodeId Add(const std::string& name) {
    const NodeId id(static_cast<uint32_t>(sim.nodes().size()));
    sim.AddNode(name, "test", [this, id] { return std::make_unique<Recorder>(sim, id, received); });
    sim.Start(id);
    return id;
  }
  NodeId Id(const std::string& name) { return sim.FindNode(name)->id(); }
  void Send(const std::string& from, const std::string& to, int n) {
    sim.network().Send<Ping>(Id(from), Id(to), n);
  }
  std::vector<int> NumbersReceivedBy(const std::string& name) const {
    std::vector<int> out;
    for (const Received& r : received) {
      if (r.at == name) out.push_back(r.n);
    }
    return out;
  }

  Simulation sim;
  std::vector<Received> received;
};

// Keeps every trace event, for tests that look at what was narrated.
class TraceLog : public TraceSink {
 public:
  void OnEvent(const TraceEvent& e) override { events.push_back(e); }
  std::vector<const TraceEvent*> OfKind(const std::string& kind) const {
    std::vector<const TraceEvent*> out;
    for (const TraceEvent& e : events) {
      if (e.kind == kind) out.push_back(&e);
    }
    return out;
  }
  std::vector<TraceEvent> events;
};

}  // namespace kafkasim::testing
