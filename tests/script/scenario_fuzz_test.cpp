// A seeded randomized test of ParseScenario: thousands of mutated versions of valid scenarios
// must each either parse or fail with a ScriptError that points inside the text. A crash or a
// sanitizer report here is a bug in the parser; a failed check prints the seed and iteration
// that reproduce it.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/random.h"
#include "sim/script/scenario.h"

namespace kafkasim {
namespace {

constexpr uint64_t kSeed = 0x5CE7A210;
constexpr int kIterations = 6000;

constexpr std::array<std::string_view, 3> kValidScenarios = {
    R"(# The seed walkthrough
title: First steps
seed: 7

bin/zookeeper-server-start.sh config/zookeeper.properties
bin/kafka-server-start.sh config/server.properties
bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders-topic --partitions 3
bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders-topic
> user-1:first order
> user-2:second order # kept
at 10s  crash broker-0
at +20s expect partition orders-topic-0 leader == none   # after the session timeout
narrate "The leader is gone: nobody can write to orders-topic-0"
network split {broker-0 zookeeper-0} {broker-1 broker-2}
)",
    "title: Windows line endings\r\nlesson: 2\r\n\r\nat 0 start\tbroker-0\r\n"
    "at +1.5s narrate 'single \"quoted\"' \"double \\\"escaped\\\" \\\\\"\r\n"
    "bin/cat.sh a#b\r\n>\r\n> data\r\nat 2m narrate \"caf\xc3\xa9 \xe2\x9c\x85\"\r\n",
    "\xEF\xBB\xBF"
    "description: relative chains\nseed: 18446744073709551615\n"
    "crash broker-0\nat +5s restart broker-0\nat 1m network heal\n{a}{b} c{d}e\n"
    "at 1m narrate done",
};

// Small pieces that the parser treats specially, to splice into the text.
constexpr std::array<std::string_view, 24> kFragments = {
    "\"",   "'",       "{",         "}",          "#",    ">",    "> ",       "at ",
    "at +", "at -5s ", "at 1e99s ", "at 10x ",    "at",   "\\",   "\t",       "\r",
    "\n",   "seed: ",  "title: ",   "titel: x\n", "\xff", "\xc3", "\xe2\x82", "at 0 "};

class Mutator {
 public:
  explicit Mutator(Random& random) : random_(random) {}

  void Mutate(std::string& text) {
    switch (random_.Below(11)) {
      case 0:
        FlipByte(text);
        break;
      case 1:
        Insert(text, std::string(kFragments[random_.Below(kFragments.size())]));
        break;
      case 2:
        Insert(text, std::string(1, '\0'));
        break;
      case 3:
        Insert(text, HugeNumber());
        break;
      case 4:
        Insert(text, "\nat " + HugeNumber() + " crash broker-0\n");
        break;
      case 5:
        DeleteLine(text);
        break;
      case 6:
        DuplicateLine(text);
        break;
      case 7:
        SwapLines(text);
        break;
      case 8:
        text.resize(Position(text));
        break;
      case 9:
        Insert(text, "\n> stray input\n");
        break;
      default:
        Insert(text, std::string(1, static_cast<char>(random_.Below(256))));
        break;
    }
  }

 private:
  size_t Position(const std::string& text) { return random_.Below(text.size() + 1); }

  void Insert(std::string& text, const std::string& piece) { text.insert(Position(text), piece); }

  void FlipByte(std::string& text) {
    if (text.empty()) return;
    text[random_.Below(text.size())] ^= static_cast<char>(1 + random_.Below(255));
  }

  std::string HugeNumber() {
    std::string digits(1 + random_.Below(3000), '9');
    if (random_.Chance(0.5)) digits[0] = '+';
    if (random_.Chance(0.7)) digits += random_.Chance(0.5) ? "s" : "ms";
    return digits;
  }

  std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    size_t pos = 0;
    while (pos <= text.size()) {
      const size_t end = std::min(text.find('\n', pos), text.size());
      lines.push_back(text.substr(pos, end - pos));
      pos = end + 1;
    }
    return lines;
  }

  static std::string Join(const std::vector<std::string>& lines) {
    std::string text;
    for (size_t i = 0; i < lines.size(); ++i) text += (i == 0 ? "" : "\n") + lines[i];
    return text;
  }

  void DeleteLine(std::string& text) {
    std::vector<std::string> lines = Lines(text);
    lines.erase(lines.begin() + static_cast<ptrdiff_t>(random_.Below(lines.size())));
    text = Join(lines);
  }

  void DuplicateLine(std::string& text) {
    std::vector<std::string> lines = Lines(text);
    const size_t i = random_.Below(lines.size());
    lines.insert(lines.begin() + static_cast<ptrdiff_t>(i), lines[i]);
    text = Join(lines);
  }

