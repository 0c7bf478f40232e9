#include "sim/script/lexer.h"

#include <catch2/catch.hpp>

#include "sim/script/source_location.h"

namespace kafkasim {
namespace {

using Words = std::vector<Word>;

Words Split(std::string_view line) { return SplitWords(line, "demo.scn", 1); }

std::vector<std::string> Texts(std::string_view line) {
  std::vector<std::string> texts;
  for (const Word& word : Split(line)) texts.push_back(word.text);
  return texts;
}

using Texts_ = std::vector<std::string>;

ScriptError LexError(std::string_view line) {
  try {
    LexLine(line, "demo.scn", 4);
  } catch (const ScriptError& error) {
    return error;
  }
  FAIL("expected a ScriptError for: " << line);
  throw std::logic_error("unreachable");
}

TEST_CASE("blanks separate words and columns count bytes from 1", "[lexer]") {
  CHECK(Split("crash  broker-0\tnow") ==
        Words{{"crash", 1, false}, {"broker-0", 8, false}, {"now", 17, false}});
}

TEST_CASE("a blank line has no words", "[lexer]") {
  CHECK(Split("").empty());
  CHECK(Split(" \t  ").empty());
}

TEST_CASE("double quotes group words and their column is the opening quote", "[lexer]") {
  CHECK(Split("narrate \"The leader is gone\"") ==
        Words{{"narrate", 1, false}, {"The leader is gone", 9, true}});
}

TEST_CASE("double quotes honour backslash escapes for quote and backslash only", "[lexer]") {
  CHECK(Texts(R"(narrate "say \"hi\" \\ C:\dir\n")") ==
        Texts_{"narrate", R"(say "hi" \ C:\dir\n)"});
}

TEST_CASE("single quotes keep everything literally", "[lexer]") {
  CHECK(Texts(R"(narrate 'a "b" \\ c')") == Texts_{"narrate", R"(a "b" \\ c)"});
}

TEST_CASE("a backslash outside quotes is an ordinary character", "[lexer]") {
  CHECK(Texts(R"(--property key.separator=\t a\ b)") ==
        Texts_{"--property", R"(key.separator=\t)", "a\\", "b"});
}

TEST_CASE("quoted and unquoted pieces glued together make one word", "[lexer]") {
  CHECK(Split("--name=\"a b\"c'd e'") == Words{{"--name=a bcd e", 1, true}});
}

TEST_CASE("empty quotes are an empty word", "[lexer]") {
  CHECK(Split("narrate \"\" ''") == Words{{"narrate", 1, false}, {"", 9, true}, {"", 12, true}});
}

TEST_CASE("braces are words of their own even when glued", "[lexer]") {
  CHECK(Split("network split {broker-0 zookeeper-0} {broker-1}") ==
        Words{{"network", 1, false},
              {"split", 9, false},
              {"{", 15, false},
              {"broker-0", 16, false},
              {"zookeeper-0", 25, false},
              {"}", 36, false},
              {"{", 38, false},
              {"broker-1", 39, false},
              {"}", 47, false}});
  CHECK(Texts("a{b}c") == Texts_{"a", "{", "b", "}", "c"});
}

TEST_CASE("braces inside quotes are ordinary characters", "[lexer]") {
  CHECK(Texts("narrate \"{a b}\" '}'") == Texts_{"narrate", "{a b}", "}"});
}

TEST_CASE("a hash at the start of a word begins a comment", "[lexer]") {
  CHECK(Texts("crash broker-0   # it comes back later") == Texts_{"crash", "broker-0"});
  CHECK(Texts("# a whole-line comment").empty());
  CHECK(Texts("crash broker-0 #") == Texts_{"crash", "broker-0"});
}

TEST_CASE("a hash inside a word or inside quotes is an ordinary character", "[lexer]") {
  CHECK(Texts("narrate a#b issue#42") == Texts_{"narrate", "a#b", "issue#42"});
  CHECK(Texts("narrate \"# not a comment\" '#'") == Texts_{"narrate", "# not a comment", "#"});
}

TEST_CASE("a hash right after a brace starts a word, so it begins a comment", "[lexer]") {
  CHECK(Texts("network split {#broker-0}") == Texts_{"network", "split", "{"});
}

TEST_CASE("the code ends at the last word, before blanks and comments", "[lexer]") {
  const std::string_view line = "at 10s  crash broker-0   # later";
  const LexedLine lexed = LexLine(line, "demo.scn", 1);
  CHECK(line.substr(0, lexed.code_end) == "at 10s  crash broker-0");
  CHECK(LexLine("narrate \"a b\"  ", "demo.scn", 1).code_end == 13u);
  CHECK(LexLine("   # nothing", "demo.scn", 1).code_end == 0u);
}

TEST_CASE("an unterminated double quote is an error at the opening quote", "[lexer]") {
  const ScriptError error = LexError("narrate \"The leader is gone");
  CHECK(error.location().file == "demo.scn");
  CHECK(error.location().line == 4);
  CHECK(error.location().column == 9);
  CHECK(error.message() == "unterminated double quote: this \" has no closing \"");
  CHECK(error.source_line() == "narrate \"The leader is gone");
}

TEST_CASE("an escaped quote does not close a double quote", "[lexer]") {
  CHECK(LexError(R"(narrate "ends with \")").location().column == 9);
}

TEST_CASE("an unterminated single quote suggests double quotes for apostrophes", "[lexer]") {
  const ScriptError error = LexError("narrate Kafka's log is append-only");
  CHECK(error.location().column == 14);
  CHECK_THAT(error.message(),
             Catch::Contains("unterminated single quote") && Catch::Contains("\"double quotes\""));
}

}  // namespace
}  // namespace kafkasim
