#include "sim/connect/converter.h"

#include <cmath>

#include <fmt/format.h>

#include "sim/admin/hashing.h"
#include "sim/connect/jackson_error.h"
#include "sim/connect/json_body.h"

namespace kafkasim {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kDataException = "org.apache.kafka.connect.errors.DataException";

std::string JavaDouble(double d) {
  // Double.toString: integral values keep ".0"; very large or small ones use E notation.
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  const double a = std::fabs(d);
  if (a != 0 && (a >= 1e7 || a < 1e-3)) {
    std::string s = fmt::format("{:e}", d);  // 1.234560e+07
    const size_t e = s.find('e');
    std::string mant = s.substr(0, e), exp = s.substr(e + 1);
    while (mant.ends_with('0')) mant.pop_back();
    if (mant.ends_with('.')) mant += '0';
    const int x = std::stoi(exp);
    return fmt::format("{}E{}", mant, x);
  }
  std::string s = fmt::format("{}", d);
  if (s.find('.') == std::string::npos) s += ".0";
  return s;
}

std::string ToJavaString(const Json& v, bool struct_schema, const Json& schema) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::string: return v.get<std::string>();
    case Json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer: return std::to_string(v.get<int64_t>());
    case Json::value_t::number_unsigned: return std::to_string(v.get<uint64_t>());
    case Json::value_t::number_float: return JavaDouble(v.get<double>());
    case Json::value_t::array: {
      std::string out = "[";
      bool first = true;
      for (const Json& e : v) {
        if (!first) out += ", ";
        first = false;
        out += ToJavaString(e, false, Json());
      }
      return out + "]";
    }
    case Json::value_t::object: {
      if (struct_schema) {
        // Struct.toString: "Struct{" + field=value pairs joined by "," (nulls left out) + "}".
        std::string out = "Struct{";
        bool first = true;
        for (const Json& f : schema.value("fields", Json::array())) {
          const std::string name = f.value("field", "");
          if (!v.contains(name) || v[name].is_null()) continue;
          if (!first) out += ",";
          first = false;
          out += name + "=" + ToJavaString(v[name], f.value("type", "") == "struct", f);
        }
        return out + "}";
      }
      // JsonConverter reads a schemaless object into a java.util.HashMap.
      std::vector<std::string> keys;
      for (const auto& [k, e] : v.items()) keys.push_back(k);
      const auto order = JavaHashMapOrder(keys, JavaHashMapTableSize(keys.size()));
      std::string out = "{";
      bool first = true;
      for (const std::string& k : order) {
        if (!first) out += ", ";
        first = false;
        out += k + "=" + ToJavaString(v[k], false, Json());
      }
      return out + "}";
    }
    default: return v.dump();
  }
}

// JsonConverter.asConnectSchema for the types kafkasim's connectors use; nullopt when unknown.
bool KnownSchemaType(const std::string& type) {
  static const char* kTypes[] = {"int8", "int16", "int32", "int64", "float", "double", "boolean",
                                 "string", "bytes", "array", "map", "struct"};
  for (const char* t : kTypes) {
    if (type == t) return true;
  }
  return false;
}

constexpr std::string_view kStringEnvelopeHead = R"({"schema":{"type":"string","optional":false},"payload":")";
constexpr std::string_view kStringEnvelopeTail = R"("})";

// Appends `s` as nlohmann's dump() writes a JSON string's contents (UTF-8 left as it is).
void AppendEscaped(std::string& out, std::string_view s) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += ch;
        }
    }
  }
}

}  // namespace

std::optional<std::string> StringValueToBytes(const ConverterConfig& c, std::string_view line) {
  if (c.kind == ConverterKind::kString) return std::string(line);
  std::string out;
  if (c.schemas_enable) {
    out.reserve(kStringEnvelopeHead.size() + line.size() + kStringEnvelopeTail.size());
    out += kStringEnvelopeHead;
    AppendEscaped(out, line);
    out += kStringEnvelopeTail;
  } else {
    out.reserve(line.size() + 2);
    out += '"';
    AppendEscaped(out, line);
    out += '"';
  }
  return out;
}

