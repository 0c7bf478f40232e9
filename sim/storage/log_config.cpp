#include "sim/storage/log_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace kafkasim {

namespace {

// One long-valued key: where it lives and the range LogConfig.java's validator allows.
struct LongKey {
  std::string_view key;
  int64_t LogConfig::*field;
  int64_t min;
};

// Validators as in Kafka 3.7's LogConfig (atLeast(n)); retention.* accept -1 for "unlimited".
constexpr LongKey kLongKeys[] = {
    {"delete.retention.ms", &LogConfig::delete_retention_ms, 0},
    {"file.delete.delay.ms", &LogConfig::file_delete_delay_ms, 0},
    {"flush.messages", &LogConfig::flush_messages, 1},
    {"flush.ms", &LogConfig::flush_ms, 0},
    {"index.interval.bytes", &LogConfig::index_interval_bytes, 0},
    {"max.compaction.lag.ms", &LogConfig::max_compaction_lag_ms, 1},
    {"max.message.bytes", &LogConfig::max_message_bytes, 0},
    {"min.compaction.lag.ms", &LogConfig::min_compaction_lag_ms, 0},
    {"retention.bytes", &LogConfig::retention_bytes, std::numeric_limits<int64_t>::min()},
    {"retention.ms", &LogConfig::retention_ms, -1},
    {"segment.bytes", &LogConfig::segment_bytes, 14},  // LegacyRecord.RECORD_OVERHEAD_V0
    {"segment.index.bytes", &LogConfig::segment_index_bytes, 4},
    {"segment.jitter.ms", &LogConfig::segment_jitter_ms, 0},
    {"segment.ms", &LogConfig::segment_ms, 1},
};

std::string Invalid(std::string_view value, std::string_view key, std::string_view why) {
  return fmt::format("Invalid value {} for configuration {}: {}", value, key, why);
}

}  // namespace

std::optional<std::string> LogConfig::Set(std::string_view key, std::string_view value) {
  for (const LongKey& k : kLongKeys) {
    if (k.key != key) continue;
    int64_t parsed = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc() || end != value.data() + value.size()) {
      return Invalid(value, key, "Not a number of type LONG");
    }
    if (parsed < k.min) return Invalid(value, key, fmt::format("Value must be at least {}", k.min));
    // Kafka declares segment.bytes and max.message.bytes as INT.
    if ((key == "segment.bytes" || key == "max.message.bytes" || key == "index.interval.bytes" ||
         key == "segment.index.bytes") &&
        parsed > std::numeric_limits<int32_t>::max()) {
      return Invalid(value, key, "Not a number of type INT");
    }
    this->*k.field = parsed;
    return std::nullopt;
  }
  if (key == "min.cleanable.dirty.ratio") {
    double parsed = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(parsed)) {
      return Invalid(value, key, "Not a number of type DOUBLE");
    }
    if (parsed < 0) return Invalid(value, key, "Value must be at least 0");
    if (parsed > 1) return Invalid(value, key, "Value must be no more than 1");
    min_cleanable_dirty_ratio = parsed;
    return std::nullopt;
  }
  if (key == "cleanup.policy") {
    bool compact = false, remove = false;
    std::string_view rest = value;
    while (true) {
      const size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (item == "compact") {
        compact = true;
      } else if (item == "delete") {
        remove = true;
      } else {
        return Invalid(value, key, "String must be one of: compact, delete");
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    cleanup_compact = compact;
    cleanup_delete = remove;
    return std::nullopt;
  }
  if (key == "message.timestamp.type") {
    if (value == "CreateTime") {
      message_timestamp_type = TimestampType::kCreateTime;
    } else if (value == "LogAppendTime") {
      message_timestamp_type = TimestampType::kLogAppendTime;
    } else {
      return Invalid(value, key, "String must be one of: CreateTime, LogAppendTime");
    }
    return std::nullopt;
  }
  return fmt::format("Unknown topic config name: {}", key);
}

std::optional<std::string> LogConfig::Get(std::string_view key) const {
  for (const LongKey& k : kLongKeys) {
    if (k.key == key) return fmt::format("{}", this->*k.field);
  }
  if (key == "min.cleanable.dirty.ratio") return fmt::format("{}", min_cleanable_dirty_ratio);
  if (key == "cleanup.policy") return cleanup_policy();
  if (key == "message.timestamp.type") {
    return message_timestamp_type == TimestampType::kCreateTime ? "CreateTime" : "LogAppendTime";
  }
  return std::nullopt;
}

const std::vector<std::string_view>& LogConfig::Keys() {
  static const std::vector<std::string_view> keys = [] {
    std::vector<std::string_view> all;
    for (const LongKey& k : kLongKeys) all.push_back(k.key);
    all.push_back("cleanup.policy");
    all.push_back("message.timestamp.type");
    all.push_back("min.cleanable.dirty.ratio");
    std::sort(all.begin(), all.end());
    return all;
  }();
  return keys;
}

std::string LogConfig::cleanup_policy() const {
  if (cleanup_compact && cleanup_delete) return "compact,delete";
  if (cleanup_compact) return "compact";
  return cleanup_delete ? "delete" : "";
}

}  // namespace kafkasim
