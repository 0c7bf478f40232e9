#pragma once
// The pieces of ParseLesson (lesson.h): the front matter, and fenced lines read as scenario
// lines at their place in the lesson file. Internal to sim/lesson.

#include <string>
#include <string_view>
#include <vector>

#include "sim/lesson/lesson.h"

namespace kafkasim::lesson_syntax {

// The lesson file split into lines (without line endings), for locations and carets.
struct SourceText {
  std::string file;
  std::vector<std::string_view> lines;  // lines[0] is line 1

  std::string Line(int number) const;
  [[noreturn]] void Fail(int line, int column, std::string message) const;
};

SourceText SplitLines(std::string_view text, std::string file);

// Reads the front matter (`---` ... `---` at the top) into `lesson` and returns the number of
// lines it takes, so the Markdown body starts on the line after.
int ParseFrontMatter(const SourceText& source, Lesson& lesson);

// Content lines [from, to) of a fenced block, parsed in the scenario language with their real
// lines and columns. `what` names the block in messages ("command block"). An empty range, or
// one with only comments, is an error at `empty_at`.
Scenario ParseFencedLines(const SourceText& source, const MarkdownBlock& block, size_t from, size_t to,
                          const SourceLocation& empty_at, std::string_view what);

}  // namespace kafkasim::lesson_syntax
