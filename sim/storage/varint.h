#pragma once
// Zig-zag variable-length integers as Kafka's record format v2 writes them (Kafka's
// org.apache.kafka.common.utils.ByteUtils writeVarint/writeVarlong, after Protocol Buffers'
// sint32/sint64): zig-zag maps small magnitudes of either sign to small unsigned numbers
// (0, -1, 1, -2 -> 0, 1, 2, 3), which are written seven bits a byte, least significant group
// first, with the high bit set on every byte but the last. A varint takes 1-5 bytes, a varlong
// 1-10.
//
// Decoding reads bytes from outside the process, so it checks everything and never reads past
// the span it is given. It is stricter than Kafka's reader in two ways that matter only for
// corrupt input, since Kafka's writer never produces either: it rejects a value with bits beyond
// 32 (64) in its last byte, which Kafka silently drops, and it rejects encodings that are not the
// shortest (a last byte of zero after a continuation, like 0x80 0x00 for 0), which Kafka accepts.
// Both keep one value to one byte string, so a corrupted length cannot hide behind padding.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace kafkasim {

inline constexpr int kMaxVarintBytes = 5;
inline constexpr int kMaxVarlongBytes = 10;

constexpr uint32_t ZigZagEncode32(int32_t v) {
  return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31);
}
constexpr uint64_t ZigZagEncode64(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
constexpr int32_t ZigZagDecode32(uint32_t u) {
  return static_cast<int32_t>((u >> 1) ^ (0u - (u & 1)));
}
constexpr int64_t ZigZagDecode64(uint64_t u) {
  return static_cast<int64_t>((u >> 1) ^ (0ull - (u & 1)));
}
static_assert(ZigZagEncode32(-1) == 1 && ZigZagEncode32(1) == 2 && ZigZagDecode32(3) == -2);
static_assert(ZigZagDecode32(ZigZagEncode32(INT32_MIN)) == INT32_MIN);
static_assert(ZigZagDecode64(ZigZagEncode64(INT64_MIN)) == INT64_MIN);

// Bytes the encoding of `v` takes (Kafka's ByteUtils.sizeOfVarint / sizeOfVarlong): one per
// started group of seven significant bits.
constexpr int VarintSize(int32_t v) { return 1 + (std::bit_width(ZigZagEncode32(v) | 1) - 1) / 7; }
constexpr int VarlongSize(int64_t v) { return 1 + (std::bit_width(ZigZagEncode64(v) | 1) - 1) / 7; }
static_assert(VarintSize(0) == 1 && VarintSize(-64) == 1 && VarintSize(64) == 2);
static_assert(VarintSize(-8193) == 3 && VarintSize(INT32_MIN) == kMaxVarintBytes);
static_assert(VarlongSize(INT64_MAX) == kMaxVarlongBytes);

// Writes the encoding of `v` at `dst`, which must have room for VarintSize(v) bytes, and returns
// the position just past it.
inline std::byte* EncodeVarint(int32_t v, std::byte* dst) {
  uint32_t u = ZigZagEncode32(v);
  for (; u >= 0x80; u >>= 7) *dst++ = static_cast<std::byte>((u & 0x7f) | 0x80);
  *dst++ = static_cast<std::byte>(u);
  return dst;
}
inline std::byte* EncodeVarlong(int64_t v, std::byte* dst) {
  uint64_t u = ZigZagEncode64(v);
  for (; u >= 0x80; u >>= 7) *dst++ = static_cast<std::byte>((u & 0x7f) | 0x80);
  *dst++ = static_cast<std::byte>(u);
  return dst;
}

enum class VarintError : uint8_t {
  kNone,
  kTruncated,    // the input ends while the high bit still says "more bytes follow"
  kTooLong,      // more than 5 (10) bytes, or value bits beyond 32 (64) in the last byte
  kNotShortest,  // a final zero byte after a continuation: padding Kafka's writer never emits
};

std::string_view VarintErrorName(VarintError error);

// size is how many input bytes the value took; it is 0 exactly when error != kNone.
struct DecodedVarint {
  int32_t value = 0;
  uint8_t size = 0;
  VarintError error = VarintError::kNone;
  bool ok() const { return error == VarintError::kNone; }
};
struct DecodedVarlong {
  int64_t value = 0;
  uint8_t size = 0;
  VarintError error = VarintError::kNone;
  bool ok() const { return error == VarintError::kNone; }
};

// Decodes the varint at the front of `in`; reads no byte outside `in`.
DecodedVarint DecodeVarintSlow(std::span<const std::byte> in);
DecodedVarlong DecodeVarlongSlow(std::span<const std::byte> in);

// The one- and two-byte cases (values -8192..8191: nearly every length, delta and count in a
// batch) inline, the rest out of line. A zero second byte is padding, left to the slow path to
// report.
[[gnu::always_inline]] inline DecodedVarint DecodeVarint(std::span<const std::byte> in) {
  if (!in.empty()) {
    const auto b0 = std::to_integer<uint32_t>(in[0]);
    if (b0 < 0x80) return {ZigZagDecode32(b0), 1, VarintError::kNone};
    if (in.size() >= 2) {
      const auto b1 = std::to_integer<uint32_t>(in[1]);
      if (b1 != 0 && b1 < 0x80)
        return {ZigZagDecode32((b0 & 0x7f) | b1 << 7), 2, VarintError::kNone};
    }
  }
  return DecodeVarintSlow(in);
}
[[gnu::always_inline]] inline DecodedVarlong DecodeVarlong(std::span<const std::byte> in) {
  if (!in.empty()) {
    const auto b0 = std::to_integer<uint64_t>(in[0]);
    if (b0 < 0x80) return {ZigZagDecode64(b0), 1, VarintError::kNone};
    if (in.size() >= 2) {
      const auto b1 = std::to_integer<uint64_t>(in[1]);
      if (b1 != 0 && b1 < 0x80)
        return {ZigZagDecode64((b0 & 0x7f) | b1 << 7), 2, VarintError::kNone};
    }
  }
  return DecodeVarlongSlow(in);
}

}  // namespace kafkasim
