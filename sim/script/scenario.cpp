#include "sim/script/scenario.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <system_error>
#include <utility>

#include "sim/script/lexer.h"
#include "sim/script/suggest.h"

namespace kafkasim {
namespace {

constexpr std::string_view kUnits = "us, ms, s, m or h";
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr size_t kMaxEcho = 40;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsKeyChar(char c) { return IsLetter(c) || IsDigit(c) || c == '_' || c == '-' || c == '.'; }

// User text echoed in a message, in double quotes and cut short (at a character boundary) so
// that a 10,000-digit typo still makes a one-line message; the source line shows it in full.
std::string Echo(std::string_view text) {
  if (text.size() <= kMaxEcho) return fmt::format("\"{}\"", text);
  size_t cut = kMaxEcho;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("\"{}...\"", text.substr(0, cut));
}

// Why ParseDuration refused `amount` (the time word without its '+'), in a teacher's words.
std::string DiagnoseTime(std::string_view word, std::string_view amount, bool relative) {
  if (amount.empty()) {
    return relative ? "missing duration after '+': write at +5s to run 5 s after the previous "
                      "command started"
                    : "missing time after 'at': write at 10s (since the start) or at +5s "
                      "(after the previous command started)";
  }
  if (amount[0] == '-') {
    if (relative) {
      return fmt::format("negative duration in {}: at +D runs D after the previous command "
                         "started, and time only moves forward", Echo(word));
    }
    return fmt::format("negative time {}: times count forward from the start of the scenario",
                       Echo(word));
  }
  size_t i = 0, digits = 0;
  for (; i < amount.size() && IsDigit(amount[i]); ++i) ++digits;
  if (i < amount.size() && amount[i] == '.') {
    for (++i; i < amount.size() && IsDigit(amount[i]); ++i) ++digits;
  }
  const std::string_view unit = amount.substr(digits == 0 ? 0 : i);
  const bool letters_only = !unit.empty() && std::all_of(unit.begin(), unit.end(), IsLetter);
  if (digits == 0 || (!unit.empty() && !letters_only)) {
    if (digits > 0 && (unit[0] == 'e' || unit[0] == 'E')) {
      return fmt::format("exponents are not allowed in {}: write the number out, followed by {}",
                         Echo(word), kUnits);
    }
    return fmt::format("bad time {}: expected a number followed by {}, such as 10s or 1.5m",
                       Echo(word), kUnits);
  }
  if (unit.empty()) {
    return fmt::format("missing unit in {}: expected {} (with no space: 10s)", Echo(word), kUnits);
  }
  // Ask ParseDuration whether the unit exists, so that the list of units lives in one place.
  if (!ParseDuration(fmt::format("1{}", unit))) {
    return fmt::format("unknown time unit in {}: expected {}", Echo(word), kUnits);
  }
  return fmt::format("time {} is too large: a scenario may look at most a year of simulated "
                     "time ahead", Echo(word));
}

Time SaturatingAdd(Time t, Duration d) {
  assert(d >= Duration() && t >= Time::Zero());
  if (t.micros() > Time::Max().micros() - d.micros()) return Time::Max();
  return t + d;
}

class Parser {
 public:
  Parser(std::string_view text, std::string file) : text_(text) {
    scenario_.file = std::move(file);
  }

