#include "sim/core/random.h"

#include <cassert>

namespace kafkasim {
namespace {

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

Random::Random(uint64_t seed, std::string_view stream) {
  uint64_t state = seed ^ StableHash(stream);
  for (uint64_t& word : s_) word = SplitMix64(state);
}

}  // namespace kafkasim
