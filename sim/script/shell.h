#pragma once
// The interactive console: `kafkasim shell`. Each line runs when it is entered, as in a terminal,
// and simulated time moves only while a command runs (a `sleep`, a request's round trip). It
// reads from a pipe as well as from a keyboard, so it can be scripted and tested.
//
// Besides the command language it knows `history` (what was run, numbered) and `exit`/`quit`.
// Lines starting with `>` are standard input for the previous command, as in scenario files.

#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/script/session.h"

namespace kafkasim {

// Where the shell's lines come from: given the prompt, the next line, or nullopt at the end.
using LineSource = std::function<std::optional<std::string>(const std::string& prompt)>;

// Lines read from a stream (a pipe, a file, a test). The prompt goes to `prompts` when one is
// given: a terminal without line editing.
LineSource StreamLines(std::istream& in, std::ostream* prompts = nullptr);

struct ShellOptions {
  bool interactive = false;  // someone types at a terminal: each line runs at once
  std::string name = "<stdin>";
};

class Shell {
 public:
  // Command output reaches the user through the session's trace sinks (the narrator); `err`
  // receives the shell's own diagnostics and `out` what `history` prints.
  Shell(Session& session, LineSource lines, std::ostream& out, std::ostream& err, ShellOptions options);

  // Reads until end of input or `exit`. Returns 0, 1 when an expectation failed, or 2 when a line
  // could not be parsed (in a script: a keyboard user just retypes it).
  int Run();

 private:
  void RunLine(const std::string& line, int line_number, std::vector<std::string> input);

  Session& session_;
  LineSource lines_;
  std::ostream& out_;
  std::ostream& err_;
  ShellOptions options_;
  std::vector<std::string> history_;
  bool parse_errors_ = false;
};

}  // namespace kafkasim
