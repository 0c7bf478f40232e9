#pragma once
// Seeded pseudo-random streams. The simulation owns one seed; every node draws from its own
// stream derived from (seed, stream name), so adding a node never changes what the others draw.
// The generator (xoshiro256**) and the range reduction are written out here rather than taken
// from <random>, whose distributions differ between standard libraries: a seed must replay the
// same run on every machine.

#include <cassert>
#include <cstdint>
#include <string_view>

namespace kafkasim {

class Random {
 public:
  Random(uint64_t seed, std::string_view stream);

  // The draws are defined here so that they inline: the network draws on every send.
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, bound); bound > 0. Lemire's multiply-shift with rejection: unbiased.
  uint64_t Below(uint64_t bound) {
    assert(bound > 0);
    __uint128_t m = static_cast<__uint128_t>(Next()) * bound;
    uint64_t low = static_cast<uint64_t>(m);
    if (low < bound) {
      const uint64_t threshold = -bound % bound;
      while (low < threshold) {
        m = static_cast<__uint128_t>(Next()) * bound;
        low = static_cast<uint64_t>(m);
      }
    }
    return static_cast<uint64_t>(m >> 64);
  }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) {
    assert(lo <= hi);
    const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
    if (span == 0) return static_cast<int64_t>(Next());  // the whole int64 range
    return lo + static_cast<int64_t>(Below(span));
  }
  // Uniform in [0, 1) with 53 bits of precision.
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double probability) { return probability > 0 && Unit() < probability; }

 private:
  static constexpr uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  uint64_t s_[4];
};

// FNV-1a over the bytes of a name: stable across platforms and runs.
constexpr uint64_t StableHash(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace kafkasim
