#pragma once
// The session's ledger (sim/ledger/ledger.h) and what feeds it from the running system. Kept as
// Session::part<LedgerPart>(), created by the first `producer start`: before that there is
// nothing to account for, and a session without it keeps its trace off when nobody listens.
//
//  - It listens to the trace for `replica.leader` events: a broker leading a partition from a log
//    end offset below offsets the ledger saw acknowledged means those records are gone, and it
//    narrates why (`ledger.lost`). Only the narration depends on the trace.
//  - Audit() reads every partition's stored records — the log of its current leader, up to its
//    log end offset; for a partition without a live leader, the longest log on any broker's
//    disk — and asks the ledger what is stored, lost, duplicated and out of order.

#include "sim/core/trace.h"
#include "sim/ledger/ledger.h"

namespace kafkasim {

class Session;

class LedgerPart : public TraceSink {
 public:
  explicit LedgerPart(Session& session);
  ~LedgerPart() override;

  Ledger& ledger() { return ledger_; }
  LedgerCounts Audit();
  // Hands every stored record to `audit`.
  void Feed(Ledger::Audit& audit);

  // It listens for leader elections, to narrate the records a new leader never had, and for
  // completed topic deletions, whose records no election loses afterwards.
  bool Wants(std::string_view kind) const override { return kind == "replica.leader" || kind == "topic.deleted"; }
  void OnEvent(const TraceEvent& event) override;

 private:
  Session& session_;
  Ledger ledger_;
};

}  // namespace kafkasim
