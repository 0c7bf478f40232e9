// The Log's reads (Kafka's LocalLog.read and LogSegment.read), offset lookups and ListOffsets
// (UnifiedLog.fetchOffsetByTimestamp).

#include <fmt/format.h>

#include <cassert>

#include "sim/storage/log.h"

namespace kafkasim {

LogReadInfo Log::Read(Offset from, int32_t max_bytes, Offset max_offset, bool min_one_batch) const {
  assert(max_bytes >= 0);
  LogReadInfo info;
  info.log_start_offset = log_start_offset_;
  info.log_end_offset = log_end_offset_;
  if (from < log_start_offset_) {
    info.error = LogError::kOffsetOutOfRange;
    info.message = fmt::format(
        "Received request for offset {} for partition {}, but we only have log segments starting "
        "from offset: {}.",
        from.value(), name(), log_start_offset_.value());
    return info;
  }
  if (from > log_end_offset_) {
    info.error = LogError::kOffsetOutOfRange;
    info.message = fmt::format(
        "Received request for offset {} for partition {}, but we only have log "
        "segments upto {}.",
        from.value(), name(), log_end_offset_.value());
    return info;
  }
  if (from >= max_offset) return info;
  // LocalLog.read: the segment holding `from`, or the next ones if it holds nothing at or after
  // it (the records there were compacted away or the batch ends before it).
  for (size_t s = SegmentIndexFor(from); s < segments_.size(); ++s) {
    const LogSegment& segment = *segments_[s];
    const std::optional<size_t> first = segment.FindBatch(from);
    if (!first) continue;
    for (size_t i = *first; i < segment.batch_count(); ++i) {
      // The upper bound is a position in Kafka: the start of the batch holding max_offset.
      if (segment.last_offset(i) >= max_offset.value()) break;
      const int64_t size = segment.batch_size(i);
      const bool first_batch = info.batches.empty();
      if (info.size_bytes + size > max_bytes && !(first_batch && min_one_batch)) break;
      info.batches.push_back(segment.batch(i));
      info.size_bytes += size;
    }
    break;  // one segment per read, as LogSegment.read
  }
  return info;
}

std::optional<Log::BatchLocation> Log::FindBatch(Offset offset) const {
  for (size_t s = SegmentIndexFor(offset); s < segments_.size(); ++s) {
    if (const std::optional<size_t> batch = segments_[s]->FindBatch(offset)) {
      return BatchLocation{s, *batch, segments_[s]->position(*batch)};
    }
  }
  return std::nullopt;
}

TimestampAndOffset Log::OffsetForTimestamp(int64_t timestamp_ms) const {
  const auto epoch_at = [this](Offset offset) {
    return epoch_cache_.EpochForOffset(offset).value_or(kNoLeaderEpoch);
  };
  if (timestamp_ms == kEarliestTimestamp) {
    return {-1, log_start_offset_, epoch_at(log_start_offset_)};
  }
  if (timestamp_ms == kLatestTimestamp) {
    return {-1, log_end_offset_, latest_epoch().value_or(kNoLeaderEpoch)};
  }
  if (timestamp_ms == kMaxTimestamp) {
    // KIP-734: the record with the largest timestamp (the first such, KAFKA-16310's fix).
    const LogSegment* best = nullptr;
    for (const auto& segment : segments_) {
      if (!segment->empty() && (!best || segment->max_timestamp_ms() > best->max_timestamp_ms())) {
        best = segment.get();
      }
    }
    if (!best) return {};
    for (size_t i = 0; i < best->batch_count(); ++i) {
      const RecordBatchView view = best->batch(i).view();
      if (view.max_timestamp() != best->max_timestamp_ms()) continue;
      for (const RecordView& record : view) {
        if (record.timestamp_ms == view.max_timestamp() &&
            Offset(record.offset) >= log_start_offset_) {
          return {record.timestamp_ms, Offset(record.offset),
                  LeaderEpoch(view.partition_leader_epoch())};
        }
      }
    }
    return {};
  }
  assert(timestamp_ms >= 0 && "ListOffsets takes a time or one of the special timestamps");
  // UnifiedLog.fetchOffsetByTimestamp: the first segment whose largest timestamp reaches the
  // target, then its time index, then a scan for the first record at or after it.
  for (const auto& segment : segments_) {
    if (segment->empty() || segment->max_timestamp_ms() < timestamp_ms) continue;
    const std::optional<size_t> first = segment->FindBatchByTimestamp(timestamp_ms);
    for (size_t i = first.value_or(segment->batch_count()); i < segment->batch_count(); ++i) {
      const RecordBatchView view = segment->batch(i).view();
      if (view.max_timestamp() < timestamp_ms) continue;
      for (const RecordView& record : view) {
        if (record.timestamp_ms >= timestamp_ms && Offset(record.offset) >= log_start_offset_) {
          return {record.timestamp_ms, Offset(record.offset),
                  LeaderEpoch(view.partition_leader_epoch())};
        }
      }
    }
    return {};
  }
  return {};
}

}  // namespace kafkasim
