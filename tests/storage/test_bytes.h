#pragma once
// Byte-string helpers shared by the storage tests.

#include <fmt/format.h>

#include <cassert>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sim/storage/record.h"

namespace kafkasim::testing {

// "0a ff" or "0aff" -> {0x0a, 0xff}; spaces are ignored so fields can be grouped.
inline std::vector<std::byte> FromHex(std::string_view hex) {
  std::vector<std::byte> bytes;
  int high = -1;
  for (char c : hex) {
    if (c == ' ' || c == '\n') continue;
    const int nibble = (c >= '0' && c <= '9')   ? c - '0'
                       : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                                                : -1;
    assert(nibble >= 0 && "lower-case hex digits only");
    if (high < 0) {
      high = nibble;
    } else {
      bytes.push_back(static_cast<std::byte>(high << 4 | nibble));
      high = -1;
    }
  }
  assert(high < 0 && "an odd number of hex digits");
  return bytes;
}

inline std::string ToHex(Bytes bytes) {
  std::string hex;
  for (std::byte b : bytes) hex += fmt::format("{:02x}", std::to_integer<unsigned>(b));
  return hex;
}

inline std::string ToString(const NullableBytes& bytes) {
  return bytes ? std::string(AsString(*bytes)) : std::string("<null>");
}

}  // namespace kafkasim::testing
