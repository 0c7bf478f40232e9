// The Log's retention (UnifiedLog.deleteOldSegments) and kafka-delete-records.sh
// (UnifiedLog.maybeIncrementLogStartOffset).

#include <fmt/format.h>

#include <cassert>
#include <functional>

#include "sim/storage/log.h"
#include "sim/storage/segment_files.h"

namespace kafkasim {

void Log::MaybeIncrementLogStartOffset(Offset offset) {
  if (offset <= log_start_offset_) return;
  assert(offset <= log_end_offset_ && "the log start never passes the log end");
  log_start_offset_ = offset;
  cleaner_checkpoint_ = std::max(cleaner_checkpoint_, offset);
  if (epoch_cache_.TruncateFromStart(offset) && options_.files) {
    const std::string checkpoint = epoch_cache_.ToCheckpointFile();
    options_.files->Write(name() + "/leader-epoch-checkpoint", AsBytes(checkpoint));
  }
}

LogEvent Log::DeleteSegmentAt(size_t index, std::string reason, std::string rule) {
  assert(index < segments_.size());
  const LogSegment& segment = *segments_[index];
  const std::string prefix = SegmentFilePrefix(segment.base_offset());
  // Kafka renames the files *.deleted and removes them file.delete.delay.ms later; nothing can
  // read them meanwhile, so they go at once here.
  if (options_.files) {
    for (const char* ext : {".log", ".index", ".timeindex"}) {
      options_.files->Remove(fmt::format("{}/{}{}", name(), prefix, ext));
    }
  }
  segments_.erase(segments_.begin() + static_cast<ptrdiff_t>(index));
  return {"log.segment_delete", std::move(rule),
          fmt::format("segment {} of {} deleted: {}", prefix, name(), reason)};
}

LogEvents Log::DeleteOldSegments(Offset high_watermark, Time now) {
  assert(high_watermark <= log_end_offset_);
  LogEvents events;
  // LocalLog.deletableSegments: a prefix of the segments, each passing `predicate` and lying
  // wholly below the high watermark; never an empty active segment.
  using Predicate = std::function<bool(const LogSegment&, const LogSegment* next)>;
  const auto delete_prefix = [&](const Predicate& predicate, const std::string& reason,
                                 const std::string& rule) {
    size_t count = 0;
    for (; count < segments_.size(); ++count) {
      const LogSegment& segment = *segments_[count];
      const LogSegment* next = count + 1 < segments_.size() ? segments_[count + 1].get() : nullptr;
      const Offset upper = next ? next->base_offset() : log_end_offset_;
      if (!next && segment.empty()) break;
      if (high_watermark < upper || !predicate(segment, next)) break;
    }
    if (count == 0) return;
    // There must always be a segment: deleting them all rolls a new, empty one first.
    if (count == segments_.size()) {
      events.push_back(Roll(now, "the active segment is due for deletion", rule));
    }
    for (size_t i = 0; i < count; ++i) events.push_back(DeleteSegmentAt(0, reason, rule));
    MaybeIncrementLogStartOffset(segments_.front()->base_offset());
  };

  // Segments wholly below a log start that DeleteRecords moved.
  delete_prefix(
      [&](const LogSegment&, const LogSegment* next) {
        return next && next->base_offset() <= log_start_offset_;
      },
      fmt::format("log start offset {} breach (wholly below it)", log_start_offset_.value()),
      "kafka-delete-records");
  if (!options_.config.cleanup_delete) return events;

  const LogConfig& config = options_.config;
  if (config.retention_bytes >= 0) {
    int64_t excess = size_bytes() - config.retention_bytes;
    delete_prefix(
        [&](const LogSegment& segment, const LogSegment*) {
          if (excess - segment.size_bytes() < 0) return false;
          excess -= segment.size_bytes();
          return true;
        },
        fmt::format("the log is over retention.bytes={}", config.retention_bytes),
        fmt::format("retention.bytes={}", config.retention_bytes));
  }
  if (config.retention_ms >= 0) {
    delete_prefix(
        [&](const LogSegment& segment, const LogSegment*) {
          return now.millis() - segment.largest_timestamp_ms() > config.retention_ms;
        },
        fmt::format("older than retention.ms={}", config.retention_ms),
        fmt::format("retention.ms={}", config.retention_ms));
  }
  return events;
}

Log::DeleteRecordsResult Log::DeleteRecordsBefore(Offset offset, Offset high_watermark) {
  DeleteRecordsResult result;
  // DeleteRecordsRequest.HIGH_WATERMARK (-1) means "everything below the high watermark".
  if (offset == kUndefinedOffset) offset = high_watermark;
  if (offset.value() < 0) {
    result.error = LogError::kOffsetOutOfRange;
    result.message =
        fmt::format("The offset {} for partition {} is not valid", offset.value(), name());
  } else if (offset > high_watermark) {
    result.error = LogError::kOffsetOutOfRange;
    result.message = fmt::format(
        "Cannot increment the log start offset to {} of partition {} since it is larger than the "
        "high watermark {}",
        offset.value(), name(), high_watermark.value());
  } else if (offset > log_start_offset_) {
    const Offset old_start = log_start_offset_;
    MaybeIncrementLogStartOffset(offset);
    result.events.push_back(
        {"log.start_offset", "kafka-delete-records",
         fmt::format("{}: log start offset moved from {} to {} (records deleted)", name(),
                     old_start.value(), offset.value())});
  }
  result.low_watermark = log_start_offset_;
  return result;
}

}  // namespace kafkasim
