#pragma once
// Where something was written in a scenario file, and the one exception type of the script
// layer. Parsing scenario files is an edge of the simulator (see STYLE.md, "Two kinds of
// error"): a mistake in a file a teacher wrote is reported as a ScriptError that names the file,
// line and column and shows the line with a caret under the mistake, the way compilers do:
//
//   scenarios/demo.scn:12:4: error: unknown time unit in "10x": expected us, ms, s, m or h
//   at 10x crash broker-0
//      ^
//
// Lines and columns are 1-based and columns count bytes, so that they agree with what
// ParseScenario and the lexer compute. Line 0 means "the file as a whole" (it could not be
// opened, for example) and then no source line is shown.

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kafkasim {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 for the file as a whole
  int column = 0;  // 1-based byte offset into the line; 0 when no column applies
};

class ScriptError : public std::runtime_error {
 public:
  // `source_line` is the text of line `location.line` as written (without its line ending); it
  // is shown under the message. Pass an empty string for line 0.
  ScriptError(SourceLocation location, std::string message, std::string source_line);

  const SourceLocation& location() const { return location_; }
  const std::string& message() const { return message_; }
  const std::string& source_line() const { return source_line_; }

  // The diagnostic as a compiler prints it: "file:line:col: error: message", then the source
  // line and a caret under the column. Tabs before the column are repeated in the caret line so
  // that it lines up in a terminal, and bytes that are not printable text are shown as '?'.
  // There is no trailing newline, so callers decide how to end it. what() is the first line.
  std::string Render() const;

 private:
  SourceLocation location_;
  std::string message_;
  std::string source_line_;
};

// The 0-based offset of the first byte in `line` that cannot be part of a text file: a control
// character other than tab (C0 or DEL), or a byte that is not part of well-formed UTF-8 (stray
// continuation bytes, overlong forms, surrogates, code points above U+10FFFF, truncated
// sequences). std::nullopt when the whole line is text.
std::optional<size_t> FindBinaryByte(std::string_view line);

}  // namespace kafkasim
