#pragma once
// One batch of records for one partition while the producer holds it (Kafka's ProducerBatch): it
// collects records until it is full or closed, is then built into a v2 RecordBatch once, and is
// sent — and, after a retriable error, sent again with the very same bytes — until the leader
// acknowledges it or it fails. Each record keeps its callback until then.
//
// "Full" is Kafka's MemoryRecordsBuilder rule for uncompressed batches: a record fits while the
// batch header, the records so far and the new record's size stay within the write limit, which
// is batch.size (or, for a first record bigger than that, the record's upper-bound size). The
// first record always fits.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "sim/client/producer_record.h"
#include "sim/core/time.h"
#include "sim/storage/record_batch.h"
#include "sim/storage/record_batch_builder.h"

namespace kafkasim {

class ProducerBatch {
 public:
  // `first_record` sizes the buffer as Kafka does: max(batch.size, the record's upper bound).
  ProducerBatch(TopicPartition tp, Time created, int32_t batch_size, const ProducerRecord& first_record);

  // Appends if the record fits (taking `callback` only then): returns the bytes it added (the first record's count includes
  // the batch header, as Kafka's estimatedSizeInBytes does), or nullopt when it does not fit.
  std::optional<int32_t> TryAppend(const ProducerRecord& record, int64_t timestamp_ms, uint64_t record_id,
                                   SendCallback&& callback);
  // No more appends (Kafka closes a batch when a record does not fit, or when it is drained).
  void CloseForAppends() { closed_ = true; }
  bool IsFull() const;
  // Builds the RecordBatch on first call and returns it ever after: a retry sends the same bytes.
  const RecordBatch& Built();

  // Idempotence: the producer id, epoch and base sequence its first drain assigned. Only before
  // the batch is built: a retry must send the very same bytes.
  void SetProducerState(int64_t producer_id, int16_t producer_epoch, int32_t base_sequence);
  bool has_sequence() const { return base_sequence_ >= 0; }
  int32_t base_sequence() const { return base_sequence_; }
  int64_t producer_id() const { return producer_id_; }
  int16_t producer_epoch() const { return producer_epoch_; }

  // Completes every record: offsets base_offset, base_offset + 1, ... or the error.
  void Complete(Offset base_offset, const std::optional<ProducerError>& error);

  const TopicPartition& tp() const { return tp_; }
  int32_t record_count() const { return static_cast<int32_t>(records_.size()); }
  size_t estimated_size() const;
  Time created() const { return created_; }
  Time last_attempt() const { return last_attempt_; }
  int32_t attempts() const { return attempts_; }
  bool done() const { return done_; }
  bool in_retry() const { return attempts_ > 0; }
  uint64_t first_record_id() const { return records_.empty() ? 0 : records_.front().id; }
  // "record #4", "records #1-#3", "records #1, #2, #5": which of the producer's sends it holds.
  std::string DescribeRecords() const;
  // A retry: the batch goes back to the front of its queue and waits out the backoff.
  void Reenqueued(Time now) {
    ++attempts_;
    last_attempt_ = now;
  }
  void Drained(Time now) { last_attempt_ = now; }

 private:
  struct Entry {
    uint64_t id;
    int64_t timestamp_ms;
    SendCallback callback;
  };
  TopicPartition tp_;
  Time created_;
  Time last_attempt_;
  size_t write_limit_;
  std::optional<RecordBatchBuilder> builder_;
  std::optional<RecordBatch> built_;
  std::vector<Entry> records_;
  int32_t attempts_ = 0;
  int64_t producer_id_ = -1;
  int16_t producer_epoch_ = -1;
  int32_t base_sequence_ = -1;
  bool closed_ = false;
  bool done_ = false;
};

// DefaultRecordBatch.estimateBatchSizeUpperBound for one record: what Kafka allocates at least.
size_t EstimateBatchSizeUpperBound(const ProducerRecord& record);

}  // namespace kafkasim
