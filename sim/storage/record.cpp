#include "sim/storage/record.h"

#include <fmt/format.h>

#include <cassert>
#include <cstring>
#include <limits>
#include <string>

#include "sim/storage/varint.h"

namespace kafkasim {
namespace {

// Where a failed read reports: the caller's message (null when it only wants to know whether the
// read failed) and, inside a header, which one.
struct ErrorSink {
  std::string* error;
  int32_t header_index;
};

// The failure paths, out of line and passed everything by value, so that a Reader never has its
// address taken and lives in registers: a consumer parses tens of millions of records a second.
[[gnu::cold, gnu::noinline]] bool Report(ErrorSink sink, const std::string& message) {
  if (sink.error == nullptr) return false;
  *sink.error =
      sink.header_index >= 0 ? fmt::format("header {}: {}", sink.header_index, message) : message;
  return false;
}
[[gnu::cold, gnu::noinline]] bool ReportMissing(ErrorSink sink, const char* field,
                                                const char* suffix) {
  return Report(sink, fmt::format("{}{} is missing: the record has no bytes left", field, suffix));
}
[[gnu::cold, gnu::noinline]] bool ReportVarint(ErrorSink sink, bool at_end, const char* field,
                                               const char* suffix, const char* kind,
                                               VarintError error) {
  if (at_end) return ReportMissing(sink, field, suffix);
  if (error == VarintError::kTruncated) {
    return Report(
        sink, fmt::format("{}{} {} is truncated: the record ends inside it", field, suffix, kind));
  }
  return Report(sink, fmt::format("{}{} {} is {}", field, suffix, kind, VarintErrorName(error)));
}
[[gnu::cold, gnu::noinline]] bool ReportNegativeLength(ErrorSink sink, const char* field,
                                                       int32_t length, bool nullable) {
  return Report(sink,
                fmt::format("{} length {} is invalid{}", field, length,
                            nullable ? ": only -1 (null) may be negative" : ": it cannot be null"));
}
[[gnu::cold, gnu::noinline]] bool ReportLength(ErrorSink sink, const char* field, int32_t length,
                                               size_t remaining) {
  return Report(
      sink, fmt::format("{} length {} exceeds the {} remaining bytes", field, length, remaining));
}

// Reads a record's fields front to back from bytes that may be corrupt. Every read checks the
// bytes left; a failed read writes a message naming the field into the error sink.
class Reader {
 public:
  Reader(Bytes in, std::string* error)
      : p_(in.data()), end_(in.data() + in.size()), sink_{error, -1} {}

  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  const std::byte* position() const { return p_; }
  // Failures inside a header say which one.
  void set_header_index(int32_t index) { sink_.header_index = index; }

  [[gnu::always_inline]] bool ReadInt8(const char* field, int8_t* value) {
    if (p_ == end_) return ReportMissing(sink_, field, "");
    *value = static_cast<int8_t>(std::to_integer<uint8_t>(*p_++));
    return true;
  }

  [[gnu::always_inline]] bool ReadVarint(const char* field, int32_t* value) {
    const DecodedVarint v = DecodeVarint(Bytes(p_, end_));
    if (!v.ok()) return ReportVarint(sink_, p_ == end_, field, "", "varint", v.error);
    *value = v.value;
    p_ += v.size;
    return true;
  }

  [[gnu::always_inline]] bool ReadVarlong(const char* field, int64_t* value) {
    const DecodedVarlong v = DecodeVarlong(Bytes(p_, end_));
    if (!v.ok()) return ReportVarint(sink_, p_ == end_, field, "", "varlong", v.error);
    *value = v.value;
    p_ += v.size;
    return true;
  }

  // A length varint (-1 for null when `nullable`) followed by that many bytes.
  [[gnu::always_inline]] bool ReadBytes(const char* field, bool nullable, NullableBytes* value) {
    const DecodedVarint length = DecodeVarint(Bytes(p_, end_));
    if (!length.ok()) {
      return ReportVarint(sink_, p_ == end_, field, " length", "varint", length.error);
    }
    p_ += length.size;
    if (length.value < 0) {
      if (length.value == -1 && nullable) {
        value->reset();
        return true;
      }
      return ReportNegativeLength(sink_, field, length.value, nullable);
    }
    if (static_cast<size_t>(length.value) > remaining()) {
      return ReportLength(sink_, field, length.value, remaining());
    }
    *value = Bytes(p_, static_cast<size_t>(length.value));
    p_ += length.value;
    return true;
  }

  [[gnu::always_inline]] bool ReadHeader(RecordHeader* header) {
    NullableBytes key;
    if (!ReadBytes("key", /*nullable=*/false, &key)) return false;
    header->key = AsString(*key);
    return ReadBytes("value", /*nullable=*/true, &header->value);
  }