  Scenario Parse() {
    if (text_.size() > kMaxScenarioBytes) {
      Fail(0, fmt::format("scenario is too large: {} bytes, at most {}", text_.size(),
                          kMaxScenarioBytes));
    }
    size_t pos = 0;
    while (pos < text_.size()) {
      const size_t newline = text_.find('\n', pos);
      const size_t end = newline == std::string_view::npos ? text_.size() : newline;
      std::string_view line = text_.substr(pos, end - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++line_number_;
      // Editors on Windows may start the file with a byte order mark nobody can see: drop it,
      // so that columns count what the teacher sees.
      if (line_number_ == 1 && line.starts_with(kByteOrderMark)) {
        line.remove_prefix(kByteOrderMark.size());
      }
      if (line_number_ == 1) first_line_ = line;
      line_ = line;
      ParseLine();
      pos = end + 1;
    }
    if (scenario_.steps.empty()) {
      line_number_ = 1;
      line_ = first_line_;
      Fail(1, "scenario has no commands");
    }
    return std::move(scenario_);
  }

 private:
  [[noreturn]] void Fail(size_t column, std::string message) const {
    const int line = line_number_;
    throw ScriptError(
        SourceLocation{scenario_.file, line, line == 0 ? 0 : static_cast<int>(column)},
        std::move(message), line == 0 ? std::string() : std::string(line_));
  }

  void ParseLine() {
    if (std::optional<size_t> bad = FindBinaryByte(line_)) {
      Fail(*bad + 1, fmt::format("line {} contains binary data (byte {:#04x} at column {})",
                                 line_number_, static_cast<unsigned char>(line_[*bad]), *bad + 1));
    }
    const size_t first = line_.find_first_not_of(" \t");
    if (first == std::string_view::npos || line_[first] == '#') return;
    if (line_[first] == '>') {
      ParseInput(first);
      return;
    }
    if (scenario_.steps.empty() && ParseHeader(first)) return;
    ParseCommand();
  }

  // A `>` line is stdin for the command above it; everything after "> " is data, kept as is.
  void ParseInput(size_t marker) {
    if (scenario_.steps.empty()) {
      Fail(marker + 1, "input line with no command before it: a '>' line is stdin for the "
                       "command on the line above");
    }
    std::string_view data = line_.substr(marker + 1);
    if (!data.empty() && data[0] == ' ') data.remove_prefix(1);
    scenario_.steps.back().input.emplace_back(data);
  }

  // Reads `key: value` if the line has that shape and returns whether it did. The value is
  // free text up to a comment, with quotes kept, so that "title: Kafka's log" needs no escaping.
  bool ParseHeader(size_t first) {
    if (!IsLetter(line_[first])) return false;
    size_t colon = first;
    while (colon < line_.size() && IsKeyChar(line_[colon])) ++colon;
    if (colon == line_.size() || line_[colon] != ':') return false;
    if (colon + 1 < line_.size() && !IsBlank(line_[colon + 1])) return false;  // "http://..."
    const std::string key(line_.substr(first, colon - first));
    CheckHeaderKey(key, first);
    size_t value_start = colon + 1;
    while (value_start < line_.size() && IsBlank(line_[value_start])) ++value_start;
    size_t value_end = value_start;
    for (size_t i = value_start; i < line_.size(); ++i) {
      if (line_[i] == '#' && (i == value_start || IsBlank(line_[i - 1]))) break;
      if (!IsBlank(line_[i])) value_end = i + 1;
    }
    const std::string value(line_.substr(value_start, value_end - value_start));
    if (key == "seed") scenario_.seed = ParseSeed(value, value_start);
    if (key == "title") scenario_.title = value;
    scenario_.header[key] = value;
    header_lines_[key] = line_number_;
    return true;
  }

  void CheckHeaderKey(const std::string& key, size_t first) const {
    const std::vector<std::string>& known = KnownHeaderKeys();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      if (std::optional<std::string> near = NearestName(key, known)) {
        Fail(first + 1, fmt::format("unknown header key '{}'; did you mean '{}'?", key, *near));
      }
      std::string list;
      for (size_t i = 0; i < known.size(); ++i) {
        list += i == 0 ? "" : i + 1 == known.size() ? " and " : ", ";
        list += known[i];
      }
      Fail(first + 1, fmt::format("unknown header key '{}'; the known keys are {}", key, list));
    }
    if (auto earlier = header_lines_.find(key); earlier != header_lines_.end()) {
      Fail(first + 1,
           fmt::format("header key '{}' is already set on line {}", key, earlier->second));
    }
  }

  uint64_t ParseSeed(std::string_view value, size_t value_start) const {
    if (value.empty()) {
      Fail(value_start + 1, "missing seed: expected an unsigned 64-bit integer such as 7");
    }
    if (!std::all_of(value.begin(), value.end(), IsDigit)) {
      Fail(value_start + 1,
           fmt::format("seed must be an unsigned 64-bit integer, not {}", Echo(value)));
    }
    uint64_t seed = 0;
    const std::from_chars_result parsed =
        std::from_chars(value.data(), value.data() + value.size(), seed);
    if (parsed.ec == std::errc::result_out_of_range) {
      Fail(value_start + 1, fmt::format("seed {} is larger than the largest unsigned 64-bit "
                                        "integer, 18446744073709551615", Echo(value)));
    }
    assert(parsed.ec == std::errc() && parsed.ptr == value.data() + value.size());
    return seed;
  }

