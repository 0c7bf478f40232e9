#pragma once
// A lesson's Markdown for a terminal: headings underlined, paragraphs wrapped, lists with
// bullets and hanging indents, tables aligned, code indented; ANSI bold/italic/colour only when
// asked (a tty without NO_COLOR). Without colour, inline code keeps its backticks so it still
// reads as code, and a link shows its target in parentheses.

#include <string>

#include "sim/lesson/markdown.h"

namespace kafkasim {

struct TerminalOptions {
  int width = 80;  // columns to wrap at
  bool color = false;
};

// The block as terminal lines, each ending in '\n'.
std::string RenderBlock(const MarkdownBlock& block, const TerminalOptions& options);

// Runs as one wrapped paragraph with `indent` before every line.
std::string RenderRuns(const std::vector<TextRun>& runs, const TerminalOptions& options, const std::string& indent);

}  // namespace kafkasim
