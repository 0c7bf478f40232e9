// SimpleDateFormat patterns over simulated time (UTC), as kafka-consumer-perf-test.sh --date-format.

#include <catch2/catch.hpp>

#include "sim/tools/simple_date_format.h"

namespace kafkasim {
namespace {

std::string Format(std::string_view pattern, int64_t millis) {
  auto r = FormatSimpleDate(pattern, millis);
  REQUIRE(std::holds_alternative<std::string>(r));
  return std::get<std::string>(r);
}

TEST_CASE("the perf tool's default pattern prints simulated milliseconds after a colon") {
  CHECK(Format("yyyy-MM-dd HH:mm:ss:SSS", 0) == "1970-01-01 00:00:00:000");
  CHECK(Format("yyyy-MM-dd HH:mm:ss:SSS", 12'345) == "1970-01-01 00:00:12:345");
  // 2024-02-29 13:05:09.007 UTC
  CHECK(Format("yyyy-MM-dd HH:mm:ss:SSS", 1'709'211'909'007) == "2024-02-29 13:05:09:007");
}

TEST_CASE("letters follow SimpleDateFormat: names, 12-hour clocks, day of year, quotes") {
  const int64_t t = 1'709'211'909'007;  // Thursday 2024-02-29 13:05:09.007 UTC, day 60
  CHECK(Format("EEE, d MMM yy", t) == "Thu, 29 Feb 24");
  CHECK(Format("EEEE MMMM", t) == "Thursday February");
  CHECK(Format("h:mm a, K k", t) == "1:05 PM, 1 13");
  CHECK(Format("D", t) == "60");
  CHECK(Format("'at' HH 'o''clock' ''", t) == "at 13 o'clock '");
  CHECK(Format("z Z X", t) == "UTC +0000 Z");
  CHECK(Format("k", 0) == "24");
  CHECK(Format("h a", 0) == "12 AM");
}

TEST_CASE("an unknown letter or an open quote is refused as Java refuses it") {
  auto bad = FormatSimpleDate("yyyy-qq", 0);
  REQUIRE(std::holds_alternative<SimpleDateFormatError>(bad));
  CHECK(std::get<SimpleDateFormatError>(bad).message == "Illegal pattern character 'q'");
  auto open = FormatSimpleDate("'abc", 0);
  REQUIRE(std::holds_alternative<SimpleDateFormatError>(open));
  CHECK(std::get<SimpleDateFormatError>(open).message == "Unterminated quote");
}

}  // namespace
}  // namespace kafkasim
