#pragma once
// A state change of the system being simulated — a controller elected, a partition's ISR
// shrunk, a segment deleted — as a trace event. It happens at a node, is caused by the event
// being handled, and becomes the cause of what the handler does next (the LeaderAndIsr requests
// an election sends name the election), so "why?" walks from effect to rule.

#include <string>

#include <nlohmann/json.hpp>

#include "sim/core/simulation.h"

namespace kafkasim {

struct DomainEvent {
  std::string kind;       // "partition.leader_change"
  std::string narration;  // one line a student understands
  std::string rule;       // the setting or rule behind it: "unclean.leader.election.enable=false"
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  std::string peer;
};

inline TraceSeq EmitDomainEvent(Simulation& sim, NodeId node, DomainEvent event) {
  Trace& trace = sim.trace();
  TraceSeq seq;
  if (!trace.enabled()) {
    seq = trace.Skip();
  } else {
    seq = trace.Emit(TraceEvent{.time = sim.now(), .kind = std::move(event.kind),
                                .node = node == kNoNode ? std::string() : sim.node(node).name(),
                                .peer = std::move(event.peer), .rule = std::move(event.rule),
                                .fields = std::move(event.fields), .narration = std::move(event.narration)});
  }
  trace.set_context(seq);
  return seq;
}

}  // namespace kafkasim
