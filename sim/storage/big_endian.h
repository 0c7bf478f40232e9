#pragma once
// Fixed-width integers in network byte order, the order of every fixed field in Kafka's protocol
// and log format. memcpy plus a byte swap compiles to one load or store and a bswap, and it is
// defined behaviour at any alignment.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace kafkasim {

template <typename T>
constexpr T ByteSwapIfLittleEndian(T v) {
  static_assert(std::is_unsigned_v<T>);
  if constexpr (std::endian::native == std::endian::big || sizeof(T) == 1) {
    return v;
  } else if constexpr (sizeof(T) == 2) {
    return static_cast<T>(__builtin_bswap16(v));
  } else if constexpr (sizeof(T) == 4) {
    return __builtin_bswap32(v);
  } else {
    static_assert(sizeof(T) == 8);
    return __builtin_bswap64(v);
  }
}

// T is any integer type; signed values are stored as their two's complement bits, as Java does.
template <typename T>
T LoadBigEndian(const std::byte* p) {
  using U = std::make_unsigned_t<T>;
  U u;
  std::memcpy(&u, p, sizeof u);
  return static_cast<T>(ByteSwapIfLittleEndian(u));
}

template <typename T>
std::byte* StoreBigEndian(std::byte* p, T value) {
  using U = std::make_unsigned_t<T>;
  const U u = ByteSwapIfLittleEndian(static_cast<U>(value));
  std::memcpy(p, &u, sizeof u);
  return p + sizeof u;
}

}  // namespace kafkasim
