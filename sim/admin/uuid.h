#pragma once
// Kafka's Uuid (clients/.../common/Uuid.java): 128 bits kept as two signed 64-bit halves, printed
// as the URL-safe base64 of its 16 big-endian bytes without padding (22 characters, e.g.
// "NPmZHyhbR9y00wMglMH2sg"). Topic ids and the cluster id (/cluster/id) are Uuids.
//
// Random ids follow Uuid.randomUuid: a version-4, variant-2 UUID as java.util.UUID.randomUUID
// makes (version nibble 4, variant bits 10), drawn again while it is ZERO_UUID, ONE_UUID
// (METADATA_TOPIC_ID) or its string starts with '-' (it would read as a command-line flag). The
// bits come from the simulation's seeded Random instead of SecureRandom, so a seed replays ids.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "sim/core/random.h"

namespace kafkasim {

struct Uuid {
  int64_t most_significant_bits = 0;
  int64_t least_significant_bits = 0;

  static constexpr Uuid Zero() { return Uuid{0, 0}; }
  static constexpr Uuid One() { return Uuid{0, 1}; }  // ONE_UUID, also METADATA_TOPIC_ID

  // Uuid.randomUuid with bits from `random` (two draws per attempt).
  static Uuid RandomUuid(Random& random);

  // Uuid.toString: URL-safe base64, no padding, 22 characters.
  std::string ToString() const;

  // Uuid.fromString. On failure, the message Kafka's IllegalArgumentException carries.
  static std::variant<Uuid, std::string> Parse(std::string_view text);

  // Uuid.compareTo compares the halves as unsigned numbers.
  std::strong_ordering operator<=>(const Uuid& o) const;
  bool operator==(const Uuid&) const = default;
};

}  // namespace kafkasim
