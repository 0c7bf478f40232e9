#include "sim/admin/uuid.h"

#include <fmt/format.h>

#include <array>

namespace kafkasim {
namespace {

// RFC 4648 section 5, the alphabet of java.util.Base64.getUrlEncoder().
constexpr std::string_view kUrlAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::array<uint8_t, 16> Bytes(const Uuid& u) {
  std::array<uint8_t, 16> out{};
  const auto msb = static_cast<uint64_t>(u.most_significant_bits);
  const auto lsb = static_cast<uint64_t>(u.least_significant_bits);
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<uint8_t>(msb >> (56 - 8 * i));
    out[8 + i] = static_cast<uint8_t>(lsb >> (56 - 8 * i));
  }
  return out;
}

int DecodeChar(char c) {
  const size_t pos = kUrlAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

Uuid Uuid::RandomUuid(Random& random) {
  while (true) {
    uint64_t msb = random.Next();
    uint64_t lsb = random.Next();
    msb = (msb & ~uint64_t{0xF000}) | uint64_t{0x4000};              // version 4
    lsb = (lsb & ~(uint64_t{0xC0} << 56)) | (uint64_t{0x80} << 56);  // variant 2 (IETF)
    const Uuid u{static_cast<int64_t>(msb), static_cast<int64_t>(lsb)};
    if (u == Zero() || u == One() || u.ToString().starts_with('-')) continue;
    return u;
  }
}

std::string Uuid::ToString() const {
  const auto bytes = Bytes(*this);
  std::string out;
  out.reserve(22);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = (uint32_t{bytes[i]} << 16) | (uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
    for (int s = 18; s >= 0; s -= 6) out += kUrlAlphabet[(v >> s) & 0x3F];
  }
  // 16 = 5 * 3 + 1: one byte left, two characters, no "==" padding.
  const uint32_t v = uint32_t{bytes[i]} << 16;
  out += kUrlAlphabet[(v >> 18) & 0x3F];
  out += kUrlAlphabet[(v >> 12) & 0x3F];
  return out;
}

std::variant<Uuid, std::string> Uuid::Parse(std::string_view text) {
  // java.util.Base64.getUrlDecoder(): padding is optional; anything else outside the alphabet is
  // "Illegal base64 character <hex>"; a lone final character is too few bits for a byte.
  std::string_view body = text;
  while (body.ends_with('=')) body.remove_suffix(1);
  std::string bytes;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : body) {
    const int d = DecodeChar(c);
    if (d < 0) {
      return fmt::format("Illegal base64 character {:x}",
                         static_cast<int>(static_cast<signed char>(c)) & 0xFF);
    }
    acc = (acc << 6) | static_cast<uint32_t>(d);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  if (body.size() % 4 == 1) return std::string("Last unit does not have enough valid bits");
  if (bytes.size() != 16) {
    return fmt::format(
        "Input string `{}` decoded as {} bytes, which is not equal to the expected 16 bytes of a "
        "base64-encoded UUID",
        text, bytes.size());
  }
  uint64_t msb = 0, lsb = 0;
  for (int i = 0; i < 8; ++i) {
    msb = (msb << 8) | static_cast<uint8_t>(bytes[i]);
    lsb = (lsb << 8) | static_cast<uint8_t>(bytes[8 + i]);
  }
  return Uuid{static_cast<int64_t>(msb), static_cast<int64_t>(lsb)};
}

std::strong_ordering Uuid::operator<=>(const Uuid& o) const {
  const auto a = static_cast<uint64_t>(most_significant_bits),
             b = static_cast<uint64_t>(o.most_significant_bits);
  if (a != b) return a <=> b;
  return static_cast<uint64_t>(least_significant_bits) <=>
         static_cast<uint64_t>(o.least_significant_bits);
}

}  // namespace kafkasim
