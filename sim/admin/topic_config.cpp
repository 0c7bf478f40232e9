#include "sim/admin/topic_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>

#include "sim/admin/hashing.h"

namespace kafkasim {
namespace {

using V = ConfigValidator;

struct TopicKey {
  ConfigKeyDef def;
  std::optional<std::string_view> server_default;  // ServerTopicConfigSynonyms' primary synonym
};

// Kafka 3.7's LogConfig, in definition order.
const std::vector<TopicKey>& Keys() {
  static const auto* keys = new std::vector<TopicKey>{
      {{"segment.bytes", ConfigType::kInt, "1073741824", V::AtLeast(14)}, "log.segment.bytes"},
      {{"segment.ms", ConfigType::kLong, "604800000", V::AtLeast(1)}, "log.roll.ms"},
      {{"segment.jitter.ms", ConfigType::kLong, "0", V::AtLeast(0)}, "log.roll.jitter.ms"},
      {{"segment.index.bytes", ConfigType::kInt, "10485760", V::AtLeast(4)},
       "log.index.size.max.bytes"},
      {{"flush.messages", ConfigType::kLong, kLongMaxDefault, V::AtLeast(1)},
       "log.flush.interval.messages"},
      {{"flush.ms", ConfigType::kLong, kLongMaxDefault, V::AtLeast(0)}, "log.flush.interval.ms"},
      {{"retention.bytes", ConfigType::kLong, "-1"}, "log.retention.bytes"},
      {{"retention.ms", ConfigType::kLong, "604800000", V::AtLeast(-1)}, "log.retention.ms"},
      {{"max.message.bytes", ConfigType::kInt, "1048588", V::AtLeast(0)}, "message.max.bytes"},
      {{"index.interval.bytes", ConfigType::kInt, "4096", V::AtLeast(0)},
       "log.index.interval.bytes"},
      {{"delete.retention.ms", ConfigType::kLong, "86400000", V::AtLeast(0)},
       "log.cleaner.delete.retention.ms"},
      {{"min.compaction.lag.ms", ConfigType::kLong, "0", V::AtLeast(0)},
       "log.cleaner.min.compaction.lag.ms"},
      {{"max.compaction.lag.ms", ConfigType::kLong, kLongMaxDefault, V::AtLeast(1)},
       "log.cleaner.max.compaction.lag.ms"},
      {{"file.delete.delay.ms", ConfigType::kLong, "60000", V::AtLeast(0)},
       "log.segment.delete.delay.ms"},
      {{"min.cleanable.dirty.ratio", ConfigType::kDouble, "0.5", V::Between(0, 1)},
       "log.cleaner.min.cleanable.ratio"},
      {{"cleanup.policy", ConfigType::kList, "delete", V::ListIn({"compact", "delete"})},
       "log.cleanup.policy"},
      {{"unclean.leader.election.enable", ConfigType::kBoolean, "false"},
       "unclean.leader.election.enable"},
      {{"min.insync.replicas", ConfigType::kInt, "1", V::AtLeast(1)}, "min.insync.replicas"},
      {{"compression.type", ConfigType::kString, "producer",
        V::In({"uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"})},
       "compression.type"},
      {{"preallocate", ConfigType::kBoolean, "false"}, "log.preallocate"},
      {{"message.format.version", ConfigType::kString, "3.0-IV1"}, "log.message.format.version"},
      {{"message.timestamp.type", ConfigType::kString, "CreateTime",
        V::In({"CreateTime", "LogAppendTime"})},
       "log.message.timestamp.type"},
      {{"message.timestamp.difference.max.ms", ConfigType::kLong, kLongMaxDefault, V::AtLeast(0)},
       "log.message.timestamp.difference.max.ms"},
      {{"message.timestamp.before.max.ms", ConfigType::kLong, kLongMaxDefault, V::AtLeast(0)},
       "log.message.timestamp.before.max.ms"},
      {{"message.timestamp.after.max.ms", ConfigType::kLong, kLongMaxDefault, V::AtLeast(0)},
       "log.message.timestamp.after.max.ms"},
      {{"leader.replication.throttled.replicas", ConfigType::kList, ""}, std::nullopt},
      {{"follower.replication.throttled.replicas", ConfigType::kList, ""}, std::nullopt},
      {{"message.downconversion.enable", ConfigType::kBoolean, "true"},
       "log.message.downconversion.enable"},
      {{"remote.storage.enable", ConfigType::kBoolean, "false"}, std::nullopt},
      {{"local.retention.ms", ConfigType::kLong, "-2", V::AtLeast(-2)}, "log.local.retention.ms"},
      {{"local.retention.bytes", ConfigType::kLong, "-2", V::AtLeast(-2)},
       "log.local.retention.bytes"},
  };
  return *keys;
}

const std::vector<ConfigKeyDef>& TopicDefs() {
  static const auto* defs = [] {
    auto* d = new std::vector<ConfigKeyDef>();
    for (const TopicKey& k : Keys()) d->push_back(k.def);
    return d;
  }();
  return *defs;
}

// String.split("\\s*=\\s*"): the fields between '=' signs, blanks next to each '=' dropped,
// trailing empty fields dropped; no '=' leaves the string whole.
std::vector<std::string> SplitOnEquals(const std::string& s) {
  const auto blank = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
  };
  if (s.find('=') == std::string::npos) return {s};
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t eq = s.find('=', start);
    std::string field = s.substr(start, eq == std::string::npos ? std::string::npos : eq - start);
    if (start > 0) {
      size_t i = 0;
      while (i < field.size() && blank(field[i])) ++i;
      field.erase(0, i);
    }
    if (eq != std::string::npos) {
      while (!field.empty() && blank(field.back())) field.pop_back();
    }
    parts.push_back(std::move(field));
    if (eq == std::string::npos) break;
    start = eq + 1;
  }
  while (!parts.empty() && parts.back().empty()) parts.pop_back();
  return parts;
}

