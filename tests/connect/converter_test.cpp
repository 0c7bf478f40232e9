#include <catch2/catch.hpp>

#include "sim/connect/converter.h"

using namespace kafkasim;
using Json = nlohmann::ordered_json;

namespace {
const ConverterConfig kJsonWithSchemas{.kind = ConverterKind::kJson, .schemas_enable = true};
const ConverterConfig kJsonPlain{.kind = ConverterKind::kJson, .schemas_enable = false};
const ConverterConfig kString{.kind = ConverterKind::kString};
const SchemaAndValue kLine{.schema = StringSchema(), .value = "hello"};
}  // namespace

TEST_CASE("JsonConverter with schemas.enable wraps a line in a schema envelope") {
  CHECK(FromConnectData(kJsonWithSchemas, kLine) == R"({"schema":{"type":"string","optional":false},"payload":"hello"})");
  CHECK(FromConnectData(kJsonPlain, kLine) == R"("hello")");
  CHECK(FromConnectData(kString, kLine) == "hello");
  // No schema and no value: a null key (what FileStreamSource's records carry).
  CHECK_FALSE(FromConnectData(kJsonWithSchemas, SchemaAndValue{}).has_value());
}

TEST_CASE("JsonConverter reads back what it wrote") {
  auto bytes = FromConnectData(kJsonWithSchemas, kLine);
  auto data = ToConnectData(kJsonWithSchemas, bytes);
  REQUIRE(std::holds_alternative<SchemaAndValue>(data));
  CHECK(std::get<SchemaAndValue>(data).value == "hello");
  CHECK(JavaToString(std::get<SchemaAndValue>(data)) == "hello");
}

TEST_CASE("schemas.enable=true refuses plain JSON with Kafka's DataException") {
  auto data = ToConnectData(kJsonWithSchemas, std::string(R"({"id":1})"));
  REQUIRE(std::holds_alternative<ConversionError>(data));
  CHECK(std::get<ConversionError>(data).trace ==
        "org.apache.kafka.connect.errors.DataException: JsonConverter with schemas.enable requires \"schema\" and "
        "\"payload\" fields and may not contain additional fields. If you are trying to deserialize plain JSON data, "
        "set schemas.enable=false in your converter configuration.");
}

TEST_CASE("text that is not JSON fails the JsonConverter with Jackson's message") {
  auto data = ToConnectData(kJsonPlain, std::string("hello world"));
  REQUIRE(std::holds_alternative<ConversionError>(data));
  const std::string& trace = std::get<ConversionError>(data).trace;
  CHECK(trace.starts_with("org.apache.kafka.connect.errors.DataException: Converting byte[] to Kafka Connect data "
                          "failed due to serialization error: "));
  CHECK(trace.find("Unrecognized token 'hello': was expecting (JSON String, Number, Array, Object or token 'null', "
                   "'true' or 'false')") != std::string::npos);
  // StringConverter reads anything.
  CHECK(std::holds_alternative<SchemaAndValue>(ToConnectData(kString, std::string("hello world"))));
}

TEST_CASE("a sink prints values as Java's String.valueOf does") {
  CHECK(JavaToString({.value = Json()}) == "null");
  CHECK(JavaToString({.value = 42}) == "42");
  CHECK(JavaToString({.value = 1.0}) == "1.0");
  CHECK(JavaToString({.value = true}) == "true");
  CHECK(JavaToString({.value = Json::array({1, "a"})}) == "[1, a]");
  // A schemaless object is a java.util.HashMap: its keys print in bucket order, not as sent
  // ("b".hashCode() = 98 → bucket 2, "a" → 1, "id" = 3355 → bucket 11).
  CHECK(JavaToString({.value = Json{{"id", 7}, {"b", 2}, {"a", 1}}}) == "{a=1, b=2, id=7}");
  const Json schema = {{"type", "struct"},
                       {"fields", Json::array({{{"field", "id"}, {"type", "int32"}}, {{"field", "name"}, {"type", "string"}}})}};
  CHECK(JavaToString({.schema = schema, .value = Json{{"name", "x"}, {"id", 1}}}) == "Struct{id=1,name=x}");
}

TEST_CASE("converter classes are found by full or simple name") {
  CHECK(ConverterKindOf("org.apache.kafka.connect.json.JsonConverter") == ConverterKind::kJson);
  CHECK(ConverterKindOf("org.apache.kafka.connect.storage.StringConverter") == ConverterKind::kString);
  CHECK_FALSE(ConverterKindOf("io.confluent.connect.avro.AvroConverter").has_value());
}

TEST_CASE("the FileStream fast paths give exactly what the general converters give") {
  const std::vector<std::string> lines = {"plain", "with \"quotes\" and \\", "tab\there", std::string("ctl\x01", 4), ""};
  for (const ConverterConfig& c : {kJsonWithSchemas, kJsonPlain, kString}) {
    for (const std::string& line : lines) {
      INFO(line);
      const auto general = FromConnectData(c, SchemaAndValue{.schema = StringSchema(), .value = line});
      CHECK(StringValueToBytes(c, line) == general);
      auto back = BytesToSinkLine(c, general);
      REQUIRE(std::holds_alternative<std::string>(back));
      CHECK(std::get<std::string>(back) == line);
    }
  }
  CHECK(std::get<std::string>(BytesToSinkLine(kJsonWithSchemas, std::nullopt)) == "null");
  CHECK(std::holds_alternative<ConversionError>(BytesToSinkLine(kJsonWithSchemas, std::string("\"bare\""))));
}
