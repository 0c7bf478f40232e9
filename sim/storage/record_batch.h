#pragma once
// A record batch, magic v2: the unit a producer sends, a leader appends, a follower fetches, a
// segment stores and a consumer reads (layout in sim/storage/record_batch_format.h). Two views of
// the same bytes:
//
//   RecordBatchView  a non-owning, validated window onto bytes held elsewhere (a fetch response,
//                    a segment). Parse() checks everything once (size, magic, CRC, every record
//                    and header), so reading fields and iterating records afterwards cannot fail
//                    and allocates nothing.
//   RecordBatch      an owned, immutable, shared buffer holding exactly one valid batch. Copies
//                    share the bytes, so the replicas of a partition can hold one batch between
//                    them. The edits a leader makes on append (offsets, its epoch, LogAppendTime)
//                    return a new batch and never touch bytes someone else may be reading.
//
// RecordBatchBuilder (record_batch_builder.h) makes RecordBatches.

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "sim/storage/decode_status.h"
#include "sim/storage/record.h"
#include "sim/storage/record_batch_format.h"

namespace kafkasim {

// Kafka's TimestampType for v2 batches (attributes bit 3): whose clock the record timestamps are.
enum class TimestampType { kCreateTime, kLogAppendTime };

class RecordBatchView {
 public:
  // Records in offset order; a forward iterator over RecordViews that point into the batch.
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = RecordView;
    using difference_type = std::ptrdiff_t;
    using pointer = const RecordView*;
    using reference = const RecordView&;

    Iterator() = default;
    const RecordView& operator*() const { return current_; }
    const RecordView* operator->() const { return &current_; }
    // Inline, with the record decoder: a consumer steps through tens of millions of records a
    // second, and out of line each step would also spill the whole RecordView to memory.
    Iterator& operator++() {
      assert(remaining_ > 0 && "increment past the last record");
      rest_ = rest_.subspan(current_.size_bytes);
      --remaining_;
      Load();
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const Iterator& o) const { return remaining_ == o.remaining_; }

   private:
    friend class RecordBatchView;
    Iterator(Bytes records, int32_t count, const RecordBase& base);
    [[gnu::always_inline]] void Load() {
      if (remaining_ == 0) return;
      if (!DecodeValidatedRecord(rest_, base_, &current_)) [[unlikely]] {
        // The bytes changed after Parse validated them. Stop rather than read anywhere.
        assert(false && "records are validated when their batch is parsed");
        remaining_ = 0;
      }
    }

    Bytes rest_;
    int32_t remaining_ = 0;  // records not yet passed, counting the current one
    RecordBase base_;
    RecordView current_;
  };

  // Validates the batch that starts at buffer[position]. The buffer may continue past the batch,
  // as a fetch response or a segment does; the view covers the batch alone (step to the next one
  // with position + size_bytes()). `position` also prefixes every error message.
  //
  // Checks, in Kafka's order: the 12-byte log overhead and the batch length fit the buffer
  // (kIncomplete otherwise), the length covers a batch header, magic is 2, the CRC matches, the
  // batch is uncompressed, and every record parses within its length with offset deltas that
  // rise within [0, lastOffsetDelta], exactly recordCount of them filling the batch.
  static DecodeResult<RecordBatchView> Parse(Bytes buffer, size_t position = 0);

  Bytes bytes() const { return bytes_; }
  size_t size_bytes() const { return bytes_.size(); }

  int64_t base_offset() const;
  int64_t last_offset() const;  // base_offset() + last_offset_delta()
  int32_t batch_length() const;
  int32_t partition_leader_epoch() const;
  int8_t magic() const;
  uint32_t crc() const;
  int16_t attributes() const;
  TimestampType timestamp_type() const;
  bool is_transactional() const;
  bool is_control_batch() const;
  bool has_delete_horizon() const;
  int32_t last_offset_delta() const;
  int64_t base_timestamp() const;
  int64_t max_timestamp() const;
  int64_t producer_id() const;
  int16_t producer_epoch() const;
  int32_t base_sequence() const;
  int32_t last_sequence() const;  // kNoSequence without idempotence
  int32_t record_count() const;

  // The CRC-32C of bytes 21..end, what crc() must equal (it does, in a parsed view).
  uint32_t ComputeCrc() const;

  Iterator begin() const;
  Iterator end() const { return Iterator(); }

 private:
  friend class RecordBatch;
  explicit RecordBatchView(Bytes bytes) : bytes_(bytes) {}

  Bytes bytes_;  // exactly one validated batch
};

class RecordBatch {
 public:
  using Buffer = std::shared_ptr<const std::vector<std::byte>>;

  // Takes `bytes` if they hold exactly one valid batch and nothing else.
  static DecodeResult<RecordBatch> FromBytes(std::vector<std::byte> bytes);

  RecordBatchView view() const& { return RecordBatchView(Bytes(*buffer_)); }
  // A view of a temporary batch would dangle as soon as the statement ends.
  RecordBatchView view() && = delete;
  Bytes bytes() const { return Bytes(*buffer_); }
  size_t size_bytes() const { return buffer_->size(); }
  // The shared bytes themselves, so that callers can tell whether two batches share them.
  const Buffer& buffer() const { return buffer_; }

  // The leader's edits on append (Kafka's LogValidator via MutableRecordBatch). Each returns a
  // copy: the producer may still hold the original to retry it.
  //
  // baseOffset and partitionLeaderEpoch lie outside the CRC precisely so that a broker can stamp
  // them without recomputing it: only those bytes change.
  RecordBatch WithBaseOffset(int64_t base_offset) const;
  RecordBatch WithPartitionLeaderEpoch(int32_t partition_leader_epoch) const;
  // Kafka's setMaxTimestamp: for a topic with message.timestamp.type=LogAppendTime the leader
  // sets the timestamp type bit and maxTimestamp to its clock, which changes the CRC.
  RecordBatch WithMaxTimestamp(TimestampType type, int64_t max_timestamp) const;
  // All of a leader's edits in one copy (the append path runs for every produce): the offset, the
  // epoch and, when `log_append_time_ms` is set, LogAppendTime (which recomputes the CRC).
  RecordBatch StampedForAppend(int64_t base_offset, int32_t partition_leader_epoch,
                               std::optional<int64_t> log_append_time_ms) const;

 private:
  friend class RecordBatchBuilder;
  explicit RecordBatch(Buffer buffer) : buffer_(std::move(buffer)) {}

  Buffer buffer_;  // never null; exactly one valid batch
};

}  // namespace kafkasim
