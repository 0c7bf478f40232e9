#include "sim/connect/connector_config.h"

#include <charconv>

#include <fmt/format.h>

#include "sim/admin/hashing.h"
#include "sim/connect/config_checks.h"
#include "sim/connect/errors_config.h"
#include "sim/connect/transforms/transformation.h"
#include "sim/connect/worker_config.h"

namespace kafkasim {
namespace {

std::optional<std::string> Get(const ConfigJson& c, const std::string& key) {
  auto it = c.find(key);
  if (it == c.end() || it->is_null()) return std::nullopt;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string MissingMessage(std::string_view key) {
  return fmt::format("Missing required configuration \"{}\" which has no default value.", key);
}

struct Checker {
  const ConfigJson& config;
  ConfigValidation out;

  ConfigValueInfo& Add(const std::string& key) {
    out.values.push_back(ConfigValueInfo{.name = key, .value = Get(config, key)});
    return out.values.back();
  }
  void Required(const std::string& key, bool non_empty) {
    ConfigValueInfo& v = Add(key);
    if (!v.value) {
      v.errors.push_back(MissingMessage(key));
    } else if (non_empty && v.value->empty()) {
      v.errors.push_back(fmt::format("Invalid value  for configuration {}: String must be non-empty", key));
    }
  }
  void Int(const std::string& key, std::optional<int32_t> at_least) {
    ConfigValueInfo& v = Add(key);
    if (!v.value) return;
    int32_t n = 0;
    std::string s = *v.value;
    while (!s.empty() && s.back() == ' ') s.pop_back();
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || ptr != s.data() + s.size()) {
      v.errors.push_back(fmt::format("Invalid value {} for configuration {}: Not a number of type INT", *v.value, key));
    } else if (at_least && n < *at_least) {
      v.errors.push_back(
          fmt::format("Invalid value {} for configuration {}: Value must be at least {}", n, key, *at_least));
    }
  }
  void Converter(const std::string& key) {
    ConfigValueInfo& v = Add(key);
    if (v.value && !ConverterKindOf(*v.value)) {
      v.errors.push_back(fmt::format("Invalid value {} for configuration {}: Class {} could not be found.", *v.value,
                                     key, *v.value));
    }
  }
};

std::optional<ConverterConfig> ConverterOverride(const ConfigJson& c, const std::string& key) {
  auto cls = Get(c, key);
  if (!cls) return std::nullopt;
  ConverterConfig conv{.kind = *ConverterKindOf(*cls)};
  if (auto s = Get(c, key + ".schemas.enable")) conv.schemas_enable = *s != "false";
  return conv;
}

}  // namespace

ConfigValidation ValidateConnectorConfig(const ConfigJson& config, const ConnectorPlugin& plugin) {
  Checker c{.config = config};
  c.Required("name", true);
  c.Required("connector.class", false);
  c.Int("tasks.max", 1);
  c.Converter("key.converter");
  c.Converter("value.converter");
  // ConnectorConfig's groups first (Common, with a sink's topics; Transforms; Error Handling),
  // then the connector's own keys, as AbstractHerder.validateConnectorConfig lists them.
  if (plugin.type == ConnectorType::kSink) {
    ConfigValueInfo& topics = c.Add("topics");
    if (!topics.value || SplitConfigList(*topics.value).empty()) {
      topics.errors.push_back("Must configure one of topics or topics.regex");
    }
  }
  ValidateTransformsConfig(config, c.out);
  ValidateErrorsConfig(config, plugin, c.out);
  if (plugin.kind == ConnectorKind::kFileStreamSource) {
    ConfigValueInfo& file = c.Add("file");
    if (!file.value) {
      // FileStreamSourceTask would read System.in, which the simulated worker does not have.
      file.errors.push_back("kafkasim: a FileStreamSource without 'file' would read the worker's standard input, "
                            "which is not simulated");
    }
    c.Required("topic", true);
    c.Int("batch.size", std::nullopt);
  } else if (plugin.kind == ConnectorKind::kFileStreamSink) {
    c.Add("file");
  }
  if (plugin.validate != nullptr) plugin.validate(config, c.out);
  CountConfigErrors(c.out);
  return std::move(c.out);
}

std::string InvalidConfigMessage(const ConfigValidation& v) {
  std::string lines;
  for (const ConfigValueInfo& value : v.values) {
    for (const std::string& e : value.errors) lines += e + "\n";
  }
  return fmt::format("Connector configuration is invalid and contains the following {} error(s):\n{}You can also "
                     "find the above list of errors at the endpoint `/connector-plugins/{{connectorType}}/config/"
                     "validate`",
                     v.error_count, lines);
}

nlohmann::ordered_json ConfigInfosJson(const ConfigValidation& v, const ConnectorPlugin& plugin) {
  using Json = nlohmann::ordered_json;
  struct Def {
    const char* type;
    bool required;
    const char* importance;
    const char* doc;
    const char* group;
    const char* display;
  };
  static const std::map<std::string, Def> kDefs = {
      {"name", {"STRING", true, "HIGH", "Globally unique name to use for this connector.", "Common", "Connector name"}},
      {"connector.class",
       {"STRING", true, "HIGH",
        "Name or alias of the class for this connector. Must be a subclass of org.apache.kafka.connect.connector."
        "Connector. If the connector is org.apache.kafka.connect.file.FileStreamSinkConnector, you can either "
        "specify this full name,  or use \"FileStreamSink\" or \"FileStreamSinkConnector\" to make the "
        "configuration a bit shorter",
        "Common", "Connector class"}},
      {"tasks.max", {"INT", false, "HIGH", "Maximum number of tasks to use for this connector.", "Common", "Tasks max"}},
      {"key.converter",
       {"CLASS", false, "LOW", "Converter class used to convert between Kafka Connect format and the serialized form "
                               "that is written to Kafka.",
        "Common", "Key converter class"}},
      {"value.converter",
       {"CLASS", false, "LOW", "Converter class used to convert between Kafka Connect format and the serialized form "
                               "that is written to Kafka.",
        "Common", "Value converter class"}},
      {"file", {"STRING", false, "HIGH", "", nullptr, "file"}},
      {"topic", {"STRING", true, "HIGH", "The topic to publish data to", nullptr, "topic"}},
      {"topics", {"LIST", false, "HIGH", "List of topics to consume, separated by commas", "Common", "Topics"}},
      {"batch.size",
       {"INT", false, "LOW", "The maximum number of records the source task can read from the file each time it is "
                             "polled",
        nullptr, "batch.size"}},
  };
  Json configs = Json::array();
  int order = 0;
  std::vector<std::string> groups = {"Common"};
  // One entry of the answer: ConfigKeyInfo (the definition) beside ConfigValueInfo (the value).
  const auto add = [&](const ConfigValueInfo& value, Json def, const Json& group, const std::string& display_name) {
    def["group"] = group;
    def["width"] = group.is_null() ? "NONE" : "MEDIUM";
    def["display_name"] = display_name;
    def["dependents"] = Json::array();
    def["order"] = group.is_null() ? -1 : ++order;
    Json val;
    val["name"] = value.name;
    val["value"] = value.value ? Json(*value.value) : Json();
    val["recommended_values"] = Json::array();
    val["errors"] = value.errors;
    val["visible"] = true;
    configs.push_back(Json{{"definition", std::move(def)}, {"value", std::move(val)}});
  };
  for (const ConfigValueInfo& value : v.values) {
    if (value.def) {
      const ConnectKeyDef& k = *value.def;
      if (k.group && std::find(groups.begin(), groups.end(), *k.group) == groups.end()) groups.push_back(*k.group);
      Json def;
      def["name"] = value.name;
      def["type"] = k.type;
      def["required"] = k.required;
      def["default_value"] = k.default_value ? Json(*k.default_value) : Json();
      def["importance"] = k.importance;
      def["documentation"] = k.documentation;
      add(value, std::move(def), k.group ? Json(*k.group) : Json(),
          k.display_name.empty() ? value.name : k.display_name);
      continue;
    }
    const Def& d = kDefs.at(value.name);
    std::string doc = d.doc;
    if (value.name == "file") {
      doc = plugin.type == ConnectorType::kSource ? "Source filename. If not specified, the standard input will be used"
                                                  : "Destination filename. If not specified, the standard output will "
                                                    "be used";
    }
    Json def;
    def["name"] = value.name;
    def["type"] = d.type;
    def["required"] = d.required;
    def["default_value"] = value.name == "tasks.max" ? Json("1") : value.name == "batch.size" ? Json("2000") : Json();
    def["importance"] = d.importance;
    def["documentation"] = doc;
    add(value, std::move(def), d.group ? Json(d.group) : Json(), d.display);
  }
  Json out;
  out["name"] = plugin.class_name;
  out["error_count"] = v.error_count;
  out["groups"] = groups;
  out["configs"] = configs;
  return out;
}

ConnectorConfig ParseConnectorConfig(const ConfigJson& config, const ConnectorPlugin& plugin) {
  ConnectorConfig c;
  c.name = *Get(config, "name");
  c.plugin = &plugin;
  c.raw = config;
  if (auto t = Get(config, "tasks.max")) c.tasks_max = std::stoi(*t);
  c.key_converter = ConverterOverride(config, "key.converter");
  c.value_converter = ConverterOverride(config, "value.converter");
  c.file = Get(config, "file");
  if (plugin.kind == ConnectorKind::kFileStreamSource) {
    c.topic = *Get(config, "topic");
    if (auto b = Get(config, "batch.size")) c.batch_size = std::stoi(*b);
  } else if (plugin.type == ConnectorType::kSink) {
    c.topics = SplitConfigList(*Get(config, "topics"));
  }
  return c;
}

ConfigJson ConfigMapFromProperties(const std::map<std::string, std::string, std::less<>>& props) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : props) keys.push_back(k);
  ConfigJson out = ConfigJson::object();
  for (const std::string& k : JavaHashMapOrder(keys, JavaHashMapTableSize(keys.size()))) out[k] = props.at(k);
  return out;
}

}  // namespace kafkasim
