#include "sim/admin/kafka_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>

#include "sim/admin/hashing.h"

namespace kafkasim {
namespace {

using V = ConfigValidator;
constexpr std::string_view kIntMax = "2147483647";

// Kafka 3.7's KafkaConfig keys, grouped and ordered as KafkaConfig.configDef defines them, with
// Kafka's defaults and validators. (Keys of features kafkasim does not model are not all here;
// those are reported as unused rather than rejected.)
const std::vector<ConfigKeyDef>& BrokerDefs() {
  static const auto* defs = new std::vector<ConfigKeyDef>{
      // ZooKeeper
      {"zookeeper.connect", ConfigType::kString, std::nullopt},
      {"zookeeper.session.timeout.ms", ConfigType::kInt, "18000"},
      {"zookeeper.connection.timeout.ms", ConfigType::kInt, std::nullopt},
      {"zookeeper.set.acl", ConfigType::kBoolean, "false"},
      {"zookeeper.max.in.flight.requests", ConfigType::kInt, "10", V::AtLeast(1)},
      {"zookeeper.ssl.client.enable", ConfigType::kBoolean, "false"},
      {"zookeeper.metadata.migration.enable", ConfigType::kBoolean, "false"},
      // General
      {"broker.id.generation.enable", ConfigType::kBoolean, "true"},
      {"reserved.broker.max.id", ConfigType::kInt, "1000", V::AtLeast(0)},
      {"broker.id", ConfigType::kInt, "-1"},
      {"message.max.bytes", ConfigType::kInt, "1048588", V::AtLeast(0)},
      {"num.network.threads", ConfigType::kInt, "3", V::AtLeast(1)},
      {"num.io.threads", ConfigType::kInt, "8", V::AtLeast(1)},
      {"background.threads", ConfigType::kInt, "10", V::AtLeast(1)},
      {"queued.max.requests", ConfigType::kInt, "500", V::AtLeast(1)},
      {"auto.create.topics.enable", ConfigType::kBoolean, "true"},
      {"process.roles", ConfigType::kList, "", V::ListIn({"broker", "controller"})},
      {"node.id", ConfigType::kInt, "-1"},
      {"controller.quorum.voters", ConfigType::kList, ""},
      {"controller.listener.names", ConfigType::kString, std::nullopt},
      {"inter.broker.protocol.version", ConfigType::kString, "3.7-IV4"},
      // Sockets and listeners
      {"listeners", ConfigType::kString, "PLAINTEXT://:9092"},
      {"advertised.listeners", ConfigType::kString, std::nullopt},
      {"listener.security.protocol.map", ConfigType::kString,
       "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL"},
      {"inter.broker.listener.name", ConfigType::kString, std::nullopt},
      {"security.inter.broker.protocol", ConfigType::kString, "PLAINTEXT",
       V::In({"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"})},
      {"socket.send.buffer.bytes", ConfigType::kInt, "102400"},
      {"socket.receive.buffer.bytes", ConfigType::kInt, "102400"},
      {"socket.request.max.bytes", ConfigType::kInt, "104857600", V::AtLeast(1)},
      {"max.connections.per.ip", ConfigType::kInt, kIntMax, V::AtLeast(0)},
      {"connections.max.idle.ms", ConfigType::kLong, "600000"},
      {"broker.rack", ConfigType::kString, std::nullopt},
      // Log
      {"num.partitions", ConfigType::kInt, "1", V::AtLeast(1)},
      {"log.dir", ConfigType::kString, "/tmp/kafka-logs"},
      {"log.dirs", ConfigType::kString, std::nullopt},
      {"log.segment.bytes", ConfigType::kInt, "1073741824",
       V::AtLeast(14)},  // LegacyRecord.RECORD_OVERHEAD_V0
      {"log.roll.ms", ConfigType::kLong, std::nullopt},
      {"log.roll.hours", ConfigType::kInt, "168", V::AtLeast(1)},
      {"log.roll.jitter.ms", ConfigType::kLong, std::nullopt},
      {"log.roll.jitter.hours", ConfigType::kInt, "0", V::AtLeast(0)},
      {"log.retention.ms", ConfigType::kLong, std::nullopt},
      {"log.retention.minutes", ConfigType::kInt, std::nullopt},
      {"log.retention.hours", ConfigType::kInt, "168"},
      {"log.retention.bytes", ConfigType::kLong, "-1"},
      {"log.retention.check.interval.ms", ConfigType::kLong, "300000", V::AtLeast(1)},
      {"log.cleanup.policy", ConfigType::kList, "delete", V::ListIn({"compact", "delete"})},
      {"log.cleaner.threads", ConfigType::kInt, "1", V::AtLeast(0)},
      {"log.cleaner.dedupe.buffer.size", ConfigType::kLong, "134217728"},
      {"log.cleaner.backoff.ms", ConfigType::kLong, "15000", V::AtLeast(0)},
      {"log.cleaner.min.cleanable.ratio", ConfigType::kDouble, "0.5", V::Between(0, 1)},
      {"log.cleaner.enable", ConfigType::kBoolean, "true"},
      {"log.cleaner.delete.retention.ms", ConfigType::kLong, "86400000", V::AtLeast(0)},
      {"log.cleaner.min.compaction.lag.ms", ConfigType::kLong, "0", V::AtLeast(0)},
      {"log.cleaner.max.compaction.lag.ms", ConfigType::kLong, kLongMaxDefault, V::AtLeast(1)},
      {"log.index.size.max.bytes", ConfigType::kInt, "10485760", V::AtLeast(4)},
      {"log.index.interval.bytes", ConfigType::kInt, "4096", V::AtLeast(0)},
      {"log.flush.interval.messages", ConfigType::kLong, kLongMaxDefault, V::AtLeast(1)},
      {"log.segment.delete.delay.ms", ConfigType::kLong, "60000", V::AtLeast(0)},
      {"log.flush.scheduler.interval.ms", ConfigType::kLong, kLongMaxDefault},
      {"log.flush.interval.ms", ConfigType::kLong, std::nullopt},
      {"log.flush.offset.checkpoint.interval.ms", ConfigType::kInt, "60000", V::AtLeast(0)},
      {"log.flush.start.offset.checkpoint.interval.ms", ConfigType::kInt, "60000", V::AtLeast(0)},
      {"log.preallocate", ConfigType::kBoolean, "false"},
      {"num.recovery.threads.per.data.dir", ConfigType::kInt, "1", V::AtLeast(1)},
      {"min.insync.replicas", ConfigType::kInt, "1", V::AtLeast(1)},
      {"compression.type", ConfigType::kString, "producer",
       V::In({"uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"})},
      {"log.message.format.version", ConfigType::kString, "3.0-IV1"},
      {"log.message.timestamp.type", ConfigType::kString, "CreateTime",
       V::In({"CreateTime", "LogAppendTime"})},
      {"log.message.timestamp.difference.max.ms", ConfigType::kLong, kLongMaxDefault, V::AtLeast(0)},
      {"log.message.timestamp.before.max.ms", ConfigType::kLong, kLongMaxDefault, V::AtLeast(0)},
      {"log.message.timestamp.after.max.ms", ConfigType::kLong, kLongMaxDefault, V::AtLeast(0)},
      {"log.message.downconversion.enable", ConfigType::kBoolean, "true"},
      {"log.local.retention.ms", ConfigType::kLong, "-2", V::AtLeast(-2)},
      {"log.local.retention.bytes", ConfigType::kLong, "-2", V::AtLeast(-2)},
      {"remote.log.storage.system.enable", ConfigType::kBoolean, "false"},
      // Replication
      {"controller.socket.timeout.ms", ConfigType::kInt, "30000"},
      {"default.replication.factor", ConfigType::kInt, "1"},
      {"replica.lag.time.max.ms", ConfigType::kLong, "30000"},
      {"replica.socket.timeout.ms", ConfigType::kInt, "30000"},
      {"replica.socket.receive.buffer.bytes", ConfigType::kInt, "65536"},
      {"replica.fetch.max.bytes", ConfigType::kInt, "1048576", V::AtLeast(0)},
      {"replica.fetch.wait.max.ms", ConfigType::kInt, "500"},
      {"replica.fetch.backoff.ms", ConfigType::kInt, "1000", V::AtLeast(0)},
      {"replica.fetch.min.bytes", ConfigType::kInt, "1"},
      {"replica.fetch.response.max.bytes", ConfigType::kInt, "10485760", V::AtLeast(0)},
      {"num.replica.fetchers", ConfigType::kInt, "1"},
      {"max.incremental.fetch.session.cache.slots", ConfigType::kInt, "1000", V::AtLeast(0)},
      {"replica.high.watermark.checkpoint.interval.ms", ConfigType::kLong, "5000"},
      {"fetch.purgatory.purge.interval.requests", ConfigType::kInt, "1000"},
      {"producer.purgatory.purge.interval.requests", ConfigType::kInt, "1000"},
      {"auto.leader.rebalance.enable", ConfigType::kBoolean, "true"},
      {"leader.imbalance.per.broker.percentage", ConfigType::kInt, "10"},
      {"leader.imbalance.check.interval.seconds", ConfigType::kLong, "300", V::AtLeast(1)},
      {"unclean.leader.election.enable", ConfigType::kBoolean, "false"},
      {"controlled.shutdown.max.retries", ConfigType::kInt, "3"},
      {"controlled.shutdown.retry.backoff.ms", ConfigType::kLong, "5000"},
      {"controlled.shutdown.enable", ConfigType::kBoolean, "true"},
      // Group coordinator
      {"group.min.session.timeout.ms", ConfigType::kInt, "6000"},
      {"group.max.session.timeout.ms", ConfigType::kInt, "1800000"},
      {"group.initial.rebalance.delay.ms", ConfigType::kInt, "3000"},
      {"group.max.size", ConfigType::kInt, kIntMax, V::AtLeast(1)},
      // Offsets
      {"offset.metadata.max.bytes", ConfigType::kInt, "4096"},
      {"offsets.load.buffer.size", ConfigType::kInt, "5242880", V::AtLeast(1)},
      {"offsets.topic.replication.factor", ConfigType::kShort, "3", V::AtLeast(1)},
      {"offsets.topic.num.partitions", ConfigType::kInt, "50", V::AtLeast(1)},
      {"offsets.topic.segment.bytes", ConfigType::kInt, "104857600", V::AtLeast(1)},
      {"offsets.topic.compression.codec", ConfigType::kInt, "0"},
      {"offsets.retention.minutes", ConfigType::kInt, "10080", V::AtLeast(1)},
      {"offsets.retention.check.interval.ms", ConfigType::kLong, "600000", V::AtLeast(1)},
      {"offsets.commit.timeout.ms", ConfigType::kInt, "5000", V::AtLeast(1)},
      {"offsets.commit.required.acks", ConfigType::kShort, "-1"},
      // Transactions
      {"transactional.id.expiration.ms", ConfigType::kInt, "604800000", V::AtLeast(1)},
      {"transaction.max.timeout.ms", ConfigType::kInt, "900000", V::AtLeast(1)},
      {"transaction.state.log.min.isr", ConfigType::kInt, "2", V::AtLeast(1)},
      {"transaction.state.log.load.buffer.size", ConfigType::kInt, "5242880", V::AtLeast(1)},
      {"transaction.state.log.replication.factor", ConfigType::kShort, "3", V::AtLeast(1)},
      {"transaction.state.log.num.partitions", ConfigType::kInt, "50", V::AtLeast(1)},
      {"transaction.state.log.segment.bytes", ConfigType::kInt, "104857600", V::AtLeast(1)},
      // Topic deletion
      {"delete.topic.enable", ConfigType::kBoolean, "true"},
  };
  return *defs;
}

std::vector<std::string> SplitCsv(std::string_view text) {  // CoreUtils.parseCsvList
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    std::string_view item = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// kafka.cluster.EndPoint's pattern ^(.*)://\[?([0-9a-zA-Z\-%._:]*)\]?:(-?[0-9]+)$ matched by
// hand: the name runs to the last "://"; the port is the digits after the host's last ':'.
std::optional<Listener> ParseEndpoint(std::string_view entry) {
  const size_t sep = entry.rfind("://");
  if (sep == std::string_view::npos) return std::nullopt;
  std::string_view rest = entry.substr(sep + 3);
  const size_t colon = rest.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view port = rest.substr(colon + 1);
  std::string_view host = rest.substr(0, colon);
  if (host.starts_with('[')) host.remove_prefix(1);
  if (host.ends_with(']')) host.remove_suffix(1);
  const bool host_ok = std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '%' || c == '.' ||
           c == '_' || c == ':';
  });
  std::string_view digits = port.starts_with('-') ? port.substr(1) : port;
  const bool port_ok = !digits.empty() && std::all_of(digits.begin(), digits.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; });
  if (!host_ok || !port_ok) return std::nullopt;
  const auto parsed = ParseConfigValue({"port", ConfigType::kInt, std::nullopt}, port);
  if (std::holds_alternative<std::string>(parsed)) return std::nullopt;  // beyond an int
  return Listener{Upper(std::string(entry.substr(0, sep))), std::string(host),
                  static_cast<int32_t>(std::get<int64_t>(std::get<ConfigValue>(parsed)))};
}

