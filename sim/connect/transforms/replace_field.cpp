// ReplaceField$Value / ReplaceField$Key (Kafka 3.7 names; `blacklist`/`whitelist` are the
// deprecated spellings of exclude/include): keeps the fields `include` names (all when empty)
// except those `exclude` names, and renames them by `renames` (old:new pairs). The kept fields
// keep their order; with a schema, the new Struct's schema has them renamed.

#include <algorithm>

#include <fmt/format.h>

#include "sim/connect/config_checks.h"
#include "sim/connect/transforms/transformation.h"
#include "sim/connect/worker_config.h"

namespace kafkasim {
namespace {

using Json = nlohmann::ordered_json;
constexpr std::string_view kReplacePurpose = "field replacement";

std::vector<std::string> ReplaceFieldList(const ConfigJson& props, const std::string& key, const std::string& old_key) {
  auto s = ConfigString(props, key);
  if (!s) s = ConfigString(props, old_key);
  return SplitConfigList(s.value_or(""));
}

class ReplaceField : public Transformation {
 public:
  ReplaceField(const ConfigJson& props, bool key)
      : key_(key),
        exclude_(ReplaceFieldList(props, "exclude", "blacklist")),
        include_(ReplaceFieldList(props, "include", "whitelist")) {
    for (const std::string& m : SplitConfigList(ConfigString(props, "renames").value_or(""))) {
      const size_t colon = m.find(':');
      renames_.emplace_back(m.substr(0, colon), m.substr(colon + 1));
    }
  }

  std::string class_name() const override {
    return std::string("org.apache.kafka.connect.transforms.ReplaceField$") + (key_ ? "Key" : "Value");
  }

  TransformResult Apply(ConnectRecord record) const override {
    SchemaAndValue& part = OperatingPart(record, key_);
    if (part.value.is_null()) return std::optional<ConnectRecord>(std::move(record));
    const bool schemaless = part.schema.is_null();
    if (schemaless ? !part.value.is_object() : part.schema.value("type", "") != "struct") {
      return RequireFailure(part, kReplacePurpose);
    }
    Json value = Json::object();
    if (schemaless) {
      for (const auto& [k, v] : part.value.items()) {
        if (Keep(k)) value[Renamed(k)] = v;
      }
    } else {
      Json fields = Json::array();
      for (Json f : part.schema.value("fields", Json::array())) {
        const std::string name = f.value("field", "");
        if (!Keep(name)) continue;
        f["field"] = Renamed(name);
        fields.push_back(f);
        if (part.value.contains(name)) value[Renamed(name)] = part.value[name];
      }
      part.schema["fields"] = fields;
    }
    part.value = std::move(value);
    return std::optional<ConnectRecord>(std::move(record));
  }

 private:
  bool Keep(const std::string& field) const {
    const bool excluded = std::find(exclude_.begin(), exclude_.end(), field) != exclude_.end();
    const bool included = include_.empty() || std::find(include_.begin(), include_.end(), field) != include_.end();
    return !excluded && included;
  }
  std::string Renamed(const std::string& field) const {
    for (const auto& [from, to] : renames_) {
      if (from == field) return to;
    }
    return field;
  }

  bool key_;
  std::vector<std::string> exclude_, include_;
  std::vector<std::pair<std::string, std::string>> renames_;
};

void ValidateReplaceField(const ConfigJson& config, const std::string& prefix, ConfigValidation& out) {
  const std::string group = "Transforms: " + prefix.substr(11, prefix.size() - 12);
  auto key = [&](const std::string& name, const std::string& doc) -> ConfigValueInfo& {
    return AddConfigValue(out, config, prefix + name,
                          ConnectKeyDef{.type = "LIST", .default_value = "", .importance = "MEDIUM",
                                       .documentation = doc, .group = group, .display_name = name});
  };
  key("exclude", "Fields to exclude. This takes precedence over the fields to include.");
  key("include", "Fields to include. If specified, only these fields will be used.");
  ConfigValueInfo& renames = key("renames", "Field rename mappings.");
  if (renames.value) {
    for (const std::string& m : SplitConfigList(*renames.value)) {
      const size_t colon = m.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == m.size() || m.find(':', colon + 1) != std::string::npos) {
        renames.errors.push_back(fmt::format("Invalid value [{}] for configuration {}: Invalid rename mapping: {}",
                                             fmt::join(SplitConfigList(*renames.value), ", "), renames.name, m));
        break;
      }
    }
  }
}

std::unique_ptr<Transformation> MakeReplaceField(const ConfigJson& props, bool key) {
  return std::make_unique<ReplaceField>(props, key);
}

}  // namespace

void AddReplaceFieldPlugins(std::vector<TransformPlugin>& out) {
  out.push_back({"org.apache.kafka.connect.transforms.ReplaceField$Key", ValidateReplaceField, MakeReplaceField, true});
  out.push_back({"org.apache.kafka.connect.transforms.ReplaceField$Value", ValidateReplaceField, MakeReplaceField, false});
}

}  // namespace kafkasim
