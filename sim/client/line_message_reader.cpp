#include "sim/client/line_message_reader.h"

#include <fmt/format.h>

#include "sim/config/properties.h"

namespace kafkasim {

std::variant<LineReaderConfig, std::string> ParseLineReaderConfig(const std::map<std::string, std::string>& props) {
  LineReaderConfig c;
  if (auto it = props.find("parse.key"); it != props.end()) c.parse_key = IsTrueProperty(it->second);
  if (auto it = props.find("key.separator"); it != props.end()) c.key_separator = it->second;
  if (auto it = props.find("ignore.error"); it != props.end()) c.ignore_error = IsTrueProperty(it->second);
  if (auto it = props.find("parse.headers"); it != props.end() && IsTrueProperty(it->second)) {
    return std::string("parse.headers=true is not simulated yet: kafkasim's records carry no headers");
  }
  if (auto it = props.find("null.marker"); it != props.end()) c.null_marker = it->second;
  if (c.null_marker && *c.null_marker == c.key_separator) {
    return std::string("null.marker and key.separator may not be equal");
  }
  if (c.key_separator.empty()) return std::string("key.separator may not be empty");
  return c;
}

std::variant<ProducerRecord, std::string> ReadLineRecord(const LineReaderConfig& config, const std::string& topic,
                                                         const std::string& line, int line_number) {
  std::optional<std::string> key;
  size_t value_start = 0;
  if (config.parse_key) {
    const size_t at = line.find(config.key_separator);
    if (at == std::string::npos) {
      if (!config.ignore_error) {
        return fmt::format("No key separator found on line number {}: '{}'", line_number, line);
      }
    } else {
      key = line.substr(0, at);
      value_start = at + config.key_separator.size();
    }
  }
  std::optional<std::string> value = line.substr(value_start);
  if (config.null_marker) {
    if (key == config.null_marker) key.reset();
    if (value == config.null_marker) value.reset();
  }
  return ProducerRecord{.topic = topic, .key = std::move(key), .value = std::move(value)};
}

}  // namespace kafkasim
