// The Log's appends, truncation and leader epochs. Reads and ListOffsets are in log_read.cpp,
// durability in log_recovery.cpp, retention in log_retention.cpp, compaction in log_cleaner.cpp.

#include "sim/storage/log.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>

#include "sim/storage/segment_files.h"

namespace kafkasim {

const char* LogErrorName(LogError error) {
  switch (error) {
    case LogError::kNone:
      return "NONE";
    case LogError::kOffsetOutOfRange:
      return "OFFSET_OUT_OF_RANGE";
    case LogError::kCorruptMessage:
      return "CORRUPT_MESSAGE";
    case LogError::kMessageTooLarge:
      return "MESSAGE_TOO_LARGE";
    case LogError::kInvalidRecord:
      return "INVALID_RECORD";
    case LogError::kUnexpectedAppendOffset:
      return "UNEXPECTED_APPEND_OFFSET";
  }
  return "UNKNOWN";
}

Log::Log(LogOptions options, Time now, Offset log_start_offset)
    : options_(std::move(options)),
      log_start_offset_(log_start_offset),
      log_end_offset_(log_start_offset),
      recovery_point_(log_start_offset),
      cleaner_checkpoint_(log_start_offset),
      last_flush_time_(now) {
  assert(log_start_offset.value() >= 0);
  segments_.push_back(
      std::make_unique<LogSegment>(log_start_offset, now, options_.config.index_interval_bytes));
  SyncFiles(*segments_.back());
}

Log::~Log() = default;

std::string Log::name() const { return fmt::format("{}-{}", options_.topic, options_.partition); }
std::string Log::dir() const { return fmt::format("{}/{}", options_.log_dir, name()); }

int64_t Log::size_bytes() const {
  int64_t size = 0;
  for (const auto& segment : segments_) size += segment->size_bytes();
  return size;
}

size_t Log::SegmentIndexFor(Offset offset) const {
  const auto it = std::upper_bound(
      segments_.begin(), segments_.end(), offset,
      [](Offset o, const std::unique_ptr<LogSegment>& s) { return o < s->base_offset(); });
  return it == segments_.begin() ? 0 : static_cast<size_t>(it - segments_.begin()) - 1;
}

const LogSegment* Log::SegmentByFileName(std::string_view file_name) const {
  for (const auto& segment : segments_) {
    if (file_name == SegmentFilePrefix(segment->base_offset()) + ".log") return segment.get();
  }
  return nullptr;
}

// --- Appends ------------------------------------------------------------------------------------

LogAppendInfo Log::AppendAsLeader(const RecordBatch& batch, LeaderEpoch epoch, Time now) {
  const RecordBatchView view = batch.view();
  LogAppendInfo info;
  info.log_start_offset = log_start_offset_;
  // UnifiedLog.analyzeAndValidateRecords: the batch size limit.
  if (static_cast<int64_t>(view.size_bytes()) > options_.config.max_message_bytes) {
    info.error = LogError::kMessageTooLarge;
    info.message = fmt::format(
        "Message batch size is {} bytes in append to partition {} which exceeds the maximum "
        "configured size of {}.",
        view.size_bytes(), name(), options_.config.max_message_bytes);
    return info;
  }
  // LogValidator.validateKey: a compacted topic needs a key to compact by.
  if (options_.config.cleanup_compact && !view.is_control_batch()) {
    for (const RecordView& record : view) {
      if (!record.key) {
        info.error = LogError::kInvalidRecord;
        info.message = fmt::format(
            "Compacted topic cannot accept message without key in topic partition {}.", name());
        return info;
      }
    }
  }
  assert((!latest_epoch() || epoch >= *latest_epoch()) && "a leader appends in its own epoch");
  std::optional<int64_t> log_append_time;
  if (options_.config.message_timestamp_type == TimestampType::kLogAppendTime) {
    log_append_time = now.millis();
  }
  const RecordBatch stamped =
      batch.StampedForAppend(log_end_offset_.value(), epoch.value(), log_append_time);
  info = AppendValidated(stamped, now);
  info.log_append_time_ms = log_append_time.value_or(-1);
  return info;
}

LogAppendInfo Log::AppendAsFollower(const RecordBatch& batch, Time now) {
  const RecordBatchView view = batch.view();
  if (Offset(view.base_offset()) < log_end_offset_) {
    LogAppendInfo info;
    info.log_start_offset = log_start_offset_;
    info.error = LogError::kUnexpectedAppendOffset;
    info.message = fmt::format(
        "Unexpected offset in append to {}. First offset {} is less than the next offset {}.",
        name(), view.base_offset(), log_end_offset_.value());
    return info;
  }
  return AppendValidated(batch, now);
}

LogAppendInfo Log::AppendAsFollower(Bytes records, Time now) {
  // Validate everything first (Kafka's analyzeAndValidateRecords): a broken batch appends nothing.
  std::vector<RecordBatch> batches;
  size_t position = 0;
  while (position < records.size()) {
    DecodeResult<RecordBatchView> parsed = RecordBatchView::Parse(records, position);
    if (!parsed.ok()) {
      if (parsed.status().code() == DecodeStatus::Code::kIncomplete) break;  // a cut-off tail
      LogAppendInfo info;
      info.log_start_offset = log_start_offset_;
      info.error = LogError::kCorruptMessage;
      info.message = parsed.status().message();
      return info;
    }
    const Bytes bytes = parsed->bytes();
    DecodeResult<RecordBatch> owned =
        RecordBatch::FromBytes(std::vector<std::byte>(bytes.begin(), bytes.end()));
    assert(owned.ok());
    batches.push_back(std::move(owned).value());
    position += bytes.size();
  }
  LogAppendInfo total;
  total.log_start_offset = log_start_offset_;
  for (const RecordBatch& batch : batches) {
    LogAppendInfo one = AppendAsFollower(batch, now);
    if (!one.ok()) return one;
    if (total.batch_count == 0) total.first_offset = one.first_offset;
    total.last_offset = one.last_offset;
    total.record_count += one.record_count;
    total.batch_count += 1;
    total.valid_bytes += one.valid_bytes;
    if (one.max_timestamp_ms > total.max_timestamp_ms) {
      total.max_timestamp_ms = one.max_timestamp_ms;
      total.offset_of_max_timestamp = one.offset_of_max_timestamp;
    }
    for (LogEvent& event : one.events) total.events.push_back(std::move(event));
  }
  return total;
}

LogAppendInfo Log::AppendValidated(const RecordBatch& batch, Time now) {
  const RecordBatchView view = batch.view();
  const auto size = static_cast<int64_t>(view.size_bytes());
  LogAppendInfo info;
  info.events = MaybeRoll(size, view.max_timestamp(), now);

  LogSegment& segment = active();
  segment.Append(batch);
  if (options_.files) {
    options_.files->Append(
        fmt::format("{}/{}.log", name(), SegmentFilePrefix(segment.base_offset())), batch.bytes());
  }
  // UnifiedLog.append: every batch's epoch may start a new entry in the cache.
  if (view.partition_leader_epoch() >= 0) {
    MaybeAssignEpochStartOffset(LeaderEpoch(view.partition_leader_epoch()),
                                Offset(view.base_offset()));
  }
  log_end_offset_ = Offset(view.last_offset()) + 1;
  unflushed_messages_ += view.record_count();
  if (!first_unflushed_append_) first_unflushed_append_ = now;

  info.first_offset = Offset(view.base_offset());
  info.last_offset = Offset(view.last_offset());
  info.record_count = view.record_count();
  info.batch_count = 1;
  info.valid_bytes = size;
  info.max_timestamp_ms = view.max_timestamp();
  info.offset_of_max_timestamp = Offset(view.last_offset());
  info.log_start_offset = log_start_offset_;
  // flush.messages: Kafka flushes in the append path once enough records are unflushed.
  if (unflushed_messages_ >= options_.config.flush_messages) Flush(now);
  return info;
}

LogEvents Log::MaybeRoll(int64_t incoming_bytes, int64_t max_timestamp_ms, Time now) {
  const LogSegment& segment = active();
  const LogConfig& config = options_.config;
  LogEvents events;
  if (segment.size_bytes() > config.segment_bytes - incoming_bytes) {
    events.push_back(Roll(now,
                          fmt::format("the active segment holds {} bytes and {} more would pass "
                                      "segment.bytes={}",
                                      segment.size_bytes(), incoming_bytes, config.segment_bytes),
                          fmt::format("segment.bytes={}", config.segment_bytes)));
    return events;
  }
  // LogSegment.timeWaitedForRoll: from the first batch's timestamp to the incoming batch's,
  // or from the segment's creation when the records carry no timestamps.
  const std::optional<int64_t> first = segment.rolling_based_timestamp();
  const int64_t waited =
      first && *first >= 0 ? max_timestamp_ms - *first : now.millis() - segment.created().millis();
  // LogConfig.maxSegmentMs: a compacted topic also rolls by max.compaction.lag.ms.
  const int64_t max_segment_ms = config.cleanup_compact && config.max_compaction_lag_ms > 0
                                     ? std::min(config.max_compaction_lag_ms, config.segment_ms)
                                     : config.segment_ms;
  // Kafka draws a random jitter below segment.jitter.ms per segment; the whole of it is
  // subtracted here, which keeps rolls deterministic (the default jitter is 0).
  if (!segment.empty() && waited > max_segment_ms - config.segment_jitter_ms) {
    events.push_back(Roll(
        now,
        fmt::format("its records span {} ms, more than segment.ms={}", waited, config.segment_ms),
        fmt::format("segment.ms={}", config.segment_ms)));
  }
  return events;
}

LogEvent Log::Roll(Time now, std::string reason, std::string rule) {
  const Offset base = log_end_offset_;
  const std::string old_name = SegmentFilePrefix(active().base_offset());
  if (active().empty()) {
    // Kafka deletes an empty active segment before creating its replacement at the same offset.
    segments_.pop_back();
  }
  // Kafka flushes the segments below the new one right after a roll (flushUptoOffsetExclusive).
  if (!segments_.empty()) Flush(now);
  segments_.push_back(
      std::make_unique<LogSegment>(base, now, options_.config.index_interval_bytes));
  SyncFiles(*segments_.back());
  return {"log.segment_roll", std::move(rule),
          fmt::format("{} rolled segment {} to {} at offset {}: {}", name(), old_name,
                      SegmentFilePrefix(base), base.value(), reason)};
}

void Log::SyncFiles(const LogSegment& segment) {
  if (!options_.files) return;
  const std::string prefix = fmt::format("{}/{}", name(), SegmentFilePrefix(segment.base_offset()));
  options_.files->Write(prefix + ".log", segment.LogFileBytes());
  options_.files->Write(prefix + ".index", segment.OffsetIndexFileBytes());
  options_.files->Write(prefix + ".timeindex", segment.TimeIndexFileBytes());
  const std::string checkpoint = epoch_cache_.ToCheckpointFile();
  options_.files->Write(name() + "/leader-epoch-checkpoint", AsBytes(checkpoint));
}

// --- Truncation ---------------------------------------------------------------------------------

LogEvents Log::TruncateTo(Offset offset) {
  assert(offset.value() >= 0 && "truncation to a negative offset");
  LogEvents events;
  if (offset >= log_end_offset_) return events;
  if (segments_.front()->base_offset() > offset) {
    return TruncateFullyAndStartAt(offset, segments_.front()->created());
  }
  int64_t bytes = 0;
  int deleted = 0;
  while (segments_.size() > 1 && segments_.back()->base_offset() > offset) {
    bytes += segments_.back()->size_bytes();
    if (options_.files) {
      const std::string prefix =
          fmt::format("{}/{}", name(), SegmentFilePrefix(segments_.back()->base_offset()));
      for (const char* ext : {".log", ".index", ".timeindex"}) options_.files->Remove(prefix + ext);
    }
    segments_.pop_back();
    ++deleted;
  }
  bytes += active().TruncateTo(offset);
  const Offset old_end = log_end_offset_;
  // LocalLog.truncateTo sets the log end to the target itself.
  log_end_offset_ = offset;
  log_start_offset_ = std::min(log_start_offset_, offset);
  recovery_point_ = std::min(recovery_point_, offset);
  cleaner_checkpoint_ = std::min(cleaner_checkpoint_, offset);
  epoch_cache_.TruncateFromEnd(offset);
  SyncFiles(active());
  events.push_back({"log.truncate", "KIP-101",
                    fmt::format("{} truncated to offset {}: {} offsets and {} bytes removed{}",
                                name(), offset.value(), old_end - offset, bytes,
                                deleted ? fmt::format(", {} segments deleted", deleted) : "")});
  return events;
}

LogEvents Log::TruncateFullyAndStartAt(Offset offset, Time now) {
  assert(offset.value() >= 0);
  if (options_.files) {
    for (const auto& segment : segments_) {
      const std::string prefix =
          fmt::format("{}/{}", name(), SegmentFilePrefix(segment->base_offset()));
      for (const char* ext : {".log", ".index", ".timeindex"}) options_.files->Remove(prefix + ext);
    }
  }
  segments_.clear();
  segments_.push_back(
      std::make_unique<LogSegment>(offset, now, options_.config.index_interval_bytes));
  log_start_offset_ = log_end_offset_ = recovery_point_ = cleaner_checkpoint_ = offset;
  unflushed_messages_ = 0;
  first_unflushed_append_.reset();
  epoch_cache_.Clear();
  SyncFiles(active());
  return {
      {"log.truncate", "",
       fmt::format("{} truncated fully and restarted empty at offset {}", name(), offset.value())}};
}

// --- Leader epochs ------------------------------------------------------------------------------

EpochEndOffset Log::EndOffsetForEpoch(LeaderEpoch epoch) const {
  return epoch_cache_.EndOffsetFor(epoch, log_end_offset_);
}

void Log::MaybeAssignEpochStartOffset(LeaderEpoch epoch, Offset start_offset) {
  if (epoch_cache_.Assign(epoch, start_offset) && options_.files) {
    const std::string checkpoint = epoch_cache_.ToCheckpointFile();
    options_.files->Write(name() + "/leader-epoch-checkpoint", AsBytes(checkpoint));
  }
}

void Log::CheckInvariants() const {
  assert(!segments_.empty());
  assert(log_start_offset_ <= log_end_offset_);
  assert(recovery_point_ <= log_end_offset_);
  Offset next = segments_.front()->base_offset();
  for (const auto& segment : segments_) {
    assert(segment->base_offset() >= next && "segments in base offset order");
    assert(segment->next_offset() >= segment->base_offset());
    next = segment->next_offset();
  }
  assert(next <= log_end_offset_ && "no batch past the log end");
  if (auto latest = epoch_cache_.latest_entry()) {
    assert(latest->start_offset <= log_end_offset_ && "no epoch starts past the log end");
  }
}

}  // namespace kafkasim
