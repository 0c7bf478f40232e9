#include "sim/cli/line_editor.h"

#include <cstdlib>
#include <cstring>

#include <editline/readline.h>

#include "sim/script/completion.h"

namespace kafkasim {

namespace {

// readline's completion hooks are plain functions: they find the commands through this.
const CommandRegistry* completing = nullptr;
std::vector<std::string> candidates;

char* NextCandidate(const char* /*text*/, int state) {
  if (static_cast<size_t>(state) >= candidates.size()) return nullptr;
  return strdup(candidates[state].c_str());
}

char** Complete(const char* text, int start, int end) {
  rl_attempted_completion_over = 1;  // no file names when nothing fits
  candidates = CompleteWord(*completing, std::string_view(rl_line_buffer, end));
  if (candidates.empty()) return nullptr;
  return rl_completion_matches(text, NextCandidate);
}

}  // namespace

LineSource TerminalLines(const CommandRegistry& commands) {
  completing = &commands;
  rl_readline_name = "kafkasim";  // ~/.editrc sections apply
  rl_attempted_completion_function = Complete;
  return [](const std::string& prompt) -> std::optional<std::string> {
    char* typed = readline(prompt.c_str());
    if (typed == nullptr) return std::nullopt;
    std::string line(typed);
    std::free(typed);
    if (line.find_first_not_of(" \t") != std::string::npos) add_history(line.c_str());
    return line;
  };
}

}  // namespace kafkasim
