#pragma once
// One segment of a partition's log (Kafka's LogSegment): a `.log` file of record batches laid end
// to end, named by its base offset, with two sparse indexes beside it:
//
//   00000000000000000000.log        the batches, exactly as a fetch response carries them
//   00000000000000000000.index      8-byte entries: relative offset (4) . position (4)
//   00000000000000000000.timeindex  12-byte entries: timestamp (8) . relative offset (4)
//
// An index entry is added after an append once more than index.interval.bytes were appended since
// the last one (so the first batch of a segment is never indexed): the appended batches' last
// offset and the position where they start. A time index entry is added with it when the
// segment's largest timestamp grew. Lookups binary-search an index, then scan batches from there.
//
// Batches are held as RecordBatch, whose buffers replicas of a partition share. `flushed_bytes`
// is the prefix that reached the disk; a power loss keeps it (plus perhaps a torn piece of what
// followed, kept as raw bytes until recovery looks at it).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/storage/offset.h"
#include "sim/storage/record_batch.h"

namespace kafkasim {

struct OffsetIndexEntry {
  int32_t relative_offset = 0;  // offset - base offset
  int32_t position = 0;         // byte position in the .log file
  bool operator==(const OffsetIndexEntry&) const = default;
};

struct TimeIndexEntry {
  int64_t timestamp_ms = 0;
  int32_t relative_offset = 0;
  bool operator==(const TimeIndexEntry&) const = default;
};

// "00000000000000000042": Kafka's LogFileUtils.filenamePrefixFromOffset.
std::string SegmentFilePrefix(Offset base_offset);

class LogSegment {
 public:
  LogSegment(Offset base_offset, Time created, int64_t index_interval_bytes);

  Offset base_offset() const { return base_offset_; }
  Time created() const { return created_; }
  int64_t size_bytes() const { return size_bytes_; }
  bool empty() const { return batches_.empty(); }
  size_t batch_count() const { return batches_.size(); }
  const RecordBatch& batch(size_t i) const { return batches_[i]; }
  int64_t position(size_t i) const { return extents_[i].position; }
  int64_t last_offset(size_t i) const {
    return base_offset_.value() + extents_[i].relative_last_offset;
  }
  int64_t batch_size(size_t i) const {
    return (i + 1 < extents_.size() ? extents_[i + 1].position : size_bytes_) -
           extents_[i].position;
  }
  // The offset after the last batch, or the base offset of an empty segment.
  Offset next_offset() const;
  // The largest record timestamp, and the last offset of a batch holding it; -1 when empty.
  int64_t max_timestamp_ms() const { return max_timestamp_ms_; }
  Offset offset_of_max_timestamp() const { return offset_of_max_timestamp_; }
  // The first batch's max timestamp: segment.ms counts from it (Kafka's rollingBasedTimestamp).
  std::optional<int64_t> rolling_based_timestamp() const;
  // What retention.ms compares with: the largest timestamp, or the creation time when none.
  int64_t largest_timestamp_ms() const;

  // Appends a batch whose offsets lie at or after next_offset(). `append_time` is the clock (for
  // an empty segment with no timestamps).
  void Append(const RecordBatch& batch);

  // The index of the first batch whose last offset >= `offset` (Kafka's translateOffset), via
  // the offset index; nullopt when every batch ends below it.
  std::optional<size_t> FindBatch(Offset offset) const;
  // The first batch whose max timestamp >= `timestamp_ms`, via the time index.
  std::optional<size_t> FindBatchByTimestamp(int64_t timestamp_ms) const;

  // Keeps the first `count` batches. Returns the bytes dropped.
  int64_t TruncateToBatchCount(size_t count);
  // Drops every batch holding an offset >= `offset`. Returns the bytes dropped.
  int64_t TruncateTo(Offset offset);
  // Replaces the batches wholesale (the cleaner's rewrite), rebuilding the indexes.
  void ReplaceBatches(std::vector<RecordBatch> batches);

  // The .index file's entries (byte positions), built from the in-memory index.
  std::vector<OffsetIndexEntry> offset_index() const;
  const std::vector<TimeIndexEntry>& time_index() const { return time_index_; }
  void RebuildIndexes();

  // --- Durability
  // ---------------------------------------------------------------------------------
  int64_t flushed_bytes() const { return flushed_bytes_; }
  void Flush() { flushed_bytes_ = size_bytes_; }
  // A power loss: batches past the flushed prefix are gone; the first `torn_bytes` bytes of them
  // stay as an unvalidated tail. Returns the bytes lost.
  int64_t LoseUnflushed(int64_t torn_bytes);
  // Raw bytes after the last whole batch, found on "disk" after a power loss or in a file.
  const std::vector<std::byte>& unvalidated_tail() const { return tail_; }
  // The .log file now holds `raw` (a disk edit, or bytes read from a file): nothing of it is
  // trusted until recovery validates it.
  void ReplaceFileContents(std::vector<std::byte> raw);
  void ClearTail() { tail_.clear(); }

  // --- File images (the --data-dir backend, kafka-dump-log.sh) -----------------------------------
  std::vector<std::byte> LogFileBytes() const;
  std::vector<std::byte> OffsetIndexFileBytes() const;
  std::vector<std::byte> TimeIndexFileBytes() const;

 private:
  // Where a batch lies, kept apart from the shared buffers so that the scan after an index lookup
  // touches neither batch bytes nor the buffers' handles: eight bytes a batch, a dense array (the
  // batches_ vector is twice as large, and a lookup on a large log misses the cache in whichever
  // it reads). Both fit 4 bytes, as in Kafka's index entries (asserted on append).
  struct BatchExtent {
    int32_t relative_last_offset;  // the batch's last offset - base offset
    int32_t position;              // byte position in the .log file
  };
  void PushBatch(RecordBatch batch, int64_t position);
  // An offset index entry as the lookup uses it. Kafka's entry holds a byte position in the .log
  // file, which its scan starts reading at; here the batches are a vector, so the entry holds the
  // position in that vector, and the byte position comes from the batch (offset_index() gives the
  // file's form). Eight bytes, like Kafka's, and one array: a lookup on a large log costs one
  // cache miss in the index and one in the batches it scans.
  struct IndexSlot {
    int32_t relative_offset;
    uint32_t batch;
  };
  void IndexAppend(size_t batch_index, int64_t batch_size);
  static constexpr size_t kNoEntry = static_cast<size_t>(-1);
  size_t IndexEntryAtOrBelow(int64_t relative_offset) const;
  void ResetDerivedState();

  Offset base_offset_;
  Time created_;
  int64_t index_interval_bytes_;
  std::vector<RecordBatch> batches_;
  std::vector<BatchExtent> extents_;  // one per batch
  int64_t size_bytes_ = 0;
  int64_t flushed_bytes_ = 0;
  int64_t bytes_since_last_index_entry_ = 0;
  int64_t max_timestamp_ms_ = -1;
  Offset offset_of_max_timestamp_ = kUndefinedOffset;
  std::vector<IndexSlot> offset_index_;
  std::vector<TimeIndexEntry> time_index_;
  std::vector<std::byte> tail_;
};

}  // namespace kafkasim
