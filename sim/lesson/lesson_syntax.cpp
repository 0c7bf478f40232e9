#include "sim/lesson/lesson_syntax.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "sim/script/lexer.h"
#include "sim/script/suggest.h"

namespace kafkasim::lesson_syntax {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";


// The column (1-based) where `part` starts in `line`; `part` must be a view into `line`.
int ColumnOf(std::string_view line, std::string_view part) {
  return static_cast<int>(part.data() - line.data()) + 1;
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

class FrontMatter {
 public:
  FrontMatter(const SourceText& source, Lesson& lesson) : source_(source), lesson_(lesson) {}

  int Parse() {
    if (source_.lines.empty() || TrimBlanks(source_.lines[0]) != "---") {
      source_.Fail(1, 1, "a lesson starts with its front matter: a line '---', then title:, scenario: and "
                         "minutes:, then '---'");
    }
    int closing = 0;
    for (size_t i = 1; i < source_.lines.size(); ++i) {
      const int number = static_cast<int>(i) + 1;
      const std::string_view line = source_.lines[i];
      if (TrimBlanks(line) == "---") {
        closing = number;
        break;
      }
      if (TrimBlanks(line).empty() || TrimBlanks(line).front() == '#') continue;
      ParseLine(number, line);
    }
    if (closing == 0) source_.Fail(1, 1, "the front matter is not closed: add a line '---' after its last key");
    for (const char* key : {"title", "scenario", "minutes"}) {
      if (!seen_.contains(key)) {
        source_.Fail(closing, 1, fmt::format("the front matter has no '{}:' line (a lesson needs title, scenario "
                                             "and minutes)", key));
      }
    }
    return closing;
  }

 private:
  void ParseLine(int number, std::string_view line) {
    const size_t colon = line.find(':');
    const std::string_view key = TrimBlanks(line.substr(0, colon == std::string_view::npos ? line.size() : colon));
    const int key_column = key.empty() ? 1 : ColumnOf(line, key);
    if (colon == std::string_view::npos || key.empty()) {
      source_.Fail(number, key_column, "expected 'key: value' in the front matter");
    }
    const std::vector<std::string>& known = KnownLessonKeys();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string message = fmt::format("unknown front matter key '{}'", key);
      if (auto near = NearestName(key, known)) {
        message += fmt::format("; did you mean '{}'?", *near);
      } else {
        message += fmt::format(" (keys: {})", fmt::join(known, ", "));
      }
      source_.Fail(number, key_column, message);
    }
    if (auto earlier = seen_.find(std::string(key)); earlier != seen_.end()) {
      source_.Fail(number, key_column, fmt::format("'{}' is already set on line {}", key, earlier->second));
    }
    seen_[std::string(key)] = number;
    // A comment may end the line: '#' after a blank, as in scenario files.
    std::string_view rest = line.substr(colon + 1);
    for (size_t i = 1; i < rest.size(); ++i) {
      if (rest[i] == '#' && IsBlank(rest[i - 1])) {
        rest = rest.substr(0, i);
        break;
      }
    }
    const std::string_view value = TrimBlanks(rest);
    const int value_column = value.empty() ? static_cast<int>(line.size()) + 1 : ColumnOf(line, value);
    if (value.empty()) source_.Fail(number, value_column, fmt::format("'{}:' has no value", key));

    if (key == "title") {
      lesson_.title = std::string(value);
    } else if (key == "scenario") {
      lesson_.scenario_text = std::string(value);
      lesson_.scenario = std::filesystem::path(source_.file).parent_path() / std::string(value);
    } else if (key == "minutes") {
      const auto minutes = ParseInteger(value);
      if (!minutes || *minutes <= 0 || *minutes > 600) {
        source_.Fail(number, value_column, fmt::format("minutes must be a whole number of minutes from 1 to "
                                                       "600, not '{}'", value));
      }
      lesson_.minutes = static_cast<int>(*minutes);
    } else if (key == "seed") {
      uint64_t seed = 0;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seed);
      if (ec != std::errc() || ptr != value.data() + value.size()) {
        source_.Fail(number, value_column, fmt::format("seed must be an unsigned 64-bit integer, not '{}'", value));
      }
      lesson_.seed = seed;
    } else if (key == "events") {
      ParseEvents(number, line, value);
    }
  }