Duration MillisOrMaxNonNegative(int64_t ms) { return ms < 0 ? Duration::Max() : MillisOrMax(ms); }

}  // namespace

std::span<const ConfigKeyDef> TopicConfigDefs() { return TopicDefs(); }

std::optional<std::string_view> ServerDefaultProperty(std::string_view topic_key) {
  for (const TopicKey& k : Keys()) {
    if (k.def.name == topic_key) return k.server_default;
  }
  return std::nullopt;
}

AdminResult<ConfigMap> ParseTopicConfigArgs(std::span<const std::string> args) {
  ConfigMap props;
  std::vector<std::pair<std::string, std::string>> pairs;
  bool well_formed = true;
  for (const std::string& arg : args) {
    const std::vector<std::string> parts = SplitOnEquals(arg);
    if (parts.size() != 2) {
      well_formed = false;
      continue;
    }
    pairs.emplace_back(parts[0], parts[1]);
  }
  if (!well_formed) {
    return MakeAdminError(
        exceptions::kIllegalArgument,
        "requirement failed: Invalid topic config: all configs to be added must be in the format "
        "\"key=val\".");
  }
  const auto trim = [](std::string s) {
    while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.pop_back();
    size_t i = 0;
    while (i < s.size() && static_cast<unsigned char>(s[i]) <= ' ') ++i;
    return s.substr(i);
  };
  for (auto& [k, v] : pairs) props[trim(k)] = trim(v);
  if (auto error = ValidateTopicConfigs(props)) return *error;
  return props;
}

std::optional<AdminError> ValidateTopicConfigs(const ConfigMap& overrides) {
  for (const auto& [name, value] : overrides) {
    const bool known = std::any_of(TopicDefs().begin(), TopicDefs().end(),
                                   [&](const ConfigKeyDef& d) { return d.name == name; });
    if (!known)
      return MakeAdminError(exceptions::kInvalidConfiguration,
                            "Unknown topic config name: " + name);
  }
  auto parsed = ParseConfigs(TopicDefs(), overrides);
  if (auto* error = std::get_if<AdminError>(&parsed)) return *error;
  const ParsedConfig& v = std::get<ParsedConfigs>(parsed).values;
  const int64_t min_lag = v.GetLong("min.compaction.lag.ms"),
                max_lag = v.GetLong("max.compaction.lag.ms");
  if (min_lag > max_lag) {
    return MakeAdminError(
        exceptions::kInvalidConfiguration,
        fmt::format(
            "conflict topic config setting min.compaction.lag.ms ({}) > max.compaction.lag.ms ({})",
            min_lag, max_lag));
  }
  return std::nullopt;
}

