// The Log's compaction (Kafka's LogCleaner for cleanup.policy=compact): the latest record per key
// survives, offsets are kept, tombstones go after their delete horizon (KIP-534).

#include <fmt/format.h>

#include <cassert>
#include <map>
#include <string>

#include "sim/storage/log.h"
#include "sim/storage/record_batch_builder.h"

namespace kafkasim {

Offset Log::FirstUncleanableOffset(Offset high_watermark) const {
  // The active segment is never cleaned, nor anything at or past the high watermark (Kafka's
  // last stable offset); cleaning works on whole segments, so the bound is a segment's base.
  const Offset bound = std::min(high_watermark, log_end_offset_);
  return std::min(segments_.back()->base_offset(),
                  segments_[SegmentIndexFor(bound)]->base_offset());
}

double Log::DirtyRatio(Offset high_watermark) const {
  const Offset first_dirty = std::max(cleaner_checkpoint_, log_start_offset_);
  const Offset first_uncleanable = FirstUncleanableOffset(high_watermark);
  int64_t clean = 0, dirty = 0;
  for (const auto& segment : segments_) {
    if (segment->base_offset() >= first_uncleanable) break;
    (segment->base_offset() < first_dirty ? clean : dirty) += segment->size_bytes();
  }
  return clean + dirty == 0 ? 0.0 : static_cast<double>(dirty) / static_cast<double>(clean + dirty);
}

bool Log::NeedsCompaction(Offset high_watermark) const {
  return options_.config.cleanup_compact &&
         DirtyRatio(high_watermark) >= options_.config.min_cleanable_dirty_ratio &&
         DirtyRatio(high_watermark) > 0;
}

namespace {

std::string KeyOf(const RecordView& record) { return std::string(AsString(*record.key)); }

bool ContainsTombstone(const RecordBatchView& view) {
  for (const RecordView& record : view) {
    if (!record.value) return true;
  }
  return false;
}

}  // namespace

LogEvents Log::Compact(Offset high_watermark, Time now) {
  LogEvents events;
  if (!options_.config.cleanup_compact) return events;
  const Offset first_dirty = std::max(cleaner_checkpoint_, log_start_offset_);
  const Offset end = FirstUncleanableOffset(high_watermark);
  if (end <= first_dirty) return events;

  // The offset map: each key's latest offset in the dirty range (Kafka's SkimpyOffsetMap).
  std::map<std::string, int64_t> latest;
  for (const auto& segment : segments_) {
    if (segment->base_offset() >= end) break;
    for (size_t i = 0; i < segment->batch_count(); ++i) {
      const RecordBatchView view = segment->batch(i).view();
      if (view.last_offset() < first_dirty.value() || view.is_control_batch()) continue;
      for (const RecordView& record : view) {
        if (record.key && record.offset >= first_dirty.value())
          latest[KeyOf(record)] = record.offset;
      }
    }
  }

  const int64_t now_ms = now.millis();
  int64_t removed_records = 0, tombstones_removed = 0;
  for (auto& segment : segments_) {
    if (segment->base_offset() >= end) break;
    const int64_t size_before = segment->size_bytes();
    std::vector<RecordBatch> kept;
    bool changed = false;
    for (size_t i = 0; i < segment->batch_count(); ++i) {
      const RecordBatch& batch = segment->batch(i);
      const RecordBatchView view = batch.view();
      if (view.is_control_batch()) {
        kept.push_back(batch);
        continue;
      }
      const std::optional<int64_t> horizon =
          view.has_delete_horizon() ? std::optional<int64_t>(view.base_timestamp()) : std::nullopt;
      const bool retain_deletes = !horizon || now_ms < *horizon;
      // LogCleaner.shouldRetainRecord: the latest offset for its key, and a value or a tombstone
      // whose horizon has not passed.
      std::vector<const RecordView*> unused;
      std::vector<RecordView> retained;
      int32_t count = 0;
      for (const RecordView& record : view) {
        ++count;
        bool keep = false;
        if (record.key) {
          const auto it = latest.find(KeyOf(record));
          const bool is_latest = it == latest.end() || record.offset >= it->second;
          keep = is_latest && (record.value || retain_deletes);
          if (is_latest && !record.value && !retain_deletes) ++tombstones_removed;
        }
        if (keep) retained.push_back(record);
      }
      // A batch with tombstones gets its delete horizon on its first cleaning.
      const bool set_horizon = !horizon && ContainsTombstone(view);
      if (static_cast<int32_t>(retained.size()) == count && !set_horizon) {
        kept.push_back(batch);  // untouched: keep sharing its buffer
        continue;
      }
      changed = true;
      removed_records += count - static_cast<int32_t>(retained.size());
      if (retained.empty()) continue;
      RecordBatchBuilder builder(
          {.base_offset = view.base_offset(),
           .partition_leader_epoch = view.partition_leader_epoch(),
           .producer_id = view.producer_id(),
           .producer_epoch = view.producer_epoch(),
           .base_sequence = view.base_sequence(),
           .timestamp_type = view.timestamp_type(),
           .log_append_time_ms =
               view.timestamp_type() == TimestampType::kLogAppendTime ? view.max_timestamp() : -1,
           .is_transactional = view.is_transactional(),
           .delete_horizon_ms =
               set_horizon ? std::optional<int64_t>(now_ms + options_.config.delete_retention_ms)
                           : horizon});
      for (const RecordView& record : retained) {
        std::vector<RecordHeader> headers(record.headers.begin(), record.headers.end());
        builder.AppendWithOffsetDelta(static_cast<int32_t>(record.offset - view.base_offset()),
                                      {.timestamp_ms = record.timestamp_ms,
                                       .key = record.key,
                                       .value = record.value,
                                       .headers = headers});
      }
      builder.OverrideLastOffsetDelta(view.last_offset_delta());
      kept.push_back(builder.Build());
    }
    if (!changed) continue;
    segment->ReplaceBatches(std::move(kept));
    SyncFiles(*segment);
    events.push_back({"log.clean",
                      fmt::format("cleanup.policy={}", options_.config.cleanup_policy()),
                      fmt::format("segment {} of {} cleaned: {} -> {} bytes",
                                  SegmentFilePrefix(segment->base_offset()), name(), size_before,
                                  segment->size_bytes())});
  }
  cleaner_checkpoint_ = end;
  events.push_back(
      {"log.clean",
       fmt::format("min.cleanable.dirty.ratio={}", options_.config.min_cleanable_dirty_ratio),
       fmt::format("{} compacted up to offset {}: {} records removed ({} tombstones past "
                   "delete.retention.ms={})",
                   name(), end.value(), removed_records, tombstones_removed,
                   options_.config.delete_retention_ms)});
  return events;
}

}  // namespace kafkasim
