#pragma once
// The log of one partition replica: Kafka's UnifiedLog (local part) over its LocalLog and
// LogSegments, in the directory `<log.dir>/<topic>-<partition>`.
//
// WHO CALLS WHAT
//   The broker's replica layer owns a Log through its LogManager (log_manager.h) and calls:
//   - a leader:   AppendAsLeader(batch, its leader epoch, now) for a produce; the log assigns the
//                 offsets from its log end offset and stamps the epoch. On becoming leader it
//                 calls MaybeAssignEpochStartOffset(epoch, log_end_offset()).
//   - a follower: AppendAsFollower(batch) with the offsets and epoch the leader assigned; before
//                 fetching, TruncateTo(the end offset of its latest epoch on the leader, from
//                 leader_epoch_cache().EndOffsetFor on the leader's log), or
//                 TruncateFullyAndStartAt(leader's log start) when it fell off the leader's log.
//   - a fetch:    Read(from, max_bytes, up_to): consumers up to the high watermark, followers up
//                 to the log end offset. The high watermark is the partition layer's: the log
//                 never keeps one, it is passed in where it matters (retention, DeleteRecords).
//   - ListOffsets: OffsetForTimestamp(kEarliestTimestamp | kLatestTimestamp | kMaxTimestamp |
//                 a time). For consumers the broker caps "latest" at the high watermark.
//   - timers:     the LogManager (log_manager.h) runs retention, the cleaner and the flushes on
//                 the broker's simulated schedule.
//
// INVARIANTS (asserted)
//   - log_start_offset() <= log_end_offset(); both only rise, except that TruncateTo lowers the
//     log end offset and TruncateFullyAndStartAt sets both.
//   - recovery_point() <= log_end_offset(): offsets below it are flushed ("on disk").
//   - segments are ordered by base offset, never empty as a list, and only the last (active)
//     segment takes appends. A segment's base offset <= the first offset it holds.
//   - batch offsets strictly rise through the log; every stored batch passed its CRC check.
//   - the leader epoch cache never names an offset >= log_end_offset() as an epoch start that
//     a later epoch could contradict (TruncateTo trims it).
//
// ERRORS
//   Kafka-level failures are values (LogError in the result): OFFSET_OUT_OF_RANGE for a read
//   outside [log start, log end], CORRUPT_MESSAGE for a broken batch from a leader, and so on.
//   Calling with arguments a correct broker never passes (an epoch older than the cache's latest
//   on a leader append, truncating below the log start) is a bug and asserts.
//
// TIME
//   `now` is the simulated clock. The simulation starts at the Unix epoch, so now.millis() is
//   the millisecond timestamp Kafka would write (LogAppendTime, segment roll times).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/storage/leader_epoch_cache.h"
#include "sim/storage/log_config.h"
#include "sim/storage/log_segment.h"
#include "sim/storage/log_types.h"
#include "sim/storage/record_batch.h"

namespace kafkasim {

class SegmentFiles;  // segment_files.h: where a log's bytes also go (a real directory), if anywhere

struct LogOptions {
  std::string topic;
  int32_t partition = 0;
  // The log.dir this partition lives in ("/tmp/kafka-logs"); its directory is
  // `<log_dir>/<topic>-<partition>`. Names only: the bytes live where `files` says.
  std::string log_dir = "/tmp/kafka-logs";
  LogConfig config;
  // Mirrors every byte to real files when set (the --data-dir backend). Not owned.
  SegmentFiles* files = nullptr;
};

// What a restart's recovery did, for the narration. `text` is empty when nothing needed doing.
struct RecoveryInfo {
  int segments_scanned = 0;
  int64_t bytes_truncated = 0;
  Offset log_end_offset;
  LogEvents events;
};

class Log {
 public:
  // A new, empty log starting at offset 0 (or at `log_start_offset`), its first segment created
  // at `now`.
  explicit Log(LogOptions options, Time now, Offset log_start_offset = Offset(0));
  ~Log();
  Log(const Log&) = delete;
  Log& operator=(const Log&) = delete;

  const std::string& topic() const { return options_.topic; }
  int32_t partition() const { return options_.partition; }
  std::string name() const;  // "orders-0"
  std::string dir() const;   // "/tmp/kafka-logs/orders-0"
  const std::string& log_dir() const { return options_.log_dir; }  // "/tmp/kafka-logs"
  const LogConfig& config() const { return options_.config; }
  void set_config(const LogConfig& config) { options_.config = config; }

  Offset log_start_offset() const { return log_start_offset_; }
  // The offset the next record will get.
  Offset log_end_offset() const { return log_end_offset_; }
  // Offsets below it are flushed: a power loss keeps them.
  Offset recovery_point() const { return recovery_point_; }
  int64_t size_bytes() const;  // all segments
  int64_t unflushed_messages() const { return unflushed_messages_; }

