#include "sim/lesson/markdown.h"

#include <md4c.h>

#include <algorithm>
#include <cassert>
#include <charconv>

namespace kafkasim {
namespace {

// The few named entities a lesson plausibly writes; others stay as written.
std::string DecodeEntity(std::string_view entity) {
  if (entity == "&amp;") return "&";
  if (entity == "&lt;") return "<";
  if (entity == "&gt;") return ">";
  if (entity == "&quot;") return "\"";
  if (entity == "&apos;") return "'";
  if (entity == "&nbsp;") return " ";
  if (entity == "&rarr;") return "→";
  if (entity == "&mdash;") return "—";
  if (entity.size() > 3 && entity[1] == '#' && entity.back() == ';') {
    const bool hex = entity[2] == 'x' || entity[2] == 'X';
    const std::string_view digits = entity.substr(hex ? 3 : 2, entity.size() - (hex ? 4 : 3));
    uint32_t cp = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || cp == 0 || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return "\xEF\xBF\xBD";  // U+FFFD, as CommonMark asks for invalid code points
    }
    std::string out;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
  }
  return std::string(entity);
}

class Builder {
 public:
  Builder(std::string_view text, const std::string& file, int first_line)
      : text_(text), file_(file), first_line_(first_line) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  MarkdownDocument Parse() {
    MD_PARSER parser{};
    parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML | MD_FLAG_PERMISSIVEURLAUTOLINKS;
    parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* self) { return Self(self).EnterBlock(t, d); };
    parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* self) { return Self(self).LeaveBlock(t, d); };
    parser.enter_span = [](MD_SPANTYPE t, void* d, void* self) { return Self(self).EnterSpan(t, d); };
    parser.leave_span = [](MD_SPANTYPE t, void* d, void* self) { return Self(self).LeaveSpan(t, d); };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* self) {
      return Self(self).Text(t, std::string_view(s, n));
    };
    const int rc = md_parse(text_.data(), static_cast<MD_SIZE>(text_.size()), &parser, this);
    assert(rc == 0 && "the callbacks never abort, so md4c only fails when out of memory");
    (void)rc;
    return std::move(document_);
  }

 private:
  static Builder& Self(void* self) { return *static_cast<Builder*>(self); }

  bool InText(const char* p) const { return p >= text_.data() && p < text_.data() + text_.size(); }

  SourceLocation Where(const char* p) const {
    const size_t offset = static_cast<size_t>(p - text_.data());
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const size_t line = static_cast<size_t>(it - line_starts_.begin());  // 1-based
    return SourceLocation{file_, first_line_ + static_cast<int>(line) - 1,
                          static_cast<int>(offset - line_starts_[line - 1]) + 1};
  }

  MarkdownBlock& Open(MarkdownBlock::Kind kind) {
    MarkdownBlock& block = document_.blocks.emplace_back();
    block.kind = kind;
    block.list_depth = static_cast<int>(lists_.size());
    block.quote_depth = quote_depth_;
    block.location = SourceLocation{file_, last_line_, 0};
    current_ = static_cast<int>(document_.blocks.size()) - 1;
    located_ = false;
    return block;
  }

  int EnterBlock(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_QUOTE: ++quote_depth_; break;
      case MD_BLOCK_UL: lists_.push_back(0); break;
      case MD_BLOCK_OL: lists_.push_back(static_cast<int>(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start)); break;
      case MD_BLOCK_LI: {
        int& next = lists_.back();
        Open(MarkdownBlock::Kind::kListItem).number = next;
        if (next > 0) ++next;
        break;
      }
      case MD_BLOCK_HR: Open(MarkdownBlock::Kind::kRule); break;
      case MD_BLOCK_H: Open(MarkdownBlock::Kind::kHeading).level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level); break;
      case MD_BLOCK_P:
        // A list item's first paragraph is the item's text.
        if (current_ >= 0 && Current().kind == MarkdownBlock::Kind::kListItem && Current().runs.empty()) break;
        Open(MarkdownBlock::Kind::kParagraph);
        break;
      case MD_BLOCK_CODE: EnterCode(*static_cast<MD_BLOCK_CODE_DETAIL*>(detail)); break;
      case MD_BLOCK_TABLE: Open(MarkdownBlock::Kind::kTable); table_ = current_; break;
      case MD_BLOCK_TR: document_.blocks[static_cast<size_t>(table_)].rows.emplace_back(); break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: document_.blocks[static_cast<size_t>(table_)].rows.back().emplace_back(); break;
      default: break;  // DOC, THEAD, TBODY, HTML (off)
    }
    return 0;
  }

  void EnterCode(const MD_BLOCK_CODE_DETAIL& detail) {
    MarkdownBlock& block = Open(MarkdownBlock::Kind::kCode);
    block.fenced = detail.fence_char != 0;
    if (detail.lang.size > 0) block.lang.assign(detail.lang.text, detail.lang.size);
    if (detail.info.size > 0) {
      std::string_view info(detail.info.text, detail.info.size);
      info.remove_prefix(std::min(info.size(), block.lang.size()));
      while (!info.empty() && (info.front() == ' ' || info.front() == '\t')) info.remove_prefix(1);
      block.info = std::string(info);
      if (InText(detail.info.text)) {
        block.location = Where(detail.info.text);
        located_ = true;
      }
    }
    code_at_line_start_ = true;
    pending_indent_ = 0;
  }

  int LeaveBlock(MD_BLOCKTYPE type, void*) {
    switch (type) {
      case MD_BLOCK_QUOTE: --quote_depth_; break;
      case MD_BLOCK_UL:
      case MD_BLOCK_OL: lists_.pop_back(); break;
      case MD_BLOCK_TABLE: table_ = -1; current_ = -1; break;
      case MD_BLOCK_LI:
      case MD_BLOCK_H:
      case MD_BLOCK_P:
      case MD_BLOCK_HR:
      case MD_BLOCK_CODE: current_ = -1; break;
      default: break;
    }
    return 0;
  }

  int EnterSpan(MD_SPANTYPE type, void* detail) {
    switch (type) {
      case MD_SPAN_EM: style_ |= TextRun::kEmphasis; break;
      case MD_SPAN_STRONG: style_ |= TextRun::kStrong; break;
      case MD_SPAN_CODE: style_ |= TextRun::kCode; break;
      case MD_SPAN_DEL: style_ |= TextRun::kStrike; break;
      case MD_SPAN_A: {
        const auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
        link_.assign(a->href.text, a->href.size);
        break;
      }
      default: break;
    }
    styles_.push_back(style_);
    return 0;
  }

  int LeaveSpan(MD_SPANTYPE type, void*) {
    styles_.pop_back();
    style_ = styles_.empty() ? uint8_t{TextRun::kPlain} : styles_.back();
    // Styles nest: the style outside is the one the enclosing span set.
    if (type == MD_SPAN_A) link_.clear();
    return 0;
  }

  int Text(MD_TEXTTYPE type, std::string_view text) {
    if (InText(text.data())) last_line_ = Where(text.data()).line;
    if (current_ >= 0 && Current().kind == MarkdownBlock::Kind::kCode) {
      CodeText(text);
      return 0;
    }
    std::string piece;
    switch (type) {
      case MD_TEXT_SOFTBR: piece = " "; break;
      case MD_TEXT_BR: piece = "\n"; break;
      case MD_TEXT_NULLCHAR: piece = "\xEF\xBF\xBD"; break;
      case MD_TEXT_ENTITY: piece = DecodeEntity(text); break;
      default: piece = std::string(text); break;
    }
    std::vector<TextRun>* runs = nullptr;
    if (table_ >= 0) {
      runs = &document_.blocks[static_cast<size_t>(table_)].rows.back().back();
    } else if (current_ >= 0) {
      runs = &Current().runs;
    } else {
      return 0;  // text outside any block we keep (none in CommonMark)
    }
    if (!located_ && InText(text.data())) {
      MarkdownBlock& block = table_ >= 0 ? document_.blocks[static_cast<size_t>(table_)] : Current();
      block.location = Where(text.data());
      located_ = true;
    }
    if (!runs->empty() && runs->back().style == style_ && runs->back().link == link_) {
      runs->back().text += piece;
    } else {
      runs->push_back(TextRun{.text = std::move(piece), .style = style_, .link = link_});
    }
    return 0;
  }

  // Code arrives as an indentation chunk (not from the file), the line as written, then "\n".
  void CodeText(std::string_view text) {
    MarkdownBlock& block = Current();
    if (code_at_line_start_) {
      const SourceLocation previous = block.code_lines.empty() ? block.location : block.code_lines.back();
      block.code_lines.push_back(SourceLocation{file_, previous.line + 1, 1});
      code_at_line_start_ = false;
      line_located_ = false;
    }
    if (InText(text.data()) && !line_located_) {
      SourceLocation here = Where(text.data());
      here.column -= pending_indent_;
      block.code_lines.back() = here;
      line_located_ = true;
      if (!located_) {  // an unlabelled fence: it is the line above the first content line
        block.location = SourceLocation{file_, here.line - 1, 1};
        located_ = true;
      }
    }
    block.code += text;
    if (text == "\n") {
      code_at_line_start_ = true;
      pending_indent_ = 0;
    } else if (!InText(text.data())) {
      pending_indent_ += static_cast<int>(text.size());
    }
  }

  MarkdownBlock& Current() { return document_.blocks[static_cast<size_t>(current_)]; }

  std::string_view text_;
  const std::string& file_;
  int first_line_;
  std::vector<size_t> line_starts_;
  MarkdownDocument document_;
  int current_ = -1;  // the block that receives text
  int table_ = -1;
  bool located_ = false;
  int last_line_ = 0;
  int quote_depth_ = 0;
  std::vector<int> lists_;  // per open list: the next item's number, 0 for bullets
  uint8_t style_ = TextRun::kPlain;
  std::vector<uint8_t> styles_;
  std::string link_;
  bool code_at_line_start_ = true;
  bool line_located_ = false;
  int pending_indent_ = 0;
};

}  // namespace

std::string PlainText(const std::vector<TextRun>& runs) {
  std::string text;
  for (const TextRun& run : runs) text += run.text;
  return text;
}

MarkdownDocument ParseMarkdown(std::string_view text, const std::string& file, int first_line) {
  return Builder(text, file, first_line).Parse();
}

}  // namespace kafkasim