  void SwapLines(std::string& text) {
    std::vector<std::string> lines = Lines(text);
    std::swap(lines[random_.Below(lines.size())], lines[random_.Below(lines.size())]);
    text = Join(lines);
  }

  Random& random_;
};

// Line `number` (1-based) of `text` as ParseScenario sees it: no line ending, no byte order mark.
std::string LineOf(std::string_view text, int number) {
  size_t pos = 0;
  for (int i = 1; i < number; ++i) {
    const size_t newline = text.find('\n', pos);
    if (newline == std::string_view::npos) return "";
    pos = newline + 1;
  }
  std::string_view line = text.substr(pos, text.find('\n', pos) - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
  return std::string(line);
}

int LineCount(std::string_view text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
}

// Printable for INFO: the mutated text with bytes that would upset a terminal escaped.
std::string Escaped(std::string_view text) {
  std::string out;
  for (unsigned char c : text.substr(0, 4000)) {
    if (c == '\n') {
      out += "\\n\n";
    } else if (c < 0x20 || c >= 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return text.size() > 4000 ? out + "..." : out;
}

// What is wrong with an error ParseScenario threw for `text`, or "" when nothing is. One string
// rather than many CHECKs keeps thousands of iterations fast under the sanitizers.
std::string ProblemWith(std::string_view text, const ScriptError& error) {
  const SourceLocation& where = error.location();
  if (where.file != "fuzz.scn") return "wrong file name";
  if (where.line < (text.empty() ? 0 : 1)) return "line before the first";
  if (where.line > LineCount(text)) return "line after the last";
  const std::string line = LineOf(text, where.line);
  if (error.source_line() != line) return "source line is not the line pointed at";
  if (where.column < 1 || where.column > static_cast<int>(line.size()) + 1) {
    return fmt::format("column {} outside a line of {} bytes", where.column, line.size());
  }
  const std::string rendered = error.Render();
  if (rendered.find(fmt::format("fuzz.scn:{}:{}: error: ", where.line, where.column)) ==
      std::string::npos) {
    return "Render() does not name file:line:col";
  }
  return "";
}

// What is wrong with a scenario ParseScenario accepted from `text`, or "" when nothing is.
std::string ProblemWith(std::string_view text, const Scenario& scenario) {
  if (scenario.steps.empty()) return "a scenario without steps";
  for (const ScenarioStep& step : scenario.steps) {
    if (step.words.empty()) return "a step without words";
    if (step.location.line < 1 || step.location.line > LineCount(text)) return "step off the text";
    if (step.location.column != step.words[0].column) return "step column is not its command's";
    if (step.source_line != LineOf(text, step.location.line)) return "step has the wrong line";
    if (step.offset < Duration()) return "negative offset";
  }
  return "";
}

TEST_CASE("mutated scenarios parse or fail with an error inside the text", "[scenario][fuzz]") {
  Random random(kSeed, "scenario fuzz");
  Mutator mutator(random);
  int errors = 0, parsed = 0;
  std::set<std::string> kinds;  // the first word of each message: how varied the errors are
  for (int iteration = 0; iteration < kIterations; ++iteration) {
    std::string text(kValidScenarios[random.Below(kValidScenarios.size())]);
    const int mutations = static_cast<int>(1 + random.Below(4));
    for (int i = 0; i < mutations; ++i) mutator.Mutate(text);
    INFO("seed=" << kSeed << " iteration=" << iteration << " text:\n" << Escaped(text));
    try {
      const Scenario scenario = ParseScenario(text, "fuzz.scn");
      const std::string problem = ProblemWith(text, scenario);
      if (!problem.empty()) FAIL_CHECK(problem);
      ++parsed;
    } catch (const ScriptError& error) {
      INFO(error.Render());
      const std::string problem = ProblemWith(text, error);
      if (!problem.empty()) FAIL_CHECK(problem);
      // The same text must give the same answer: nothing but the text may decide it.
      try {
        ParseScenario(text, "fuzz.scn");
        FAIL_CHECK("the second parse succeeded");
      } catch (const ScriptError& again) {
        if (std::string(again.what()) != error.what()) FAIL_CHECK("the second parse differs");
      }
      kinds.insert(error.message().substr(0, error.message().find(' ')));
      ++errors;
    }
  }
  // A mutator that stopped producing errors, or valid scenarios, would make this test hollow.
  INFO("errors=" << errors << " parsed=" << parsed << " kinds=" << kinds.size());
  CHECK(errors > kIterations / 10);
  CHECK(parsed > kIterations / 10);
  CHECK(kinds.size() >= 8);
}

}  // namespace
}  // namespace kafkasim
