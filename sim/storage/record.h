#pragma once
// One record inside a v2 record batch (Kafka's DefaultRecord): what a producer hands in
// (SimpleRecord, RecordHeader) and what a reader gets back (RecordView). Nothing here owns bytes:
// a SimpleRecord points at the caller's key and value until the builder has copied them, and a
// RecordView points into a batch's buffer, which must outlive it. Reading a batch therefore
// allocates nothing per record.
//
// The record codec is here too; RecordBatchBuilder and RecordBatchView call it for each record
// (the layout is in sim/storage/record_batch_format.h).

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sim/storage/record_batch_format.h"
#include "sim/storage/varint.h"

namespace kafkasim {

using Bytes = std::span<const std::byte>;
// Kafka distinguishes a null key or value (length -1) from an empty one (length 0): a null value
// is a tombstone to a compacted topic, a null key means "no key" to the partitioner.
using NullableBytes = std::optional<Bytes>;

inline Bytes AsBytes(std::string_view text) {
  return std::as_bytes(std::span<const char>(text.data(), text.size()));
}
inline std::string_view AsString(Bytes bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// Kafka's RecordHeader: a UTF-8 key that is never null and a nullable value.
struct RecordHeader {
  std::string_view key;
  NullableBytes value;
};

// What a producer appends (Kafka's SimpleRecord). Timestamps are Kafka's: milliseconds since the
// Unix epoch of the simulated clock, or kNoTimestamp.
struct SimpleRecord {
  int64_t timestamp_ms = batch_format::kNoTimestamp;
  NullableBytes key;
  NullableBytes value;
  std::span<const RecordHeader> headers;
};

// The headers of one decoded record, read lazily from bytes the batch already validated.
class HeaderRange {
 public:
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = RecordHeader;
    using difference_type = std::ptrdiff_t;
    using pointer = const RecordHeader*;
    using reference = const RecordHeader&;

    Iterator() = default;
    const RecordHeader& operator*() const { return current_; }
    const RecordHeader* operator->() const { return &current_; }
    Iterator& operator++();
    Iterator operator++(int) {
      Iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const Iterator& o) const { return remaining_ == o.remaining_; }

   private:
    friend class HeaderRange;
    Iterator(Bytes bytes, int32_t count);
    void Load();

    Bytes rest_;
    int32_t remaining_ = 0;  // headers not yet passed, counting the current one
    RecordHeader current_;
  };

  HeaderRange() = default;
  HeaderRange(Bytes bytes, int32_t count) : bytes_(bytes), count_(count) {}

  int32_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  Iterator begin() const { return Iterator(bytes_, count_); }
  Iterator end() const { return Iterator(); }

 private:
  Bytes bytes_;  // exactly the encoded headers
  int32_t count_ = 0;
};

// A decoded record: absolute fields computed from the batch's base values, spans into the batch.
struct RecordView {
  int64_t offset = 0;        // baseOffset + offsetDelta
  int64_t timestamp_ms = 0;  // baseTimestamp + timestampDelta, or the batch's LogAppendTime
  int64_t timestamp_delta = 0;
  int32_t offset_delta = 0;
  int32_t sequence = batch_format::kNoSequence;  // baseSequence + offsetDelta, wrapping at 2^31
  int8_t attributes = 0;                         // unused by Kafka; always written as 0
  NullableBytes key;
  NullableBytes value;
  HeaderRange headers;
  size_t size_bytes = 0;  // the whole record, its length varint included
};

// --- The record codec (used by the batch builder and view) -------------------------------------

// Size of a record's body: everything after its length varint (Kafka's sizeOfBodyInBytes).
size_t RecordBodySize(int32_t offset_delta, int64_t timestamp_delta, const SimpleRecord& record);

// Writes the record, length varint first, at `dst`, which has room for
// VarintSize(body_size) + body_size bytes; returns the position just past it.
std::byte* EncodeRecord(int32_t offset_delta, int64_t timestamp_delta, const SimpleRecord& record,
                        size_t body_size, std::byte* dst);

// Kafka's DefaultRecordBatch.incrementSequence: producer sequence numbers wrap from
// Integer.MAX_VALUE to 0.
constexpr int32_t IncrementSequence(int32_t sequence, int32_t increment) {
  int64_t next = int64_t{sequence} + increment;
  if (next > std::numeric_limits<int32_t>::max()) next -= int64_t{1} << 31;
  return static_cast<int32_t>(next);
}
static_assert(IncrementSequence(std::numeric_limits<int32_t>::max(), 1) == 0);

// Java's long addition, which wraps, without the undefined behaviour of signed overflow: a corrupt
// batch may hold any base and delta.
constexpr int64_t WrappingAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}

