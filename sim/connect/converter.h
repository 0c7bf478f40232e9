#pragma once
// Converters turn Connect's data (a value with an optional schema) into the bytes of a Kafka
// record and back, as the worker's key.converter / value.converter say (Kafka 3.7):
//
//   org.apache.kafka.connect.json.JsonConverter   schemas.enable=true (the default) wraps each
//       value in an envelope {"schema":{...},"payload":...}; false writes the bare JSON. Reading,
//       with schemas.enable=true anything but exactly {"schema","payload"} is a DataException —
//       the classic failure of a sink reading plain JSON or text with the sample worker config.
//   org.apache.kafka.connect.storage.StringConverter   the value's text (UTF-8); reads any bytes
//       as an optional string.
//
// Connect's data model is kept as JSON here: a schema as JsonConverter writes it
// ({"type":"string","optional":false}; null for schemaless data) and the value as JSON.

#include <memory>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

namespace kafkasim {

struct SchemaAndValue {
  nlohmann::ordered_json schema;  // null: no schema
  nlohmann::ordered_json value;   // null: a null value
};

// Connect's built-in schemas as JsonConverter writes them.
nlohmann::ordered_json StringSchema(bool optional = false);

enum class ConverterKind { kJson, kString };

struct ConverterConfig {
  ConverterKind kind = ConverterKind::kJson;
  bool schemas_enable = true;  // JsonConverter only
};

// "org.apache.kafka.connect.json.JsonConverter" (or its simple name) → the kind; nullopt for a
// class kafkasim does not have.
std::optional<ConverterKind> ConverterKindOf(const std::string& class_name);
std::string ConverterClassName(ConverterKind kind);

// The Java exception a conversion throws, as its stack trace's first lines
// ("org.apache.kafka.connect.errors.DataException: ...").
struct ConversionError {
  std::string trace;
};

// Bytes for Kafka (nullopt: a null key or value).
std::optional<std::string> FromConnectData(const ConverterConfig& c, const SchemaAndValue& data);
// Connect data from a record's bytes (nullopt bytes: null).
std::variant<SchemaAndValue, ConversionError> ToConnectData(const ConverterConfig& c,
                                                            const std::optional<std::string_view>& bytes);

// Fast paths for the FileStream connectors' records (a string with Schema.STRING_SCHEMA), which
// give exactly what the general functions give, without building JSON trees:
//   the bytes FromConnectData writes for `line` (no key: the key stays null);
std::optional<std::string> StringValueToBytes(const ConverterConfig& c, std::string_view line);
//   the line a FileStreamSink prints for a record's value bytes (JavaToString of ToConnectData).
std::variant<std::string, ConversionError> BytesToSinkLine(const ConverterConfig& c,
                                                           const std::optional<std::string_view>& bytes);

// What Java's String.valueOf(value) prints for Connect data: FileStreamSinkTask writes each
// record's value with PrintStream.println. Strings as they are, numbers as Long/Double print,
// schemaless maps as HashMap.toString ("{a=1, b=x}", in HashMap order), lists as "[1, 2]",
// structs as "Struct{a=1,b=x}".
std::string JavaToString(const SchemaAndValue& data);

}  // namespace kafkasim