std::variant<std::string, ConversionError> BytesToSinkLine(const ConverterConfig& c,
                                                           const std::optional<std::string_view>& bytes) {
  if (!bytes) return std::string("null");
  if (c.kind == ConverterKind::kString) return std::string(*bytes);
  if (c.schemas_enable && bytes->size() >= kStringEnvelopeHead.size() + kStringEnvelopeTail.size() &&
      bytes->starts_with(kStringEnvelopeHead) && bytes->ends_with(kStringEnvelopeTail)) {
    const std::string_view payload(bytes->data() + kStringEnvelopeHead.size(),
                                   bytes->size() - kStringEnvelopeHead.size() - kStringEnvelopeTail.size());
    const bool plain = std::all_of(payload.begin(), payload.end(), [](char ch) {
      return ch != '"' && ch != '\\' && static_cast<unsigned char>(ch) >= 0x20;
    });
    if (plain) return std::string(payload);
  }
  auto data = ToConnectData(c, bytes);
  if (auto* e = std::get_if<ConversionError>(&data)) return *e;
  return JavaToString(std::get<SchemaAndValue>(data));
}

Json StringSchema(bool optional) { return Json{{"type", "string"}, {"optional", optional}}; }

std::optional<ConverterKind> ConverterKindOf(const std::string& class_name) {
  if (class_name == "org.apache.kafka.connect.json.JsonConverter" || class_name == "JsonConverter") {
    return ConverterKind::kJson;
  }
  if (class_name == "org.apache.kafka.connect.storage.StringConverter" || class_name == "StringConverter") {
    return ConverterKind::kString;
  }
  return std::nullopt;
}

std::string ConverterClassName(ConverterKind kind) {
  return kind == ConverterKind::kJson ? "org.apache.kafka.connect.json.JsonConverter"
                                      : "org.apache.kafka.connect.storage.StringConverter";
}

std::optional<std::string> FromConnectData(const ConverterConfig& c, const SchemaAndValue& data) {
  if (c.kind == ConverterKind::kString) {
    if (data.value.is_null()) return std::nullopt;
    return JavaToString(data);
  }
  // JsonConverter.fromConnectData: no schema and no value is a null record part.
  if (data.schema.is_null() && data.value.is_null()) return std::nullopt;
  if (!c.schemas_enable) return data.value.dump();
  Json envelope;
  envelope["schema"] = data.schema;
  envelope["payload"] = data.value;
  return envelope.dump();
}

std::variant<SchemaAndValue, ConversionError> ToConnectData(const ConverterConfig& c,
                                                            const std::optional<std::string_view>& bytes) {
  if (!bytes) return SchemaAndValue{};
  if (c.kind == ConverterKind::kString) return SchemaAndValue{.schema = StringSchema(true), .value = std::string(*bytes)};
  Json parsed = Json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_discarded()) {
    // the common case: well-formed JSON, parsed once
  } else if (auto error = JacksonParseError(*bytes)) {
    return ConversionError{fmt::format(
        "{}: Converting byte[] to Kafka Connect data failed due to serialization error: \n"
        "Caused by: org.apache.kafka.common.errors.SerializationException: "
        "com.fasterxml.jackson.core.JsonParseException: {}",
        kDataException, *error)};
  } else {
    parsed = ParseFirstJsonValue(*bytes);  // a value followed by text Jackson ignores
  }
  if (!c.schemas_enable) return SchemaAndValue{.schema = Json(), .value = std::move(parsed)};
  if (!parsed.is_object() || parsed.size() != 2 || !parsed.contains("schema") || !parsed.contains("payload")) {
    return ConversionError{fmt::format(
        "{}: JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not contain "
        "additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your "
        "converter configuration.",
        kDataException)};
  }
  const Json& schema = parsed["schema"];
  if (!schema.is_null()) {
    const std::string type = schema.is_object() ? schema.value("type", "") : "";
    if (!KnownSchemaType(type)) {
      return ConversionError{fmt::format("{}: Unknown schema type: {}", kDataException, type)};
    }
  }
  return SchemaAndValue{.schema = schema, .value = parsed["payload"]};
}

std::string JavaToString(const SchemaAndValue& data) {
  const bool is_struct = data.schema.is_object() && data.schema.value("type", "") == "struct";
  return ToJavaString(data.value, is_struct, data.schema);
}

}  // namespace kafkasim
