#pragma once
// A state change of the system being simulated — a controller elected, a partition's ISR
// shrunk, a segment deleted — as a trace event. It happens at a node, is caused by the event
// being handled, and becomes the cause of what the handler does next (the LeaderAndIsr requests
// an election sends name the election), so "why?" walks from effect to rule.

#include <cassert>
#include <string>
#include <string_view>
#include <type_traits>

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
  const TraceKind kind = trace.Kind(event.kind);
  TraceSeq seq;
  if (!trace.Wants(kind)) {
    seq = trace.Skip(kind);
  } else {
    seq = trace.Emit(kind, TraceEvent{.time = sim.now(), .kind = std::move(event.kind),
                                      .node = node == kNoNode ? std::string() : sim.node(node).name(),
                                      .peer = std::move(event.peer), .rule = std::move(event.rule),
                                      .fields = std::move(event.fields), .narration = std::move(event.narration)});
  }
  trace.set_context(seq);
  return seq;
}

// The lazy form, for events emitted often (a record sent, a batch acknowledged): `build()`
// returns the DomainEvent without its kind, and runs only when a sink wants `kind`, so a run
// nobody watches never formats the narration. `build` must have no other effect.
template <typename Build>
  requires std::is_invocable_r_v<DomainEvent, Build>
TraceSeq EmitDomainEvent(Simulation& sim, NodeId node, std::string_view kind, Build&& build) {
  Trace& trace = sim.trace();
  const TraceKind id = trace.Kind(kind);
  if (!trace.Wants(id)) {
    const TraceSeq seq = trace.Skip(id);
    trace.set_context(seq);
    return seq;
  }
  DomainEvent event = std::forward<Build>(build)();
  assert(event.kind.empty() || event.kind == kind);
  event.kind = std::string(kind);
  return EmitDomainEvent(sim, node, std::move(event));
}

}  // namespace kafkasim
