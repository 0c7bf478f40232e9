#include "sim/storage/varint.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/core/random.h"
#include "tests/storage/test_bytes.h"

namespace kafkasim {
namespace {

using testing::FromHex;
using testing::ToHex;

std::string EncodeVarintHex(int32_t v) {
  std::byte buffer[kMaxVarintBytes];
  return ToHex(Bytes(buffer, EncodeVarint(v, buffer)));
}
std::string EncodeVarlongHex(int64_t v) {
  std::byte buffer[kMaxVarlongBytes];
  return ToHex(Bytes(buffer, EncodeVarlong(v, buffer)));
}

// Decodes from a heap buffer of exactly the input's size, so that AddressSanitizer reports any
// read past the end.
DecodedVarint DecodeVarintHex(std::string_view hex) {
  const std::vector<std::byte> exact = FromHex(hex);
  return DecodeVarint(exact);
}
DecodedVarlong DecodeVarlongHex(std::string_view hex) {
  const std::vector<std::byte> exact = FromHex(hex);
  return DecodeVarlong(exact);
}

TEST_CASE("varints encode zig-zag, seven bits a byte, as Kafka's ByteUtils does") {
  CHECK(EncodeVarintHex(0) == "00");
  CHECK(EncodeVarintHex(-1) == "01");
  CHECK(EncodeVarintHex(1) == "02");
  CHECK(EncodeVarintHex(63) == "7e");
  CHECK(EncodeVarintHex(-64) == "7f");
  CHECK(EncodeVarintHex(64) == "8001");
  CHECK(EncodeVarintHex(300) == "d804");  // a 300-byte value's length in a record
  CHECK(EncodeVarintHex(std::numeric_limits<int32_t>::max()) == "feffffff0f");
  CHECK(EncodeVarintHex(std::numeric_limits<int32_t>::min()) == "ffffffff0f");
  CHECK(EncodeVarlongHex(-4000) == "bf3e");
  CHECK(EncodeVarlongHex(std::numeric_limits<int64_t>::max()) == "feffffffffffffffff01");
  CHECK(EncodeVarlongHex(std::numeric_limits<int64_t>::min()) == "ffffffffffffffffff01");
}

TEST_CASE("varints and varlongs round-trip and take the size VarintSize says") {
  Random random(7, "varint");
  for (int i = 0; i < 20000; ++i) {
    // Spread magnitudes over every encoded length, not just the large ones.
    const int bits = static_cast<int>(random.Below(64)) + 1;
    const auto raw = static_cast<int64_t>(random.Next() >> (64 - bits));
    const int64_t v64 =
        random.Chance(0.5) ? raw : static_cast<int64_t>(0 - static_cast<uint64_t>(raw));
    const auto v32 = static_cast<int32_t>(v64);
    std::byte buffer[kMaxVarlongBytes];

    std::byte* end = EncodeVarint(v32, buffer);
    REQUIRE(end - buffer == VarintSize(v32));
    const DecodedVarint d32 = DecodeVarint(Bytes(buffer, end));
    REQUIRE(d32.ok());
    REQUIRE(d32.value == v32);
    REQUIRE(d32.size == VarintSize(v32));

    end = EncodeVarlong(v64, buffer);
    REQUIRE(end - buffer == VarlongSize(v64));
    const DecodedVarlong d64 = DecodeVarlong(Bytes(buffer, end));
    REQUIRE(d64.ok());
    REQUIRE(d64.value == v64);
    REQUIRE(d64.size == VarlongSize(v64));
  }
}

TEST_CASE("decoding reads only the varint and leaves the bytes after it") {
  const DecodedVarint v = DecodeVarintHex("d804ffff");
  CHECK(v.ok());
  CHECK(v.value == 300);
  CHECK(v.size == 2);
}

TEST_CASE("a varint cut off before its last byte is truncated") {
  CHECK(DecodeVarintHex("").error == VarintError::kTruncated);
  CHECK(DecodeVarintHex("80").error == VarintError::kTruncated);
  CHECK(DecodeVarintHex("ffffffff").error == VarintError::kTruncated);
  CHECK(DecodeVarlongHex("ffffffffffffffffff").error == VarintError::kTruncated);
  const DecodedVarint failed = DecodeVarintHex("ff");
  CHECK(failed.size == 0);
  CHECK(failed.value == 0);
}

TEST_CASE("a varint longer than 5 bytes, or one overflowing 32 bits, is too long") {
  // The fifth byte still says "more follows": Kafka's "most significant bit in the 5th byte".
  CHECK(DecodeVarintHex("ffffffff8f01").error == VarintError::kTooLong);
  CHECK(DecodeVarintHex("8080808080").error == VarintError::kTooLong);
  // A fifth byte above 0x0f carries bits 32 and up, which Kafka would silently drop.
  CHECK(DecodeVarintHex("ffffffff1f").error == VarintError::kTooLong);
  CHECK(DecodeVarintHex("ffffffff0f").ok());
  CHECK(DecodeVarlongHex("ffffffffffffffffff02").error == VarintError::kTooLong);
  CHECK(DecodeVarlongHex("ffffffffffffffffff8001").error == VarintError::kTooLong);
  CHECK(DecodeVarlongHex("ffffffffffffffffff01").ok());
}

TEST_CASE("a varint padded with a final zero byte is not in shortest form") {
  CHECK(DecodeVarintHex("8000").error == VarintError::kNotShortest);
  CHECK(DecodeVarintHex("ff8000").error == VarintError::kNotShortest);
  CHECK(DecodeVarlongHex("808080808080808080"
                         "00")
            .error == VarintError::kNotShortest);
  CHECK(DecodeVarintHex("00").ok());  // zero itself is one zero byte
}

TEST_CASE("no prefix of a valid varint decodes, and every prefix is reported as truncated") {
  for (int64_t v : {int64_t{64}, int64_t{-8193}, int64_t{1} << 40, int64_t{-1} << 62}) {
    std::byte buffer[kMaxVarlongBytes];
    const std::byte* end = EncodeVarlong(v, buffer);
    for (std::byte* cut = buffer; cut < end; ++cut) {
      const std::vector<std::byte> prefix(buffer, cut);
      CHECK(DecodeVarlong(prefix).error == VarintError::kTruncated);
    }
  }
}

}  // namespace
}  // namespace kafkasim
