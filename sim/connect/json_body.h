#pragma once
// Reads the first JSON value of a text the way Jackson's ObjectMapper does by default: what
// follows the value is ignored (FAIL_ON_TRAILING_TOKENS is off). The text must have passed
// JacksonParseError (jackson_error.h) first.

#include <sstream>
#include <string_view>

#include <nlohmann/json.hpp>

namespace kafkasim {

inline nlohmann::ordered_json ParseFirstJsonValue(std::string_view text) {
  std::istringstream in{std::string(text)};
  nlohmann::ordered_json value;
  in >> value;  // operator>> parses one value, not insisting on the end of input
  return value;
}

}  // namespace kafkasim
