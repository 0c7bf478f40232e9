#include "sim/record/narrator.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "sim/core/random.h"
#include "sim/record/json_text.h"

namespace kafkasim {
namespace {

// Columns of an event line: "  12.345s  broker-0      │ text". Longer names push the bar
// right rather than being cut: a truncated node name would mislead.
constexpr size_t kTimeWidth = 9;
constexpr size_t kNodeWidth = 13;

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kGreen = "\x1b[32m";
// Red is kept for failures; a node keeps its colour for the whole run because it is drawn
// from a stable hash of its name.
constexpr std::array<std::string_view, 6> kNodeColors = {"\x1b[36m", "\x1b[33m", "\x1b[35m",
                                                         "\x1b[32m", "\x1b[34m", "\x1b[96m"};

template <typename Prefixes>
bool MatchesAny(std::string_view kind, const Prefixes& prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [kind](std::string_view prefix) { return kind.starts_with(prefix); });
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return !name.empty() && std::find(names.begin(), names.end(), name) != names.end();
}

bool IsStderr(const TraceEvent& event) {
  return event.kind == "script.output" && event.fields.value("stream", "") == "stderr";
}

// A string field as its text, anything else as compact JSON, a missing one as "".
std::string FieldText(const TraceEvent& event, const char* key) {
  auto it = event.fields.find(key);
  if (it == event.fields.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  return DumpJson(*it);
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (true) {
    const size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace

Narrator::Narrator(std::ostream& out, NarratorOptions options, std::ostream* err)
    : out_(out), err_(err), options_(std::move(options)) {}

bool Narrator::Wants(std::string_view kind) const {
  // Shows() without what depends on more than the kind (the stream, the nodes): keep in step.
  if (options_.quiet) return kind == "script.expect" || kind == "script.output";
  if (MatchesAny(kind, options_.hide_kinds)) return false;
  if (kind.starts_with("script.")) return true;
  if (!options_.show_kinds.empty()) return MatchesAny(kind, options_.show_kinds);
  return !MatchesAny(kind, kDefaultHiddenKinds);
}

bool Narrator::Shows(const TraceEvent& event) const {
  if (options_.quiet) return event.kind == "script.expect" || IsStderr(event);
  if (MatchesAny(event.kind, options_.hide_kinds)) return false;
  if (event.kind.starts_with("script.")) return true;
  if (!options_.nodes.empty() && !Contains(options_.nodes, event.node) &&
      !Contains(options_.nodes, event.peer)) {
    return false;
  }
  if (!options_.show_kinds.empty()) return MatchesAny(event.kind, options_.show_kinds);
  return !MatchesAny(event.kind, kDefaultHiddenKinds);
}

void Narrator::OnEvent(const TraceEvent& event) {
  if (!Shows(event)) return;
  if (event.kind == "script.output") {
    WriteOutput(event);
  } else if (event.kind == "script.command") {
    const std::string line = FieldText(event, "line");
    out_ << Style("$ " + (line.empty() ? event.narration : line), kBold) << '\n';
  } else if (event.kind == "script.narrate") {
    WriteNarrate(event);
    return;  // keeps the paragraph break it ended with
  } else if (event.kind == "script.expect") {
    WriteExpect(event);
  } else {
    WriteEventLine(event);
  }
  after_blank_line_ = false;
}

void Narrator::Flush() {
  out_.flush();
  if (err_ != nullptr) err_->flush();
}

void Narrator::WriteEventLine(const TraceEvent& event) {
  std::string text = event.narration;
  if (text.empty()) {
    // An event nobody narrated still says what it is.
    text = event.kind;
    if (!event.fields.empty()) text += " " + DumpJson(event.fields);
  }
  const std::string node_color(kNodeColors[StableHash(event.node) % kNodeColors.size()]);
  const std::string time = FormatTime(event.time);
  // Continuation lines keep the bar so a multi-line narration stays in its column.
  bool first = true;
  for (std::string_view line : SplitLines(text)) {
    out_ << Style(fmt::format("{:>{}}", first ? time : "", kTimeWidth), kDim) << "  "
         << Style(fmt::format("{:<{}}", first ? event.node : "", kNodeWidth), node_color) << " │ "
         << line << '\n';
    first = false;
  }
}

void Narrator::WriteOutput(const TraceEvent& event) {
  // Raw, exactly what the real tool printed: students compare it with their terminal.
  std::ostream& stream = (err_ != nullptr && IsStderr(event)) ? *err_ : out_;
  stream << FieldText(event, "text") << '\n';
}

void Narrator::WriteNarrate(const TraceEvent& event) {
  std::string text = FieldText(event, "text");
  if (text.empty()) text = event.narration;
  if (!after_blank_line_) out_ << '\n';
  std::string_view marker = "  ▶ ";
  for (std::string_view line : SplitLines(text)) {
    out_ << Style(fmt::format("{}{}", marker, line), kBold) << '\n';
    marker = "    ";
  }
  out_ << '\n';
  after_blank_line_ = true;
}

void Narrator::WriteExpect(const TraceEvent& event) {
  const std::string op = FieldText(event, "op");
  const std::string expected = FieldText(event, "expected");
  const std::string claim = fmt::format("expect {} {} {}", FieldText(event, "query"), op, expected);
  const auto ok = event.fields.find("ok");
  if (ok != event.fields.end() && ok->is_boolean() && ok->get<bool>()) {
    out_ << Style("✓", kGreen) << ' ' << claim << '\n';
    return;
  }
  // "(expected 3, got 2)" for equality, "(expected <= 10, got 42)" for the other operators.
  const std::string wanted = op == "==" ? expected : op + " " + expected;
  std::string line =
      fmt::format("{} (expected {}, got {})", claim, wanted, FieldText(event, "actual"));
  const std::string source = FieldText(event, "source");
  if (!source.empty()) line += " at " + source;
  out_ << Style("✗ " + line, kRed) << '\n';
}

std::string Narrator::Style(std::string_view text, std::string_view ansi) const {
  if (!options_.color || text.empty()) return std::string(text);
  return fmt::format("{}{}{}", ansi, text, kReset);
}

NarratorOptions ParseNarratorFilter(std::string_view filter, NarratorOptions base) {
  auto fail = [filter](std::string_view term, std::string_view why) {
    throw std::invalid_argument(fmt::format(
        "bad filter term '{}' in '{}': {}; expected kind=PREFIX, hide=PREFIX, node=NAME or "
        "quiet, separated by commas (e.g. kind=partition,node=broker-1)",
        term, filter, why));
  };
  if (filter.empty()) fail("", "the filter is empty");
  size_t start = 0;
  while (start <= filter.size()) {
    size_t end = filter.find(',', start);
    if (end == std::string_view::npos) end = filter.size();
    const std::string_view term = filter.substr(start, end - start);
    start = end + 1;
    if (term == "quiet") {
      base.quiet = true;
      continue;
    }
    const size_t eq = term.find('=');
    if (term.empty()) fail(term, "empty term");
    if (eq == std::string_view::npos) fail(term, "missing '='");
    const std::string_view key = term.substr(0, eq);
    const std::string value(term.substr(eq + 1));
    if (value.empty()) fail(term, "missing value after '='");
    if (value.find_first_of(" \t=") != std::string::npos) fail(term, "spaces or '=' in value");
    if (key == "kind") {
      base.show_kinds.push_back(value == "all" || value == "*" ? "" : value);
    } else if (key == "hide") {
      base.hide_kinds.push_back(value);
    } else if (key == "node") {
      base.nodes.push_back(value);
    } else {
      fail(term, fmt::format("unknown key '{}'", key));
    }
  }
  return base;
}

}  // namespace kafkasim
