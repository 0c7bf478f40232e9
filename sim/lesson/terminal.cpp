#include "sim/lesson/terminal.h"

#include <fmt/format.h>

#include <algorithm>

namespace kafkasim {
namespace {

// Terminal cells a UTF-8 string takes: one a code point (lessons use no wide characters).
int Cells(std::string_view text) {
  int cells = 0;
  for (char c : text) cells += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return cells;
}

struct Segment {
  std::string text;
  uint8_t style = TextRun::kPlain;
};
using WordSegments = std::vector<Segment>;

std::string Styled(const Segment& s, bool color) {
  if (!color) return s.text;
  std::string codes;
  if (s.style & TextRun::kStrong) codes += "1;";
  if (s.style & TextRun::kEmphasis) codes += "3;";
  if (s.style & TextRun::kStrike) codes += "9;";
  if (s.style & TextRun::kCode) codes += "36;";
  if (codes.empty()) return s.text;
  codes.pop_back();
  return fmt::format("\x1b[{}m{}\x1b[0m", codes, s.text);
}

// The runs as the words a line may break between; without colour, code keeps its backticks and
// a link whose text is not its target shows the target.
std::vector<WordSegments> Words(const std::vector<TextRun>& runs, bool color) {
  std::vector<Segment> pieces;
  for (size_t i = 0; i < runs.size(); ++i) {
    const TextRun& run = runs[i];
    std::string text = run.text;
    if (!color && (run.style & TextRun::kCode)) text = "`" + text + "`";
    pieces.push_back(Segment{text, run.style});
    const bool link_ends = !run.link.empty() && (i + 1 == runs.size() || runs[i + 1].link != run.link);
    if (link_ends) {
      std::string shown;
      for (size_t j = i + 1; j-- > 0 && runs[j].link == run.link;) shown = runs[j].text + shown;
      if (shown != run.link) pieces.push_back(Segment{fmt::format(" ({})", run.link), TextRun::kPlain});
    }
  }
  std::vector<WordSegments> words(1);
  for (const Segment& piece : pieces) {
    size_t start = 0;
    for (size_t i = 0; i <= piece.text.size(); ++i) {
      const bool end = i == piece.text.size();
      const char c = end ? '\0' : piece.text[i];
      if (!end && c != ' ' && c != '\n') continue;
      if (i > start) words.back().push_back(Segment{piece.text.substr(start, i - start), piece.style});
      if (!end) {
        if (!words.back().empty()) words.emplace_back();
        if (c == '\n') {
          words.back().push_back(Segment{"\n", TextRun::kPlain});  // a hard break is a word of its own
          words.emplace_back();
        }
      }
      start = i + 1;
    }
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Plain text cut into lines of at most `width` cells, at spaces where it can be.
std::vector<std::string> WrapPlain(const std::string& text, int width) {
  std::vector<std::string> lines(1);
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    std::string& line = lines.back();
    if (!line.empty() && Cells(line) + 1 + Cells(word) > width) {
      lines.push_back(word);
    } else {
      line += (line.empty() ? "" : " ") + word;
    }
    start = end + 1;
  }
  return lines;
}

// Columns as wide as their widest cell; when that is wider than the terminal, the last column
// wraps under itself.
std::string RenderTable(const MarkdownBlock& block, const TerminalOptions& options, const std::string& indent) {
  std::vector<int> widths;
  for (const auto& row : block.rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], Cells(PlainText(row[c])));
  }
  int total = Cells(indent);
  for (size_t c = 0; c < widths.size(); ++c) total += widths[c] + (c == 0 ? 0 : 2);
  if (!widths.empty() && total > options.width) {
    widths.back() = std::max(20, widths.back() - (total - options.width));
  }
  std::string out;
  for (size_t r = 0; r < block.rows.size(); ++r) {
    const auto& row = block.rows[r];
    std::vector<std::vector<std::string>> cells;
    size_t height = 1;
    for (size_t c = 0; c < row.size(); ++c) {
      const std::string text = PlainText(row[c]);
      cells.push_back(c + 1 == widths.size() ? WrapPlain(text, widths[c]) : std::vector<std::string>{text});
      height = std::max(height, cells.back().size());
    }
    for (size_t l = 0; l < height; ++l) {
      std::string line = indent;
      for (size_t c = 0; c < cells.size(); ++c) {
        const std::string text = l < cells[c].size() ? cells[c][l] : "";
        const std::string shown = r == 0 && options.color ? fmt::format("\x1b[1m{}\x1b[0m", text) : text;
        line += (c == 0 ? "" : "  ") + shown + std::string(static_cast<size_t>(std::max(widths[c] - Cells(text), 0)), ' ');
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
    if (r == 0) {
      std::string rule = indent;
      for (size_t c = 0; c < widths.size(); ++c) rule += (c == 0 ? "" : "  ") + Repeat("─", widths[c]);
      out += rule + "\n";
    }
  }
  return out;
}

}  // namespace

std::string RenderRuns(const std::vector<TextRun>& runs, const TerminalOptions& options, const std::string& indent) {
  const std::vector<WordSegments> words = Words(runs, options.color);
  std::string out = indent;
  const int start = Cells(indent);
  int column = start;
  bool line_empty = true;
  for (const WordSegments& word : words) {
    if (word.size() == 1 && word[0].text == "\n") {
      out += "\n" + std::string(static_cast<size_t>(start), ' ');
      column = start;
      line_empty = true;
      continue;
    }
    int cells = 0;
    for (const Segment& s : word) cells += Cells(s.text);
    if (!line_empty && column + 1 + cells > options.width) {
      out += "\n" + std::string(static_cast<size_t>(start), ' ');
      column = start;
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++column;
    }
    for (const Segment& s : word) out += Styled(s, options.color);
    column += cells;
    line_empty = false;
  }
  return out + "\n";
}

std::string RenderBlock(const MarkdownBlock& block, const TerminalOptions& options) {
  const std::string quote = Repeat("│ ", block.quote_depth);
  const int list_indent = block.kind == MarkdownBlock::Kind::kListItem ? block.list_depth - 1 : block.list_depth;
  const std::string indent = quote + std::string(static_cast<size_t>(std::max(list_indent, 0) * 3), ' ');
  switch (block.kind) {
    case MarkdownBlock::Kind::kHeading: {
      std::vector<TextRun> runs = block.runs;
      for (TextRun& run : runs) run.style |= TextRun::kStrong;
      std::string out = RenderRuns(runs, options, indent);
      if (block.level <= 2) {
        const int cells = std::min(Cells(PlainText(block.runs)), options.width);
        out += indent + Repeat(block.level == 1 ? "═" : "─", cells) + "\n";
      }
      return out;
    }
    case MarkdownBlock::Kind::kParagraph: return RenderRuns(block.runs, options, indent);
    case MarkdownBlock::Kind::kListItem: {
      const std::string bullet = block.number > 0 ? fmt::format("{}. ", block.number) : "•  ";
      const size_t cells = static_cast<size_t>(Cells(bullet));
      std::string out = RenderRuns(block.runs, options, indent + std::string(cells, ' '));
      out.replace(0, indent.size() + cells, indent + bullet);  // the bullet over the hanging indent
      return out;
    }
    case MarkdownBlock::Kind::kCode: {
      std::string out;
      size_t start = 0;
      while (start < block.code.size()) {
        const size_t end = block.code.find('\n', start);
        const std::string line = block.code.substr(start, end - start);
        const std::string shown = options.color ? fmt::format("\x1b[2m{}\x1b[0m", line) : line;
        out += indent + "    " + shown + "\n";
        start = end == std::string::npos ? block.code.size() : end + 1;
      }
      return out;
    }
    case MarkdownBlock::Kind::kRule: return indent + Repeat("─", std::min(options.width, 40)) + "\n";
    case MarkdownBlock::Kind::kTable: return RenderTable(block, options, indent);
  }
  return "";
}

}  // namespace kafkasim
