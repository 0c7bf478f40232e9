#include "sim/broker/config_helper.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <set>

namespace kafkasim {
namespace {

const ConfigKeyDef* FindDef(std::span<const ConfigKeyDef> defs, std::string_view name) {
  for (const ConfigKeyDef& d : defs) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

// ConfigHelper.configSynonyms for a broker key `name` and its chain: the static broker config
// first, then KafkaConfig's defaults, dropping what precedes the first entry named `name`.
// kafkasim has no dynamic broker configs (/config/brokers/<id>), the two sources before these.
std::vector<ConfigSynonym> BrokerSynonymChain(const KafkaConfig& broker, std::string_view name, bool sensitive) {
  std::vector<ConfigSynonym> chain;
  const std::vector<std::string_view> names = BrokerConfigSynonyms(name);
  for (std::string_view s : names) {
    if (auto it = broker.originals.find(s); it != broker.originals.end()) {
      chain.push_back({std::string(s), sensitive ? std::nullopt : std::optional(it->second),
                       ConfigSource::kStaticBrokerConfig});
    }
  }
  for (std::string_view s : names) {
    const ConfigKeyDef* def = FindDef(KafkaConfigDefs(), s);
    if (def == nullptr || !def->default_value) continue;  // a null default is not a synonym
    chain.push_back({std::string(s), sensitive ? std::nullopt : std::optional(std::string(*def->default_value)),
                     ConfigSource::kDefaultConfig});
  }
  auto first = std::find_if(chain.begin(), chain.end(), [&](const ConfigSynonym& c) { return c.name == name; });
  chain.erase(chain.begin(), first);
  return chain;
}

DescribedConfig Entry(std::string name, std::optional<std::string> value, std::vector<ConfigSynonym> synonyms,
                      bool sensitive, bool read_only, bool include_synonyms) {
  DescribedConfig c{.name = std::move(name), .value = std::move(value), .read_only = read_only,
                    .is_sensitive = sensitive};
  c.source = synonyms.empty() ? ConfigSource::kDefaultConfig : synonyms.front().source;
  if (include_synonyms) c.synonyms = std::move(synonyms);
  return c;
}

AlterError InvalidRequest(std::string message) { return {ErrorCode::kInvalidRequest, std::move(message)}; }

}  // namespace

std::vector<std::string_view> BrokerConfigSynonyms(std::string_view name) {
  if (name == "log.roll.ms" || name == "log.roll.hours") return {"log.roll.ms", "log.roll.hours"};
  if (name == "log.roll.jitter.ms" || name == "log.roll.jitter.hours") {
    return {"log.roll.jitter.ms", "log.roll.jitter.hours"};
  }
  if (name == "log.flush.interval.ms") return {"log.flush.interval.ms", "log.flush.scheduler.interval.ms"};
  if (name == "log.retention.ms" || name == "log.retention.minutes" || name == "log.retention.hours") {
    return {"log.retention.ms", "log.retention.minutes", "log.retention.hours"};
  }
  return {name};
}

std::vector<DescribedConfig> DescribeTopicConfigs(const KafkaConfig& broker, const ConfigMap& overrides,
                                                  bool include_synonyms) {
  auto effective = EffectiveTopicConfig(broker, overrides);
  assert(std::holds_alternative<TopicConfig>(effective) && "a stored topic config is valid");
  const ParsedConfig& values = std::get<TopicConfig>(effective).values;
  std::vector<DescribedConfig> out;
  for (const ConfigKeyDef& def : TopicConfigDefs()) {
    const std::string name(def.name);
    std::optional<std::string> value;
    if (!values.IsNull(name)) value = ConfigValueToString(values.Get(name));
    std::vector<ConfigSynonym> synonyms;
    if (overrides.find(name) != overrides.end()) synonyms.push_back({name, value, ConfigSource::kTopicConfig});
    if (auto primary = ServerDefaultProperty(name)) {
      for (ConfigSynonym& s : BrokerSynonymChain(broker, *primary, false)) synonyms.push_back(std::move(s));
    }
    out.push_back(Entry(name, std::move(value), std::move(synonyms), false, false, include_synonyms));
  }
  return out;
}

std::vector<DescribedConfig> DescribeBrokerConfigs(const KafkaConfig& broker, bool include_synonyms) {
  std::set<std::string> names;
  for (const ConfigKeyDef& def : KafkaConfigDefs()) names.emplace(def.name);
  for (const auto& [k, _] : broker.originals) names.insert(k);
  std::vector<DescribedConfig> out;
  for (const std::string& name : names) {
    const ConfigKeyDef* def = FindDef(KafkaConfigDefs(), name);
    // KafkaConfig.maybeSensitive: a key it cannot type might hold a secret.
    const bool sensitive = def == nullptr || def->type == ConfigType::kPassword;
    std::optional<std::string> value;
    if (!sensitive && !broker.values.IsNull(name)) value = ConfigValueToString(broker.values.Get(name));
    // kafkasim changes no broker config while the broker runs: every one is read-only here.
    out.push_back(Entry(name, std::move(value), BrokerSynonymChain(broker, name, sensitive), sensitive, true,
                        include_synonyms));
  }
  return out;
}

std::optional<AlterError> CheckAlterOps(const std::vector<AlterableConfig>& ops) {
  std::map<std::string, int> seen;
  for (const AlterableConfig& op : ops) ++seen[op.name];
  std::vector<std::string> duplicates;
  for (const auto& [name, count] : seen) {
    if (count > 1) duplicates.push_back(name);
  }
  if (!duplicates.empty()) {
    return InvalidRequest(fmt::format("Error due to duplicate config keys : {}", fmt::join(duplicates, ",")));
  }
  std::vector<std::string> nulls;
  for (const AlterableConfig& op : ops) {
    if (op.value || op.op == AlterConfigOpType::kDelete) continue;
    static constexpr std::string_view kNames[] = {"SET", "DELETE", "APPEND", "SUBTRACT"};
    nulls.push_back(fmt::format("{}:{}", kNames[static_cast<int>(op.op)], op.name));
  }
  if (!nulls.empty()) return InvalidRequest(fmt::format("Null value not supported for : {}", fmt::join(nulls, ",")));
  return std::nullopt;
}

std::variant<ConfigMap, AlterError> PrepareTopicConfigs(const std::string& topic, ConfigMap props,
                                                        const std::vector<AlterableConfig>& ops) {
  // Lists split on commas as String.split does (trailing empty strings dropped).
  const auto split = [](const std::string& s) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
      const size_t comma = s.find(',', start);
      parts.push_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    while (!parts.empty() && parts.back().empty()) parts.pop_back();
    return parts;
  };
  for (const AlterableConfig& op : ops) {
    switch (op.op) {
      case AlterConfigOpType::kSet: props[op.name] = *op.value; break;
      case AlterConfigOpType::kDelete: props.erase(op.name); break;
      case AlterConfigOpType::kAppend:
      case AlterConfigOpType::kSubtract: {
        const ConfigKeyDef* def = FindDef(TopicConfigDefs(), op.name);
        if (def == nullptr) return AlterError{ErrorCode::kInvalidConfig, "Unknown topic config name: " + op.name};
        const bool append = op.op == AlterConfigOpType::kAppend;
        if (def->type != ConfigType::kList) {
          return InvalidRequest(fmt::format("Config value {} is not allowed for config key: {}",
                                            append ? "append" : "subtract", op.name));
        }
        auto it = props.find(op.name);
        std::vector<std::string> list =
            split(it != props.end() ? it->second : std::string(def->default_value.value_or("")));
        for (const std::string& v : split(*op.value)) {
          if (append) {
            list.push_back(v);
          } else if (auto found = std::find(list.begin(), list.end(), v); found != list.end()) {
            list.erase(found);  // List.diff removes one occurrence per element
          }
        }
        props[op.name] = fmt::format("{}", fmt::join(list, ","));
        break;
      }
    }
  }
  if (auto error = ValidateTopicConfigs(props)) {
    if (error->exception == exceptions::kConfigException) {
      return InvalidRequest(fmt::format("Invalid config value for resource {}: {}",
                                        ToString(ConfigResource{ConfigResourceType::kTopic, topic}), error->message));
    }
    return AlterError{ErrorCode::kInvalidConfig, error->message};
  }
  return props;
}

}  // namespace kafkasim
