#include "sim/storage/varint.h"

#include <algorithm>

namespace kafkasim {
namespace {

// Reads up to `max_bytes` groups of seven bits into an unsigned value of `value_bits` bits.
struct RawVarint {
  uint64_t value = 0;
  uint8_t size = 0;
  VarintError error = VarintError::kNone;
};

RawVarint DecodeUnsigned(std::span<const std::byte> in, int max_bytes, int value_bits) {
  RawVarint raw;
  const size_t limit = std::min(in.size(), static_cast<size_t>(max_bytes));
  for (size_t i = 0; i < limit; ++i) {
    const auto byte = std::to_integer<uint64_t>(in[i]);
    const int shift = static_cast<int>(7 * i);
    if ((byte & 0x80) == 0) {
      // The last byte may carry at most value_bits - shift bits (4 of 5 for a varint's fifth
      // byte, 1 of 7 for a varlong's tenth).
      if (value_bits - shift < 7 && (byte >> (value_bits - shift)) != 0) {
        raw.error = VarintError::kTooLong;
      } else if (byte == 0 && i > 0) {
        raw.error = VarintError::kNotShortest;
      } else {
        raw.value |= byte << shift;
        raw.size = static_cast<uint8_t>(i + 1);
      }
      return raw;
    }
    raw.value |= (byte & 0x7f) << shift;
  }
  raw.value = 0;
  raw.error =
      in.size() < static_cast<size_t>(max_bytes) ? VarintError::kTruncated : VarintError::kTooLong;
  return raw;
}

}  // namespace

std::string_view VarintErrorName(VarintError error) {
  switch (error) {
    case VarintError::kNone:
      return "ok";
    case VarintError::kTruncated:
      return "truncated";
    case VarintError::kTooLong:
      return "too long";
    case VarintError::kNotShortest:
      return "not in shortest form";
  }
  return "unknown";
}

DecodedVarint DecodeVarintSlow(std::span<const std::byte> in) {
  const RawVarint raw = DecodeUnsigned(in, kMaxVarintBytes, 32);
  if (raw.error != VarintError::kNone) return {0, 0, raw.error};
  return {ZigZagDecode32(static_cast<uint32_t>(raw.value)), raw.size, VarintError::kNone};
}

DecodedVarlong DecodeVarlongSlow(std::span<const std::byte> in) {
  const RawVarint raw = DecodeUnsigned(in, kMaxVarlongBytes, 64);
  if (raw.error != VarintError::kNone) return {0, 0, raw.error};
  return {ZigZagDecode64(raw.value), raw.size, VarintError::kNone};
}

}  // namespace kafkasim
