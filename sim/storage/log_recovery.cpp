// The Log's durability: flushes (Kafka's fsync), a power loss, and recovery on restart
// (LogLoader and LogSegment.recover).

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <limits>

#include "sim/storage/log.h"
#include "sim/storage/segment_files.h"

namespace kafkasim {

void Log::Flush(Time now) {
  for (const auto& segment : segments_) {
    if (segment->flushed_bytes() < segment->size_bytes()) {
      segment->Flush();
      SyncFiles(*segment);  // the indexes reach the disk with the data
    }
  }
  recovery_point_ = log_end_offset_;
  unflushed_messages_ = 0;
  first_unflushed_append_.reset();
  last_flush_time_ = now;
}

bool Log::MaybeFlush(Time now) {
  if (unflushed_messages_ == 0) return false;
  const LogConfig& config = options_.config;
  const bool by_messages = unflushed_messages_ >= config.flush_messages;
  const bool by_time =
      config.flush_ms != kLongMax && now.millis() - last_flush_time_.millis() >= config.flush_ms;
  if (!by_messages && !by_time) return false;
  Flush(now);
  return true;
}

bool Log::WritebackIfOlderThan(Duration dirty_expire, Time now) {
  if (!first_unflushed_append_ || now - *first_unflushed_append_ < dirty_expire) return false;
  Flush(now);
  return true;
}

void Log::LoseUnflushed(int64_t torn_bytes) {
  for (const auto& segment : segments_) {
    const bool had_unflushed = segment->flushed_bytes() < segment->size_bytes();
    segment->LoseUnflushed(torn_bytes);
    if (had_unflushed) {
      torn_bytes = 0;  // one write can tear, the first one the disk did not finish
      SyncFiles(*segment);
    }
  }
}

void Log::ReplaceSegmentFile(Offset base_offset, std::vector<std::byte> raw) {
  const size_t index = SegmentIndexFor(base_offset);
  assert(segments_[index]->base_offset() == base_offset && "no segment has this base offset");
  segments_[index]->ReplaceFileContents(std::move(raw));
  recovery_point_ = std::min(recovery_point_, base_offset);
  SyncFiles(*segments_[index]);
}

namespace {

// LogSegment.recover over the raw bytes after a segment's valid batches: whole valid batches
// whose offsets keep rising are kept, the first that is not ends the segment.
struct TailScan {
  std::vector<RecordBatch> batches;
  int64_t valid_bytes = 0;
  std::string problem;  // why the scan stopped early, empty if it consumed everything
};

TailScan ScanTail(Bytes tail, Offset next_offset, Offset segment_base, int64_t base_position) {
  TailScan scan;
  size_t position = 0;
  while (position < tail.size()) {
    DecodeResult<RecordBatchView> parsed = RecordBatchView::Parse(tail, position);
    if (!parsed.ok()) {
      scan.problem =
          parsed.status().code() == DecodeStatus::Code::kIncomplete
              ? fmt::format("a torn batch at position {} ({} bytes)",
                            base_position + static_cast<int64_t>(position), tail.size() - position)
              : fmt::format("a corrupt batch at position {}: {}",
                            base_position + static_cast<int64_t>(position),
                            parsed.status().message());
      break;
    }
    if (Offset(parsed->base_offset()) < next_offset) {
      scan.problem =
          fmt::format("a batch at position {} goes back to offset {}",
                      base_position + static_cast<int64_t>(position), parsed->base_offset());
      break;
    }
    // LogSegment.ensureOffsetInRange: an offset the index's 4-byte relative offsets cannot hold
    // (only a corrupt baseOffset, which lies outside the CRC, gets here).
    if (parsed->last_offset() < parsed->base_offset() ||
        parsed->last_offset() - segment_base.value() > std::numeric_limits<int32_t>::max()) {
      scan.problem =
          fmt::format("a batch at position {} has offset {}, out of the segment's range",
                      base_position + static_cast<int64_t>(position), parsed->base_offset());
      break;
    }
    const Bytes bytes = parsed->bytes();
    DecodeResult<RecordBatch> owned =
        RecordBatch::FromBytes(std::vector<std::byte>(bytes.begin(), bytes.end()));
    assert(owned.ok());
    next_offset = Offset(parsed->last_offset()) + 1;
    scan.batches.push_back(std::move(owned).value());
    position += bytes.size();
  }
  scan.valid_bytes = static_cast<int64_t>(position);
  return scan;
}

}  // namespace

RecoveryInfo Log::Recover(bool clean_shutdown, Time now) {
  RecoveryInfo info;
  unflushed_messages_ = 0;
  first_unflushed_append_.reset();
  last_flush_time_ = now;
  if (clean_shutdown) {
    info.log_end_offset = log_end_offset_;
    recovery_point_ = log_end_offset_;
    return info;
  }
  // LogLoader.recoverLog: the segments from the one holding the recovery point onwards.
  const Offset old_end = log_end_offset_;
  size_t s = SegmentIndexFor(recovery_point_);
  for (; s < segments_.size(); ++s) {
    LogSegment& segment = *segments_[s];
    ++info.segments_scanned;
    // Every held batch is checked again (its CRC, its records) before the tail is looked at.
    size_t valid = 0;
    for (; valid < segment.batch_count(); ++valid) {
      if (!RecordBatchView::Parse(segment.batch(valid).bytes()).ok()) break;
    }
    const bool all_valid = valid == segment.batch_count();
    int64_t dropped = segment.TruncateToBatchCount(valid);
    // Bytes after an invalid batch cannot be read as the batches that follow it.
    const std::vector<std::byte> tail =
        all_valid ? segment.unvalidated_tail() : std::vector<std::byte>();
    dropped += all_valid ? 0 : static_cast<int64_t>(segment.unvalidated_tail().size());
    segment.ClearTail();
    TailScan scan =
        ScanTail(tail, segment.next_offset(), segment.base_offset(), segment.size_bytes());
    for (const RecordBatch& batch : scan.batches) segment.Append(batch);
    segment.RebuildIndexes();
    segment.Flush();
    dropped += static_cast<int64_t>(tail.size()) - scan.valid_bytes;
    SyncFiles(segment);
    if (!scan.batches.empty()) {
      info.events.push_back(
          {"log.recovery", "",
           fmt::format("{}: segment {} kept {} batches that reached the disk before the power "
                       "went",
                       name(), SegmentFilePrefix(segment.base_offset()), scan.batches.size())});
    }
    if (dropped > 0) {
      info.bytes_truncated += dropped;
      info.events.push_back(
          {"log.recovery", "",
           fmt::format("{}: segment {} truncated at position {} ({} bytes): {}", name(),
                       SegmentFilePrefix(segment.base_offset()), segment.size_bytes(), dropped,
                       scan.problem.empty() ? "a corrupt batch" : scan.problem)});
      // Corruption ends the log: later segments cannot follow a hole (LogLoader deletes them).
      while (segments_.size() > s + 1) {
        info.bytes_truncated += segments_.back()->size_bytes();
        info.events.push_back({"log.recovery", "",
                               fmt::format("{}: segment {} deleted after the corruption", name(),
                                           SegmentFilePrefix(segments_.back()->base_offset()))});
        if (options_.files) {
          const std::string prefix =
              fmt::format("{}/{}", name(), SegmentFilePrefix(segments_.back()->base_offset()));
          for (const char* ext : {".log", ".index", ".timeindex"}) {
            options_.files->Remove(prefix + ext);
          }
        }
        segments_.pop_back();
      }
      break;
    }
  }
  log_end_offset_ = std::max(active().next_offset(), active().base_offset());
  recovery_point_ = log_end_offset_;
  cleaner_checkpoint_ = std::min(cleaner_checkpoint_, log_end_offset_);
  epoch_cache_.TruncateFromEnd(log_end_offset_);
  if (log_start_offset_ > log_end_offset_) {
    // What DeleteRecords had freed was never flushed: start empty where the log start was.
    const Offset start = log_start_offset_;
    info.events.push_back(
        {"log.recovery", "",
         fmt::format("{}: the log start {} is past the recovered end {}: restarting empty there",
                     name(), start.value(), log_end_offset_.value())});
    TruncateFullyAndStartAt(start, now);
  }
  info.log_end_offset = log_end_offset_;
  info.events.insert(
      info.events.begin(),
      {"log.recovery", "",
       fmt::format("{}: recovered {} segment(s) after an unclean shutdown; log end offset {} "
                   "(was {})",
                   name(), info.segments_scanned, log_end_offset_.value(), old_end.value())});
  CheckInvariants();
  return info;
}

}  // namespace kafkasim
