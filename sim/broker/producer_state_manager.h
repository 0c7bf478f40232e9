#pragma once
// What a partition replica knows of the idempotent producers writing to it (Kafka's
// ProducerStateManager, ProducerStateEntry and ProducerAppendInfo, KIP-98): for each producer id,
// its epoch and the metadata of its last five batches (sequence range, offsets).
//
// The leader checks every batch that carries a producer id before appending it:
//  - a batch equal (same epoch, same first and last sequence) to one of the last five is a
//    retry of a batch already written: it is answered with the original offsets and not
//    appended again (ProducerStateEntry.findDuplicateBatch, NUM_BATCHES_TO_RETAIN = 5);
//  - an older epoch than the producer's is refused: INVALID_PRODUCER_EPOCH;
//  - a newer epoch must start at sequence 0 (unless the producer is unknown);
//  - within the epoch the first sequence must follow the last one written (last + 1, wrapping
//    after Integer.MAX_VALUE), otherwise OUT_OF_ORDER_SEQUENCE_NUMBER. A producer this replica
//    has never seen may start anywhere (its earlier records may have been deleted).
// Followers apply replicated batches without checks (AppendOrigin.REPLICATION), so a new leader
// knows the producers as well as the old one did for what it holds.
//
// The state is a function of the log: Rebuild() derives it from the batches a log holds, after a
// restart (Kafka loads a snapshot, then replays the log after it; kafkasim replays it all) and
// after a follower truncated its log.

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "sim/protocol/errors.h"
#include "sim/protocol/types.h"
#include "sim/storage/record_batch.h"

namespace kafkasim {

class Log;

// ProducerStateEntry.NUM_BATCHES_TO_RETAIN: how many batches a duplicate is searched among.
inline constexpr size_t kNumBatchesToRetain = 5;

struct ProducerBatchMetadata {
  int32_t first_seq = -1;
  int32_t last_seq = -1;
  int64_t first_offset = -1;
  int64_t last_offset = -1;
};

struct ProducerStateEntry {
  int16_t producer_epoch = -1;
  std::deque<ProducerBatchMetadata> batches;  // oldest first, at most kNumBatchesToRetain
  int32_t last_seq() const { return batches.empty() ? -1 : batches.back().last_seq; }
};

// The leader's verdict on a batch before it appends it.
struct ProducerAppendCheck {
  ErrorCode error = ErrorCode::kNone;
  std::string message;                             // Kafka's exception message, for the narration
  std::optional<ProducerBatchMetadata> duplicate;  // a retry of a batch already in the log
};

class ProducerStateManager {
 public:
  // The leader's checks for a client's batch (ProducerAppendInfo with AppendOrigin.CLIENT).
  // Batches without a producer id always pass. `tp` names the partition in messages.
  ProducerAppendCheck Check(const RecordBatchView& batch, const TopicPartition& tp) const;
  // Records a batch the log now holds from `first_offset` on (leader and follower alike).
  void Update(const RecordBatchView& batch, int64_t first_offset);
  // Forgets everything, then replays every batch `log` holds.
  void Rebuild(const Log& log);

  const ProducerStateEntry* Find(int64_t producer_id) const;
  size_t producer_count() const { return producers_.size(); }

 private:
  std::map<int64_t, ProducerStateEntry> producers_;
};

}  // namespace kafkasim
