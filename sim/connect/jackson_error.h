#pragma once
// The message Jackson 2.16 (Kafka 3.7's) puts in the JsonParseException it throws for text that
// is not JSON, for the first mistake a streaming parser meets:
//
//   Unexpected character ('}' (code 125)): was expecting double-quote to start field name
//    at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 3]
//
// Kafka Connect's REST server has no mapper for it, so ConnectExceptionMapper answers a
// malformed request body with 500 and this message; JsonConverter wraps it in a DataException.
// The location is Jackson's: line and column (1-based) just after the offending character.
// Returns nullopt when `text` is one valid JSON value.

#include <optional>
#include <string>
#include <string_view>

namespace kafkasim {

std::optional<std::string> JacksonParseError(std::string_view text);

}  // namespace kafkasim