  // `KIND [OP N]` items separated by commas.
  void ParseEvents(int number, std::string_view line, std::string_view value) {
    size_t start = 0;
    while (start <= value.size()) {
      const size_t comma = value.find(',', start);
      const std::string_view item = TrimBlanks(value.substr(start, comma == std::string_view::npos ? value.npos : comma - start));
      const int column = item.empty() ? ColumnOf(line, value.substr(start)) : ColumnOf(line, item);
      if (item.empty()) source_.Fail(number, column, "empty item in 'events:': write KIND or KIND >= N, separated by commas");
      EventRequirement requirement{.location = {source_.file, number, column}, .text = std::string(item)};
      std::vector<std::string_view> words;
      for (size_t i = 0; i < item.size();) {
        while (i < item.size() && IsBlank(item[i])) ++i;
        const size_t begin = i;
        while (i < item.size() && !IsBlank(item[i])) ++i;
        if (i > begin) words.push_back(item.substr(begin, i - begin));
      }
      requirement.kind = std::string(words[0]);
      if (requirement.kind.find('.') == std::string::npos) {
        source_.Fail(number, column, fmt::format("'{}' is not an event kind: kinds look like partition.isr_shrink or "
                                                 "controller.elected", requirement.kind));
      }
      if (words.size() == 2 || words.size() > 3) {
        source_.Fail(number, ColumnOf(line, words[1]), fmt::format("expected '{} OP N' (like {} >= 1)",
                                                                   requirement.kind, requirement.kind));
      }
      if (words.size() == 3) {
        const auto op = ParseCompareOp(words[1]);
        if (!op) source_.Fail(number, ColumnOf(line, words[1]), fmt::format("'{}' is not an operator: use ==, !=, <, <=, > or >=", words[1]));
        const auto count = ParseInteger(words[2]);
        if (!count || *count < 0) source_.Fail(number, ColumnOf(line, words[2]), fmt::format("'{}' is not a count of events", words[2]));
        requirement.op = *op;
        requirement.count = static_cast<uint64_t>(*count);
      }
      lesson_.events.push_back(std::move(requirement));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  }

  const SourceText& source_;
  Lesson& lesson_;
  std::map<std::string, int, std::less<>> seen_;
};

}  // namespace

std::string SourceText::Line(int number) const {
  if (number < 1 || static_cast<size_t>(number) > lines.size()) return "";
  return std::string(lines[static_cast<size_t>(number) - 1]);
}

void SourceText::Fail(int line, int column, std::string message) const {
  throw ScriptError(SourceLocation{file, line, column}, std::move(message), Line(line));
}

SourceText SplitLines(std::string_view text, std::string file) {
  SourceText source{.file = std::move(file)};
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t newline = text.find('\n', pos);
    const size_t end = newline == std::string_view::npos ? text.size() : newline;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    source.lines.push_back(line);
    pos = end + 1;
  }
  return source;
}

int ParseFrontMatter(const SourceText& source, Lesson& lesson) { return FrontMatter(source, lesson).Parse(); }

Scenario ParseFencedLines(const SourceText& source, const MarkdownBlock& block, size_t from, size_t to,
                          const SourceLocation& empty_at, std::string_view what) {
  // The scenario parser counts lines and columns from the top of its text: give it the block's
  // lines at their own line numbers (blank lines before), without the fence's indentation, and
  // put the indentation back into every column it reports.
  const auto indent_of = [&](int line) {
    for (size_t i = from; i < to; ++i) {
      if (block.code_lines[i].line == line) return block.code_lines[i].column - 1;
    }
    return 0;
  };
  bool has_command = false;
  std::string text;
  const int first_line = from < to ? block.code_lines[from].line : 0;
  text.append(static_cast<size_t>(std::max(first_line - 1, 0)), '\n');
  for (size_t i = from; i < to; ++i) {
    const SourceLocation& at = block.code_lines[i];
    const std::string line = source.Line(at.line);
    const std::string_view content = std::string_view(line).substr(std::min(line.size(), static_cast<size_t>(at.column - 1)));
    const std::string_view trimmed = TrimBlanks(content);
    if (!trimmed.empty() && trimmed.front() != '#') has_command = true;
    text.append(content);
    text += '\n';
  }
  if (!has_command) {
    throw ScriptError(empty_at, fmt::format("{} has no commands", what), source.Line(empty_at.line));
  }
  Scenario script;
  try {
    script = ParseScenario(text, source.file);
  } catch (const ScriptError& e) {
    SourceLocation at = e.location();
    if (at.column > 0) at.column += indent_of(at.line);
    throw ScriptError(at, e.message(), source.Line(at.line));
  }
  if (!script.header.empty()) {
    const std::string& key = script.header.begin()->first;
    for (size_t i = from; i < to; ++i) {
      const std::string line = source.Line(block.code_lines[i].line);
      const size_t at = line.find(key + ":");
      if (at != std::string::npos) {
        source.Fail(block.code_lines[i].line, static_cast<int>(at) + 1,
                    fmt::format("'{}:' is a scenario header; in a lesson it belongs in the front matter", key));
      }
    }
    source.Fail(empty_at.line, empty_at.column, fmt::format("'{}:' is a scenario header; in a lesson it belongs "
                                                            "in the front matter", key));
  }
  for (ScenarioStep& step : script.steps) {
    const int indent = indent_of(step.location.line);
    step.location.column += indent;
    for (Word& word : step.words) word.column += indent;
    step.source_line = source.Line(step.location.line);
  }
  return script;
}

}  // namespace kafkasim::lesson_syntax
