#include "sim/core/time.h"

#include <catch2/catch.hpp>

using namespace kafkasim;
using namespace kafkasim::time_literals;

TEST_CASE("durations parse the units a teacher writes") {
  CHECK(ParseDuration("250ms") == 250_ms);
  CHECK(ParseDuration("1.5s") == 1500_ms);
  CHECK(ParseDuration("2m") == 120_s);
  CHECK(ParseDuration("2min") == 120_s);
  CHECK(ParseDuration("90us") == 90_us);
  CHECK(ParseDuration("1h") == 3600_s);
  CHECK(ParseDuration("0") == Duration());
  CHECK(ParseDuration("0.001s") == 1_ms);
}

TEST_CASE("durations refuse what is not a time") {
  for (const char* bad : {"", "5", "10x", "s", "-5s", "1e9s", "5 s", "5ss", ".s",
                          "99999999999999999999999s", "400d", "10000h"}) {
    INFO(bad);
    CHECK_FALSE(ParseDuration(bad).has_value());
  }
}

TEST_CASE("durations print in the shortest exact form") {
  CHECK(FormatDuration(Duration()) == "0s");
  CHECK(FormatDuration(250_ms) == "250ms");
  CHECK(FormatDuration(1500_ms) == "1.5s");
  CHECK(FormatDuration(18_s) == "18s");
  CHECK(FormatDuration(2_min) == "2m");
  CHECK(FormatDuration(1_s + 1_ms) == "1.001s");
  CHECK(FormatDuration(1500_us) == "1.5ms");
  CHECK(FormatDuration(999_us) == "999us");
  CHECK(FormatDuration(4917147_us) == "4.917147s");
  for (const char* text : {"250ms", "1.5s", "18s", "2m", "1.001s", "1.5ms", "999us", "4.917147s"}) {
    CHECK(FormatDuration(*ParseDuration(text)) == text);
  }
}

TEST_CASE("instants print with millisecond precision") {
  CHECK(FormatTime(Time::Zero()) == "0.000s");
  CHECK(FormatTime(Time::Zero() + 12345_ms) == "12.345s");
  CHECK(FormatTime(Time::Zero() + 2_min) == "120.000s");
}
