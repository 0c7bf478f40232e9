#include "sim/connect/distributed_config.h"

#include <charconv>
#include <limits>

#include <fmt/format.h>

namespace kafkasim {
namespace {

constexpr std::string_view kDistributedConfigException = "org.apache.kafka.common.config.ConfigException";

std::string MissingDistributedKey(std::string_view key) {
  return fmt::format("{}: Missing required configuration \"{}\" which has no default value.",
                     kDistributedConfigException, key);
}

std::string InvalidDistributedValue(std::string_view key, std::string_view value, std::string_view why) {
  return fmt::format("{}: Invalid value {} for configuration {}: {}", kDistributedConfigException, value, key, why);
}

// An INT/SHORT key: its value, the default when absent, or ConfigDef's parse error.
std::variant<int64_t, std::string> IntKey(const Properties& props, std::string_view key, int64_t fallback,
                                          int64_t min, int64_t max, std::string_view type) {
  auto v = props.Get(key);
  if (!v) return fallback;
  std::string s = *v;
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || ptr != s.data() + s.size() || n < min || n > max) {
    return InvalidDistributedValue(key, *v, fmt::format("Not a number of type {}", type));
  }
  return n;
}

std::variant<InternalTopicConfig, std::string> ParseInternalTopic(const Properties& props, const std::string& prefix,
                                                                  int32_t default_partitions, bool fixed_partitions,
                                                                  std::vector<std::string>& warnings) {
  InternalTopicConfig t{.partitions = default_partitions};
  auto topic = props.Get(prefix + ".topic");
  if (!topic || topic->empty()) return MissingDistributedKey(prefix + ".topic");
  t.topic = *topic;
  auto rf = IntKey(props, prefix + ".replication.factor", 3, std::numeric_limits<int16_t>::min(),
                   std::numeric_limits<int16_t>::max(), "SHORT");
  if (auto* e = std::get_if<std::string>(&rf)) return *e;
  const int64_t factor = std::get<int64_t>(rf);
  if (factor != -1 && factor < 1) {
    return InvalidDistributedValue(prefix + ".replication.factor", std::to_string(factor),
                                   "Replication factor must be positive and not larger than the number of brokers "
                                   "in the Kafka cluster, or -1 to use the broker's default");
  }
  t.replication_factor = static_cast<int16_t>(factor);
  if (fixed_partitions) {
    if (auto p = props.Get(prefix + ".partitions")) {
      warnings.push_back(fmt::format("Ignoring '{}.partitions={}' setting, since config topic partitions is always 1",
                                     prefix, *p));
    }
    return t;
  }
  auto partitions = IntKey(props, prefix + ".partitions", default_partitions, std::numeric_limits<int32_t>::min(),
                           std::numeric_limits<int32_t>::max(), "INT");
  if (auto* e = std::get_if<std::string>(&partitions)) return *e;
  const int64_t n = std::get<int64_t>(partitions);
  if (n != -1 && n < 1) {
    return InvalidDistributedValue(prefix + ".partitions", std::to_string(n),
                                   "Number of partitions must be positive, or -1 to use the broker's default");
  }
  t.partitions = static_cast<int32_t>(n);
  return t;
}

}  // namespace

std::vector<std::string> ConnectProtocolNames(ConnectProtocolCompatibility c) {
  switch (c) {
    case ConnectProtocolCompatibility::kSessioned: return {"sessioned", "compatible", "default"};
    case ConnectProtocolCompatibility::kCompatible: return {"compatible", "default"};
    case ConnectProtocolCompatibility::kEager: return {"default"};
  }
  return {"default"};
}

std::variant<DistributedConfig, std::string> ParseDistributedConfig(const Properties& props) {
  DistributedConfig c;
  auto worker = ParseCommonWorkerConfig(props);
  if (auto* e = std::get_if<std::string>(&worker)) return *e;
  c.worker = std::get<WorkerConfig>(std::move(worker));
  auto group = props.Get("group.id");
  if (!group) return MissingDistributedKey("group.id");
  c.group_id = *group;

  struct DurationKey {
    const char* key;
    Duration* slot;
    int64_t min;
  };
  for (const DurationKey& k : {DurationKey{"session.timeout.ms", &c.session_timeout, std::numeric_limits<int32_t>::min()},
                               DurationKey{"heartbeat.interval.ms", &c.heartbeat_interval, std::numeric_limits<int32_t>::min()},
                               DurationKey{"rebalance.timeout.ms", &c.rebalance_timeout, std::numeric_limits<int32_t>::min()},
                               DurationKey{"scheduled.rebalance.max.delay.ms", &c.scheduled_rebalance_max_delay, 0}}) {
    auto v = IntKey(props, k.key, k.slot->millis(), std::numeric_limits<int32_t>::min(),
                    std::numeric_limits<int32_t>::max(), "INT");
    if (auto* e = std::get_if<std::string>(&v)) return *e;
    const int64_t ms = std::get<int64_t>(v);
    if (ms < k.min) return InvalidDistributedValue(k.key, std::to_string(ms), "Value must be at least 0");
    *k.slot = Duration::Millis(ms);
  }
  if (auto p = props.Get("connect.protocol")) {
    std::string lower = *p;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == "eager") {
      c.connect_protocol = ConnectProtocolCompatibility::kEager;
    } else if (lower == "compatible") {
      c.connect_protocol = ConnectProtocolCompatibility::kCompatible;
    } else if (lower == "sessioned") {
      c.connect_protocol = ConnectProtocolCompatibility::kSessioned;
    } else {
      return InvalidDistributedValue("connect.protocol", *p, "Invalid Connect protocol compatibility");
    }
  }
  auto configs = ParseInternalTopic(props, "config.storage", 1, /*fixed_partitions=*/true, c.warnings);
  if (auto* e = std::get_if<std::string>(&configs)) return *e;
  c.config_storage = std::get<InternalTopicConfig>(configs);
  auto offsets = ParseInternalTopic(props, "offset.storage", 25, false, c.warnings);
  if (auto* e = std::get_if<std::string>(&offsets)) return *e;
  c.offset_storage = std::get<InternalTopicConfig>(offsets);
  auto statuses = ParseInternalTopic(props, "status.storage", 5, false, c.warnings);
  if (auto* e = std::get_if<std::string>(&statuses)) return *e;
  c.status_storage = std::get<InternalTopicConfig>(statuses);
  return c;
}

}  // namespace kafkasim
