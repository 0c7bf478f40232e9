#include "sim/config/properties.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

namespace kafkasim {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

// Splits text into logical lines: natural lines joined where a line ends in an odd number of
// backslashes, with the continuation's leading blanks dropped. Comment and blank lines are gone.
std::vector<std::string> LogicalLines(std::string_view text) {
  std::vector<std::string> lines;
  std::string current;
  bool continuing = false;
  size_t i = 0;
  while (i <= text.size()) {
    size_t end = i;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    std::string_view natural = text.substr(i, end - i);
    i = end + 1;
    if (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ++i;
    size_t start = 0;
    while (start < natural.size() && IsBlank(natural[start])) ++start;
    natural.remove_prefix(start);
    if (!continuing) {
      if (natural.empty() || natural[0] == '#' || natural[0] == '!') {
        if (end >= text.size()) break;
        continue;
      }
    }
    size_t backslashes = 0;
    while (backslashes < natural.size() && natural[natural.size() - 1 - backslashes] == '\\') {
      ++backslashes;
    }
    if (backslashes % 2 == 1) {
      current.append(natural.substr(0, natural.size() - 1));
      continuing = true;
    } else {
      current.append(natural);
      lines.push_back(std::move(current));
      current.clear();
      continuing = false;
    }
    if (end >= text.size()) break;
  }
  if (continuing && !current.empty()) lines.push_back(std::move(current));
  return lines;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Resolves escapes in [begin, end) of `line`.
std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      if (s[i] != '\\') out += s[i];
      continue;
    }
    const char c = s[++i];
    switch (c) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        uint32_t cp = 0;
        int digits = 0;
        while (digits < 4 && i + 1 < s.size() && HexDigit(s[i + 1]) >= 0) {
          cp = cp * 16 + static_cast<uint32_t>(HexDigit(s[++i]));
          ++digits;
        }
        // Java throws "Malformed \uxxxx encoding"; a config file is user input, so we keep
        // what was read rather than crash.
        AppendUtf8(out, cp);
        break;
      }
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> Properties::Get(std::string_view key) const {
  auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Properties::GetOr(std::string_view key, std::string fallback) const {
  auto v = Get(key);
  return v ? *v : std::move(fallback);
}

Properties ParseProperties(std::string_view text) {
  Properties props;
  for (const std::string& line : LogicalLines(text)) {
    size_t key_end = 0;
    bool escaped = false;
    while (key_end < line.size()) {
      const char c = line[key_end];
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '=' || c == ':' || IsBlank(c)) {
        break;
      }
      ++key_end;
    }
    size_t value_start = key_end;
    while (value_start < line.size() && IsBlank(line[value_start])) ++value_start;
    if (value_start < line.size() && (line[value_start] == '=' || line[value_start] == ':')) {
      ++value_start;
      while (value_start < line.size() && IsBlank(line[value_start])) ++value_start;
    }
    props.Set(Unescape(std::string_view(line).substr(0, key_end)),
              Unescape(std::string_view(line).substr(value_start)));
  }
  return props;
}

bool IsTrueProperty(std::string_view value) {
  const size_t first = value.find_first_not_of(" \t");
  if (first == std::string_view::npos) return false;
  value = value.substr(first, value.find_last_not_of(" \t") - first + 1);
  constexpr std::string_view kTrue = "true";
  return value.size() == kTrue.size() &&
         std::equal(value.begin(), value.end(), kTrue.begin(),
                    [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

}  // namespace kafkasim
