#pragma once
// The topic-level configuration of a partition's log, with Kafka 3.7's defaults (LogConfig.java
// and TopicConfig.java). Fields are named after the keys they mirror, units included, because a
// teacher sets them by those keys (`kafka-configs.sh --alter --add-config retention.ms=60000`).
// Broker-wide `log.*` settings set the same fields for topics that do not override them.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/storage/record_batch.h"

namespace kafkasim {

// Java's Long.MAX_VALUE, the "never" of flush.messages, flush.ms and max.compaction.lag.ms.
inline constexpr int64_t kLongMax = std::numeric_limits<int64_t>::max();

struct LogConfig {
  // segment.bytes: roll when the active segment would grow past this (1 GiB).
  int64_t segment_bytes = 1073741824;
  // segment.ms: roll when the active segment's records span more than this (7 days).
  int64_t segment_ms = 604800000;
  // segment.jitter.ms: subtracted from segment.ms, so that segments do not all roll at once.
  int64_t segment_jitter_ms = 0;
  // segment.index.bytes: the size of a segment's index files; a full index rolls the segment.
  int64_t segment_index_bytes = 10485760;
  // index.interval.bytes: bytes appended between two offset index entries.
  int64_t index_interval_bytes = 4096;
  // retention.ms: delete a segment once its newest record is older than this; -1 = forever.
  int64_t retention_ms = 604800000;
  // retention.bytes: delete the oldest segments while the log is larger; -1 = no limit.
  int64_t retention_bytes = -1;
  // cleanup.policy: "delete", "compact" or "compact,delete".
  bool cleanup_delete = true;
  bool cleanup_compact = false;
  // min.cleanable.dirty.ratio: compact when dirty bytes / all cleanable bytes reach this.
  double min_cleanable_dirty_ratio = 0.5;
  // delete.retention.ms: how long a tombstone survives after its segment was cleaned (1 day).
  int64_t delete_retention_ms = 86400000;
  // min.compaction.lag.ms / max.compaction.lag.ms: a record stays uncompacted at least / at most
  // this long.
  int64_t min_compaction_lag_ms = 0;
  int64_t max_compaction_lag_ms = kLongMax;
  // flush.messages / flush.ms: force an fsync after this many records / this long. The default
  // leaves it to the operating system's writeback.
  int64_t flush_messages = kLongMax;
  int64_t flush_ms = kLongMax;
  // file.delete.delay.ms: a deleted segment is renamed *.deleted and removed this much later.
  int64_t file_delete_delay_ms = 60000;
  // max.message.bytes: the largest record batch the leader accepts (1 MiB + 12 bytes).
  int64_t max_message_bytes = 1048588;
  // message.timestamp.type: CreateTime (the producer's clock) or LogAppendTime (the broker's).
  TimestampType message_timestamp_type = TimestampType::kCreateTime;

  // Sets one topic-level key from its text, as kafka-configs and kafka-topics --config do.
  // Returns Kafka's complaint for an unknown key or a bad value, nothing when it was set:
  //   "Invalid value abc for configuration retention.ms: Not a number of type LONG".
  std::optional<std::string> Set(std::string_view key, std::string_view value);
  // The value of a key as kafka-configs --describe prints it ("604800000", "delete").
  std::optional<std::string> Get(std::string_view key) const;
  // Every key Set() accepts, sorted.
  static const std::vector<std::string_view>& Keys();

  std::string cleanup_policy() const;  // "delete", "compact" or "compact,delete"
};

}  // namespace kafkasim
