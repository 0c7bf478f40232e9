#pragma once
// Kafka's classic (non-flexible) wire primitives for the few structures kafkasim really
// serializes outside record batches: the __consumer_offsets keys and values and the consumer
// protocol's subscription and assignment. int16/int32/int64 big-endian; STRING = int16 length +
// UTF-8 (NULLABLE_STRING: length -1 for null); BYTES = int32 length + bytes; ARRAY = int32 count.
//
// ByteReader never reads past the end: a short or malformed buffer makes it !ok() and every later
// read returns a zero value, so a decoder checks ok() once at the end.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/storage/big_endian.h"

namespace kafkasim {

class ByteWriter {
 public:
  ByteWriter& Int8(int8_t v) { return Fixed(v); }
  ByteWriter& Int16(int16_t v) { return Fixed(v); }
  ByteWriter& Int32(int32_t v) { return Fixed(v); }
  ByteWriter& Int64(int64_t v) { return Fixed(v); }
  ByteWriter& String(std::string_view s) {
    Int16(static_cast<int16_t>(s.size()));
    out_.append(s);
    return *this;
  }
  ByteWriter& NullableString(const std::optional<std::string>& s) {
    if (!s) return Int16(-1);
    return String(*s);
  }
  ByteWriter& Bytes(std::string_view b) {
    Int32(static_cast<int32_t>(b.size()));
    out_.append(b);
    return *this;
  }
  std::string Take() { return std::move(out_); }

 private:
  template <typename T>
  ByteWriter& Fixed(T v) {
    std::byte buf[sizeof(T)];
    StoreBigEndian(buf, v);
    out_.append(reinterpret_cast<const char*>(buf), sizeof(T));
    return *this;
  }
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  int8_t Int8() { return Fixed<int8_t>(); }
  int16_t Int16() { return Fixed<int16_t>(); }
  int32_t Int32() { return Fixed<int32_t>(); }
  int64_t Int64() { return Fixed<int64_t>(); }
  std::string String() { return Take(Int16()); }
  std::optional<std::string> NullableString() {
    const int16_t n = Int16();
    if (n == -1) return std::nullopt;
    return Take(n);
  }
  std::string Bytes() { return Take(Int32()); }
  // An array's element count, refused when it cannot fit in what is left (a corrupt buffer).
  int32_t ArrayCount() {
    const int32_t n = Int32();
    if (n < 0 || static_cast<size_t>(n) > in_.size() - pos_) {
      ok_ = false;
      return 0;
    }
    return n;
  }
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }

 private:
  template <typename T>
  T Fixed() {
    if (!ok_ || in_.size() - pos_ < sizeof(T)) {
      ok_ = false;
      return 0;
    }
    const T v = LoadBigEndian<T>(reinterpret_cast<const std::byte*>(in_.data() + pos_));
    pos_ += sizeof(T);
    return v;
  }
  std::string Take(int64_t n) {
    if (!ok_ || n < 0 || static_cast<size_t>(n) > in_.size() - pos_) {
      ok_ = false;
      return {};
    }
    std::string s(in_.substr(pos_, static_cast<size_t>(n)));
    pos_ += static_cast<size_t>(n);
    return s;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace kafkasim
