#include "sim/storage/record_batch.h"

#include <fmt/format.h>

#include <cassert>
#include <limits>
#include <string>

#include "sim/storage/big_endian.h"
#include "sim/storage/crc32c.h"

namespace kafkasim {

using namespace batch_format;

namespace {

constexpr const char* CompressionName(int codec) {
  switch (codec) {
    case 1:
      return "gzip";
    case 2:
      return "snappy";
    case 3:
      return "lz4";
    case 4:
      return "zstd";
    default:
      return "unknown";
  }
}

RecordBase BaseOf(const RecordBatchView& batch) {
  RecordBase base;
  base.base_offset = batch.base_offset();
  base.base_timestamp = batch.base_timestamp();
  base.base_sequence = batch.base_sequence();
  // Kafka's DefaultRecordBatch.RecordIterator: with LogAppendTime every record reports the
  // batch's maxTimestamp, whatever its own delta says.
  if (batch.timestamp_type() == TimestampType::kLogAppendTime) {
    base.log_append_time_ms = batch.max_timestamp();
  }
  return base;
}

// Walks every record of a batch whose header has been checked, with full checks. Returns the
// failure without the "batch at position" prefix.
DecodeStatus ValidateRecords(const RecordBatchView& batch) {
  const int32_t count = batch.record_count();
  const int32_t last_offset_delta = batch.last_offset_delta();
  Bytes rest = batch.bytes().subspan(kRecordsOffset);
  if (count < 0) return DecodeStatus::Corrupt(fmt::format("record count {} is negative", count));
  if (last_offset_delta < 0) {
    return DecodeStatus::Corrupt(
        fmt::format("last offset delta {} is negative", last_offset_delta));
  }
  // Bounds the loop by the bytes, not by a count a corrupt batch could set to two billion.
  if (static_cast<size_t>(count) > rest.size() / kMinRecordSize) {
    return DecodeStatus::Corrupt(
        fmt::format("record count {} cannot fit in {} bytes of records", count, rest.size()));
  }
  // Every batch a follower appends or a CRC-checking consumer reads passes here, and nearly all
  // are sound: one lean pass decides, and only a failure walks the records again, one by one, to
  // say which and why.
  if (RecordsWellFormed(rest, count, last_offset_delta)) return DecodeStatus::Ok();
  const RecordBase base = BaseOf(batch);
  int64_t previous_delta = -1;
  std::string error;  // written only on failure
  RecordView record;  // out of the loop: this runs for every record a follower or consumer reads
  for (int32_t i = 0; i < count; ++i) {
    if (rest.empty()) {
      return DecodeStatus::Corrupt(
          fmt::format("record count {} but the records end after {}", count, i));
    }
    if (!ParseRecord(rest, base, &record, &error)) {
      return DecodeStatus::Corrupt(fmt::format("record {}: {}", i, error));
    }
    // Offsets rise within a batch (MemoryRecordsBuilder refuses anything else) but may have gaps:
    // the log cleaner keeps a batch's offsets when it removes records from it.
    if (record.offset_delta < 0) {
      return DecodeStatus::Corrupt(
          fmt::format("record {}: offset delta {} is negative", i, record.offset_delta));
    }
    if (record.offset_delta <= previous_delta) {
      return DecodeStatus::Corrupt(fmt::format("record {}: offset delta {} does not rise above {}",
                                               i, record.offset_delta, previous_delta));
    }
    if (record.offset_delta > last_offset_delta) {
      return DecodeStatus::Corrupt(
          fmt::format("record {}: offset delta {} is past the batch's last "
                      "offset delta {}",
                      i, record.offset_delta, last_offset_delta));
    }
    previous_delta = record.offset_delta;
    rest = rest.subspan(record.size_bytes);
  }
  if (!rest.empty()) {
    return DecodeStatus::Corrupt(
        fmt::format("record count {} leaves {} bytes after the last record", count, rest.size()));
  }
  // The two walks apply the same rules (record_batch_fuzz_test compares them on damaged batches).
  assert(false && "RecordsWellFormed refused records that parse one by one");
  return DecodeStatus::Ok();
}

std::shared_ptr<std::vector<std::byte>> CopyOf(Bytes bytes) {
  return std::make_shared<std::vector<std::byte>>(bytes.begin(), bytes.end());
}

}  // namespace

DecodeResult<RecordBatchView> RecordBatchView::Parse(Bytes buffer, size_t position) {
  assert(position <= buffer.size());
  const Bytes in = buffer.subspan(position);
  const auto prefixed = [position](std::string message) {
    return fmt::format("batch at position {}: {}", position, message);
  };
  if (in.size() < kLogOverhead) {
    return DecodeStatus::Incomplete(prefixed(fmt::format(
        "{} bytes left, fewer than the {} of an offset and a length", in.size(), kLogOverhead)));
  }
  const auto batch_length = LoadBigEndian<int32_t>(in.data() + kLengthOffset);
  if (batch_length < static_cast<int32_t>(kRecordBatchOverhead - kLogOverhead)) {
    return DecodeStatus::Corrupt(prefixed(fmt::format(
        "batch length {} is less than the {} bytes of a batch header after the length field",
        batch_length, kRecordBatchOverhead - kLogOverhead)));
  }
  const size_t size = kLogOverhead + static_cast<size_t>(batch_length);
  if (size > in.size()) {
    return DecodeStatus::Incomplete(prefixed(fmt::format(
        "batch length {} needs {} bytes but {} remain", batch_length, size, in.size())));
  }
  const RecordBatchView batch(in.first(size));
  if (batch.magic() != kMagicV2) {
    return DecodeStatus::Corrupt(prefixed(fmt::format(
        "magic {} is not 2: kafkasim reads record batch format v2 only", batch.magic())));
  }
  const uint32_t computed = batch.ComputeCrc();
  if (batch.crc() != computed) {
    return DecodeStatus::Corrupt(prefixed(
        fmt::format("CRC mismatch (stored 0x{:08x}, computed 0x{:08x})", batch.crc(), computed)));
  }
  if (const int codec = batch.attributes() & kCompressionCodecMask; codec != 0) {
    return DecodeStatus::Corrupt(prefixed(
        fmt::format("compression codec {} ({}) is not supported: kafkasim batches are uncompressed",
                    codec, CompressionName(codec))));
  }
  if (DecodeStatus status = ValidateRecords(batch); !status.ok()) {
    return DecodeStatus::Corrupt(prefixed(status.message()));
  }
  return batch;
}

int64_t RecordBatchView::base_offset() const {
  return LoadBigEndian<int64_t>(bytes_.data() + kBaseOffsetOffset);
}
int64_t RecordBatchView::last_offset() const {
  return WrappingAdd(base_offset(), last_offset_delta());
}
int32_t RecordBatchView::batch_length() const {
  return LoadBigEndian<int32_t>(bytes_.data() + kLengthOffset);
}
int32_t RecordBatchView::partition_leader_epoch() const {
  return LoadBigEndian<int32_t>(bytes_.data() + kPartitionLeaderEpochOffset);
}
int8_t RecordBatchView::magic() const {
  return LoadBigEndian<int8_t>(bytes_.data() + kMagicOffset);
}
uint32_t RecordBatchView::crc() const {
  return LoadBigEndian<uint32_t>(bytes_.data() + kCrcOffset);
}
int16_t RecordBatchView::attributes() const {
  return LoadBigEndian<int16_t>(bytes_.data() + kAttributesOffset);
}
TimestampType RecordBatchView::timestamp_type() const {
  return (attributes() & kTimestampTypeMask) ? TimestampType::kLogAppendTime
                                             : TimestampType::kCreateTime;
}
bool RecordBatchView::is_transactional() const {
  return (attributes() & kTransactionalFlagMask) != 0;
}
bool RecordBatchView::is_control_batch() const { return (attributes() & kControlFlagMask) != 0; }
bool RecordBatchView::has_delete_horizon() const {
  return (attributes() & kDeleteHorizonFlagMask) != 0;
}
int32_t RecordBatchView::last_offset_delta() const {
  return LoadBigEndian<int32_t>(bytes_.data() + kLastOffsetDeltaOffset);
}
int64_t RecordBatchView::base_timestamp() const {
  return LoadBigEndian<int64_t>(bytes_.data() + kBaseTimestampOffset);
}
int64_t RecordBatchView::max_timestamp() const {
  return LoadBigEndian<int64_t>(bytes_.data() + kMaxTimestampOffset);
}
int64_t RecordBatchView::producer_id() const {
  return LoadBigEndian<int64_t>(bytes_.data() + kProducerIdOffset);
}
int16_t RecordBatchView::producer_epoch() const {
  return LoadBigEndian<int16_t>(bytes_.data() + kProducerEpochOffset);
}
int32_t RecordBatchView::base_sequence() const {
  return LoadBigEndian<int32_t>(bytes_.data() + kBaseSequenceOffset);
}
int32_t RecordBatchView::last_sequence() const {
  const int32_t base = base_sequence();
  return base == kNoSequence ? kNoSequence : IncrementSequence(base, last_offset_delta());
}
int32_t RecordBatchView::record_count() const {
  return LoadBigEndian<int32_t>(bytes_.data() + kRecordCountOffset);
}

uint32_t RecordBatchView::ComputeCrc() const {
  return crc32c::Value(bytes_.subspan(kAttributesOffset));
}

static_assert(std::forward_iterator<RecordBatchView::Iterator>);
static_assert(std::forward_iterator<HeaderRange::Iterator>);

RecordBatchView::Iterator RecordBatchView::begin() const {
  return Iterator(bytes_.subspan(kRecordsOffset), record_count(), BaseOf(*this));
}

RecordBatchView::Iterator::Iterator(Bytes records, int32_t count, const RecordBase& base)
    : rest_(records), remaining_(count), base_(base) {
  Load();
}

DecodeResult<RecordBatch> RecordBatch::FromBytes(std::vector<std::byte> bytes) {
  DecodeResult<RecordBatchView> view = RecordBatchView::Parse(bytes);
  if (!view.ok()) return view.status();
  if (view->size_bytes() != bytes.size()) {
    return DecodeStatus::Corrupt(fmt::format("{} bytes follow the batch of {} bytes",
                                             bytes.size() - view->size_bytes(),
                                             view->size_bytes()));
  }
  return RecordBatch(std::make_shared<const std::vector<std::byte>>(std::move(bytes)));
}

RecordBatch RecordBatch::WithBaseOffset(int64_t base_offset) const {
  auto copy = CopyOf(bytes());
  StoreBigEndian(copy->data() + kBaseOffsetOffset, base_offset);
  return RecordBatch(std::move(copy));
}

RecordBatch RecordBatch::WithPartitionLeaderEpoch(int32_t partition_leader_epoch) const {
  auto copy = CopyOf(bytes());
  StoreBigEndian(copy->data() + kPartitionLeaderEpochOffset, partition_leader_epoch);
  return RecordBatch(std::move(copy));
}

RecordBatch RecordBatch::WithMaxTimestamp(TimestampType type, int64_t max_timestamp) const {
  auto copy = CopyOf(bytes());
  std::byte* data = copy->data();
  auto attributes = LoadBigEndian<int16_t>(data + kAttributesOffset);
  attributes = static_cast<int16_t>(type == TimestampType::kLogAppendTime
                                        ? attributes | kTimestampTypeMask
                                        : attributes & ~kTimestampTypeMask);
  StoreBigEndian(data + kAttributesOffset, attributes);
  StoreBigEndian(data + kMaxTimestampOffset, max_timestamp);
  StoreBigEndian(data + kCrcOffset, crc32c::Value(Bytes(*copy).subspan(kAttributesOffset)));
  return RecordBatch(std::move(copy));
}

RecordBatch RecordBatch::StampedForAppend(int64_t base_offset, int32_t partition_leader_epoch,
                                          std::optional<int64_t> log_append_time_ms) const {
  auto copy = CopyOf(bytes());
  std::byte* data = copy->data();
  StoreBigEndian(data + kBaseOffsetOffset, base_offset);
  StoreBigEndian(data + kPartitionLeaderEpochOffset, partition_leader_epoch);
  if (log_append_time_ms) {
    const auto attributes =
        static_cast<int16_t>(LoadBigEndian<int16_t>(data + kAttributesOffset) | kTimestampTypeMask);
    StoreBigEndian(data + kAttributesOffset, attributes);
    StoreBigEndian(data + kMaxTimestampOffset, *log_append_time_ms);
    StoreBigEndian(data + kCrcOffset, crc32c::Value(Bytes(*copy).subspan(kAttributesOffset)));
  }
  return RecordBatch(std::move(copy));
}

}  // namespace kafkasim
