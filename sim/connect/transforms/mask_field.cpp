// MaskField$Value / MaskField$Key (Kafka 3.7): replaces the `fields` named with their type's
// "empty" value — "" for strings, 0 for numbers, false for booleans — or with `replacement`
// (parsed as the field's number type when it is a number; a replacement that is no number fails
// with a DataException). A field the schema does not have is a DataException too.

#include <charconv>

#include <fmt/format.h>

#include "sim/connect/config_checks.h"
#include "sim/connect/transforms/transformation.h"
#include "sim/connect/worker_config.h"

namespace kafkasim {
namespace {

using Json = nlohmann::ordered_json;
constexpr std::string_view kMaskPurpose = "mask fields";

class MaskField : public Transformation {
 public:
  MaskField(const ConfigJson& props, bool key)
      : key_(key),
        fields_(SplitConfigList(ConfigString(props, "fields").value_or(""))),
        replacement_(ConfigString(props, "replacement")) {}

  std::string class_name() const override {
    return std::string("org.apache.kafka.connect.transforms.MaskField$") + (key_ ? "Key" : "Value");
  }

  TransformResult Apply(ConnectRecord record) const override {
    SchemaAndValue& part = OperatingPart(record, key_);
    if (part.value.is_null()) return std::optional<ConnectRecord>(std::move(record));
    const bool schemaless = part.schema.is_null();
    if (schemaless ? !part.value.is_object() : part.schema.value("type", "") != "struct") {
      return RequireFailure(part, kMaskPurpose);
    }
    for (const std::string& field : fields_) {
      std::string type;
      if (schemaless) {
        const Json& v = part.value.contains(field) ? part.value[field] : Json();
        type = v.is_string()           ? "string"
               : v.is_boolean()        ? "boolean"
               : v.is_number_float()   ? "float64"
               : v.is_number()         ? "int64"
                                       : "";
        if (type.empty()) {
          part.value[field] = nullptr;  // masked(null) is null
          continue;
        }
      } else {
        for (const Json& f : part.schema.value("fields", Json::array())) {
          if (f.value("field", "") == field) type = f.value("type", "");
        }
        if (type.empty()) {
          return TransformError{fmt::format("org.apache.kafka.connect.errors.DataException: {} is not a valid field "
                                            "name",
                                            field)};
        }
        if (!part.value.contains(field) || part.value[field].is_null()) continue;
      }
      auto masked = Masked(type, field);
      if (auto* e = std::get_if<TransformError>(&masked)) return *e;
      part.value[field] = std::get<Json>(masked);
    }
    return std::optional<ConnectRecord>(std::move(record));
  }

 private:
  std::variant<Json, TransformError> Masked(const std::string& type, const std::string& field) const {
    if (type == "string") return Json(replacement_.value_or(""));
    if (type == "boolean") return Json(replacement_ ? *replacement_ == "true" : false);
    const bool floating = type == "float" || type == "double" || type == "float32" || type == "float64";
    if (!replacement_) return floating ? Json(0.0) : Json(0);
    if (floating) {
      double d = 0;
      auto [p, ec] = std::from_chars(replacement_->data(), replacement_->data() + replacement_->size(), d);
      if (ec == std::errc() && p == replacement_->data() + replacement_->size()) return Json(d);
    } else {
      int64_t n = 0;
      auto [p, ec] = std::from_chars(replacement_->data(), replacement_->data() + replacement_->size(), n);
      if (ec == std::errc() && p == replacement_->data() + replacement_->size()) return Json(n);
    }
    return TransformError{fmt::format("org.apache.kafka.connect.errors.DataException: Cannot mask value of field {} "
                                      "(type {}) with custom replacement '{}'",
                                      field, type, *replacement_)};
  }

  bool key_;
  std::vector<std::string> fields_;
  std::optional<std::string> replacement_;
};

void ValidateMaskField(const ConfigJson& config, const std::string& prefix, ConfigValidation& out) {
  const std::string group = "Transforms: " + prefix.substr(11, prefix.size() - 12);
  ConfigValueInfo& fields = AddConfigValue(out, config, prefix + "fields",
                                           ConnectKeyDef{.type = "LIST", .required = true, .importance = "HIGH",
                                                        .documentation = "Names of fields to mask.", .group = group,
                                                        .display_name = "fields"});
  CheckRequired(fields);
  if (fields.value && SplitConfigList(*fields.value).empty()) {
    fields.errors.push_back(fmt::format("Invalid value [] for configuration {}: Empty list", fields.name));
  }
  ConfigValueInfo& replacement =
      AddConfigValue(out, config, prefix + "replacement",
                     ConnectKeyDef{.importance = "LOW", .documentation = "Custom value replacement, that will be applied "
                                                                        "to all 'fields' values (numeric or non-empty "
                                                                        "string values only).",
                                  .group = group, .display_name = "replacement"});
  if (replacement.value && replacement.value->empty()) {
    replacement.errors.push_back(
        fmt::format("Invalid value  for configuration {}: String must be non-empty", replacement.name));
  }
}

std::unique_ptr<Transformation> MakeMaskField(const ConfigJson& props, bool key) {
  return std::make_unique<MaskField>(props, key);
}

}  // namespace

void AddMaskFieldPlugins(std::vector<TransformPlugin>& out) {
  out.push_back({"org.apache.kafka.connect.transforms.MaskField$Key", ValidateMaskField, MakeMaskField, true});
  out.push_back({"org.apache.kafka.connect.transforms.MaskField$Value", ValidateMaskField, MakeMaskField, false});
}

}  // namespace kafkasim
