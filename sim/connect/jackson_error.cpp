#include "sim/connect/jackson_error.h"

#include <cctype>
#include <vector>

#include <fmt/format.h>

namespace kafkasim {
namespace {

constexpr std::string_view kValidValue =
    "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

// A recursive-descent reader that stops at the first mistake, describing it as Jackson does.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  std::optional<std::string> Run() {
    SkipSpace();
    if (AtEnd()) return Fail("No content to map due to end-of-input");
    if (auto e = Value()) return e;
    SkipSpace();
    if (!AtEnd()) {
      // Jackson's ObjectMapper.readValue reads one value and ignores the rest; readTree as well.
      return std::nullopt;
    }
    return std::nullopt;
  }

 private:
  struct Marker {
    char kind;
    int line, column;
  };
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }
  void Advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
    ++pos_;
  }
  void SkipSpace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) Advance();
  }
  std::string Location() const {
    return fmt::format(" at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: {}, "
                       "column: {}]",
                       line_, column_);
  }
  std::string Fail(const std::string& message) const { return message + "\n" + Location(); }
  std::string Unexpected(const std::string& expecting) {
    const unsigned char c = static_cast<unsigned char>(Peek());
    Advance();
    const std::string shown = std::isprint(c) ? fmt::format("'{}'", static_cast<char>(c))
                                              : fmt::format("(CTRL-CHAR, code {})", static_cast<int>(c));
    if (!std::isprint(c)) return Fail(fmt::format("Unexpected character ({}): {}", shown, expecting));
    return Fail(fmt::format("Unexpected character ({} (code {})): {}", shown, static_cast<int>(c), expecting));
  }
  std::string EndOfInput() {
    const Marker& m = open_.back();
    const char* what = m.kind == '{' ? "Object" : "Array";
    return Fail(fmt::format("Unexpected end-of-input: expected close marker for {} (start marker at [Source: REDACTED "
                            "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: {}, column: {}])",
                            what, m.line, m.column));
  }

  std::optional<std::string> Value() {
    const char c = Peek();
    if (c == '{') return Object();
    if (c == '[') return Array();
    if (c == '"') return String();
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) return Number();
    if (std::isalpha(static_cast<unsigned char>(c))) return Token();
    return Unexpected(fmt::format("expected a valid value {}", kValidValue));
  }

  std::optional<std::string> Token() {
    const size_t start = pos_;
    while (!AtEnd() && (std::isalnum(static_cast<unsigned char>(Peek())) || Peek() == '_')) Advance();
    const std::string_view word = text_.substr(start, pos_ - start);
    if (word == "true" || word == "false" || word == "null") return std::nullopt;
    return Fail(fmt::format("Unrecognized token '{}': was expecting {}", word, kValidValue));
  }

  std::optional<std::string> Number() {
    if (Peek() == '-') Advance();
    if (AtEnd() || !std::isdigit(static_cast<unsigned char>(Peek()))) {
      if (AtEnd()) return Fail("Unexpected end-of-input in a Number value");
      return Unexpected("expected digit (0-9) to follow minus sign, for valid numeric value");
    }
    while (!AtEnd() && (std::isdigit(static_cast<unsigned char>(Peek())) || Peek() == '.' || Peek() == 'e' ||
                        Peek() == 'E' || Peek() == '+' || Peek() == '-')) {
      Advance();
    }
    return std::nullopt;
  }

  std::optional<std::string> String() {
    const int line = line_, column = column_;
    Advance();  // the opening quote
    while (!AtEnd()) {
      const char c = Peek();
      if (c == '"') {
        Advance();
        return std::nullopt;
      }
      if (c == '\\') {
        Advance();
        if (AtEnd()) break;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        return Unexpected("has to be escaped using backslash to be included in string value");
      }
      Advance();
    }
    (void)line;
    (void)column;
    return Fail("Unexpected end-of-input: was expecting closing quote for a string value");
  }

  std::optional<std::string> Object() {
    open_.push_back(Marker{'{', line_, column_});
    Advance();
    SkipSpace();
    if (AtEnd()) return EndOfInput();
    if (Peek() == '}') {
      Advance();
      open_.pop_back();
      return std::nullopt;
    }
    while (true) {
      SkipSpace();
      if (AtEnd()) return EndOfInput();
      if (Peek() != '"') return Unexpected("was expecting double-quote to start field name");
      if (auto e = String()) return e;
      SkipSpace();
      if (AtEnd()) return EndOfInput();
      if (Peek() != ':') return Unexpected("was expecting a colon to separate field name and value");
      Advance();
      SkipSpace();
      if (AtEnd()) return EndOfInput();
      if (auto e = Value()) return e;
      SkipSpace();
      if (AtEnd()) return EndOfInput();
      if (Peek() == '}') {
        Advance();
        open_.pop_back();
        return std::nullopt;
      }
      if (Peek() != ',') return Unexpected("was expecting comma to separate Object entries");
      Advance();
    }
  }

  std::optional<std::string> Array() {
    open_.push_back(Marker{'[', line_, column_});
    Advance();
    SkipSpace();
    if (AtEnd()) return EndOfInput();
    if (Peek() == ']') {
      Advance();
      open_.pop_back();
      return std::nullopt;
    }
    while (true) {
      SkipSpace();
      if (AtEnd()) return EndOfInput();
      if (auto e = Value()) return e;
      SkipSpace();
      if (AtEnd()) return EndOfInput();
      if (Peek() == ']') {
        Advance();
        open_.pop_back();
        return std::nullopt;
      }
      if (Peek() != ',') return Unexpected("was expecting comma to separate Array entries");
      Advance();
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
  std::vector<Marker> open_;
};

}  // namespace

std::optional<std::string> JacksonParseError(std::string_view text) { return Reader(text).Run(); }

}  // namespace kafkasim
