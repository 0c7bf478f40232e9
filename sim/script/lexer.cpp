#include "sim/script/lexer.h"

#include <cassert>
#include <utility>

#include "sim/script/source_location.h"

namespace kafkasim {
namespace {

bool IsBrace(char c) { return c == '{' || c == '}'; }

[[noreturn]] void ThrowUnterminated(std::string_view line, std::string_view file, int line_number,
                                    size_t open) {
  const bool single = line[open] == '\'';
  std::string message =
      single ? "unterminated single quote: this ' has no closing '; to write an apostrophe, "
               "put the word in \"double quotes\""
             : "unterminated double quote: this \" has no closing \"";
  throw ScriptError(SourceLocation{std::string(file), line_number, static_cast<int>(open) + 1},
                    std::move(message), std::string(line));
}

// Appends the quoted text that opens at `line[open]` to `text` and returns the offset just past
// the closing quote, or npos when there is none.
size_t ReadQuoted(std::string_view line, size_t open, std::string& text) {
  const char quote = line[open];
  size_t i = open + 1;
  while (i < line.size()) {
    const char c = line[i];
    if (c == quote) return i + 1;
    if (quote == '"' && c == '\\' && i + 1 < line.size() &&
        (line[i + 1] == '"' || line[i + 1] == '\\')) {
      text += line[i + 1];
      i += 2;
      continue;
    }
    text += c;
    ++i;
  }
  return std::string_view::npos;
}

}  // namespace

LexedLine LexLine(std::string_view line, std::string_view file, int line_number) {
  LexedLine lexed;
  size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (IsBlank(c)) {
      ++i;
      continue;
    }
    if (c == '#') break;  // a word starts here, so this is a comment
    Word word{.text = "", .column = static_cast<int>(i) + 1, .quoted = false};
    if (IsBrace(c)) {
      word.text = std::string(1, c);
      ++i;
    } else {
      while (i < line.size() && !IsBlank(line[i]) && !IsBrace(line[i])) {
        if (line[i] == '"' || line[i] == '\'') {
          const size_t after = ReadQuoted(line, i, word.text);
          if (after == std::string_view::npos) ThrowUnterminated(line, file, line_number, i);
          assert(after > i + 1 && "a closed quote spans at least its two quote characters");
          word.quoted = true;
          i = after;
        } else {
          word.text += line[i];
          ++i;
        }
      }
    }
    lexed.words.push_back(std::move(word));
    lexed.code_end = i;
  }
  return lexed;
}

std::vector<Word> SplitWords(std::string_view line, std::string_view file, int line_number) {
  return LexLine(line, file, line_number).words;
}

}  // namespace kafkasim
