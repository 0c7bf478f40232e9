#pragma once
// An observation about the run — the ledger's verdicts: a record lost, stored out of order,
// processed twice — rather than a step of it. It is caused by what is being handled, like any
// domain event, but nothing the handler does next happens *because* of it: the trace's context
// stays on the handler's event, so "why?" of the next step does not pass through the verdict.

#include "sim/core/domain_event.h"

namespace kafkasim {

inline TraceSeq EmitObservation(Simulation& sim, NodeId node, DomainEvent event) {
  const TraceSeq context = sim.trace().context();
  const TraceSeq seq = EmitDomainEvent(sim, node, std::move(event));
  sim.trace().set_context(context);
  return seq;
}

}  // namespace kafkasim
