#pragma once
// Splits one line of a scenario file into words, the way a POSIX shell would, so that a teacher
// can paste a command from a terminal session and have it mean the same thing here:
//
//   - blanks (spaces and tabs) separate words;
//   - 'single quotes' keep everything up to the next ' literally;
//   - "double quotes" group too, and inside them \" and \\ stand for " and \ (any other
//     backslash is kept, as in a shell); outside quotes a backslash is an ordinary character;
//   - quoted and unquoted pieces glued together form one word: --name="a b"c is `--name=a bc`;
//   - `{` and `}` outside quotes are words of their own even when glued to others, so that
//     `network split {broker-0 zookeeper-0}` reads as network, split, {, broker-0, zookeeper-0, };
//   - `#` at the start of a word, outside quotes, begins a comment that runs to the end of the
//     line; inside a word (`a#b`) it is an ordinary character.
//
// The lexer knows nothing of commands or of `at` clauses; ParseScenario gives them meaning.

#include <string>
#include <string_view>
#include <vector>

namespace kafkasim {

// What separates words: a space or a tab.
inline bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// `s` without the blanks around it.
inline std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

struct Word {
  std::string text;     // with the quotes removed and the escapes resolved
  int column = 0;       // 1-based byte column of its first character, an opening quote included
  bool quoted = false;  // some part was quoted: "at" is not the keyword `at`, and "" is a word

  bool operator==(const Word&) const = default;
};

struct LexedLine {
  std::vector<Word> words;
  // The 0-based byte offset just past the last word: where trailing blanks or a comment begin,
  // so that the command as written is line.substr(first word's column - 1, up to here).
  // 0 when the line has no words.
  size_t code_end = 0;
};

// Lexes `line`, which must be a whole source line (columns count from its first byte) without
// its line ending. An unterminated quote throws ScriptError at `file`:`line_number` with the
// column of the opening quote.
LexedLine LexLine(std::string_view line, std::string_view file, int line_number);

// The words of LexLine alone.
std::vector<Word> SplitWords(std::string_view line, std::string_view file, int line_number);

}  // namespace kafkasim
