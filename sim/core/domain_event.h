#pragma once
// A state change of the system being simulated — a controller elected, a partition's ISR
// shrunk, a segment deleted — as a trace event. It happens at a node, is caused by the event
// being handled, and becomes the cause of what the handler does next (the LeaderAndIsr requests
// an election sends name the election), so "why?" walks from effect to rule.

#include <cassert>
#include <optional>
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
TraceSeq EmitDomainEvent(Simulation& sim, NodeId node, TraceKind kind, Build&& build) {
  Trace& trace = sim.trace();
  if (!trace.Wants(kind)) {
    const TraceSeq seq = trace.Skip(kind);
    trace.set_context(seq);
    return seq;
  }
  DomainEvent event = std::forward<Build>(build)();
  assert(event.kind.empty() || event.kind == trace.name(kind));
  event.kind = trace.name(kind);
  return EmitDomainEvent(sim, node, std::move(event));
}

template <typename Build>
  requires std::is_invocable_r_v<DomainEvent, Build>
TraceSeq EmitDomainEvent(Simulation& sim, NodeId node, std::string_view kind, Build&& build) {
  return EmitDomainEvent(sim, node, sim.trace().Kind(kind), std::forward<Build>(build));
}

// A kind an emitter emits once a record or a batch, interned by the simulation's trace on its
// first emission and remembered, so that each later one skips hashing the name. Interning on
// first use (not at construction) keeps the trace's kinds in the order they were first emitted.
class RecurringKind {
 public:
  explicit RecurringKind(std::string_view name) : name_(name) {}
  TraceKind Of(Trace& trace) {
    if (!kind_) kind_ = trace.Kind(name_);
    return *kind_;
  }

 private:
  std::string_view name_;  // a literal: it outlives the emitter
  std::optional<TraceKind> kind_;
};

template <typename Build>
  requires std::is_invocable_r_v<DomainEvent, Build>
TraceSeq EmitDomainEvent(Simulation& sim, NodeId node, RecurringKind& kind, Build&& build) {
  return EmitDomainEvent(sim, node, kind.Of(sim.trace()), std::forward<Build>(build));
}

}  // namespace kafkasim
