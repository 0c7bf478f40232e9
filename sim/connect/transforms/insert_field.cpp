// InsertField$Value / InsertField$Key (Kafka 3.7): adds fields from the record's metadata —
// topic.field, partition.field, offset.field (sink records only), timestamp.field — and a
// constant (static.field = static.value). A name ending in '!' makes the field required in the
// new schema, '?' (or nothing) optional. A null value passes unchanged (a tombstone); a value that
// is not a Struct (with a schema) or a Map (without) fails with Requirements' DataException.

#include <fmt/format.h>

#include "sim/connect/config_checks.h"
#include "sim/connect/transforms/transformation.h"

namespace kafkasim {
namespace {

using Json = nlohmann::ordered_json;
constexpr std::string_view kInsertPurpose = "field insertion";

struct InsertSpec {
  std::string name;
  bool optional = true;
};

std::optional<InsertSpec> ParseInsertSpec(const ConfigJson& props, const std::string& key) {
  auto s = ConfigString(props, key);
  if (!s || s->empty()) return std::nullopt;
  InsertSpec spec{.name = *s};
  if (spec.name.ends_with('!')) {
    spec.optional = false;
    spec.name.pop_back();
  } else if (spec.name.ends_with('?')) {
    spec.name.pop_back();
  }
  return spec;
}

Json FieldSchema(const std::string& type, bool optional, const std::string& field, bool timestamp = false) {
  Json s{{"type", type}, {"optional", optional}};
  if (timestamp) {
    s["name"] = "org.apache.kafka.connect.data.Timestamp";
    s["version"] = 1;
  }
  s["field"] = field;
  return s;
}

class InsertField : public Transformation {
 public:
  InsertField(const ConfigJson& props, bool key)
      : key_(key),
        topic_(ParseInsertSpec(props, "topic.field")),
        partition_(ParseInsertSpec(props, "partition.field")),
        offset_(ParseInsertSpec(props, "offset.field")),
        timestamp_(ParseInsertSpec(props, "timestamp.field")),
        static_(ParseInsertSpec(props, "static.field")),
        static_value_(ConfigString(props, "static.value")) {}

  std::string class_name() const override {
    return std::string("org.apache.kafka.connect.transforms.InsertField$") + (key_ ? "Key" : "Value");
  }

  TransformResult Apply(ConnectRecord record) const override {
    SchemaAndValue& part = OperatingPart(record, key_);
    if (part.value.is_null()) return std::optional<ConnectRecord>(std::move(record));
    const bool schemaless = part.schema.is_null();
    if (schemaless ? !part.value.is_object() : part.schema.value("type", "") != "struct") {
      return RequireFailure(part, kInsertPurpose);
    }
    if (offset_ && !record.is_sink()) {
      return TransformError{fmt::format("org.apache.kafka.connect.errors.DataException: Only SinkRecord supported for "
                                        "[{}], found: org.apache.kafka.connect.source.SourceRecord",
                                        kInsertPurpose)};
    }
    Json fields = schemaless ? Json() : part.schema.value("fields", Json::array());
    auto put = [&](const std::optional<InsertSpec>& spec, const Json& value, const std::string& type, bool ts = false) {
      if (!spec) return;
      part.value[spec->name] = value;
      if (!schemaless) fields.push_back(FieldSchema(type, spec->optional, spec->name, ts));
    };
    put(topic_, record.topic, "string");
    put(partition_, record.kafka_partition ? Json(*record.kafka_partition) : Json(), "int32");
    put(offset_, record.kafka_offset ? Json(*record.kafka_offset) : Json(), "int64");
    put(timestamp_, record.timestamp_ms ? Json(*record.timestamp_ms) : Json(), "int64", true);
    if (static_value_) put(static_, *static_value_, "string");
    if (!schemaless) part.schema["fields"] = fields;
    return std::optional<ConnectRecord>(std::move(record));
  }

 private:
  bool key_;
  std::optional<InsertSpec> topic_, partition_, offset_, timestamp_, static_;
  std::optional<std::string> static_value_;
};

void ValidateInsertField(const ConfigJson& config, const std::string& prefix, ConfigValidation& out) {
  const std::string group = "Transforms: " + prefix.substr(11, prefix.size() - 12);
  auto key = [&](const std::string& name, const std::string& doc) {
    AddConfigValue(out, config, prefix + name,
                   ConnectKeyDef{.importance = "MEDIUM", .documentation = doc, .group = group, .display_name = name});
  };
  const std::string suffix = " Suffix with ! to make this a required field, or ? to keep it optional (the default).";
  key("topic.field", "Field name for Kafka topic." + suffix);
  key("partition.field", "Field name for Kafka partition." + suffix);
  key("offset.field", "Field name for Kafka offset - only applicable to sink connectors." + suffix);
  key("timestamp.field", "Field name for record timestamp." + suffix);
  key("static.field", "Field name for static data field." + suffix);
  key("static.value", "Static field value, if field name configured.");
}

std::unique_ptr<Transformation> MakeInsertField(const ConfigJson& props, bool key) {
  return std::make_unique<InsertField>(props, key);
}

}  // namespace

void AddInsertFieldPlugins(std::vector<TransformPlugin>& out) {
  out.push_back({"org.apache.kafka.connect.transforms.InsertField$Key", ValidateInsertField, MakeInsertField, true});
  out.push_back({"org.apache.kafka.connect.transforms.InsertField$Value", ValidateInsertField, MakeInsertField, false});
}

}  // namespace kafkasim
