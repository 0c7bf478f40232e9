#include <catch2/catch.hpp>

#include "sim/connect/jackson_error.h"

using namespace kafkasim;

namespace {
std::string At(int line, int column) {
  return "\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: " +
         std::to_string(line) + ", column: " + std::to_string(column) + "]";
}
}  // namespace

TEST_CASE("valid JSON has no parse error, trailing text included (Jackson ignores it)") {
  CHECK_FALSE(JacksonParseError(R"({"name":"a","config":{"tasks.max":"1"}})").has_value());
  CHECK_FALSE(JacksonParseError(R"([1, 2.5e3, -4, true, null, "x\"y"])").has_value());
  CHECK_FALSE(JacksonParseError(R"({"a":1} trailing)").has_value());
}

TEST_CASE("Jackson's messages for the usual mistakes, with the column just after the character") {
  CHECK(JacksonParseError("{name:1}") ==
        "Unexpected character ('n' (code 110)): was expecting double-quote to start field name" + At(1, 3));
  CHECK(JacksonParseError(R"({"a" 1})") ==
        "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value" + At(1, 7));
  CHECK(JacksonParseError(R"({"a":1 "b":2})") ==
        "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries" + At(1, 9));
  CHECK(JacksonParseError("hello") ==
        "Unrecognized token 'hello': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or "
        "'false')" + At(1, 6));
  CHECK(JacksonParseError("{\"a\":\n}") ==
        "Unexpected character ('}' (code 125)): expected a valid value (JSON String, Number, Array, Object or token "
        "'null', 'true' or 'false')" + At(2, 2));
}

TEST_CASE("an unclosed object names where it started") {
  CHECK(JacksonParseError(R"({"name": "x",)") ==
        "Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED "
        "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])" + At(1, 14));
}