int64_t RetentionMillis(const ParsedConfig& v) {  // KafkaConfig.logRetentionTimeMillis
  int64_t millis = 0;
  if (!v.IsNull("log.retention.ms")) {
    millis = v.GetLong("log.retention.ms");
  } else if (!v.IsNull("log.retention.minutes")) {
    millis = int64_t{60'000} * v.GetInt("log.retention.minutes");
  } else {
    millis = int64_t{3'600'000} * v.GetInt("log.retention.hours");
  }
  return millis < 0 ? -1 : millis;
}

int64_t OrElse(const ParsedConfig& v, std::string_view millis_key, int64_t fallback) {
  return v.IsNull(millis_key) ? fallback : v.GetLong(millis_key);
}

// KafkaConfig.extractLogConfigMap, as text.
std::map<std::string, std::string, std::less<>> LogConfigDefaults(const ParsedConfig& v) {
  const auto s = [&](std::string_view key) { return ConfigValueToString(v.Get(key)); };
  const auto n = [](int64_t x) { return std::to_string(x); };
  return {
      {"segment.bytes", s("log.segment.bytes")},
      {"segment.ms", n(OrElse(v, "log.roll.ms", int64_t{3'600'000} * v.GetInt("log.roll.hours")))},
      {"segment.jitter.ms",
       n(OrElse(v, "log.roll.jitter.ms", int64_t{3'600'000} * v.GetInt("log.roll.jitter.hours")))},
      {"segment.index.bytes", s("log.index.size.max.bytes")},
      {"flush.messages", s("log.flush.interval.messages")},
      {"flush.ms",
       n(OrElse(v, "log.flush.interval.ms", v.GetLong("log.flush.scheduler.interval.ms")))},
      {"retention.bytes", s("log.retention.bytes")},
      {"retention.ms", n(RetentionMillis(v))},
      {"max.message.bytes", s("message.max.bytes")},
      {"index.interval.bytes", s("log.index.interval.bytes")},
      {"delete.retention.ms", s("log.cleaner.delete.retention.ms")},
      {"min.compaction.lag.ms", s("log.cleaner.min.compaction.lag.ms")},
      {"max.compaction.lag.ms", s("log.cleaner.max.compaction.lag.ms")},
      {"file.delete.delay.ms", s("log.segment.delete.delay.ms")},
      {"min.cleanable.dirty.ratio", s("log.cleaner.min.cleanable.ratio")},
      {"cleanup.policy", s("log.cleanup.policy")},
      {"min.insync.replicas", s("min.insync.replicas")},
      {"compression.type", s("compression.type")},
      {"unclean.leader.election.enable", s("unclean.leader.election.enable")},
      {"preallocate", s("log.preallocate")},
      {"message.format.version", s("log.message.format.version")},
      {"message.timestamp.type", s("log.message.timestamp.type")},
      {"message.timestamp.difference.max.ms", s("log.message.timestamp.difference.max.ms")},
      {"message.timestamp.before.max.ms", s("log.message.timestamp.before.max.ms")},
      {"message.timestamp.after.max.ms", s("log.message.timestamp.after.max.ms")},
      {"message.downconversion.enable", s("log.message.downconversion.enable")},
      {"local.retention.ms", s("log.local.retention.ms")},
      {"local.retention.bytes", s("log.local.retention.bytes")},
  };
}

}  // namespace

