#include "sim/storage/record_batch_builder.h"

#include <cassert>
#include <limits>
#include <memory>

#include "sim/storage/big_endian.h"
#include "sim/storage/crc32c.h"
#include "sim/storage/varint.h"

namespace kafkasim {

using namespace batch_format;

RecordBatchBuilder::RecordBatchBuilder(RecordBatchOptions options) : options_(options) {
  // MemoryRecordsBuilder.validateProducerState: what the broker would refuse is a caller's bug.
  assert((!options_.is_transactional || options_.producer_id != kNoProducerId) &&
         "a transactional batch needs a producer id");
  assert((options_.producer_id == kNoProducerId || options_.producer_epoch != kNoProducerEpoch) &&
         "an idempotent batch needs a producer epoch");
  assert((options_.producer_id == kNoProducerId || options_.base_sequence >= 0 ||
          options_.is_control_batch) &&
         "an idempotent batch needs a base sequence");
  assert(
      (options_.timestamp_type == TimestampType::kCreateTime || options_.log_append_time_ms >= 0) &&
      "a LogAppendTime batch needs the append time");
  buffer_.resize(kRecordBatchOverhead);  // the header is written by Build()
  if (options_.delete_horizon_ms) base_timestamp_ = *options_.delete_horizon_ms;
}

void RecordBatchBuilder::SetProducerState(int64_t producer_id, int16_t producer_epoch, int32_t base_sequence) {
  assert(!built_ && "the header is written once");
  assert(producer_id >= 0 && producer_epoch >= 0 && base_sequence >= 0);
  options_.producer_id = producer_id;
  options_.producer_epoch = producer_epoch;
  options_.base_sequence = base_sequence;
}

void RecordBatchBuilder::Append(const SimpleRecord& record) {
  AppendWithOffsetDelta(last_offset_delta_ + 1, record);
}

int64_t RecordBatchBuilder::TimestampDeltaOf(const SimpleRecord& record) const {
  const int64_t base = record_count_ == 0 && !options_.delete_horizon_ms ? record.timestamp_ms : base_timestamp_;
  // Both are >= -1, so the difference cannot overflow.
  return record.timestamp_ms - base;
}

void RecordBatchBuilder::AppendWithOffsetDelta(int32_t offset_delta, const SimpleRecord& record) {
  const int64_t timestamp_delta = TimestampDeltaOf(record);
  AppendSized(offset_delta, timestamp_delta, record, RecordBodySize(offset_delta, timestamp_delta, record));
}

bool RecordBatchBuilder::AppendIfFits(const SimpleRecord& record, size_t limit) {
  const int32_t offset_delta = last_offset_delta_ + 1;
  const int64_t timestamp_delta = TimestampDeltaOf(record);
  const size_t body_size = RecordBodySize(offset_delta, timestamp_delta, record);
  assert(body_size <= static_cast<size_t>(std::numeric_limits<int32_t>::max()));
  if (buffer_.size() + VarintSize(static_cast<int32_t>(body_size)) + body_size > limit) return false;
  AppendSized(offset_delta, timestamp_delta, record, body_size);
  return true;
}

void RecordBatchBuilder::AppendSized(int32_t offset_delta, int64_t timestamp_delta, const SimpleRecord& record,
                                     size_t body_size) {
  assert(!built_ && "append to a built batch");
  assert(offset_delta > last_offset_delta_ && "offsets must rise within a batch");
  assert((record.timestamp_ms >= 0 || record.timestamp_ms == kNoTimestamp) &&
         "Kafka refuses negative timestamps other than -1");
  assert(body_size <= static_cast<size_t>(std::numeric_limits<int32_t>::max()));
  if (record_count_ == 0 && !options_.delete_horizon_ms) base_timestamp_ = record.timestamp_ms;

  const size_t start = buffer_.size();
  buffer_.resize(start + VarintSize(static_cast<int32_t>(body_size)) + body_size);
  [[maybe_unused]] const std::byte* end =
      EncodeRecord(offset_delta, timestamp_delta, record, body_size, buffer_.data() + start);
  assert(end == buffer_.data() + buffer_.size());

  if (record.timestamp_ms > max_timestamp_) max_timestamp_ = record.timestamp_ms;
  last_offset_delta_ = offset_delta;
  ++record_count_;
}

void RecordBatchBuilder::OverrideLastOffsetDelta(int32_t last_offset_delta) {
  assert(!built_);
  assert(last_offset_delta >= last_offset_delta_ && "the last offset covers every record");
  last_offset_delta_ = last_offset_delta;
}

RecordBatch RecordBatchBuilder::Build() {
  assert(!built_ && "Build() called twice");
  assert(record_count_ > 0 && "a batch needs at least one record");
  assert(buffer_.size() - kLogOverhead <= static_cast<size_t>(std::numeric_limits<int32_t>::max()));
  built_ = true;

  int16_t attributes = 0;  // compression none
  if (options_.timestamp_type == TimestampType::kLogAppendTime) attributes |= kTimestampTypeMask;
  if (options_.is_transactional) attributes |= kTransactionalFlagMask;
  if (options_.is_control_batch) attributes |= kControlFlagMask;
  if (options_.delete_horizon_ms) attributes |= kDeleteHorizonFlagMask;
  const int64_t max_timestamp = options_.timestamp_type == TimestampType::kLogAppendTime
                                    ? options_.log_append_time_ms
                                    : max_timestamp_;

  std::byte* header = buffer_.data();
  StoreBigEndian(header + kBaseOffsetOffset, options_.base_offset);
  StoreBigEndian(header + kLengthOffset, static_cast<int32_t>(buffer_.size() - kLogOverhead));
  StoreBigEndian(header + kPartitionLeaderEpochOffset, options_.partition_leader_epoch);
  StoreBigEndian(header + kMagicOffset, kMagicV2);
  StoreBigEndian(header + kAttributesOffset, attributes);
  StoreBigEndian(header + kLastOffsetDeltaOffset, last_offset_delta_);
  StoreBigEndian(header + kBaseTimestampOffset, base_timestamp_);
  StoreBigEndian(header + kMaxTimestampOffset, max_timestamp);
  StoreBigEndian(header + kProducerIdOffset, options_.producer_id);
  StoreBigEndian(header + kProducerEpochOffset, options_.producer_epoch);
  StoreBigEndian(header + kBaseSequenceOffset, options_.base_sequence);
  StoreBigEndian(header + kRecordCountOffset, record_count_);
  // Last: the CRC covers every byte after its own field.
  StoreBigEndian(header + kCrcOffset, crc32c::Value(Bytes(buffer_).subspan(kAttributesOffset)));

  return RecordBatch(std::make_shared<const std::vector<std::byte>>(std::move(buffer_)));
}

}  // namespace kafkasim
