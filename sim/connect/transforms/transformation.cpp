#include "sim/connect/transforms/transformation.h"

#include <fmt/format.h>

#include "sim/connect/config_checks.h"
#include "sim/connect/worker_config.h"

namespace kafkasim {

const std::vector<TransformPlugin>& TransformPlugins() {
  static const std::vector<TransformPlugin> kPlugins = [] {
    std::vector<TransformPlugin> out;
    AddInsertFieldPlugins(out);
    AddMaskFieldPlugins(out);
    AddRegexRouterPlugin(out);
    AddReplaceFieldPlugins(out);
    AddTimestampRouterPlugin(out);
    return out;
  }();
  return kPlugins;
}

const TransformPlugin* FindTransformPlugin(const std::string& name) {
  for (const TransformPlugin& p : TransformPlugins()) {
    if (name == p.class_name || name == p.class_name.substr(p.class_name.rfind('.') + 1)) return &p;
  }
  return nullptr;
}

ConfigJson TransformProps(const ConfigJson& config, const std::string& prefix) {
  ConfigJson out = ConfigJson::object();
  for (const auto& [k, v] : config.items()) {
    if (k.size() > prefix.size() && k.starts_with(prefix)) out[k.substr(prefix.size())] = v;
  }
  return out;
}

void ValidateTransformsConfig(const ConfigJson& config, ConfigValidation& out) {
  ConfigValueInfo& list = AddConfigValue(
      out, config, "transforms",
      ConnectKeyDef{.type = "LIST", .default_value = "", .importance = "LOW",
                   .documentation = "Aliases for the transformations to be applied to records.", .group = "Transforms",
                   .display_name = "Transforms"});
  const std::vector<std::string> aliases = SplitConfigList(list.value.value_or(""));
  for (size_t i = 0; i < aliases.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (aliases[i] == aliases[j]) {
        list.errors.push_back(fmt::format("Invalid value {} for configuration transforms: Duplicate alias provided.",
                                          *list.value));
      }
    }
  }
  for (const std::string& alias : aliases) {
    const std::string prefix = "transforms." + alias + ".";
    const size_t type_index = out.values.size();
    AddConfigValue(out, config, prefix + "type",
                   ConnectKeyDef{.type = "CLASS", .required = true, .importance = "HIGH",
                                .documentation = "Class for the '" + alias + "' transformation.",
                                .group = "Transforms: " + alias, .display_name = "Transformation type for " + alias});
    ConfigValueInfo& type = out.values[type_index];
    CheckRequired(type);
    if (!type.value) continue;
    const TransformPlugin* plugin = FindTransformPlugin(*type.value);
    if (plugin == nullptr) {
      type.errors.push_back(fmt::format("Invalid value {} for configuration {}: Class {} could not be found.",
                                        *type.value, type.name, *type.value));
      continue;
    }
    plugin->validate(config, prefix, out);
  }
}

std::vector<std::unique_ptr<Transformation>> MakeTransformationChain(const ConfigJson& config) {
  std::vector<std::unique_ptr<Transformation>> chain;
  for (const std::string& alias : SplitConfigList(ConfigString(config, "transforms").value_or(""))) {
    const std::string prefix = "transforms." + alias + ".";
    const TransformPlugin* plugin = FindTransformPlugin(ConfigString(config, prefix + "type").value_or(""));
    assert(plugin != nullptr && "the connector config was validated");
    chain.push_back(plugin->make(TransformProps(config, prefix), plugin->key));
  }
  return chain;
}

std::string JavaClassOf(const SchemaAndValue& data) {
  const auto& v = data.value;
  if (!data.schema.is_null() && data.schema.value("type", "") == "struct") return "org.apache.kafka.connect.data.Struct";
  switch (v.type()) {
    case nlohmann::ordered_json::value_t::null: return "null";
    case nlohmann::ordered_json::value_t::string: return "java.lang.String";
    case nlohmann::ordered_json::value_t::boolean: return "java.lang.Boolean";
    case nlohmann::ordered_json::value_t::number_float: return "java.lang.Double";
    case nlohmann::ordered_json::value_t::array: return "java.util.ArrayList";
    case nlohmann::ordered_json::value_t::object: return "java.util.HashMap";
    default: {
      const std::string type = data.schema.is_null() ? "int64" : data.schema.value("type", "int64");
      return type == "int32" ? "java.lang.Integer" : "java.lang.Long";
    }
  }
}

TransformError RequireFailure(const SchemaAndValue& data, std::string_view purpose) {
  if (data.schema.is_null()) {
    return {fmt::format("org.apache.kafka.connect.errors.DataException: Only Map objects supported in absence of "
                        "schema for [{}], found: {}",
                        purpose, JavaClassOf(data))};
  }
  return {fmt::format("org.apache.kafka.connect.errors.DataException: Only Struct objects supported for [{}], found: {}",
                      purpose, JavaClassOf(data))};
}

}  // namespace kafkasim
