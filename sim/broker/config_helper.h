#pragma once
// What a broker answers to DescribeConfigs and how it checks an IncrementalAlterConfigs, as
// Kafka 3.7 does in ZooKeeper mode (ConfigHelper.describeConfigs and ZkAdminManager
// .incrementalAlterConfigs / prepareIncrementalConfigs / alterTopicConfigs). Pure functions: the
// caller reads and writes ZooKeeper.
//
// A topic config entry carries its value (the topic's override, else the broker's value), and
// its synonyms, highest precedence first: the override (TOPIC_CONFIG), then the primary broker
// synonym's chain (DynamicBrokerConfig.brokerConfigSynonyms: log.retention.ms, .minutes, .hours)
// as set in the broker's own config file (STATIC_BROKER_CONFIG) and as KafkaConfig defaults it
// (DEFAULT_CONFIG, null defaults left out) — then everything before the first synonym named
// like the primary is dropped. That is why retention.ms lists no broker synonym on a broker whose
// server.properties sets only log.retention.hours: the chain starts at log.retention.hours.
// The entry's source is its first synonym's, DEFAULT_CONFIG when it has none.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/admin/kafka_config.h"
#include "sim/admin/topic_config.h"
#include "sim/protocol/admin_requests.h"

namespace kafkasim {

// Every LogConfig key of a topic with `overrides` (/config/topics/<t>) on `broker`, in LogConfig's
// definition order. Synonyms only when `include_synonyms` (the source is computed either way).
std::vector<DescribedConfig> DescribeTopicConfigs(const KafkaConfig& broker, const ConfigMap& overrides,
                                                  bool include_synonyms);

// Every config of `broker` itself (resource name = its id): the keys kafkasim's KafkaConfig
// defines, and any other key its config file gave (Kafka treats a key it cannot type as
// sensitive: value null). Sorted by name.
std::vector<DescribedConfig> DescribeBrokerConfigs(const KafkaConfig& broker, bool include_synonyms);

// DynamicBrokerConfig.brokerConfigSynonyms for a broker key: the keys that set the same value,
// most specific first (log.retention.ms, log.retention.minutes, log.retention.hours).
std::vector<std::string_view> BrokerConfigSynonyms(std::string_view name);

// A refused alteration: the error code and message the response carries.
struct AlterError {
  ErrorCode error = ErrorCode::kInvalidRequest;
  std::string message;
  bool operator==(const AlterError&) const = default;
};

// The request's own checks, before anything is read: duplicate keys ("Error due to duplicate
// config keys : retention.ms") and null values for SET/APPEND/SUBTRACT, both INVALID_REQUEST.
std::optional<AlterError> CheckAlterOps(const std::vector<AlterableConfig>& ops);

// prepareIncrementalConfigs then LogConfig.validate: `current` (the topic's stored overrides)
// with the ops applied, or why not. Unknown names are INVALID_CONFIG ("Unknown topic config
// name: foo"); a bad value is the ConfigException wrapped as INVALID_REQUEST ("Invalid config
// value for resource ConfigResource(type=TOPIC, name='orders'): Invalid value abc for
// configuration retention.ms: Not a number of type LONG"); APPEND/SUBTRACT on a non-list key is
// INVALID_REQUEST ("Config value append is not allowed for config key: retention.ms").
std::variant<ConfigMap, AlterError> PrepareTopicConfigs(const std::string& topic, ConfigMap current,
                                                        const std::vector<AlterableConfig>& ops);

}  // namespace kafkasim
