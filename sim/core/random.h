#pragma once
// Seeded pseudo-random streams. The simulation owns one seed; every node draws from its own
// stream derived from (seed, stream name), so adding a node never changes what the others draw.
// The generator (xoshiro256**) and the range reduction are written out here rather than taken
// from <random>, whose distributions differ between standard libraries: a seed must replay the
// same run on every machine.

#include <cstdint>
#include <string_view>

namespace kafkasim {

class Random {
 public:
  Random(uint64_t seed, std::string_view stream);

  uint64_t Next();
  // Uniform in [0, bound); bound > 0. Lemire's multiply-shift with rejection: unbiased.
  uint64_t Below(uint64_t bound);
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi);
  // Uniform in [0, 1) with 53 bits of precision.
  double Unit();
  bool Chance(double probability) { return probability > 0 && Unit() < probability; }

 private:
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
