#include "sim/script/source_location.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace kafkasim {
namespace {

std::string Headline(const SourceLocation& where, std::string_view message) {
  if (where.line <= 0) return fmt::format("{}: error: {}", where.file, message);
  if (where.column <= 0) return fmt::format("{}:{}: error: {}", where.file, where.line, message);
  return fmt::format("{}:{}:{}: error: {}", where.file, where.line, where.column, message);
}

// The length of the well-formed UTF-8 sequence that starts at `text[0]`, or 0 if there is none.
// The ranges are those of the Unicode Standard, table 3-7, which exclude overlong forms and
// surrogates by narrowing the second byte.
size_t Utf8SequenceLength(std::string_view text) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range allowed for the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;  // a stray continuation byte, or a lead byte that no code point uses
  }
  if (text.size() < length) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

// The line with every byte that is not text replaced by '?', byte for byte, so that columns
// computed on the original still point at the same characters.
std::string Printable(std::string_view line) {
  std::string shown(line);
  size_t from = 0;
  while (from < shown.size()) {
    std::optional<size_t> bad = FindBinaryByte(std::string_view(shown).substr(from));
    if (!bad) break;
    shown[from + *bad] = '?';
    from += *bad + 1;
  }
  return shown;
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

ScriptError::ScriptError(SourceLocation location, std::string message, std::string source_line)
    : std::runtime_error(Headline(location, message)),
      location_(std::move(location)),
      message_(std::move(message)),
      source_line_(std::move(source_line)) {}

std::string ScriptError::Render() const {
  std::string out = what();
  if (location_.line <= 0) return out;
  const std::string shown = Printable(source_line_);
  out += '\n';
  out += shown;
  if (location_.column <= 0) return out;
  out += '\n';
  // One pad character per character before the column: tabs stay tabs so the terminal expands
  // them the same way in both lines, and the continuation bytes of a multi-byte character add
  // nothing because the character takes one cell.
  // A column past the end of the line (a missing word) puts the caret just after it.
  const size_t before = std::min(static_cast<size_t>(location_.column - 1), shown.size());
  for (size_t i = 0; i < before; ++i) {
    if (shown[i] == '\t') {
      out += '\t';
    } else if (!IsContinuationByte(shown[i])) {
      out += ' ';
    }
  }
  out += '^';
  return out;
}

std::optional<size_t> FindBinaryByte(std::string_view line) {
  size_t i = 0;
  while (i < line.size()) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7F) return i;
    const size_t length = Utf8SequenceLength(line.substr(i));
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

}  // namespace kafkasim
