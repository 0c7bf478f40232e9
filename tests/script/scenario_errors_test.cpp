// Every mistake ParseScenario reports, with the line and column it points at.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "sim/script/scenario.h"
#include "tests/script/scenario_fixture.h"

namespace kafkasim {
namespace {

using namespace kafkasim::testing;

std::string AfterStart(std::string_view lines) {
  return std::string(kStartCluster) + std::string(lines);
}

TEST_CASE("an unknown time unit renders with the file, line, column and caret", "[scenario]") {
  std::string text = "title: Demo\n";
  for (int i = 0; i < 10; ++i) text += "narrate filler\n";
  text += "at 10x crash broker-0\n";
  try {
    ParseScenario(text, "scenarios/demo.scn");
    FAIL("at 10x must be an error");
  } catch (const ScriptError& error) {
    CHECK(error.Render() ==
          "scenarios/demo.scn:12:4: error: unknown time unit in \"10x\": expected us, ms, s, m "
          "or h\n"
          "at 10x crash broker-0\n"
          "   ^");
  }
}

TEST_CASE("at without a time points just after the at", "[scenario]") {
  const ScriptError error = ParseError(AfterStart("at   # oops\n"));
  CHECK(Where(error) == "3:3");
  CHECK_THAT(error.message(), Catch::StartsWith("missing time after 'at'"));
}

TEST_CASE("a negative time is an error at the time", "[scenario]") {
  const ScriptError error = ParseError(AfterStart("at -5s crash broker-0\n"));
  CHECK(Where(error) == "3:4");
  CHECK(error.message() ==
        "negative time \"-5s\": times count forward from the start of the scenario");
}

TEST_CASE("a negative relative time is an error at the time", "[scenario]") {
  const ScriptError error = ParseError(AfterStart("at +-5s crash broker-0\n"));
  CHECK(Where(error) == "3:4");
  CHECK_THAT(error.message(), Catch::StartsWith("negative duration in \"+-5s\""));
}

TEST_CASE("a plus without a duration is an error at the plus", "[scenario]") {
  const ScriptError error = ParseError(AfterStart("at + 5s crash broker-0\n"));
  CHECK(Where(error) == "3:4");
  CHECK_THAT(error.message(), Catch::StartsWith("missing duration after '+'"));
}

TEST_CASE("an exponent in a time is an error", "[scenario]") {
  const ScriptError error = ParseError(AfterStart("at 1e99s crash broker-0\n"));
  CHECK(Where(error) == "3:4");
  CHECK_THAT(error.message(), Catch::StartsWith("exponents are not allowed in \"1e99s\""));
}

TEST_CASE("an enormous time is an error, echoed short", "[scenario]") {
  const std::string digits(5000, '9');
  const ScriptError error = ParseError(AfterStart("at +" + digits + "s crash broker-0\n"));
  CHECK(Where(error) == "3:4");
  CHECK_THAT(error.message(), Catch::StartsWith("time \"+99999") && Catch::Contains("...\"") &&
                                  Catch::Contains("too large"));
  CHECK(error.message().size() < 200);
}

TEST_CASE("a time over a year is too large even when it is short", "[scenario]") {
  CHECK_THAT(ParseError("at 9000h crash broker-0\n").message(),
             Catch::StartsWith("time \"9000h\" is too large"));
}

TEST_CASE("a number without a unit is an error", "[scenario]") {
  const ScriptError error = ParseError("at 10 s crash broker-0\n");
  CHECK(Where(error) == "1:4");
  CHECK(error.message() ==
        "missing unit in \"10\": expected us, ms, s, m or h (with no space: 10s)");
}

TEST_CASE("a time that is not a number is an error", "[scenario]") {
  CHECK_THAT(ParseError("at soon crash broker-0\n").message(),
             Catch::StartsWith("bad time \"soon\": expected a number"));
  CHECK_THAT(ParseError("at 1.5.3s crash broker-0\n").message(),
             Catch::StartsWith("bad time \"1.5.3s\""));
}

TEST_CASE("at with a time but no command points after the time", "[scenario]") {
  const ScriptError error = ParseError(AfterStart("at 5s   # then what?\n"));
  CHECK(Where(error) == "3:6");
  CHECK(error.message() == "missing command after 'at 5s'");
}

TEST_CASE("an absolute time before an earlier one is an error at the time", "[scenario]") {
  const ScriptError error = ParseError("at 30s crash broker-0\n\nat 10s restart broker-0\n");
  CHECK(Where(error) == "3:4");
  CHECK(error.message() == "time goes backwards: 10s is before 30s, when line 1 runs");
}

TEST_CASE("an absolute time before a derived one is an error", "[scenario]") {
  const ScriptError error =
      ParseError("at 10s crash broker-0\nat +5s restart broker-0\nat 14s crash broker-1\n");
  CHECK(Where(error) == "3:4");
  CHECK(error.message() == "time goes backwards: 14s is before 15s, when line 2 runs");
}

TEST_CASE("an absolute time before the earliest start of a chain is an error", "[scenario]") {
  // Line 3 starts 5 s after line 2, which starts when line 1 completes: 15 s at the earliest.
  const ScriptError error = ParseError(
      "at 10s crash broker-0\nbin/kafka-topics.sh --list\nat +5s restart broker-0\n"
      "at 12s crash broker-1\n");
  CHECK(Where(error) == "4:4");
  CHECK(error.message() ==
        "time goes backwards: 12s is before 15s, the earliest time line 3 can run");
}

TEST_CASE("an unterminated quote in a command points at the opening quote", "[scenario]") {
  const ScriptError error = ParseError(AfterStart("narrate \"The leader is gone\n"));
  CHECK(Where(error) == "3:9");
  CHECK_THAT(error.message(), Catch::StartsWith("unterminated double quote"));
}

TEST_CASE("an input line before any command is an error", "[scenario]") {
  const ScriptError error = ParseError("title: Demo\n# stdin for whom?\n  > user-1:first order\n");
  CHECK(Where(error) == "3:3");
  CHECK_THAT(error.message(), Catch::StartsWith("input line with no command before it"));
}

TEST_CASE("an unknown header key suggests the nearest known one", "[scenario]") {
  const ScriptError error = ParseError("title: Demo\n  sed: 7\n" + std::string(kStartCluster));
  CHECK(Where(error) == "2:3");
  CHECK(error.message() == "unknown header key 'sed'; did you mean 'seed'?");
}

TEST_CASE("an unknown header key far from any known one lists them", "[scenario]") {
  CHECK(ParseError("author: Ada\n").message() ==
        "unknown header key 'author'; the known keys are title, seed, description and lesson");
}

TEST_CASE("a header key set twice is an error", "[scenario]") {
  const ScriptError error = ParseError("title: One\ntitle: Two\n");
  CHECK(Where(error) == "2:1");
  CHECK(error.message() == "header key 'title' is already set on line 1");
}

TEST_CASE("a seed that is not a number is an error at the value", "[scenario]") {
  const ScriptError error = ParseError("seed:  abc\n" + std::string(kStartCluster));
  CHECK(Where(error) == "1:8");
  CHECK(error.message() == "seed must be an unsigned 64-bit integer, not \"abc\"");
  CHECK(ParseError("seed: -1\n").location().column == 7);
  CHECK(ParseError("seed: 0x10\n").location().column == 7);
  CHECK(ParseError("seed: 7 8\n").location().column == 7);
}

TEST_CASE("a seed beyond 64 bits is an error at the value", "[scenario]") {
  const ScriptError error = ParseError("seed: 18446744073709551616\n");
  CHECK(Where(error) == "1:7");
  CHECK_THAT(error.message(), Catch::Contains("larger than the largest unsigned 64-bit"));
}

TEST_CASE("a seed without a value is an error after the colon", "[scenario]") {
  CHECK(Where(ParseError("seed:\n")) == "1:6");
}

TEST_CASE("a NUL byte is binary data at its column", "[scenario]") {
  const ScriptError error = ParseError(AfterStart(std::string("crash\0broker-0\n", 15)));
  CHECK(Where(error) == "3:6");
  CHECK(error.message() == "line 3 contains binary data (byte 0x00 at column 6)");
}

TEST_CASE("invalid UTF-8 is binary data", "[scenario]") {
  const ScriptError error = ParseError("narrate caf\xe9\n");
  CHECK(Where(error) == "1:12");
  CHECK(error.message() == "line 1 contains binary data (byte 0xe9 at column 12)");
}

TEST_CASE("control characters other than tab are binary data, even in input", "[scenario]") {
  CHECK(Where(ParseError("bin/cat.sh\n> \x1b[31mred\n")) == "2:3");
  CHECK(Where(ParseError("crash\rbroker-0\n")) == "1:6");  // a lone carriage return
}

TEST_CASE("an empty file has no commands", "[scenario]") {
  const ScriptError error = ParseError("");
  CHECK(Where(error) == "1:1");
  CHECK(error.message() == "scenario has no commands");
}

TEST_CASE("a file of headers and comments has no commands", "[scenario]") {
  const ScriptError error = ParseError("# just a header\ntitle: Nothing\n\n");
  CHECK(Where(error) == "1:1");
  CHECK(error.message() == "scenario has no commands");
  CHECK(error.source_line() == "# just a header");
}

TEST_CASE("the first mistake in the file is the one reported", "[scenario]") {
  CHECK(ParseError("crash broker-0\nat 10x a\nnarrate \"open\n").location().line == 2);
}

TEST_CASE("a missing scenario file is an error about the whole file", "[scenario]") {
  try {
    LoadScenario("scenarios/no-such-file.scn");
    FAIL("loading a missing file must fail");
  } catch (const ScriptError& error) {
    CHECK(error.location().line == 0);
    CHECK(error.Render() == "scenarios/no-such-file.scn: error: no such scenario file");
  }
}

TEST_CASE("a directory is not a scenario file", "[scenario]") {
  const std::filesystem::path directory = std::filesystem::temp_directory_path();
  CHECK_THROWS_WITH(LoadScenario(directory), Catch::Contains("is a directory"));
}

TEST_CASE("a scenario file loads with its path as the file name", "[scenario]") {
  // The process id keeps two builds running their tests at once from sharing the file.
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("kafkasim_load_test_" + std::to_string(getpid()) + ".scn");
  std::ofstream(path, std::ios::binary) << "title: Loaded\r\ncrash broker-0\r\nat x y\r\n";
  try {
    LoadScenario(path);
    FAIL("line 3 has a bad time");
  } catch (const ScriptError& error) {
    CHECK(error.location().file == path.string());
    CHECK(Where(error) == "3:4");
  }
  std::filesystem::remove(path);
}

TEST_CASE("an oversized scenario is refused as a whole", "[scenario]") {
  const std::string huge(kMaxScenarioBytes + 1, '#');
  CHECK(ParseError(huge).location().line == 0);
}

}  // namespace
}  // namespace kafkasim
