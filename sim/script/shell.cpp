#include "sim/script/shell.h"

#include <fmt/format.h>

#include "sim/script/dispatch.h"
#include "sim/script/lexer.h"

namespace kafkasim {

LineSource StreamLines(std::istream& in, std::ostream* prompts) {
  return [&in, prompts](const std::string& prompt) -> std::optional<std::string> {
    if (prompts != nullptr) *prompts << prompt << std::flush;
    std::string line;
    if (!std::getline(in, line)) return std::nullopt;
    return line;
  };
}

Shell::Shell(Session& session, LineSource lines, std::ostream& out, std::ostream& err, ShellOptions options)
    : session_(session), lines_(std::move(lines)), out_(out), err_(err), options_(std::move(options)) {}

int Shell::Run() {
  int line_number = 0;
  // A command line waits for the `>` lines after it only in a script; typed at a keyboard it runs
  // at once, since none of today's commands reads standard input.
  std::string pending;
  int pending_line = 0;
  std::vector<std::string> input;
  auto flush = [&] {
    if (!pending.empty()) RunLine(pending, pending_line, std::move(input));
    pending.clear();
    input.clear();
  };
  while (true) {
    std::optional<std::string> next = lines_("kafkasim> ");
    if (!next) break;
    std::string& line = *next;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with(">")) {
      if (pending.empty()) {
        err_ << fmt::format("{}:{}:1: error: '>' gives input to a command, but no command comes before it\n",
                            options_.name, line_number);
        parse_errors_ = true;
        continue;
      }
      input.push_back(line.size() > 1 && line[1] == ' ' ? line.substr(2) : line.substr(1));
      continue;
    }
    flush();
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    const std::string command = line.substr(first);
    if (command == "exit" || command == "quit") break;
    if (command == "history") {
      for (size_t i = 0; i < history_.size(); ++i) out_ << fmt::format("{:>5}  {}\n", i + 1, history_[i]);
      continue;
    }
    pending = line;
    pending_line = line_number;
    if (options_.interactive) flush();
  }
  flush();
  for (const ExpectationOutcome& e : session_.expectations()) {
    if (!e.ok) return 1;
  }
  return parse_errors_ && !options_.interactive ? 2 : 0;
}

void Shell::RunLine(const std::string& line, int line_number, std::vector<std::string> input) {
  ScenarioStep step{.location = SourceLocation{options_.name, line_number, 1}, .input = std::move(input),
                    .source_line = line};
  std::unique_ptr<Invocation> invocation;
  try {
    LexedLine lexed = LexLine(line, options_.name, line_number);
    step.words = std::move(lexed.words);
    step.location.column = step.words.front().column;
    step.text = line.substr(step.words.front().column - 1, lexed.code_end - (step.words.front().column - 1));
    invocation = ParseStep(session_.commands(), step);
  } catch (const ScriptError& e) {
    err_ << e.Render() << "\n";
    parse_errors_ = true;
    return;
  }
  history_.push_back(step.text);

  session_.BeginCommand(step.text, step.location);
  bool done = false;
  session_.Start(*invocation, [&done](int) { done = true; });
  session_.sim().RunWhile([&done] { return !done; }, Time::Max());
  session_.trace().set_context(0);
  session_.trace().Flush();
  if (!done) err_ << fmt::format("'{}' never completed: nothing was left to happen in the simulation\n", step.text);
}

}  // namespace kafkasim