 private:
  const std::byte* p_;
  const std::byte* end_;
  ErrorSink sink_;
};

// Sets `*error` (if any) and returns false; out of line, so that it costs the success path
// nothing.
template <typename... Args>
[[gnu::cold, gnu::noinline]] bool Fail(std::string* error, fmt::format_string<Args...> format,
                                       Args&&... args) {
  if (error != nullptr) *error = fmt::format(format, std::forward<Args>(args)...);
  return false;
}

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
  Reader reader(rest_, /*error=*/nullptr);
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

bool ParseRecord(Bytes in, const RecordBase& base, RecordView* out, std::string* error) {
  const DecodedVarint length = DecodeVarint(in);
  if (!length.ok()) return Fail(error, "length varint is {}", VarintErrorName(length.error));
  const size_t available = in.size() - length.size;
  if (length.value < 0) return Fail(error, "length {} is negative", length.value);
  if (static_cast<size_t>(length.value) > available) {
    return Fail(error, "length {} exceeds the {} remaining bytes", length.value, available);
  }

  Reader reader(in.subspan(length.size, static_cast<size_t>(length.value)), error);
  int32_t header_count = 0;
  if (!reader.ReadInt8("attributes", &out->attributes) ||
      !reader.ReadVarlong("timestamp delta", &out->timestamp_delta) ||
      !reader.ReadVarint("offset delta", &out->offset_delta) ||
      !reader.ReadBytes("key", /*nullable=*/true, &out->key) ||
      !reader.ReadBytes("value", /*nullable=*/true, &out->value) ||
      !reader.ReadVarint("header count", &header_count)) {
    return false;
  }
  // Each header takes at least two bytes (two length varints), which bounds the loop below.
  if (header_count < 0 || static_cast<size_t>(header_count) > reader.remaining() / 2) {
    return Fail(error, "header count {} cannot fit in the {} remaining bytes", header_count,
                reader.remaining());
  }
  const Bytes header_bytes(reader.position(), reader.remaining());
  for (int32_t i = 0; i < header_count; ++i) {
    reader.set_header_index(i);
    RecordHeader header;
    if (!reader.ReadHeader(&header)) return false;
  }
  if (reader.remaining() != 0) {
    return Fail(error, "length {} leaves {} bytes after the last header", length.value,
                reader.remaining());
  }

  out->offset = WrappingAdd(base.base_offset, out->offset_delta);
  out->timestamp_ms = base.log_append_time_ms
                          ? *base.log_append_time_ms
                          : WrappingAdd(base.base_timestamp, out->timestamp_delta);
  out->sequence = base.base_sequence >= 0 ? IncrementSequence(base.base_sequence, out->offset_delta)
                                          : batch_format::kNoSequence;
  out->headers = HeaderRange(header_bytes, header_count);
  out->size_bytes = length.size + static_cast<size_t>(length.value);
  return true;
}

namespace {

// The field readers of RecordsWellFormed: each advances `p` past one field that must end by
// `end`, or returns false. The checks are ParseRecord's (DecodeVarint's strictness included);
// only the messages are missing.
[[gnu::always_inline]] inline bool ScanVarint(const std::byte*& p, const std::byte* end,
                                              int32_t* value) {
  const DecodedVarint v = DecodeVarint(Bytes(p, end));
  if (!v.ok()) return false;
  *value = v.value;
  p += v.size;
  return true;
}

[[gnu::always_inline]] inline bool ScanVarlong(const std::byte*& p, const std::byte* end) {
  const DecodedVarlong v = DecodeVarlong(Bytes(p, end));
  if (!v.ok()) return false;
  p += v.size;
  return true;
}

// A length varint and that many bytes; -1 (null) only when `nullable`.
[[gnu::always_inline]] inline bool ScanBytes(const std::byte*& p, const std::byte* end,
                                             bool nullable) {
  int32_t length;
  if (!ScanVarint(p, end, &length)) return false;
  if (length < 0) return length == -1 && nullable;
  if (length > end - p) return false;
  p += length;
  return true;
}

}  // namespace

bool RecordsWellFormed(Bytes records, int32_t count, int32_t last_offset_delta) {
  assert(count >= 0 && static_cast<size_t>(count) <= records.size() / batch_format::kMinRecordSize);
  const std::byte* p = records.data();
  const std::byte* const end = p + records.size();
  int64_t previous_delta = -1;  // a first delta must be >= 0
  for (int32_t i = 0; i < count; ++i) {
    int32_t length;
    if (!ScanVarint(p, end, &length) || length < 0 || length > end - p) return false;
    const std::byte* const record_end = p + length;
    if (p == record_end) return false;  // no attributes byte
    ++p;
    int32_t offset_delta;
    if (!ScanVarlong(p, record_end) || !ScanVarint(p, record_end, &offset_delta)) return false;
    if (offset_delta <= previous_delta || offset_delta > last_offset_delta) return false;
    previous_delta = offset_delta;
    int32_t header_count;
    if (!ScanBytes(p, record_end, /*nullable=*/true) ||  // key
        !ScanBytes(p, record_end, /*nullable=*/true) ||  // value
        !ScanVarint(p, record_end, &header_count)) {
      return false;
    }
    // ParseRecord's bound: each header takes at least two bytes.
    if (header_count < 0 || header_count > (record_end - p) / 2) return false;
    for (int32_t h = 0; h < header_count; ++h) {
      if (!ScanBytes(p, record_end, /*nullable=*/false) ||
          !ScanBytes(p, record_end, /*nullable=*/true)) {
        return false;
      }
    }
    if (p != record_end) return false;
  }
  return p == end;
}

}  // namespace kafkasim
