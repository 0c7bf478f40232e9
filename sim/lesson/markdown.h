#pragma once
// A lesson's Markdown as a flat list of blocks, parsed with md4c (CommonMark plus GitHub tables
// and strikethrough). The model is window-free: the terminal renderer (terminal.h) and the
// visualizer's lesson pane draw the same blocks.
//
// Blocks are flat on purpose: nesting (a list inside a list, a paragraph inside a quote) is kept
// as a depth, which is all a renderer needs to indent, and a flat list is what "jump to any
// section" indexes. Inline text is a list of styled runs.
//
// Fenced code blocks keep where each of their lines was written (line and column in the file),
// so that a mistake in a runnable block is reported at file:line:col like a scenario's.
// Raw HTML is shown as text: lessons are read in terminals too.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/script/source_location.h"

namespace kafkasim {

struct TextRun {
  enum Style : uint8_t { kPlain = 0, kEmphasis = 1, kStrong = 2, kCode = 4, kStrike = 8 };
  std::string text;  // a soft line break is a space; a hard break is "\n"
  uint8_t style = kPlain;
  std::string link;  // the target when the run is (part of) a link: "02-topics.md", a URL

  bool operator==(const TextRun&) const = default;
};

struct MarkdownBlock {
  enum class Kind { kHeading, kParagraph, kListItem, kCode, kRule, kTable };
  Kind kind = Kind::kParagraph;
  SourceLocation location;  // where the block starts (for code: the opening fence)
  int level = 0;            // heading level 1-6
  int list_depth = 0;       // lists this block is inside (a list item's own list counts)
  int quote_depth = 0;      // block quotes this block is inside
  int number = 0;           // an ordered list item's number; 0 for a bullet
  std::vector<TextRun> runs;  // heading, paragraph, list item

  // Code: the info string's first word ("kafkasim", "question", "sh", "" for none), the rest of
  // it, the content with a '\n' after every line, and where each content line starts.
  std::string lang, info;
  std::string code;
  std::vector<SourceLocation> code_lines;
  bool fenced = false;

  // Table: the header row first; each cell is runs.
  std::vector<std::vector<std::vector<TextRun>>> rows;
};

struct MarkdownDocument {
  std::vector<MarkdownBlock> blocks;
};

// The text of the runs without styles.
std::string PlainText(const std::vector<TextRun>& runs);

// Parses `text` as Markdown. `file` names it in locations; `first_line` is the line number of
// text's first line in that file (a lesson's body starts after its front matter), and `text`
// must be whole lines. Never throws: Markdown has no syntax errors.
MarkdownDocument ParseMarkdown(std::string_view text, const std::string& file, int first_line = 1);

}  // namespace kafkasim
