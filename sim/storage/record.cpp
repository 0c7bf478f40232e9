#include "sim/storage/record.h"

#include <fmt/format.h>

#include <cassert>
#include <cstring>
#include <limits>
#include <string>

#include "sim/storage/varint.h"

namespace kafkasim {
namespace {

// Reads a record's fields front to back from bytes that may be corrupt. Every read checks the
// bytes left and fails with a message naming the field; nothing is formatted unless a read fails.
class Reader {
 public:
  explicit Reader(Bytes in) : p_(in.data()), end_(in.data() + in.size()) {}

  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  const std::byte* position() const { return p_; }
  // Failures inside a header say which one.
  void set_header_index(int32_t index) { header_index_ = index; }
  DecodeStatus TakeStatus() { return std::move(status_); }

  bool ReadInt8(const char* field, int8_t* value) {
    if (p_ == end_) return Fail(fmt::format("{} is missing: the record has no bytes left", field));
    *value = static_cast<int8_t>(std::to_integer<uint8_t>(*p_++));
    return true;
  }

  bool ReadVarint(const char* field, int32_t* value) {
    const DecodedVarint v = DecodeVarint(Bytes(p_, end_));
    if (!v.ok()) return FailVarint(field, "varint", v.error);
    *value = v.value;
    p_ += v.size;
    return true;
  }

  bool ReadVarlong(const char* field, int64_t* value) {
    const DecodedVarlong v = DecodeVarlong(Bytes(p_, end_));
    if (!v.ok()) return FailVarint(field, "varlong", v.error);
    *value = v.value;
    p_ += v.size;
    return true;
  }

  // A length varint (-1 for null when `nullable`) followed by that many bytes.
  bool ReadBytes(const char* field, bool nullable, NullableBytes* value) {
    const DecodedVarint decoded = DecodeVarint(Bytes(p_, end_));
    if (!decoded.ok()) return FailVarint(fmt::format("{} length", field), "varint", decoded.error);
    p_ += decoded.size;
    const int32_t length = decoded.value;
    if (length < 0) {
      if (length == -1 && nullable) {
        value->reset();
        return true;
      }
      return Fail(
          fmt::format("{} length {} is invalid{}", field, length,
                      nullable ? ": only -1 (null) may be negative" : ": it cannot be null"));
    }
    if (static_cast<size_t>(length) > remaining()) {
      return Fail(
          fmt::format("{} length {} exceeds the {} remaining bytes", field, length, remaining()));
    }
    *value = Bytes(p_, static_cast<size_t>(length));
    p_ += length;
    return true;
  }

  bool ReadHeader(RecordHeader* header) {
    NullableBytes key;
    if (!ReadBytes("key", /*nullable=*/false, &key)) return false;
    header->key = AsString(*key);
    return ReadBytes("value", /*nullable=*/true, &header->value);
  }

  bool Fail(std::string message) {
    if (header_index_ >= 0) message = fmt::format("header {}: {}", header_index_, message);
    status_ = DecodeStatus::Corrupt(std::move(message));
    return false;
  }

 private:
  bool FailVarint(std::string_view field, const char* kind, VarintError error) {
    if (p_ == end_) return Fail(fmt::format("{} is missing: the record has no bytes left", field));
    if (error == VarintError::kTruncated) {
      return Fail(fmt::format("{} {} is truncated: the record ends inside it", field, kind));
    }
    return Fail(fmt::format("{} {} is {}", field, kind, VarintErrorName(error)));
  }

  const std::byte* p_;
  const std::byte* end_;
  int32_t header_index_ = -1;
  DecodeStatus status_ = DecodeStatus::Ok();
};

size_t NullableSize(const NullableBytes& bytes) {
  if (!bytes) return VarintSize(-1);
  assert(bytes->size() <= static_cast<size_t>(std::numeric_limits<int32_t>::max()));
  return VarintSize(static_cast<int32_t>(bytes->size())) + bytes->size();
}

std::byte* EncodeNullable(const NullableBytes& bytes, std::byte* dst) {
  if (!bytes) return EncodeVarint(-1, dst);
  dst = EncodeVarint(static_cast<int32_t>(bytes->size()), dst);
  if (!bytes->empty()) std::memcpy(dst, bytes->data(), bytes->size());
  return dst + bytes->size();
}

// Kafka's DefaultRecordBatch.incrementSequence: sequences wrap from Integer.MAX_VALUE to 0.
int32_t IncrementSequence(int32_t sequence, int32_t increment) {
  int64_t next = int64_t{sequence} + increment;
  if (next > std::numeric_limits<int32_t>::max()) next -= int64_t{1} << 31;
  return static_cast<int32_t>(next);
}

// Java's long arithmetic wraps; so must ours, without the undefined behaviour of signed overflow,
// since a corrupt batch may hold any base and delta.
int64_t WrappingAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}

}  // namespace

HeaderRange::Iterator::Iterator(Bytes bytes, int32_t count) : rest_(bytes), remaining_(count) {
  Load();
}