  // --- Appends ----------------------------------------------------------------------------------

  // A produce on the leader (UnifiedLog.appendAsLeader): assigns offsets log_end_offset()... to
  // the batch, stamps `epoch` as its partitionLeaderEpoch (outside the CRC, so the CRC is kept),
  // and with message.timestamp.type=LogAppendTime sets the broker's time (and the CRC). Rolls a
  // segment first when segment.bytes or segment.ms say so. MESSAGE_TOO_LARGE over
  // max.message.bytes; INVALID_RECORD for a record without a key to a compacted topic.
  LogAppendInfo AppendAsLeader(const RecordBatch& batch, LeaderEpoch epoch, Time now);
  // A fetched batch on a follower (UnifiedLog.appendAsFollower): offsets and epoch as the leader
  // assigned them. The batch must start at or after the log end offset (kUnexpectedAppendOffset
  // otherwise; after the leader's compaction it may start after it). Shares the leader's buffer.
  LogAppendInfo AppendAsFollower(const RecordBatch& batch, Time now);
  // Every whole batch of a fetch response's bytes, stopping at a partial batch at the end (as
  // Kafka's fetcher does); CORRUPT_MESSAGE if a batch is broken, with nothing after it appended.
  LogAppendInfo AppendAsFollower(Bytes records, Time now);

  // --- Reads ------------------------------------------------------------------------------------

  // Whole batches from the one holding `from`, until max_bytes would be exceeded (the first batch
  // comes even when it alone is larger: KIP-74) or a batch reaches `max_offset` (exclusive: the
  // high watermark for a consumer, log_end_offset() for a follower). OFFSET_OUT_OF_RANGE when
  // `from` is outside [log_start_offset(), log_end_offset()]. Reading at the end returns nothing.
  // Like Kafka's LogSegment.read, one read never crosses into the next segment. A fetch that
  // already has data for another partition passes min_one_batch = false.
  LogReadInfo Read(Offset from, int32_t max_bytes, Offset max_offset = kMaxOffset,
                   bool min_one_batch = true) const;

  // Kafka's translateOffset: where the batch holding `offset` is (the first batch ending at or
  // after it), through the segment list and the segment's offset index. Nullopt past the end.
  struct BatchLocation {
    size_t segment = 0;  // index into segments()
    size_t batch = 0;    // index into that segment's batches
    int64_t position = 0;
  };
  std::optional<BatchLocation> FindBatch(Offset offset) const;

  // ListOffsets: kEarliestTimestamp -> {-1, log start}, kLatestTimestamp -> {-1, log end},
  // kMaxTimestamp -> the record with the largest timestamp, a time -> the first record at or
  // after it (its timestamp and offset), or offset -1 when none is.
  TimestampAndOffset OffsetForTimestamp(int64_t timestamp_ms) const;

  // --- Truncation -------------------------------------------------------------------------------

  // A follower drops everything at and above `offset` (a no-op when offset >= log end). Segments
  // wholly above go, the one straddling it is cut at a batch boundary: a batch holding `offset`
  // goes with the rest. The epoch cache and the recovery point follow. Returns what it did.
  LogEvents TruncateTo(Offset offset);
  // Deletes every segment and starts empty at `offset` (log start = log end = offset).
  LogEvents TruncateFullyAndStartAt(Offset offset, Time now);

  // --- Leader epochs ----------------------------------------------------------------------------

  const LeaderEpochCache& leader_epoch_cache() const { return epoch_cache_; }
  std::optional<LeaderEpoch> latest_epoch() const { return epoch_cache_.latest_epoch(); }
  // OffsetsForLeaderEpoch on this replica, for the given epoch.
  EpochEndOffset EndOffsetForEpoch(LeaderEpoch epoch) const;
  // A new leader records its epoch's start at its log end (Partition.makeLeader), and every append
  // records the epoch of a batch newer than the cache's latest.
  void MaybeAssignEpochStartOffset(LeaderEpoch epoch, Offset start_offset);

  // --- Durability -------------------------------------------------------------------------------

