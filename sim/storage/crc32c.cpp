#include "sim/storage/crc32c.h"

#include <array>
#include <cassert>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#include <xmmintrin.h>
#define KAFKASIM_CRC32C_X86 1
#endif

namespace kafkasim::crc32c {
namespace {

constexpr uint32_t kPolynomial = 0x82F63B78;  // Castagnoli, bit-reversed

// kTables[0] is the classic byte-at-a-time table; kTables[k][b] is the CRC of byte b followed by
// k zero bytes, which lets the portable loop fold eight input bytes with eight lookups.
constexpr std::array<std::array<uint32_t, 256>, 8> MakeTables() {
  std::array<std::array<uint32_t, 256>, 8> tables{};
  for (uint32_t b = 0; b < 256; ++b) {
    uint32_t crc = b;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ ((crc & 1) ? kPolynomial : 0);
    tables[0][b] = crc;
  }
  for (size_t k = 1; k < 8; ++k) {
    for (uint32_t b = 0; b < 256; ++b) {
      tables[k][b] = (tables[k - 1][b] >> 8) ^ tables[0][tables[k - 1][b] & 0xff];
    }
  }
  return tables;
}

constexpr auto kTables = MakeTables();
static_assert(kTables[0][1] == 0xF26B8303, "first entry of the published CRC-32C table");

// Little-endian word from any byte order: the reflected CRC consumes the lowest address first.
inline uint64_t LoadLittleEndian64(const std::byte* p) {
  uint64_t word = 0;
  for (int i = 7; i >= 0; --i) word = (word << 8) | std::to_integer<uint64_t>(p[i]);
  return word;
}

// Shifting a CRC register over n zero bytes is linear over GF(2), so it can be tabulated like
// the CRC itself: ZeroShift(n)[k][b] is the register that b << 8k becomes after n zero bytes.
// This is what lets independent streams over consecutive blocks be combined:
//   register(A B) = Shift(register(A), |B|) ^ register(B started from 0).
constexpr std::array<std::array<uint32_t, 256>, 4> MakeZeroShift(size_t n) {
  std::array<std::array<uint32_t, 256>, 4> tables{};
  for (size_t k = 0; k < 4; ++k) {
    for (uint32_t b = 0; b < 256; ++b) {
      uint32_t state = b << (8 * k);
      for (size_t i = 0; i < n; ++i) state = (state >> 8) ^ kTables[0][state & 0xff];
      tables[k][b] = state;
    }
  }
  return tables;
}

inline uint32_t Shift(const std::array<std::array<uint32_t, 256>, 4>& table, uint32_t state) {
  return table[0][state & 0xff] ^ table[1][(state >> 8) & 0xff] ^ table[2][(state >> 16) & 0xff] ^
         table[3][state >> 24];
}

#if KAFKASIM_CRC32C_X86
// The crc32 instruction takes three cycles but can start one every cycle, so a single dependent
// chain runs at a third of its speed. Inputs of a few blocks or more (a batch of records) run as
// three interleaved chains over consecutive blocks, combined with the zero-shift tables.
constexpr size_t kBlock = 256;
constexpr auto kShiftBlock = MakeZeroShift(kBlock);
constexpr auto kShiftTwoBlocks = MakeZeroShift(2 * kBlock);

// A consumer or follower checks batches that are seldom in the cache (a log read from the start),
// and the crc32 instruction outruns the hardware prefetcher, which restarts at every 4 KiB page.
// Asking for the bytes this far ahead makes the check run at about the speed of memory. The
// address is clamped to the input: a prefetch cannot fault, but it should not touch memory the
// caller did not hand over.
constexpr size_t kPrefetchDistance = 3072;
constexpr size_t kCacheLine = 64;

__attribute__((target("sse4.2"))) uint32_t ExtendSse42(uint32_t crc, const std::byte* p, size_t n) {
  uint64_t state = ~crc;
  const std::byte* const last = n > 0 ? p + n - 1 : p;
  for (; n >= 3 * kBlock; n -= 3 * kBlock, p += 3 * kBlock) {
    uint64_t s0 = state, s1 = 0, s2 = 0;
    for (size_t line = 0; line < kBlock; line += kCacheLine) {
      for (size_t block = 0; block < 3; ++block) {
        const size_t ahead = block * kBlock + line + kPrefetchDistance;
        // The builtin, not _mm_prefetch: the intrinsic only compiles when inlined (not at -O0).
        __builtin_prefetch(ahead < n ? p + ahead : last, /*rw=*/0, /*locality=*/3);
      }
      for (size_t i = line; i < line + kCacheLine; i += 8) {
        uint64_t w0, w1, w2;
        std::memcpy(&w0, p + i, 8);  // x86 is little-endian: the order the CRC wants
        std::memcpy(&w1, p + kBlock + i, 8);
        std::memcpy(&w2, p + 2 * kBlock + i, 8);
        s0 = _mm_crc32_u64(s0, w0);
        s1 = _mm_crc32_u64(s1, w1);
        s2 = _mm_crc32_u64(s2, w2);
      }
    }
    state = Shift(kShiftTwoBlocks, static_cast<uint32_t>(s0)) ^
            Shift(kShiftBlock, static_cast<uint32_t>(s1)) ^ s2;
  }
  for (; n >= 8; n -= 8, p += 8) {
    uint64_t word;
    std::memcpy(&word, p, sizeof word);
    state = _mm_crc32_u64(state, word);
  }
  auto state32 = static_cast<uint32_t>(state);
  for (; n > 0; --n, ++p) state32 = _mm_crc32_u8(state32, std::to_integer<uint8_t>(*p));
  return ~state32;
}

bool DetectSse42() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("sse4.2");
}
#endif

}  // namespace

uint32_t ExtendPortable(uint32_t crc, std::span<const std::byte> data) {
  const std::byte* p = data.data();
  size_t n = data.size();
  uint32_t state = ~crc;
  for (; n >= 8; n -= 8, p += 8) {
    uint64_t word = LoadLittleEndian64(p) ^ state;
    state = kTables[7][word & 0xff] ^ kTables[6][(word >> 8) & 0xff] ^
            kTables[5][(word >> 16) & 0xff] ^ kTables[4][(word >> 24) & 0xff] ^
            kTables[3][(word >> 32) & 0xff] ^ kTables[2][(word >> 40) & 0xff] ^
            kTables[1][(word >> 48) & 0xff] ^ kTables[0][word >> 56];
  }
  for (; n > 0; --n, ++p) {
    state = (state >> 8) ^ kTables[0][(state ^ std::to_integer<uint32_t>(*p)) & 0xff];
  }
  return ~state;
}

bool HardwareAvailable() {
#if KAFKASIM_CRC32C_X86
  static const bool available = DetectSse42();
  return available;
#else
  return false;
#endif
}

uint32_t ExtendHardware(uint32_t crc, std::span<const std::byte> data) {
  assert(HardwareAvailable() && "ExtendHardware on a CPU without SSE4.2");
#if KAFKASIM_CRC32C_X86
  return ExtendSse42(crc, data.data(), data.size());
#else
  return ExtendPortable(crc, data);
#endif
}

uint32_t Extend(uint32_t crc, std::span<const std::byte> data) {
  return HardwareAvailable() ? ExtendHardware(crc, data) : ExtendPortable(crc, data);
}

}  // namespace kafkasim::crc32c