HeaderRange::Iterator& HeaderRange::Iterator::operator++() {
  assert(remaining_ > 0 && "increment past the last header");
  --remaining_;
  Load();
  return *this;
}

void HeaderRange::Iterator::Load() {
  if (remaining_ == 0) return;
  Reader reader(rest_);
  [[maybe_unused]] const bool ok = reader.ReadHeader(&current_);
  assert(ok && "headers are validated when their batch is parsed");
  rest_ = Bytes(reader.position(), reader.remaining());
}

size_t RecordBodySize(int32_t offset_delta, int64_t timestamp_delta, const SimpleRecord& record) {
  size_t size = 1;  // attributes
  size += VarlongSize(timestamp_delta);
  size += VarintSize(offset_delta);
  size += NullableSize(record.key);
  size += NullableSize(record.value);
  assert(record.headers.size() <= static_cast<size_t>(std::numeric_limits<int32_t>::max()));
  size += VarintSize(static_cast<int32_t>(record.headers.size()));
  for (const RecordHeader& header : record.headers) {
    size += NullableSize(AsBytes(header.key));
    size += NullableSize(header.value);
  }
  return size;
}

std::byte* EncodeRecord(int32_t offset_delta, int64_t timestamp_delta, const SimpleRecord& record,
                        size_t body_size, std::byte* dst) {
  assert(body_size == RecordBodySize(offset_delta, timestamp_delta, record));
  assert(body_size <= static_cast<size_t>(std::numeric_limits<int32_t>::max()));
  dst = EncodeVarint(static_cast<int32_t>(body_size), dst);
  [[maybe_unused]] const std::byte* body = dst;
  *dst++ = std::byte{0};  // attributes: Kafka defines no record attribute bits
  dst = EncodeVarlong(timestamp_delta, dst);
  dst = EncodeVarint(offset_delta, dst);
  dst = EncodeNullable(record.key, dst);
  dst = EncodeNullable(record.value, dst);
  dst = EncodeVarint(static_cast<int32_t>(record.headers.size()), dst);
  for (const RecordHeader& header : record.headers) {
    dst = EncodeNullable(AsBytes(header.key), dst);
    dst = EncodeNullable(header.value, dst);
  }
  assert(static_cast<size_t>(dst - body) == body_size);
  return dst;
}

DecodeStatus ParseRecord(Bytes in, const RecordBase& base, bool check_headers, RecordView* out) {
  const DecodedVarint length = DecodeVarint(in);
  if (!length.ok()) {
    return DecodeStatus::Corrupt(fmt::format("length varint is {}", VarintErrorName(length.error)));
  }
  const size_t available = in.size() - length.size;
  if (length.value < 0) {
    return DecodeStatus::Corrupt(fmt::format("length {} is negative", length.value));
  }
  if (static_cast<size_t>(length.value) > available) {
    return DecodeStatus::Corrupt(
        fmt::format("length {} exceeds the {} remaining bytes", length.value, available));
  }

  Reader reader(in.subspan(length.size, static_cast<size_t>(length.value)));
  int32_t header_count = 0;
  if (!reader.ReadInt8("attributes", &out->attributes) ||
      !reader.ReadVarlong("timestamp delta", &out->timestamp_delta) ||
      !reader.ReadVarint("offset delta", &out->offset_delta) ||
      !reader.ReadBytes("key", /*nullable=*/true, &out->key) ||
      !reader.ReadBytes("value", /*nullable=*/true, &out->value) ||
      !reader.ReadVarint("header count", &header_count)) {
    return reader.TakeStatus();
  }
  // Each header takes at least two bytes (two length varints), which bounds the loop below.
  if (header_count < 0 || static_cast<size_t>(header_count) > reader.remaining() / 2) {
    return DecodeStatus::Corrupt(fmt::format("header count {} cannot fit in the {} remaining bytes",
                                             header_count, reader.remaining()));
  }
  const Bytes header_bytes(reader.position(), reader.remaining());
  if (check_headers) {
    for (int32_t i = 0; i < header_count; ++i) {
      reader.set_header_index(i);
      RecordHeader header;
      if (!reader.ReadHeader(&header)) return reader.TakeStatus();
    }
    if (reader.remaining() != 0) {
      return DecodeStatus::Corrupt(fmt::format("length {} leaves {} bytes after the last header",
                                               length.value, reader.remaining()));
    }
  }

  out->offset = WrappingAdd(base.base_offset, out->offset_delta);
  out->timestamp_ms = base.log_append_time_ms
                          ? *base.log_append_time_ms
                          : WrappingAdd(base.base_timestamp, out->timestamp_delta);
  out->sequence = base.base_sequence >= 0 ? IncrementSequence(base.base_sequence, out->offset_delta)
                                          : batch_format::kNoSequence;
  out->headers = HeaderRange(header_bytes, header_count);
  out->size_bytes = length.size + static_cast<size_t>(length.value);
  return DecodeStatus::Ok();
}

}  // namespace kafkasim
