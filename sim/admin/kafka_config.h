#pragma once
// A broker's configuration as Kafka 3.7's KafkaConfig reads it (core/.../server/KafkaConfig.scala,
// ZooKeeper mode): config/server.properties plus `kafka-server-start.sh ... --override k=v`,
// Kafka's real defaults for every key not given, typed fields for what the simulator uses
// (durations as Duration), and Kafka's errors as values:
//  - a bad value is the ConfigException of ConfigDef ("Invalid value abc for configuration
//    num.partitions: Not a number of type INT");
//  - no zookeeper.connect is "Missing required configuration `zookeeper.connect` which has no
//    default value." (KafkaConfig.validateValues);
//  - a listener Kafka cannot parse is "Unable to parse abc to a broker endpoint".
// Keys Kafka defines but kafkasim does not simulate (num.io.threads, socket.*) are accepted and
// kept. Keys no config defines are returned as `unused_keys`; UnusedConfigsMessage gives the line
// AbstractConfig.logUnused logs for them (at INFO in 3.7; whether a ZooKeeper-mode broker logs it
// for its own KafkaConfig is the caller's choice: Kafka's clients do).

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/admin/admin_error.h"
#include "sim/admin/config_def.h"
#include "sim/config/properties.h"
#include "sim/core/time.h"

namespace kafkasim {

// One entry of `listeners`: "PLAINTEXT://:9092" is {"PLAINTEXT", "", 9092}. An empty host means
// every interface (Kafka then advertises the canonical host name; the simulator says localhost).
struct Listener {
  std::string name;
  std::string host;
  int32_t port = 0;
  bool operator==(const Listener&) const = default;
};

struct KafkaConfig {
  // broker.id; -1 (the default) asks ZooKeeper for a generated id above reserved.broker.max.id.
  int32_t broker_id = -1;
  int32_t reserved_broker_max_id = 1000;
  std::vector<Listener> listeners;             // default PLAINTEXT://:9092
  std::vector<Listener> advertised_listeners;  // default: the listeners
  std::vector<std::string> log_dirs;           // log.dirs, else log.dir (/tmp/kafka-logs)
  std::string zookeeper_connect;
  Duration zookeeper_session_timeout;     // 18 s
  Duration zookeeper_connection_timeout;  // default: the session timeout
  std::string broker_rack;                // empty: none

  int32_t num_partitions = 1;
  int32_t default_replication_factor = 1;
  int32_t min_insync_replicas = 1;
  bool unclean_leader_election_enable = false;
  bool auto_create_topics_enable = true;
  bool delete_topic_enable = true;

  Duration replica_lag_time_max;    // 30 s
  Duration replica_fetch_wait_max;  // 500 ms
  int32_t replica_fetch_min_bytes = 1;
  int32_t replica_fetch_max_bytes = 1048576;
  Duration replica_socket_timeout;  // 30 s
  Duration replica_fetch_backoff;   // 1 s
  int32_t num_replica_fetchers = 1;
  int32_t max_incremental_fetch_session_cache_slots = 1000;  // KIP-227 sessions a broker keeps
  Duration replica_high_watermark_checkpoint_interval;       // 5 s

  bool auto_leader_rebalance_enable = true;
  Duration leader_imbalance_check_interval;  // 300 s
  int32_t leader_imbalance_per_broker_percentage = 10;
  bool controlled_shutdown_enable = true;
  int32_t controlled_shutdown_max_retries = 3;
  Duration controlled_shutdown_retry_backoff;  // 5 s
  Duration controller_socket_timeout;          // 30 s

  // KafkaConfig.logRetentionTimeMillis: log.retention.ms, else minutes, else hours (168);
  // nullopt when negative (keep forever).
  std::optional<Duration> log_retention;
  int64_t log_retention_bytes = -1;
  int32_t log_segment_bytes = 1073741824;
  Duration log_roll;                            // log.roll.ms, else log.roll.hours (168)
  Duration log_retention_check_interval;        // 300 s
  std::vector<std::string> log_cleanup_policy;  // [delete]
  int32_t message_max_bytes = 1048588;

  int16_t offsets_topic_replication_factor = 3;
  int32_t offsets_topic_num_partitions = 50;
  int32_t offsets_topic_segment_bytes = 104857600;
  int16_t transaction_state_log_replication_factor = 3;
  int32_t transaction_state_log_min_isr = 2;
  int32_t transaction_state_log_num_partitions = 50;
  Duration group_initial_rebalance_delay;  // 3 s (server.properties sets 0)
  Duration group_min_session_timeout;      // 6 s
  Duration group_max_session_timeout;      // 30 min

  int32_t num_network_threads = 3;
  int32_t num_io_threads = 8;

  // Every defined key's value (defaults included), for lookups beyond the typed fields.
  ParsedConfig values;
  // The keys given explicitly (file and overrides) with their text: Kafka's static broker
  // config, which decides whether `kafka-topics --describe` lists a topic config (TopicConfig).
  std::map<std::string, std::string, std::less<>> originals;
  // KafkaConfig.extractLogConfigMap: the broker's value for each topic config key, as text
  // ("retention.ms" -> "604800000"), the defaults under every topic's overrides.
  std::map<std::string, std::string, std::less<>> log_config_defaults;
};

struct KafkaConfigLoad {
  KafkaConfig config;
  std::vector<std::string> unused_keys;  // sorted
};

// The broker keys KafkaConfig defines here, in definition order (parse errors follow it).
std::span<const ConfigKeyDef> KafkaConfigDefs();

// kafka.Kafka.getPropsFromArgs: each `--override` argument "k=v" (split at the first '='; a
// missing value is the empty string) on top of the file's properties.
Properties ApplyOverrides(Properties file, std::span<const std::string> overrides);

AdminResult<KafkaConfigLoad> LoadKafkaConfig(const Properties& props);

// AbstractConfig.logUnused: "These configurations '[foo, bar]' were supplied but are not used
// yet." The keys print in java.util.HashSet order, as Set.toString does; that order depends on how
// many keys were supplied in all (`supplied_count`, e.g. props.values().size()).
std::string UnusedConfigsMessage(std::vector<std::string> unused_keys, size_t supplied_count);

// "PLAINTEXT://localhost:9092,SSL://:9093" -> listeners (EndPoint.createEndPoint); errors as Kafka.
AdminResult<std::vector<Listener>> ParseListeners(std::string_view text);

// Milliseconds as a Duration; Kafka's "never" (Long.MAX_VALUE ms and anything past what a
// Duration holds) becomes Duration::Max().
Duration MillisOrMax(int64_t ms);

}  // namespace kafkasim
