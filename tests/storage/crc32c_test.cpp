#include "sim/storage/crc32c.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "sim/core/random.h"
#include "sim/storage/record.h"

namespace kafkasim {
namespace {

std::vector<std::byte> Repeat(uint8_t value, size_t n) {
  return std::vector<std::byte>(n, static_cast<std::byte>(value));
}

TEST_CASE("CRC-32C matches the published check value and RFC 3720 vectors") {
  CHECK(crc32c::Value(AsBytes("123456789")) == 0xE3069283);
  CHECK(crc32c::Value({}) == 0);
  // RFC 3720 (iSCSI) appendix B.4.
  CHECK(crc32c::Value(Repeat(0x00, 32)) == 0x8A9136AA);
  CHECK(crc32c::Value(Repeat(0xff, 32)) == 0x62A8AB43);
  std::vector<std::byte> ascending, descending;
  for (int i = 0; i < 32; ++i) {
    ascending.push_back(static_cast<std::byte>(i));
    descending.push_back(static_cast<std::byte>(31 - i));
  }
  CHECK(crc32c::Value(ascending) == 0x46DD794E);
  CHECK(crc32c::Value(descending) == 0x113FDB5C);
}

TEST_CASE("the portable CRC-32C matches the check value on its own") {
  CHECK(crc32c::ExtendPortable(0, AsBytes("123456789")) == 0xE3069283);
  CHECK(crc32c::ExtendPortable(0, Repeat(0x00, 32)) == 0x8A9136AA);
}

TEST_CASE("extending a CRC-32C equals the CRC-32C of the concatenation") {
  const Bytes whole = AsBytes("The quick brown fox jumps over the lazy dog, twice over.");
  for (size_t split = 0; split <= whole.size(); ++split) {
    CAPTURE(split);
    CHECK(crc32c::Extend(crc32c::Value(whole.first(split)), whole.subspan(split)) ==
          crc32c::Value(whole));
  }
}

TEST_CASE("the SSE4.2 and slicing-by-8 CRC-32C agree on random inputs at every alignment") {
  if (!crc32c::HardwareAvailable()) {
    WARN("this CPU has no SSE4.2: only the portable CRC-32C is tested");
    return;
  }
  constexpr uint64_t kSeed = 20240601;
  Random random(kSeed, "crc32c");
  std::vector<std::byte> data(4096 + 16);
  for (auto& b : data) b = static_cast<std::byte>(random.Next());
  for (int trial = 0; trial < 2000; ++trial) {
    const size_t offset = random.Below(16);
    const size_t length = random.Below(trial < 200 ? 40 : 4096);
    const uint32_t seed_crc = static_cast<uint32_t>(random.Next());
    const Bytes slice = Bytes(data).subspan(offset, length);
    const uint32_t portable = crc32c::ExtendPortable(seed_crc, slice);
    const uint32_t hardware = crc32c::ExtendHardware(seed_crc, slice);
    if (portable != hardware) {
      FAIL("seed=" << kSeed << " trial=" << trial << " offset=" << offset << " length=" << length
                   << ": portable " << portable << " != hardware " << hardware);
    }
  }
  SUCCEED("2000 random slices agree");
}

}  // namespace
}  // namespace kafkasim
