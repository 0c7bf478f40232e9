#include "sim/admin/uuid.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace kafkasim;

// Expected strings computed independently with node's Buffer.toString("base64url") over the 16
// big-endian bytes (Buffer.writeBigInt64BE of each half).
TEST_CASE("toString is unpadded URL-safe base64 of the big-endian bytes") {
  CHECK(Uuid::Zero().ToString() == "AAAAAAAAAAAAAAAAAAAAAA");
  CHECK(Uuid::One().ToString() == "AAAAAAAAAAAAAAAAAAAAAQ");
  CHECK(Uuid{-1, -1}.ToString() == "_____________________w");
  CHECK(Uuid{0x123456789abcdef0, -0x0fedcba987654321}.ToString() == "EjRWeJq83vDwEjRWeJq83w");
  CHECK(Uuid{INT64_MIN, INT64_MAX}.ToString() == "gAAAAAAAAAB__________w");
}

TEST_CASE("fromString reads back what toString wrote, including the quickstart's topic id") {
  // The topic id printed in Kafka's quickstart: 34f9991f-285b-47dc-b4d3-032094c1f6b2.
  auto parsed = Uuid::Parse("NPmZHyhbR9y00wMglMH2sg");
  REQUIRE(std::holds_alternative<Uuid>(parsed));
  const Uuid id = std::get<Uuid>(parsed);
  CHECK(static_cast<uint64_t>(id.most_significant_bits) == 0x34f9991f285b47dcULL);
  CHECK(static_cast<uint64_t>(id.least_significant_bits) == 0xb4d3032094c1f6b2ULL);
  CHECK(id.ToString() == "NPmZHyhbR9y00wMglMH2sg");
  CHECK(std::get<Uuid>(Uuid::Parse("_____________________w")) == Uuid{-1, -1});
  CHECK(std::get<Uuid>(Uuid::Parse("AAAAAAAAAAAAAAAAAAAAAQ==")) == Uuid::One());  // padding allowed
}

TEST_CASE("fromString's errors carry Kafka's and the JDK's messages") {
  CHECK(std::get<std::string>(Uuid::Parse("abc")) ==
        "Input string `abc` decoded as 2 bytes, which is not equal to the expected 16 bytes of a "
        "base64-encoded UUID");
  CHECK(std::get<std::string>(Uuid::Parse("NPmZHyhbR9y00wMglMH2s+")) ==
        "Illegal base64 character 2b");
  CHECK(std::get<std::string>(Uuid::Parse("NPmZHyhbR9y00wMglMH2s")) ==
        "Last unit does not have enough valid bits");
}

TEST_CASE(
    "random ids are version 4 variant 2, never reserved, never starting with '-', and seeded") {
  Random a(7, "topic-ids"), b(7, "topic-ids");
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const Uuid u = Uuid::RandomUuid(a);
    CHECK(u == Uuid::RandomUuid(b));
    const auto msb = static_cast<uint64_t>(u.most_significant_bits);
    const auto lsb = static_cast<uint64_t>(u.least_significant_bits);
    CHECK(((msb >> 12) & 0xF) == 4);
    CHECK((lsb >> 62) == 2);
    const std::string text = u.ToString();
    CHECK(text.size() == 22);
    CHECK(text[0] != '-');
    CHECK(std::get<Uuid>(Uuid::Parse(text)) == u);
    seen.insert(text);
  }
  CHECK(seen.size() == 2000);
}

TEST_CASE("ids order by unsigned halves, as Uuid.compareTo") {
  CHECK(Uuid{0, 1} < Uuid{0, -1});  // -1 is the largest unsigned value
  CHECK(Uuid{1, 0} < Uuid{-1, 0});
  CHECK(Uuid{5, 9} == Uuid{5, 9});
}
