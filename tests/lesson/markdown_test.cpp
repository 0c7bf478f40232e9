// ParseMarkdown: the window-free blocks the terminal and the visualizer both draw.

#include <catch2/catch.hpp>

#include "sim/lesson/markdown.h"

namespace kafkasim {

using Kind = MarkdownBlock::Kind;

TEST_CASE("headings, paragraphs and inline styles become blocks of styled runs") {
  const MarkdownDocument doc = ParseMarkdown("# Title\n\nA *leader* and **followers**,\nsee `isr` and [lesson 2](02-topics.md).\n", "l.md");
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[0].kind == Kind::kHeading);
  CHECK(doc.blocks[0].level == 1);
  CHECK(PlainText(doc.blocks[0].runs) == "Title");
  const MarkdownBlock& p = doc.blocks[1];
  CHECK(p.kind == Kind::kParagraph);
  CHECK(p.location.line == 3);
  CHECK(PlainText(p.runs) == "A leader and followers, see isr and lesson 2.");
  CHECK(p.runs[1] == TextRun{.text = "leader", .style = TextRun::kEmphasis});
  CHECK(p.runs[3] == TextRun{.text = "followers", .style = TextRun::kStrong});
  CHECK(p.runs[5] == TextRun{.text = "isr", .style = TextRun::kCode});
  CHECK(p.runs[7] == TextRun{.text = "lesson 2", .link = "02-topics.md"});
}

TEST_CASE("lists keep their depth and numbers, and an item's first paragraph is the item") {
  const MarkdownDocument doc = ParseMarkdown("1. one\n2. two\n   - inner\n\n- loose\n\n  more\n", "l.md");
  REQUIRE(doc.blocks.size() == 5);
  CHECK(doc.blocks[0].kind == Kind::kListItem);
  CHECK(doc.blocks[0].number == 1);
  CHECK(doc.blocks[1].number == 2);
  CHECK(PlainText(doc.blocks[2].runs) == "inner");
  CHECK(doc.blocks[2].list_depth == 2);
  CHECK(doc.blocks[2].number == 0);
  CHECK(PlainText(doc.blocks[3].runs) == "loose");
  CHECK(doc.blocks[4].kind == Kind::kParagraph);
  CHECK(doc.blocks[4].list_depth == 1);
}

TEST_CASE("a fenced block keeps its language and where each line is") {
  const MarkdownDocument doc = ParseMarkdown("Intro.\n\n```kafkasim run\nsleep 1s\n\n  crash broker-0\n```\n", "l.md", 10);
  REQUIRE(doc.blocks.size() == 2);
  const MarkdownBlock& code = doc.blocks[1];
  CHECK(code.kind == Kind::kCode);
  CHECK(code.fenced);
  CHECK(code.lang == "kafkasim");
  CHECK(code.info == "run");
  CHECK(code.code == "sleep 1s\n\n  crash broker-0\n");
  CHECK(code.location.line == 12);
  REQUIRE(code.code_lines.size() == 3);
  CHECK(code.code_lines[0].line == 13);
  CHECK(code.code_lines[1].line == 14);
  CHECK(code.code_lines[2].line == 15);
  CHECK(code.code_lines[2].column == 1);
}

TEST_CASE("tables are rows of cells, quotes a depth, and HTML stays text") {
  const MarkdownDocument doc = ParseMarkdown("| a | b |\n|---|---|\n| 1 | `2` |\n\n> quoted <b>x</b> &amp; &#955;\n\n---\n", "l.md");
  REQUIRE(doc.blocks.size() == 3);
  const MarkdownBlock& table = doc.blocks[0];
  CHECK(table.kind == Kind::kTable);
  REQUIRE(table.rows.size() == 2);
  CHECK(PlainText(table.rows[0][1]) == "b");
  CHECK(table.rows[1][1][0].style == TextRun::kCode);
  CHECK(doc.blocks[1].quote_depth == 1);
  CHECK(PlainText(doc.blocks[1].runs) == "quoted <b>x</b> & λ");
  CHECK(doc.blocks[2].kind == Kind::kRule);
}

}  // namespace kafkasim