AdminResult<TopicConfig> EffectiveTopicConfig(const KafkaConfig& broker,
                                              const ConfigMap& overrides) {
  if (auto error = ValidateTopicConfigs(overrides)) return *error;
  ConfigMap merged = broker.log_config_defaults;
  for (const auto& [k, v] : overrides) merged[k] = v;
  auto parsed = ParseConfigs(TopicDefs(), merged);
  if (auto* error = std::get_if<AdminError>(&parsed)) return *error;
  const ParsedConfig& v = std::get<ParsedConfigs>(parsed).values;
  TopicConfig c;
  c.cleanup_policy = v.GetList("cleanup.policy");
  // LogConfig lower-cases the policies when it reads them.
  for (const std::string& p : c.cleanup_policy) {
    std::string lower = p;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    c.cleanup_compact |= lower == "compact";
  }
  c.cleanup_delete = std::find(c.cleanup_policy.begin(), c.cleanup_policy.end(), "delete") !=
                     c.cleanup_policy.end();
  const int64_t retention_ms = v.GetLong("retention.ms");
  c.retention =
      retention_ms < 0 ? std::nullopt : std::optional<Duration>(MillisOrMax(retention_ms));
  c.retention_bytes = v.GetLong("retention.bytes");
  c.segment_bytes = v.GetInt("segment.bytes");
  c.segment = MillisOrMax(v.GetLong("segment.ms"));
  c.segment_jitter = MillisOrMax(v.GetLong("segment.jitter.ms"));
  c.segment_index_bytes = v.GetInt("segment.index.bytes");
  c.index_interval_bytes = v.GetInt("index.interval.bytes");
  c.max_message_bytes = v.GetInt("max.message.bytes");
  c.min_insync_replicas = v.GetInt("min.insync.replicas");
  c.unclean_leader_election_enable = v.GetBool("unclean.leader.election.enable");
  c.delete_retention = MillisOrMax(v.GetLong("delete.retention.ms"));
  c.min_compaction_lag = MillisOrMax(v.GetLong("min.compaction.lag.ms"));
  c.max_compaction_lag = MillisOrMax(v.GetLong("max.compaction.lag.ms"));
  c.min_cleanable_dirty_ratio = v.GetDouble("min.cleanable.dirty.ratio");
  c.file_delete_delay = MillisOrMax(v.GetLong("file.delete.delay.ms"));
  c.flush_messages = v.GetLong("flush.messages");
  c.flush = MillisOrMaxNonNegative(v.GetLong("flush.ms"));
  c.compression_type = v.GetString("compression.type");
  c.message_timestamp_type = v.GetString("message.timestamp.type");
  c.preallocate = v.GetBool("preallocate");
  c.values = v;
  return c;
}

std::vector<ConfigEntry> NonDefaultTopicConfigs(const KafkaConfig& broker,
                                                const ConfigMap& overrides) {
  auto effective = EffectiveTopicConfig(broker, overrides);
  assert(std::holds_alternative<TopicConfig>(effective) && "a stored topic config is valid");
  const ParsedConfig& v = std::get<TopicConfig>(effective).values;
  std::vector<std::string> names;
  for (const TopicKey& k : Keys()) {
    const bool overridden = overrides.find(k.def.name) != overrides.end();
    const bool static_broker =
        k.server_default && broker.originals.find(*k.server_default) != broker.originals.end();
    if (overridden || static_broker) names.emplace_back(k.def.name);
  }
  // The admin client keeps a describe result in a HashMap of every entry (Config.entries()).
  const int32_t table = JavaHashMapTableSize(Keys().size());
  std::vector<ConfigEntry> out;
  for (const std::string& name : JavaHashMapOrder(std::move(names), table)) {
    out.push_back({name, ConfigValueToString(v.Get(name))});
  }
  return out;
}

}  // namespace kafkasim
