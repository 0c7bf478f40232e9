#include "sim/script/source_location.h"

#include <catch2/catch.hpp>

namespace kafkasim {
namespace {

ScriptError ErrorAt(int line, int column, std::string source_line,
                    std::string message = "something is wrong") {
  return ScriptError(SourceLocation{"scenarios/demo.scn", line, column}, std::move(message),
                     std::move(source_line));
}

TEST_CASE("a script error renders like a compiler diagnostic", "[source_location]") {
  const ScriptError error(SourceLocation{"scenarios/demo.scn", 12, 4},
                          "unknown time unit in \"10x\": expected us, ms, s, m or h",
                          "at 10x crash broker-0");
  CHECK(error.Render() ==
        "scenarios/demo.scn:12:4: error: unknown time unit in \"10x\": expected us, ms, s, m or h\n"
        "at 10x crash broker-0\n"
        "   ^");
}

TEST_CASE("what() is the first line of the rendered error", "[source_location]") {
  const ScriptError error = ErrorAt(3, 9, "narrate hello", "bad narration");
  CHECK(std::string(error.what()) == "scenarios/demo.scn:3:9: error: bad narration");
  CHECK(error.message() == "bad narration");
  CHECK(error.source_line() == "narrate hello");
}

TEST_CASE("tabs before the column are kept in the caret line", "[source_location]") {
  const ScriptError error = ErrorAt(1, 5, "\tat\t10x crash");
  CHECK(error.Render() ==
        "scenarios/demo.scn:1:5: error: something is wrong\n"
        "\tat\t10x crash\n"
        "\t  \t^");
}

TEST_CASE("a multi-byte character before the column takes one caret cell", "[source_location]") {
  // "é" is two bytes, so "x" is at byte column 12 but in the eleventh cell of a terminal.
  const ScriptError error = ErrorAt(1, 12, "narrate é x");
  CHECK(error.Render() ==
        "scenarios/demo.scn:1:12: error: something is wrong\n"
        "narrate é x\n"
        "          ^");
}

TEST_CASE("a column just past the end puts the caret after the line", "[source_location]") {
  const ScriptError error = ErrorAt(2, 3, "at");
  CHECK(error.Render() ==
        "scenarios/demo.scn:2:3: error: something is wrong\n"
        "at\n"
        "  ^");
}

TEST_CASE("binary bytes in the shown line become question marks", "[source_location]") {
  const ScriptError error = ErrorAt(3, 7, std::string("crash\0\xff broker", 14));
  CHECK(error.Render() ==
        "scenarios/demo.scn:3:7: error: something is wrong\n"
        "crash?? broker\n"
        "      ^");
}

TEST_CASE("an error about the whole file shows no line and no caret", "[source_location]") {
  const ScriptError error(SourceLocation{"scenarios/missing.scn", 0, 0}, "no such scenario file",
                          "");
  CHECK(error.Render() == "scenarios/missing.scn: error: no such scenario file");
}

TEST_CASE("plain text and tabs are not binary", "[source_location]") {
  CHECK(FindBinaryByte("") == std::nullopt);
  CHECK(FindBinaryByte("at 10s\tcrash broker-0 # comment") == std::nullopt);
  CHECK(FindBinaryByte("narrate \"Ça marche: the leader moved\" ✅ 🎉") == std::nullopt);
}

TEST_CASE("control characters are binary", "[source_location]") {
  CHECK(FindBinaryByte(std::string("abc\0def", 7)) == 3u);
  CHECK(FindBinaryByte("a\rb") == 1u);
  CHECK(FindBinaryByte("\x1b[31mred") == 0u);
  CHECK(FindBinaryByte("del\x7f") == 3u);
}

TEST_CASE("malformed UTF-8 is binary at the first byte of the bad sequence", "[source_location]") {
  CHECK(FindBinaryByte("ok \xff") == 3u);              // never valid in UTF-8
  CHECK(FindBinaryByte("ok \x80") == 3u);              // a continuation byte with no lead
  CHECK(FindBinaryByte("ok \xc3") == 3u);              // truncated at the end of the line
  CHECK(FindBinaryByte("ok \xe2\x82z") == 3u);         // truncated before another character
  CHECK(FindBinaryByte("ok \xc0\xaf") == 3u);          // overlong encoding of '/'
  CHECK(FindBinaryByte("ok \xed\xa0\x80") == 3u);      // a UTF-16 surrogate
  CHECK(FindBinaryByte("ok \xf4\x90\x80\x80") == 3u);  // above U+10FFFF
}

}  // namespace
}  // namespace kafkasim
