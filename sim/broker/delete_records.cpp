// DeleteRecords on a broker (KIP-107; Kafka 3.7's ReplicaManager.deleteRecords,
// Partition.deleteRecordsOnLeader and lowWatermarkIfLeader,
// DelayedDeleteRecords): the leader moves the partition's log start offset up
// at once — records below it can no longer be read, and the retention check
// deletes the segments wholly below it — and answers when every live replica's
// log start reached the offset. Followers learn the leader's log start from
// each fetch response (Partition::AppendFromLeader) and report theirs in their
// next fetch.

#include <cassert>

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/partition.h"
#include "sim/broker/replica_manager.h"

namespace kafkasim {

Partition::DeleteRecordsOutcome Partition::DeleteRecordsOnLeader(int64_t offset) {
  DeleteRecordsOutcome out;
  if (!is_leader_) {
    out.error = ErrorCode::kNotLeaderOrFollower;
    return out;
  }
  const auto refuse = [&](ErrorCode error, const std::string& why, std::string rule) {
    out.error = error;
    broker_.Emit(
        {.kind = "partition.delete_records_refused",
         .narration = fmt::format("{} refused to delete the records of {} before offset {}: {}", broker_.name(),
                                  ToString(tp_), offset, why),
         .rule = std::move(rule),
         .fields = {
             {"topic", tp_.topic}, {"partition", tp_.partition}, {"offset", offset}, {"error", ToString(error)}}});
    return out;
  };
  if (!log_.config().cleanup_delete) {
    return refuse(ErrorCode::kPolicyViolation,
                  fmt::format("Records of partition {} can not be deleted due "
                              "to the configured policy",
                              ToString(tp_)),
                  "DeleteRecords needs cleanup.policy to contain delete");
  }
  const Offset before = log_.log_start_offset();
  const Log::DeleteRecordsResult r = log_.DeleteRecordsBefore(Offset(offset), high_watermark_);
  if (r.error != LogError::kNone) {
    return refuse(ErrorCode::kOffsetOutOfRange, r.message,
                  "the log start offset never passes the high watermark "
                  "(UnifiedLog.maybeIncrementLogStartOffset)");
  }
  out.requested = offset == kDeleteToHighWatermark ? high_watermark_ : Offset(offset);
  if (log_.log_start_offset() > before) {
    broker_.Emit(
        {.kind = "log.start_offset",
         .narration = fmt::format("{} moved the log start offset of {} from {} to {} "
                                  "(DeleteRecords): the records below {} are gone "
                                  "for every reader — a consumer fetching below it gets "
                                  "OFFSET_OUT_OF_RANGE and resets by its "
                                  "auto.offset.reset, --from-beginning now starts at {} — and the "
                                  "segments wholly below it are deleted "
                                  "at the next retention check",
                                  broker_.name(), ToString(tp_), before.value(), log_.log_start_offset().value(),
                                  log_.log_start_offset().value(), log_.log_start_offset().value()),
         .rule = "DeleteRecords (KIP-107): the leader raises the log start "
                 "offset, at most to the high watermark",
         .fields = {{"topic", tp_.topic},
                    {"partition", tp_.partition},
                    {"from", before.value()},
                    {"to", log_.log_start_offset().value()},
                    {"reason", "ClientRecordDeletion"}}});
  }
  return out;
}

Offset Partition::LowWatermark() const {
  assert(is_leader_ && "only the leader knows every replica's log start");
  Offset low = log_.log_start_offset();
  for (const auto& [broker, follower] : followers_) {
    if (broker_.metadata().IsLive(broker)) low = std::min(low, follower.log_start_offset);
  }
  return low;
}

void ReplicaManager::HandleDeleteRecords(const Envelope& envelope) {
  const auto& request = *envelope.As<DeleteRecordsRequest>();
  DelayedDeleteRecords d{.client = envelope.from,
                         .correlation_id = request.correlation_id,
                         .deadline = broker_.sim().now() + request.timeout};
  for (const auto& [tp, offset] : request.offsets) {
    PartitionDeleteRecordsResponse& r = d.results[tp];
    Partition* p = FindPartition(tp);
    if (p == nullptr) {
      r.error =
          broker_.metadata().Partition(tp) ? ErrorCode::kNotLeaderOrFollower : ErrorCode::kUnknownTopicOrPartition;
      continue;
    }
    const Partition::DeleteRecordsOutcome outcome = p->DeleteRecordsOnLeader(offset);
    if (outcome.error != ErrorCode::kNone) {
      r.error = outcome.error;
      continue;
    }
    d.required[tp] = outcome.requested;
    CompleteDelayedFetches(tp);  // a consumer parked below the new log start is answered
  }
  const bool waits = !d.required.empty();
  delete_records_.push_back(std::move(d));
  if (waits) broker_.sim().Schedule(request.timeout, broker_.node(), [this] { TryCompleteDeleteRecords(); });
  TryCompleteDeleteRecords();
}

void ReplicaManager::TryCompleteDeleteRecords() {
  const Time now = broker_.sim().now();
  std::erase_if(delete_records_, [&](DelayedDeleteRecords& d) {
    bool complete = true;
    for (const auto& [tp, required] : d.required) {
      const Partition* p = Find(tp);
      if (p != nullptr && p->is_leader() && p->LowWatermark() < required) complete = false;
    }
    if (!complete && now < d.deadline) return false;
    for (const auto& [tp, required] : d.required) {
      PartitionDeleteRecordsResponse& r = d.results[tp];
      const Partition* p = Find(tp);
      if (p == nullptr) {
        r.error = ErrorCode::kUnknownTopicOrPartition;
      } else if (!p->is_leader()) {
        r.error = ErrorCode::kNotLeaderOrFollower;
      } else if (p->LowWatermark() < required) {
        r.error = ErrorCode::kRequestTimedOut;
      } else {
        r.low_watermark = p->LowWatermark();
        broker_.Emit(
            {.kind = "partition.low_watermark",
             .narration = fmt::format("every live replica of {} now starts at offset {} or "
                                      "later (low "
                                      "watermark {}): {} answers the DeleteRecords",
                                      ToString(tp), r.low_watermark.value(), r.low_watermark.value(), broker_.name()),
             .rule = "DelayedDeleteRecords: answered once the low "
                     "watermark reaches the offset",
             .fields = {{"topic", tp.topic}, {"partition", tp.partition}, {"low_watermark", r.low_watermark.value()}}});
      }
    }
    auto response = std::make_unique<DeleteRecordsResponse>();
    response->correlation_id = d.correlation_id;
    response->partitions = std::move(d.results);
    broker_.sim().network().Send(broker_.node(), d.client, std::move(response));
    return true;
  });
}

}  // namespace kafkasim
