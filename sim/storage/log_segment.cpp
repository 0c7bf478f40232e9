#include "sim/storage/log_segment.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <limits>

#include "sim/storage/big_endian.h"

namespace kafkasim {

std::string SegmentFilePrefix(Offset base_offset) {
  return fmt::format("{:020d}", base_offset.value());
}

LogSegment::LogSegment(Offset base_offset, Time created, int64_t index_interval_bytes)
    : base_offset_(base_offset), created_(created), index_interval_bytes_(index_interval_bytes) {
  assert(base_offset.value() >= 0);
}

Offset LogSegment::next_offset() const {
  if (batches_.empty()) return base_offset_;
  return Offset(last_offset(batches_.size() - 1)) + 1;
}

std::optional<int64_t> LogSegment::rolling_based_timestamp() const {
  if (batches_.empty()) return std::nullopt;
  return batches_.front().view().max_timestamp();
}

int64_t LogSegment::largest_timestamp_ms() const {
  // Kafka falls back to the file's last-modified time; the creation time is our nearest.
  return max_timestamp_ms_ > 0 ? max_timestamp_ms_ : created_.millis();
}

void LogSegment::Append(const RecordBatch& batch) {
  const RecordBatchView view = batch.view();
  assert(tail_.empty() && "recover a segment before appending to it");
  assert(Offset(view.base_offset()) >= next_offset() && "offsets rise through a segment");
  assert(view.last_offset() - base_offset_.value() <= std::numeric_limits<int32_t>::max() &&
         "relative offsets fit the index's 4 bytes");
  const int64_t size = static_cast<int64_t>(view.size_bytes());
  assert(size_bytes_ + size <= std::numeric_limits<int32_t>::max() && "positions fit 4 bytes");
  PushBatch(batch, size_bytes_);
  size_bytes_ += size;
  if (view.max_timestamp() > max_timestamp_ms_) {
    max_timestamp_ms_ = view.max_timestamp();
    offset_of_max_timestamp_ = Offset(view.last_offset());
  }
  IndexAppend(batches_.size() - 1, size);
}

void LogSegment::PushBatch(RecordBatch batch, int64_t position) {
  const int64_t relative = batch.view().last_offset() - base_offset_.value();
  assert(relative >= 0 && relative <= std::numeric_limits<int32_t>::max());
  assert(position <= std::numeric_limits<int32_t>::max());
  batches_.push_back(std::move(batch));
  extents_.push_back({static_cast<int32_t>(relative), static_cast<int32_t>(position)});
}

void LogSegment::IndexAppend(size_t batch_index, int64_t batch_size) {
  // LogSegment.append: the entry is written after an append that found more than
  // index.interval.bytes since the previous one; it names the append's last offset and start.
  if (bytes_since_last_index_entry_ > index_interval_bytes_) {
    offset_index_.push_back(
        {extents_[batch_index].relative_last_offset, static_cast<uint32_t>(batch_index)});
    // TimeIndex.maybeAppend: only a larger timestamp makes an entry.
    if (time_index_.empty() || max_timestamp_ms_ > time_index_.back().timestamp_ms) {
      time_index_.push_back(
          {max_timestamp_ms_,
           static_cast<int32_t>(offset_of_max_timestamp_.value() - base_offset_.value())});
    }
    bytes_since_last_index_entry_ = 0;
  }
  bytes_since_last_index_entry_ += batch_size;
}

size_t LogSegment::IndexEntryAtOrBelow(int64_t relative) const {
  // The last entry whose relative offset is <= `relative`. Offsets grow about linearly along the
  // index, so a first guess by interpolation lands within an entry or two; the bracket then
  // doubles until it holds the answer and a binary search finishes: O(log n) at worst, and one
  // or two cache misses on a large segment instead of a dozen.
  const size_t n = offset_index_.size();
  if (n == 0 || offset_index_[0].relative_offset > relative) return kNoEntry;
  const int64_t first = offset_index_[0].relative_offset;
  const int64_t last = offset_index_[n - 1].relative_offset;
  if (relative >= last) return n - 1;
  // Here first <= relative < last, so n >= 2 and the guess lies in [0, n - 2].
  size_t guess =
      static_cast<size_t>(static_cast<double>(relative - first) /
                          static_cast<double>(last - first) * static_cast<double>(n - 1));
  guess = std::min(guess, n - 2);
  // Invariant sought: entry[lo] <= relative < entry[hi].
  size_t lo = guess, hi = guess + 1;
  for (size_t step = 1; offset_index_[lo].relative_offset > relative; step *= 2) {
    hi = lo;
    lo = lo > step ? lo - step : 0;
  }
  for (size_t step = 1; offset_index_[hi].relative_offset <= relative; step *= 2) {
    lo = hi;
    hi = std::min(n - 1, hi + step);
  }
  const auto it =
      std::upper_bound(offset_index_.begin() + static_cast<ptrdiff_t>(lo) + 1,
                       offset_index_.begin() + static_cast<ptrdiff_t>(hi), relative,
                       [](int64_t r, const IndexSlot& e) { return r < e.relative_offset; });
  return static_cast<size_t>(it - offset_index_.begin()) - 1;
}

std::optional<size_t> LogSegment::FindBatch(Offset offset) const {
  // OffsetIndex.lookup: the last entry at or below the target, or the segment's start.
  const auto relative = offset - base_offset_;
  size_t start = 0;
  if (relative > 0) {
    const size_t entry = IndexEntryAtOrBelow(relative);
    if (entry != kNoEntry) start = offset_index_[entry].batch;
  }
  // FileRecords.searchForOffsetWithSize: the first batch ending at or after the target.
  for (size_t i = start; i < extents_.size(); ++i) {
    if (extents_[i].relative_last_offset >= relative) return i;
  }
  return std::nullopt;
}

std::optional<size_t> LogSegment::FindBatchByTimestamp(int64_t timestamp_ms) const {
  // TimeIndex.lookup: the last entry with a timestamp at or below the target gives an offset
  // to start from; before the first entry, the segment's start.
  size_t start = 0;
  const auto it =
      std::upper_bound(time_index_.begin(), time_index_.end(), timestamp_ms,
                       [](int64_t t, const TimeIndexEntry& e) { return t < e.timestamp_ms; });
  if (it != time_index_.begin()) {
    const Offset from = base_offset_ + std::prev(it)->relative_offset;
    start = FindBatch(from).value_or(batches_.size());
  }
  for (size_t i = start; i < batches_.size(); ++i) {
    if (batches_[i].view().max_timestamp() >= timestamp_ms) return i;
  }
  return std::nullopt;
}

int64_t LogSegment::TruncateToBatchCount(size_t count) {
  assert(count <= batches_.size());
  if (count == batches_.size()) return 0;
  const int64_t new_size = extents_[count].position;
  const int64_t dropped = size_bytes_ - new_size;
  batches_.erase(batches_.begin() + static_cast<ptrdiff_t>(count), batches_.end());
  extents_.erase(extents_.begin() + static_cast<ptrdiff_t>(count), extents_.end());
  RebuildIndexes();
  assert(size_bytes_ == new_size);
  flushed_bytes_ = std::min(flushed_bytes_, size_bytes_);
  return dropped;
}

int64_t LogSegment::TruncateTo(Offset offset) {
  // The first batch holding an offset >= `offset` goes, and everything after it.
  const std::optional<size_t> first = FindBatch(offset);
  return first ? TruncateToBatchCount(*first) : 0;
}

void LogSegment::ReplaceBatches(std::vector<RecordBatch> batches) {
  batches_.clear();
  extents_.clear();
  int64_t position = 0;
  for (RecordBatch& batch : batches) {
    const auto size = static_cast<int64_t>(batch.size_bytes());
    PushBatch(std::move(batch), position);
    position += size;
  }
  RebuildIndexes();
  // The cleaner writes a new file and swaps it in after an fsync.
  flushed_bytes_ = size_bytes_;
}

void LogSegment::ResetDerivedState() {
  size_bytes_ = 0;
  bytes_since_last_index_entry_ = 0;
  max_timestamp_ms_ = -1;
  offset_of_max_timestamp_ = kUndefinedOffset;
  offset_index_.clear();
  time_index_.clear();
}

void LogSegment::RebuildIndexes() {
  // LogSegment.recover: replays every batch as if appended one at a time.
  ResetDerivedState();
  for (size_t i = 0; i < batches_.size(); ++i) {
    const RecordBatchView view = batches_[i].view();
    assert(extents_[i].position == size_bytes_);
    const auto size = static_cast<int64_t>(view.size_bytes());
    size_bytes_ += size;
    if (view.max_timestamp() > max_timestamp_ms_) {
      max_timestamp_ms_ = view.max_timestamp();
      offset_of_max_timestamp_ = Offset(view.last_offset());
    }
    IndexAppend(i, size);
  }
}

int64_t LogSegment::LoseUnflushed(int64_t torn_bytes) {
  assert(torn_bytes >= 0);
  if (flushed_bytes_ >= size_bytes_) return 0;
  // The first batch that was not wholly flushed and everything after it are gone from the disk;
  // a flush covers whole appends, so the flushed prefix ends at a batch boundary.
  const auto first_lost_extent = std::lower_bound(
      extents_.begin(), extents_.end(), flushed_bytes_,
      [](const BatchExtent& b, int64_t position) { return b.position < position; });
  assert(first_lost_extent == extents_.end() || first_lost_extent->position == flushed_bytes_);
  const auto first_lost = batches_.begin() + (first_lost_extent - extents_.begin());
  const int64_t lost = size_bytes_ - flushed_bytes_;
  std::vector<std::byte> torn;
  for (auto it = first_lost; it != batches_.end() && static_cast<int64_t>(torn.size()) < torn_bytes;
       ++it) {
    const Bytes bytes = it->bytes();
    const size_t take = std::min(bytes.size(), static_cast<size_t>(torn_bytes) - torn.size());
    torn.insert(torn.end(), bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(take));
  }
  TruncateToBatchCount(static_cast<size_t>(first_lost - batches_.begin()));
  tail_ = std::move(torn);
  return lost;
}

void LogSegment::ReplaceFileContents(std::vector<std::byte> raw) {
  batches_.clear();
  extents_.clear();
  RebuildIndexes();
  flushed_bytes_ = 0;
  tail_ = std::move(raw);
}

std::vector<std::byte> LogSegment::LogFileBytes() const {
  std::vector<std::byte> bytes;
  bytes.reserve(static_cast<size_t>(size_bytes_) + tail_.size());
  for (const RecordBatch& b : batches_) {
    const Bytes batch = b.bytes();
    bytes.insert(bytes.end(), batch.begin(), batch.end());
  }
  bytes.insert(bytes.end(), tail_.begin(), tail_.end());
  return bytes;
}

std::vector<OffsetIndexEntry> LogSegment::offset_index() const {
  std::vector<OffsetIndexEntry> entries;
  entries.reserve(offset_index_.size());
  for (const IndexSlot& slot : offset_index_) {
    entries.push_back(
        {slot.relative_offset, extents_[slot.batch].position});
  }
  return entries;
}

std::vector<std::byte> LogSegment::OffsetIndexFileBytes() const {
  const std::vector<OffsetIndexEntry> entries = offset_index();
  std::vector<std::byte> bytes(entries.size() * 8);
  for (size_t i = 0; i < entries.size(); ++i) {
    StoreBigEndian(bytes.data() + 8 * i, entries[i].relative_offset);
    StoreBigEndian(bytes.data() + 8 * i + 4, entries[i].position);
  }
  return bytes;
}

std::vector<std::byte> LogSegment::TimeIndexFileBytes() const {
  std::vector<std::byte> bytes(time_index_.size() * 12);
  for (size_t i = 0; i < time_index_.size(); ++i) {
    StoreBigEndian(bytes.data() + 12 * i, time_index_[i].timestamp_ms);
    StoreBigEndian(bytes.data() + 12 * i + 8, time_index_[i].relative_offset);
  }
  return bytes;
}

}  // namespace kafkasim