  // fsync everything up to the log end: the recovery point moves there.
  void Flush(Time now);
  // flush.messages / flush.ms: flushes if either is due. Returns whether it flushed.
  bool MaybeFlush(Time now);
  // The operating system's writeback: flushes when the oldest unflushed append is older than
  // `dirty_expire`. Returns whether it flushed.
  bool WritebackIfOlderThan(Duration dirty_expire, Time now);
  Time last_flush_time() const { return last_flush_time_; }
  // A power loss: every byte past the flushed point of each segment is gone, except that the
  // first `torn_bytes` of them may have reached the disk (a torn write the recovery must find).
  // The in-memory state (log end offset, indexes) keeps describing the lost bytes until Recover().
  void LoseUnflushed(int64_t torn_bytes = 0);
  // A restart (Kafka's LogLoader): scans every segment from the recovery point, validating every
  // batch, truncating at the first torn or corrupt one and dropping later segments, rebuilds the
  // indexes, and sets the log end offset. `clean_shutdown` skips the scan, as Kafka does after a
  // clean shutdown's .kafka_cleanshutdown marker.
  RecoveryInfo Recover(bool clean_shutdown, Time now);
  // Someone edited a segment's .log file on disk (a lesson corrupting a byte, a fuzz test): its
  // contents are now `raw`, trusted by nobody until Recover() (which must follow) scans them.
  void ReplaceSegmentFile(Offset base_offset, std::vector<std::byte> raw);

  // --- Retention, DeleteRecords, compaction
  // --------------------------------------------------------

  // One run of the retention check (UnifiedLog.deleteOldSegments): segments wholly below the log
  // start offset; then, with cleanup.policy containing delete, by retention.bytes and by
  // retention.ms. Only segments wholly below `high_watermark`. An expired active segment is
  // deleted after rolling a new empty one. The log start moves to the first remaining segment.
  LogEvents DeleteOldSegments(Offset high_watermark, Time now);
  // kafka-delete-records.sh (UnifiedLog.deleteRecords): moves the log start to `offset`, which
  // must be <= the high watermark (OFFSET_OUT_OF_RANGE otherwise); segments below it go at the
  // next retention check. Returns the new log start offset (the "low watermark").
  struct DeleteRecordsResult {
    LogError error = LogError::kNone;
    std::string message;
    Offset low_watermark;
    LogEvents events;
  };
  DeleteRecordsResult DeleteRecordsBefore(Offset offset, Offset high_watermark);

  // The cleanable range runs from the cleaner checkpoint to the first uncleanable offset: the
  // active segment's base, or the start of the segment holding the high watermark, whichever is
  // lower (Kafka uses the last stable offset, which is the high watermark without transactions).
  // The dirty ratio is dirty bytes / (clean + dirty bytes) over whole segments.
  double DirtyRatio(Offset high_watermark) const;
  // Compaction is on and the ratio reached min.cleanable.dirty.ratio.
  bool NeedsCompaction(Offset high_watermark) const;
  // One cleaner pass (LogCleaner.cleanSegments): keeps the latest record per key in every
  // segment below the first uncleanable offset, keeps offsets (gaps appear), stamps a delete
  // horizon (now + delete.retention.ms, KIP-534) on batches holding tombstones and removes the
  // tombstones of batches whose horizon passed. Returns what it did.
  LogEvents Compact(Offset high_watermark, Time now);
  // Offsets below this have been cleaned.
  Offset cleaner_checkpoint() const { return cleaner_checkpoint_; }

  // --- Inspection -------------------------------------------------------------------------------

  const std::vector<std::unique_ptr<LogSegment>>& segments() const { return segments_; }
  const LogSegment& active_segment() const { return *segments_.back(); }
  // The segment whose file is called `file_name` ("00000000000000000000.log"), or null.
  const LogSegment* SegmentByFileName(std::string_view file_name) const;
  // Checks every invariant above; for tests and after recovery.
  void CheckInvariants() const;

 private:
  LogSegment& active() { return *segments_.back(); }
  // The segment holding `offset`: the last one with base offset <= offset (O(log n)).
  size_t SegmentIndexFor(Offset offset) const;
  LogEvents MaybeRoll(int64_t incoming_bytes, int64_t max_timestamp_ms, Time now);
  LogEvent Roll(Time now, std::string reason, std::string rule);
  LogAppendInfo AppendValidated(const RecordBatch& batch, Time now);
  void MaybeIncrementLogStartOffset(Offset offset);
  LogEvent DeleteSegmentAt(size_t index, std::string reason, std::string rule);
  // The end of the cleanable range: see DirtyRatio.
  Offset FirstUncleanableOffset(Offset high_watermark) const;
  void SyncFiles(const LogSegment& segment);

  LogOptions options_;
  std::vector<std::unique_ptr<LogSegment>> segments_;  // by base offset; never empty
  LeaderEpochCache epoch_cache_;
  Offset log_start_offset_;
  Offset log_end_offset_;
  Offset recovery_point_;
  Offset cleaner_checkpoint_;
  int64_t unflushed_messages_ = 0;
  Time last_flush_time_;
  std::optional<Time> first_unflushed_append_;
};

}  // namespace kafkasim
