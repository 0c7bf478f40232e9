// The terminal rendering of a lesson's Markdown: wrapped paragraphs, bullets with hanging
// indents, underlined headings, aligned tables that wrap their last column, and inline code and
// links that still read as such without colour.

#include <catch2/catch.hpp>

#include "sim/lesson/terminal.h"

namespace kafkasim {
namespace {

std::string Render(std::string_view markdown, int width = 40) {
  std::string out;
  for (const MarkdownBlock& block : ParseMarkdown(markdown, "t.md").blocks) {
    out += RenderBlock(block, TerminalOptions{.width = width}) + "|\n";
  }
  return out;
}

}  // namespace

TEST_CASE("paragraphs wrap at the width, headings are underlined") {
  CHECK(Render("# Replication\n\nThe high watermark is the first offset not yet on every ISR member.\n") ==
        "Replication\n═══════════\n|\nThe high watermark is the first offset\nnot yet on every ISR member.\n|\n");
  CHECK(Render("## ISR\n") == "ISR\n───\n|\n");
}

TEST_CASE("list items hang under their bullet or number") {
  CHECK(Render("- a leader serves the partition and the followers copy it from the leader\n- b\n") ==
        "•  a leader serves the partition and the\n   followers copy it from the leader\n|\n•  b\n|\n");
  CHECK(Render("3. three\n4. four\n") == "3. three\n|\n4. four\n|\n");
}

TEST_CASE("without colour, inline code keeps its backticks and a link shows where it goes") {
  CHECK(Render("Run `kafka-topics.sh` or read [lesson 2](02-topics.md).\n", 80) ==
        "Run `kafka-topics.sh` or read lesson 2 (02-topics.md).\n|\n");
  CHECK(Render("See <https://kafka.apache.org>.\n", 80) == "See https://kafka.apache.org.\n|\n");
}

TEST_CASE("colour makes code cyan and strong text bold") {
  const MarkdownDocument doc = ParseMarkdown("**acks** and `all`\n", "t.md");
  CHECK(RenderBlock(doc.blocks[0], TerminalOptions{.color = true}) == "\x1b[1macks\x1b[0m and \x1b[36mall\x1b[0m\n");
}

TEST_CASE("tables align their columns and wrap the last one when too wide") {
  CHECK(Render("| key | partition |\n| --- | --- |\n| user-1 | 2 |\n") ==
        "key     partition\n──────  ─────────\nuser-1  2\n|\n");
  CHECK(Render("| setting | meaning |\n| --- | --- |\n| acks | how many replicas must have a record before it is acknowledged |\n", 40) ==
        "setting  meaning\n───────  ───────────────────────────────\n"
        "acks     how many replicas must have a\n         record before it is\n         acknowledged\n|\n");
}

}  // namespace kafkasim
