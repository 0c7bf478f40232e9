#include "sim/tools/ledger_part.h"

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/broker_disk.h"
#include "sim/broker/broker_part.h"
#include "sim/script/session.h"
#include "sim/storage/log_manager.h"

namespace kafkasim {

LedgerPart::LedgerPart(Session& session) : session_(session) { session_.trace().AddSink(this); }

LedgerPart::~LedgerPart() { session_.trace().RemoveSink(this); }

void LedgerPart::OnEvent(const TraceEvent& event) {
  if (event.kind == "topic.deleted") return ledger_.OnTopicDeleted(event.fields["topic"].get<std::string>());
  if (event.kind != "replica.leader" || !event.fields.contains("log_end_offset")) return;
  const TopicPartition tp{event.fields["topic"].get<std::string>(), event.fields["partition"].get<int32_t>()};
  const LedgerLoss loss = ledger_.OnLeaderElected(tp, event.fields["log_end_offset"].get<int64_t>());
  if (loss.records == 0) return;
  std::string why;
  if (loss.acked_by_leader_only == loss.records) {
    why = "they were acknowledged with acks=1 — by the old leader alone, before any follower had copied them — and "
          "the new leader never received them";
  } else if (loss.acked_by_leader_only == 0) {
    why = "they were acknowledged with acks=all, by every member of the ISR at the time: the new leader was not one "
          "of them (an unclean leader election), or the ISR had shrunk to the old leader alone, which "
          "min.insync.replicas=1 allows";
  } else {
    why = fmt::format("{} of them were acknowledged with acks=1 by the old leader alone; the others with acks=all by "
                      "an ISR the new leader was not part of",
                      loss.acked_by_leader_only);
  }
  // Emitted from inside the election's event: its cause is that event.
  session_.trace().Emit(TraceEvent{
      .time = event.time, .kind = "ledger.lost", .node = event.node, .cause = event.seq,
      .rule = loss.acked_by_leader_only > 0 ? "acks=1" : "unclean.leader.election.enable=true",
      .fields = {{"topic", tp.topic}, {"partition", tp.partition}, {"records", loss.records},
                 {"first_offset", loss.first_offset}, {"last_offset", loss.last_offset}},
      .narration = fmt::format("{} acknowledged record(s) of {} at offsets {}-{} are lost: {} leads from log end "
                               "offset {}, and {}",
                               loss.records, ToString(tp), loss.first_offset, loss.last_offset, event.node,
                               event.fields["log_end_offset"].get<int64_t>(), why)});
}

LedgerCounts LedgerPart::Audit() {
  Ledger::Audit audit(ledger_);
  Feed(audit);
  return audit.Finish();
}

void LedgerPart::Feed(Ledger::Audit& audit) {
  BrokerPart& brokers = session_.part<BrokerPart>();
  struct Source {
    const Log* log = nullptr;
    bool leader = false;
    int32_t leader_epoch = -1;
  };
  std::map<TopicPartition, Source> sources;
  for (const auto& [id, node] : brokers.brokers()) {
    const BrokerDisk* disk = brokers.Disk(id);
    if (disk == nullptr || !disk->logs) continue;
    const Broker* running = brokers.Running(id);
    for (const Log* log : disk->logs->logs()) {
      const TopicPartition tp{log->topic(), log->partition()};
      Source candidate{.log = log};
      if (running != nullptr) {
        if (const Partition* p = running->replicas().Find(tp); p != nullptr && p->is_leader()) {
          candidate.leader = true;
          candidate.leader_epoch = p->state().leader_epoch;
        }
      }
      Source& best = sources[tp];
      const bool better = best.log == nullptr || (candidate.leader && !best.leader) ||
                          (candidate.leader && best.leader && candidate.leader_epoch > best.leader_epoch) ||
                          (!candidate.leader && !best.leader && log->log_end_offset() > best.log->log_end_offset());
      if (better) best = candidate;
    }
  }
  for (const auto& [tp, source] : sources) {
    for (const auto& segment : source.log->segments()) {
      for (size_t i = 0; i < segment->batch_count(); ++i) {
        for (const RecordView& record : segment->batch(i).view()) {
          if (!record.value) continue;
          std::optional<std::string_view> key;
          if (record.key) key = AsString(*record.key);
          audit.Record(tp, key, AsString(*record.value));
        }
      }
    }
  }
}

}  // namespace kafkasim