// The batch fields a record's absolute offset, timestamp and sequence derive from.
struct RecordBase {
  int64_t base_offset = 0;
  int64_t base_timestamp = 0;
  int32_t base_sequence = batch_format::kNoSequence;
  std::optional<int64_t> log_append_time_ms;  // set for a LogAppendTime batch
};

// Decodes the record at the front of `in` into `out`, never reading outside `in`, and walks every
// header to check that the fields fill the declared length exactly. On failure returns false and, if `error` is not null, says why there, without naming the record:
// the caller knows which one it was. (Not a DecodeStatus: this runs once or twice per record,
// and the success path must not construct strings.)
bool ParseRecord(Bytes in, const RecordBase& base, RecordView* out, std::string* error);

// Whether `records` holds exactly `count` records that ParseRecord accepts,
// with offset deltas rising strictly within [0, last_offset_delta]: the same verdict as parsing
// them one by one, reached without building a RecordView or an error message. It runs for every
// batch a follower or a CRC-checking consumer reads; on `false` the caller parses record by record
// to say what is wrong. `count` must already be bounded by records.size() / kMinRecordSize.
bool RecordsWellFormed(Bytes records, int32_t count, int32_t last_offset_delta);

namespace record_detail {

// A length varint and that many bytes, or -1 for null, ending by `end`.
[[gnu::always_inline]] inline bool DecodeNullableBytes(const std::byte*& p, const std::byte* end,
                                                       NullableBytes* out) {
  const DecodedVarint length = DecodeVarint(Bytes(p, end));
  if (!length.ok()) return false;
  p += length.size;
  if (length.value < 0) {
    out->reset();
    return length.value == -1;
  }
  if (length.value > end - p) return false;
  *out = Bytes(p, static_cast<size_t>(length.value));
  p += length.value;
  return true;
}

}  // namespace record_detail

// Decodes the record at the front of `in` for a reader of a batch that RecordBatchView::Parse
// validated: what ParseRecord does less the header walk, inline and without error messages,
// since nothing can fail on validated bytes. Every read still stays inside `in` whatever the bytes
// hold; false means they are not the bytes that were validated (a bug), and `out` is then
// unspecified.
[[gnu::always_inline]] inline bool DecodeValidatedRecord(Bytes in, const RecordBase& base,
                                                         RecordView* out) {
  const DecodedVarint length = DecodeVarint(in);
  if (!length.ok() || length.value < 0 ||
      static_cast<size_t>(length.value) > in.size() - length.size) {
    return false;
  }
  const std::byte* p = in.data() + length.size;
  const std::byte* const end = p + length.value;
  if (p == end) return false;
  out->attributes = static_cast<int8_t>(std::to_integer<uint8_t>(*p++));
  const DecodedVarlong timestamp_delta = DecodeVarlong(Bytes(p, end));
  if (!timestamp_delta.ok()) return false;
  p += timestamp_delta.size;
  const DecodedVarint offset_delta = DecodeVarint(Bytes(p, end));
  if (!offset_delta.ok()) return false;
  p += offset_delta.size;
  if (!record_detail::DecodeNullableBytes(p, end, &out->key) ||
      !record_detail::DecodeNullableBytes(p, end, &out->value)) {
    return false;
  }
  const DecodedVarint header_count = DecodeVarint(Bytes(p, end));
  if (!header_count.ok() || header_count.value < 0) return false;
  p += header_count.size;
  out->timestamp_delta = timestamp_delta.value;
  out->offset_delta = offset_delta.value;
  out->offset = WrappingAdd(base.base_offset, offset_delta.value);
  out->timestamp_ms = base.log_append_time_ms
                          ? *base.log_append_time_ms
                          : WrappingAdd(base.base_timestamp, timestamp_delta.value);
  out->sequence = base.base_sequence >= 0
                      ? IncrementSequence(base.base_sequence, offset_delta.value)
                      : batch_format::kNoSequence;
  out->headers = HeaderRange(Bytes(p, end), header_count.value);
  out->size_bytes = length.size + static_cast<size_t>(length.value);
  return true;
}

}  // namespace kafkasim