  void ParseCommand() {
    const LexedLine lexed = LexLine(line_, scenario_.file, line_number_);
    assert(!lexed.words.empty() && "the line has a character that is neither blank nor '#'");
    ScenarioStep step;
    size_t command = 0;
    const Word& head = lexed.words[0];
    if (!head.quoted && head.text == "at") {
      if (lexed.words.size() < 2) Fail(lexed.code_end + 1, DiagnoseTime("", "", false));
      ReadTime(lexed.words[1], step);
      Schedule(step, lexed.words[1].column);
      if (lexed.words.size() < 3) {
        Fail(lexed.code_end + 1, fmt::format("missing command after 'at {}'", lexed.words[1].text));
      }
      command = 2;
    } else {
      Schedule(step, 0);
    }
    const size_t start = static_cast<size_t>(lexed.words[command].column - 1);
    step.text = std::string(line_.substr(start, lexed.code_end - start));
    step.words.assign(lexed.words.begin() + static_cast<ptrdiff_t>(command), lexed.words.end());
    step.location = SourceLocation{scenario_.file, line_number_, lexed.words[command].column};
    step.source_line = std::string(line_);
    scenario_.steps.push_back(std::move(step));
  }

  void ReadTime(const Word& word, ScenarioStep& step) const {
    const bool relative = !word.text.empty() && word.text[0] == '+';
    const std::string_view amount = std::string_view(word.text).substr(relative ? 1 : 0);
    const std::optional<Duration> offset = ParseDuration(amount);
    if (!offset) Fail(static_cast<size_t>(word.column), DiagnoseTime(word.text, amount, relative));
    step.timing = relative ? ScenarioStep::Timing::kAfterPreviousStart : ScenarioStep::Timing::kAt;
    step.offset = *offset;
  }

  // Keeps the earliest time the newest step can start, and refuses an absolute time before it.
  // Each step starts no earlier than the one before (after it completes, or D after it starts),
  // so comparing with the newest step is comparing with all of them.
  void Schedule(const ScenarioStep& step, int time_column) {
    switch (step.timing) {
      case ScenarioStep::Timing::kAfterPrevious:
        previous_exact_ = false;  // the previous command may take any time to complete
        return;
      case ScenarioStep::Timing::kAfterPreviousStart:
        bound_ = SaturatingAdd(bound_, step.offset);
        bound_line_ = line_number_;
        bound_exact_ = previous_exact_;
        return;
      case ScenarioStep::Timing::kAt: {
        const Time at = Time::Zero() + step.offset;
        if (at < bound_) {
          Fail(static_cast<size_t>(time_column),
               fmt::format("time goes backwards: {} is before {}, {} line {} {}",
                           FormatDuration(step.offset), FormatDuration(bound_ - Time::Zero()),
                           bound_exact_ ? "when" : "the earliest time", bound_line_,
                           bound_exact_ ? "runs" : "can run"));
        }
        bound_ = at;
        bound_line_ = line_number_;
        bound_exact_ = previous_exact_ = true;
        return;
      }
    }
  }

  std::string_view text_;
  Scenario scenario_;
  int line_number_ = 0;
  std::string_view line_;        // the line being parsed, without its line ending
  std::string_view first_line_;  // where "no commands" points
  std::map<std::string, int> header_lines_;
  // The earliest time the newest step with an at-clause (line bound_line_) can start, whether
  // that is exactly when it starts, and whether the newest step of all starts exactly then. The
  // simulation starts at zero, so `at +D` on the first command means D after the start.
  Time bound_ = Time::Zero();
  int bound_line_ = 0;
  bool bound_exact_ = true;
  bool previous_exact_ = true;
};

}  // namespace

const std::vector<std::string>& KnownHeaderKeys() {
  static const std::vector<std::string> keys = {"title", "seed", "description", "lesson"};
  return keys;
}

Scenario ParseScenario(std::string_view text, std::string file_name) {
  return Parser(text, std::move(file_name)).Parse();
}

Scenario LoadScenario(const std::filesystem::path& path) {
  const std::string name = path.string();
  const auto fail = [&](std::string message) {
    throw ScriptError(SourceLocation{name, 0, 0}, std::move(message), "");
  };
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::not_found) fail("no such scenario file");
  if (error) fail(fmt::format("cannot open scenario file: {}", error.message()));
  if (std::filesystem::is_directory(status)) fail("is a directory, not a scenario file");
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(name.c_str(), "rb"),
                                                             &std::fclose);
  if (!file) fail(fmt::format("cannot open scenario file: {}", std::strerror(errno)));
  std::string text;
  char buffer[1 << 16];
  while (size_t n = std::fread(buffer, 1, sizeof buffer, file.get())) {
    text.append(buffer, n);
    if (text.size() > kMaxScenarioBytes) {
      fail(fmt::format("scenario file is too large: more than {} bytes", kMaxScenarioBytes));
    }
  }
  if (std::ferror(file.get())) fail("cannot read scenario file: read error");
  return ParseScenario(text, name);
}

}  // namespace kafkasim