std::span<const ConfigKeyDef> KafkaConfigDefs() { return BrokerDefs(); }

Duration MillisOrMax(int64_t ms) {
  if (ms >= INT64_MAX / 1000) return Duration::Max();
  return Duration::Millis(ms);
}

Properties ApplyOverrides(Properties file, std::span<const std::string> overrides) {
  for (const std::string& arg : overrides) {
    const size_t eq = arg.find('=');
    if (eq == std::string::npos) {
      file.Set(arg, "");
    } else {
      file.Set(arg.substr(0, eq), arg.substr(eq + 1));
    }
  }
  return file;
}

AdminResult<std::vector<Listener>> ParseListeners(std::string_view text) {
  std::vector<Listener> out;
  for (const std::string& entry : SplitCsv(text)) {
    auto listener = ParseEndpoint(entry);
    if (!listener) {
      return MakeAdminError(exceptions::kKafkaException,
                            fmt::format("Unable to parse {} to a broker endpoint", entry));
    }
    out.push_back(std::move(*listener));
  }
  return out;
}

AdminResult<KafkaConfigLoad> LoadKafkaConfig(const Properties& props) {
  auto parsed = ParseConfigs(BrokerDefs(), props.values());
  if (auto* error = std::get_if<AdminError>(&parsed)) return *error;
  ParsedConfigs& p = std::get<ParsedConfigs>(parsed);
  const ParsedConfig& v = p.values;

  KafkaConfigLoad load;
  KafkaConfig& c = load.config;
  load.unused_keys = p.unknown;
  if (v.IsNull("zookeeper.connect")) {
    return MakeAdminError(
        exceptions::kConfigException,
        "Missing required configuration `zookeeper.connect` which has no default value.");
  }
  auto listeners = ParseListeners(v.GetString("listeners"));
  if (auto* error = std::get_if<AdminError>(&listeners)) return *error;
  c.listeners = std::get<std::vector<Listener>>(listeners);
  if (v.IsNull("advertised.listeners")) {
    c.advertised_listeners = c.listeners;
  } else {
    auto advertised = ParseListeners(v.GetString("advertised.listeners"));
    if (auto* error = std::get_if<AdminError>(&advertised)) return *error;
    c.advertised_listeners = std::get<std::vector<Listener>>(advertised);
  }
  // Each listener name needs a security protocol
  // (KafkaConfig.effectiveListenerSecurityProtocolMap).
  std::vector<std::string> mapped;
  for (const std::string& pair : SplitCsv(v.GetString("listener.security.protocol.map"))) {
    mapped.push_back(Upper(pair.substr(0, pair.find(':'))));
  }
  for (const Listener& l : c.listeners) {
    if (std::find(mapped.begin(), mapped.end(), l.name) == mapped.end()) {
      return MakeAdminError(exceptions::kIllegalArgument,
                            fmt::format("No security protocol defined for listener {}", l.name));
    }
  }

  c.broker_id = v.GetInt("broker.id");
  c.reserved_broker_max_id = v.GetInt("reserved.broker.max.id");
  c.log_dirs = SplitCsv(v.IsNull("log.dirs") ? v.GetString("log.dir") : v.GetString("log.dirs"));
  c.zookeeper_connect = v.GetString("zookeeper.connect");
  c.zookeeper_session_timeout = Duration::Millis(v.GetInt("zookeeper.session.timeout.ms"));
  c.zookeeper_connection_timeout =
      v.IsNull("zookeeper.connection.timeout.ms")
          ? c.zookeeper_session_timeout
          : Duration::Millis(v.GetInt("zookeeper.connection.timeout.ms"));
  c.broker_rack = v.IsNull("broker.rack") ? "" : v.GetString("broker.rack");
  c.num_partitions = v.GetInt("num.partitions");
  c.default_replication_factor = v.GetInt("default.replication.factor");
  c.min_insync_replicas = v.GetInt("min.insync.replicas");
  c.unclean_leader_election_enable = v.GetBool("unclean.leader.election.enable");
  c.auto_create_topics_enable = v.GetBool("auto.create.topics.enable");
  c.delete_topic_enable = v.GetBool("delete.topic.enable");
  c.replica_lag_time_max = MillisOrMax(v.GetLong("replica.lag.time.max.ms"));
  c.replica_fetch_wait_max = Duration::Millis(v.GetInt("replica.fetch.wait.max.ms"));
  c.replica_fetch_min_bytes = v.GetInt("replica.fetch.min.bytes");
  c.replica_fetch_max_bytes = v.GetInt("replica.fetch.max.bytes");
  c.replica_socket_timeout = Duration::Millis(v.GetInt("replica.socket.timeout.ms"));
  c.replica_fetch_backoff = Duration::Millis(v.GetInt("replica.fetch.backoff.ms"));
  c.num_replica_fetchers = v.GetInt("num.replica.fetchers");
  c.max_incremental_fetch_session_cache_slots = v.GetInt("max.incremental.fetch.session.cache.slots");
  c.replica_high_watermark_checkpoint_interval =
      MillisOrMax(v.GetLong("replica.high.watermark.checkpoint.interval.ms"));
  c.auto_leader_rebalance_enable = v.GetBool("auto.leader.rebalance.enable");
  const int64_t imbalance_seconds = v.GetLong("leader.imbalance.check.interval.seconds");
  c.leader_imbalance_check_interval = imbalance_seconds >= INT64_MAX / 1'000'000
                                          ? Duration::Max()
                                          : Duration::Seconds(imbalance_seconds);
  c.leader_imbalance_per_broker_percentage = v.GetInt("leader.imbalance.per.broker.percentage");
  c.controlled_shutdown_enable = v.GetBool("controlled.shutdown.enable");
  c.controlled_shutdown_max_retries = v.GetInt("controlled.shutdown.max.retries");
  c.controlled_shutdown_retry_backoff =
      MillisOrMax(v.GetLong("controlled.shutdown.retry.backoff.ms"));
  c.controller_socket_timeout = Duration::Millis(v.GetInt("controller.socket.timeout.ms"));
  const int64_t retention = RetentionMillis(v);
  c.log_retention = retention < 0 ? std::nullopt : std::optional<Duration>(MillisOrMax(retention));
  c.log_retention_bytes = v.GetLong("log.retention.bytes");
  c.log_segment_bytes = v.GetInt("log.segment.bytes");
  c.log_roll =
      MillisOrMax(OrElse(v, "log.roll.ms", int64_t{3'600'000} * v.GetInt("log.roll.hours")));
  c.log_retention_check_interval = MillisOrMax(v.GetLong("log.retention.check.interval.ms"));
  c.log_cleanup_policy = v.GetList("log.cleanup.policy");
  c.message_max_bytes = v.GetInt("message.max.bytes");
  c.offsets_topic_replication_factor =
      static_cast<int16_t>(v.GetLong("offsets.topic.replication.factor"));
  c.offsets_topic_num_partitions = v.GetInt("offsets.topic.num.partitions");
  c.offsets_topic_segment_bytes = v.GetInt("offsets.topic.segment.bytes");
  c.transaction_state_log_replication_factor =
      static_cast<int16_t>(v.GetLong("transaction.state.log.replication.factor"));
  c.transaction_state_log_min_isr = v.GetInt("transaction.state.log.min.isr");
  c.transaction_state_log_num_partitions = v.GetInt("transaction.state.log.num.partitions");
  c.group_initial_rebalance_delay = Duration::Millis(v.GetInt("group.initial.rebalance.delay.ms"));
  c.group_min_session_timeout = Duration::Millis(v.GetInt("group.min.session.timeout.ms"));
  c.group_max_session_timeout = Duration::Millis(v.GetInt("group.max.session.timeout.ms"));
  c.num_network_threads = v.GetInt("num.network.threads");
  c.num_io_threads = v.GetInt("num.io.threads");
  c.log_config_defaults = LogConfigDefaults(v);
  c.values = v;
  c.originals = props.values();
  return load;
}

std::string UnusedConfigsMessage(std::vector<std::string> unused_keys, size_t supplied_count) {
  // AbstractConfig.unused() copies the supplied keys into new HashSet<>(keys): capacity
  // max(n / .75f + 1, 16), rounded up to a power of two; then removes the used ones.
  int32_t table = 16;
  const auto wanted =
      std::max<int64_t>(static_cast<int64_t>(static_cast<float>(supplied_count) / 0.75f) + 1, 16);
  while (table < wanted) table *= 2;
  std::sort(unused_keys.begin(), unused_keys.end());  // within a bucket: an order we can replay
  return fmt::format("These configurations '[{}]' were supplied but are not used yet.",
                     fmt::join(JavaHashMapOrder(std::move(unused_keys), table), ", "));
}

}  // namespace kafkasim
