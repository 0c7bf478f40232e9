#pragma once
// Builds one record batch, magic v2, uncompressed, byte for byte as Kafka's MemoryRecordsBuilder
// does: records are appended in offset order, then Build() writes the header and the CRC.
//
//   RecordBatchBuilder builder({.producer_id = 4000, .producer_epoch = 0, .base_sequence = 12});
//   builder.Append({.timestamp_ms = 1700000000000, .key = AsBytes("k"), .value = AsBytes("v")});
//   RecordBatch batch = builder.Build();
//
// The builder copies each record's key, value and headers as it appends it, so the caller's
// buffers need only live through the Append call.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/storage/record.h"
#include "sim/storage/record_batch.h"
#include "sim/storage/record_batch_format.h"

namespace kafkasim {

struct RecordBatchOptions {
  // A producer writes 0; the leader assigns the real one on append (RecordBatch::WithBaseOffset).
  int64_t base_offset = 0;
  // A producer writes -1; the leader stamps its epoch (KIP-101).
  int32_t partition_leader_epoch = batch_format::kNoPartitionLeaderEpoch;
  // Idempotent and transactional producers (KIP-98); -1, -1, -1 otherwise.
  int64_t producer_id = batch_format::kNoProducerId;
  int16_t producer_epoch = batch_format::kNoProducerEpoch;
  int32_t base_sequence = batch_format::kNoSequence;
  TimestampType timestamp_type = TimestampType::kCreateTime;
  // With kLogAppendTime: the broker's clock at append, written as maxTimestamp.
  int64_t log_append_time_ms = batch_format::kNoTimestamp;
  bool is_transactional = false;
  bool is_control_batch = false;
  // KIP-534: the log cleaner's rewrite of a batch holding tombstones. baseTimestamp then holds
  // the time after which they may be removed, and record timestamps are deltas from it.
  std::optional<int64_t> delete_horizon_ms;
};

class RecordBatchBuilder {
 public:
  explicit RecordBatchBuilder(RecordBatchOptions options);

  // Appends at the next offset: delta 0 first, then one past the last appended.
  void Append(const SimpleRecord& record);
  // Appends at a chosen delta, greater than the last one: offsets may have gaps, as in a batch the
  // log cleaner rewrote.
  void AppendWithOffsetDelta(int32_t offset_delta, const SimpleRecord& record);
  // Appends at the next offset only if the batch, with it, stays within `limit` bytes (Kafka's
  // MemoryRecordsBuilder.hasRoomFor for an uncompressed batch); returns whether it did. The
  // record's size is worked out once, for the check and the append.
  bool AppendIfFits(const SimpleRecord& record, size_t limit);
  // Room for `bytes` of batch, as a producer allocates batch.size up front: appends then never
  // move the records already written.
  void Reserve(size_t bytes) { buffer_.reserve(bytes); }

  // The log cleaner keeps a batch's last offset when it drops its last records, so that the
  // producer's last sequence number survives compaction (Kafka's overrideLastOffset).
  void OverrideLastOffsetDelta(int32_t last_offset_delta);

  // An idempotent producer learns its batch's producer id, epoch and base sequence only when the
  // batch is drained for sending (RecordAccumulator.drain), after its records were appended.
  void SetProducerState(int64_t producer_id, int16_t producer_epoch, int32_t base_sequence);

  int32_t record_count() const { return record_count_; }
  bool empty() const { return record_count_ == 0; }
  size_t size_bytes() const { return buffer_.size(); }

  // Finishes the batch. At least one record must have been appended (Kafka's builder writes no
  // batch at all for none). The builder is spent afterwards.
  RecordBatch Build();

 private:
  // The record's timestamp delta from the batch's base timestamp (the first record's, unless a
  // delete horizon holds that place).
  int64_t TimestampDeltaOf(const SimpleRecord& record) const;
  void AppendSized(int32_t offset_delta, int64_t timestamp_delta, const SimpleRecord& record, size_t body_size);

  RecordBatchOptions options_;
  std::vector<std::byte> buffer_;  // header space, then the records appended so far
  int32_t record_count_ = 0;
  int32_t last_offset_delta_ = -1;
  int64_t base_timestamp_ = batch_format::kNoTimestamp;  // the first record's
  int64_t max_timestamp_ = batch_format::kNoTimestamp;
  bool built_ = false;
};

}  // namespace kafkasim
