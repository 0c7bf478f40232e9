#include "sim/client/message_formatter.h"

#include <cctype>

#include <fmt/format.h>

#include "sim/config/properties.h"

namespace kafkasim {
namespace {

// Kafka reads the separators through StringEscapeUtils-like unescaping of \t, \n, \r.
std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char c = s[i + 1];
      if (c == 't' || c == 'n' || c == 'r' || c == '\\') {
        out.push_back(c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : '\\');
        ++i;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace

MessageFormatterConfig ParseMessageFormatterConfig(const std::map<std::string, std::string>& props) {
  MessageFormatterConfig c;
  auto flag = [&props](const char* key, bool& out) {
    if (auto it = props.find(key); it != props.end()) out = IsTrueProperty(it->second);
  };
  flag("print.timestamp", c.print_timestamp);
  flag("print.partition", c.print_partition);
  flag("print.offset", c.print_offset);
  flag("print.key", c.print_key);
  flag("print.value", c.print_value);
  flag("print.headers", c.print_headers);
  if (auto it = props.find("key.separator"); it != props.end()) c.key_separator = Unescape(it->second);
  if (auto it = props.find("line.separator"); it != props.end()) c.line_separator = Unescape(it->second);
  if (auto it = props.find("null.literal"); it != props.end()) c.null_literal = it->second;
  return c;
}

std::string FormatRecord(const MessageFormatterConfig& c, const ConsumerRecordView& r) {
  std::string out;
  auto separator = [&](bool column) { out += column ? c.key_separator : c.line_separator; };
  auto text = [&](const std::optional<std::string_view>& v) { return v ? *v : std::string_view(c.null_literal); };
  if (c.print_timestamp) {
    out += r.timestamp_ms < 0 ? std::string("NO_TIMESTAMP")
                              : fmt::format("{}:{}", r.log_append_time ? "LogAppendTime" : "CreateTime", r.timestamp_ms);
    separator(c.print_partition || c.print_offset || c.print_headers || c.print_key || c.print_value);
  }
  if (c.print_partition) {
    out += fmt::format("Partition:{}", r.partition);
    separator(c.print_offset || c.print_headers || c.print_key || c.print_value);
  }
  if (c.print_offset) {
    out += fmt::format("Offset:{}", r.offset);
    separator(c.print_headers || c.print_key || c.print_value);
  }
  if (c.print_headers) {
    out += "NO_HEADERS";
    separator(c.print_key || c.print_value);
  }
  if (c.print_key) {
    out += text(r.key);
    separator(c.print_value);
  }
  if (c.print_value) {
    out += text(r.value);
    out += c.line_separator;
  }
  return out;
}

}  // namespace kafkasim
