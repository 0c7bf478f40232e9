#pragma once
// Topic-level configs as Kafka 3.7's LogConfig defines them (storage/.../log/LogConfig.java):
// the keys `--config k=v` accepts (kafka-topics.sh, kafka-configs.sh), their validation with
// Kafka's errors, and a topic's effective config: its overrides (/config/topics/<t>) over the
// broker's defaults (`log.retention.ms` -> retention.ms, ...; KafkaConfig.extractLogConfigMap).
//
// Also which configs `kafka-topics --describe` lists after `Configs:`: every entry that is not a
// default. An entry is not a default when the topic overrides it, or when the broker's own
// config file (or --override) sets the key's primary broker synonym (ServerTopicConfigSynonyms:
// segment.bytes <- log.segment.bytes, retention.ms <- log.retention.ms; log.retention.hours is
// a lesser synonym and does not count, as in ZkAdminManager.createTopicConfigEntry). That is why
// 3.7's server.properties, which sets log.retention.hours but leaves log.segment.bytes commented
// out, describes a new topic with an empty `Configs: `.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/admin/admin_error.h"
#include "sim/admin/config_def.h"
#include "sim/admin/kafka_config.h"
#include "sim/core/time.h"

namespace kafkasim {

using ConfigMap = std::map<std::string, std::string, std::less<>>;

// LogConfig's keys in definition order (which decides which bad value is reported first).
std::span<const ConfigKeyDef> TopicConfigDefs();

// The primary broker config a topic config defaults to ("log.retention.ms" for "retention.ms");
// nullopt for the few that have none (remote.storage.enable, the throttled replica lists).
std::optional<std::string_view> ServerDefaultProperty(std::string_view topic_key);

// TopicCommand.parseTopicConfigsToBeAdded: each argument splits on "\s*=\s*" into exactly a key
// and a value, else IllegalArgumentException "requirement failed: Invalid topic config: all
// configs to be added must be in the format \"key=val\"."; then ValidateTopicConfigs.
AdminResult<ConfigMap> ParseTopicConfigArgs(std::span<const std::string> args);

// LogConfig.validate: unknown names first (InvalidConfigurationException "Unknown topic config
// name: foo"), then each value (ConfigException), then min.compaction.lag.ms <= max.
std::optional<AdminError> ValidateTopicConfigs(const ConfigMap& overrides);

// A topic's effective log config.
struct TopicConfig {
  std::vector<std::string> cleanup_policy;  // [delete]
  bool cleanup_compact = false;             // "compact" in cleanup.policy
  bool cleanup_delete = true;               // "delete" in cleanup.policy
  std::optional<Duration> retention;        // retention.ms; nullopt for -1 (keep forever)
  int64_t retention_bytes = -1;             // -1: no size limit
  int32_t segment_bytes = 1073741824;
  Duration segment;  // segment.ms (7 days)
  Duration segment_jitter;
  int32_t segment_index_bytes = 10485760;
  int32_t index_interval_bytes = 4096;
  int32_t max_message_bytes = 1048588;
  int32_t min_insync_replicas = 1;
  bool unclean_leader_election_enable = false;
  Duration delete_retention;  // 1 day
  Duration min_compaction_lag;
  Duration max_compaction_lag;  // Max(): never forced
  double min_cleanable_dirty_ratio = 0.5;
  Duration file_delete_delay;  // 60 s
  int64_t flush_messages = INT64_MAX;
  Duration flush;  // Max(): the OS decides
  std::string compression_type = "producer";
  std::string message_timestamp_type = "CreateTime";
  bool preallocate = false;
  ParsedConfig values;  // every key, for what the fields above leave out
};

// LogConfig.fromProps(broker.extractLogConfigMap, overrides). The overrides must be valid
// (ValidateTopicConfigs); an invalid one is returned as the error Kafka would raise.
AdminResult<TopicConfig> EffectiveTopicConfig(const KafkaConfig& broker,
                                              const ConfigMap& overrides);

// The entries `kafka-topics --describe` prints after `Configs:`, as name=value, in the order
// Kafka prints them (the iteration order of the client's java.util.HashMap of all entries).
struct ConfigEntry {
  std::string name;
  std::string value;
  bool operator==(const ConfigEntry&) const = default;
};
std::vector<ConfigEntry> NonDefaultTopicConfigs(const KafkaConfig& broker,
                                                const ConfigMap& overrides);

}  // namespace kafkasim
