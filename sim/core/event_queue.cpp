#include "sim/core/event_queue.h"

namespace kafkasim {

void EventQueue::PushLate(const Entry& e) {
  late_.push_back(LateEntry{e, late_seq_++});
  std::push_heap(late_.begin(), late_.end(), LaterThan());
  ++sides_;
}

void EventQueue::InsertEarly(const Entry& e) {
  const auto at = std::upper_bound(early_.begin(), early_.end(), e.time,
                                   [](Time t, const Entry& x) { return t < x.time; });
  early_.insert(at, e);
  ++sides_;
}

// The side lists hold, when not empty: early_, entries before everything else (below base_);
// late_, entries of the current window pushed after its run was sorted, each after the run's
// entries at its time.
const EventQueue::Entry& EventQueue::SideTop() const {
  if (!early_.empty()) return early_.front();
  assert(!late_.empty());
  if (head_ < run_.size() && run_[head_].time <= late_.front().entry.time) return run_[head_];
  return late_.front().entry;
}

EventQueue::Entry EventQueue::PopSide() {
  if (!early_.empty()) {
    const Entry e = early_.front();
    early_.erase(early_.begin());
    --sides_;
    return e;
  }
  assert(!late_.empty());
  if (head_ < run_.size() && run_[head_].time <= late_.front().entry.time) return run_[head_++];
  std::pop_heap(late_.begin(), late_.end(), LaterThan());
  const Entry e = late_.back().entry;
  late_.pop_back();
  --sides_;
  return e;
}

void EventQueue::Grow(std::vector<Entry>& bucket, int level) {
  std::vector<std::vector<Entry>>& spare = spare_[level];
  if (bucket.empty() && !spare.empty()) {
    bucket.swap(spare.back());
    spare.pop_back();
    if (bucket.capacity() > 0) return;
  }
  bucket.reserve(std::max(kMinCapacity, 2 * bucket.capacity()));
}

void EventQueue::Retire(std::vector<Entry>& bucket, int level) {
  assert(bucket.empty());
  if (bucket.capacity() == 0) return;
  // spare_ has room for every storage of the level (see the constructor).
  assert(spare_[level].size() < spare_[level].capacity());
  spare_[level].push_back(std::move(bucket));
  bucket = std::vector<Entry>();
}

void EventQueue::Refill() {
  assert(head_ == run_.size() && sides_ == 0 && size_ > 0);
  run_.clear();
  head_ = 0;
  while (true) {
    assert(levels_ != 0 && "Refill on an empty queue");
    const int level = std::countr_zero(levels_);
    const unsigned digit = LowestDigit(level);
    Unmark(level, digit);
    // The lowest time that bucket can hold: the base's bytes above `level`, then `digit`, then
    // zeros. It is at or before each of its entries and before every other bucket's, so the
    // other buckets stay right.
    const int shift = level * kDigitBits;
    const uint64_t above =
        level == kLevels - 1 ? 0 : base_ >> (shift + kDigitBits) << (shift + kDigitBits);
    base_ = above | (uint64_t{digit} << shift);
    std::vector<Entry>& from = Bucket(level, digit);
    if (level == 1) {
      // A whole window: it becomes the run, and the run's old storage a spare bucket's.
      run_.swap(from);
      Retire(from, level);
      SortRun();
      return;
    }
    for (const Entry& e : from) {
      const uint64_t key = KeyOf(e.time);
      assert(key >= base_);
      if ((key ^ base_) < kDigits) {
        run_.push_back(e);  // in the new base's own window
      } else {
        File(key, e);
      }
    }
    from.clear();
    Retire(from, level);
    if (!run_.empty()) {
      SortRun();
      return;
    }
  }
}

// Stable: entries at the same time keep the order they were pushed in.
void EventQueue::SortRun() {
  const size_t n = run_.size();
  if (n <= 1) return;
  if (n <= kBitmapSortMax) return BitmapSortRun();
  // Every entry of the run shares all but its low byte with the base: one counting pass sorts.
  std::array<uint32_t, kDigits> start{};
  for (const Entry& e : run_) ++start[KeyOf(e.time) & kDigitMask];
  uint32_t sum = 0;
  for (uint32_t& s : start) {
    const uint32_t count = s;
    s = sum;
    sum += count;
  }
  scratch_.resize(n);
  for (const Entry& e : run_) scratch_[start[KeyOf(e.time) & kDigitMask]++] = e;
  run_.swap(scratch_);
}

// A short run (a few entries a window when few events are pending): set a bit for each low byte
// present, chain the entries that share one in push order, then walk the bits upwards. Unlike
// a counting sort it touches four words, not 256 counters, and unlike a comparison sort it has
// no branch that depends on how the times compare, only on whether two of them tie.
void EventQueue::BitmapSortRun() {
  const size_t n = run_.size();
  static_assert(kBitmapSortMax <= 255 && kDigits == 4 * 64);
  assert(n <= kBitmapSortMax);
  std::array<uint64_t, 4> present{};
  // For each low byte present: the first and last entry with it; for each entry, the next one
  // with the same low byte. Read only where written.
  std::array<uint8_t, kDigits> first, last;
  std::array<uint8_t, kBitmapSortMax> next;
  for (size_t i = 0; i < n; ++i) {
    const auto digit = static_cast<unsigned>(KeyOf(run_[i].time) & kDigitMask);
    const uint64_t bit = uint64_t{1} << (digit % 64);
    const auto index = static_cast<uint8_t>(i);
    if (present[digit / 64] & bit) [[unlikely]] {
      next[last[digit]] = index;  // a tie: after the entries pushed before it
    } else {
      present[digit / 64] |= bit;
      first[digit] = index;
    }
    last[digit] = index;
  }
  scratch_.resize(n);
  Entry* out = scratch_.data();
  for (unsigned word = 0; word < 4; ++word) {
    for (uint64_t bits = present[word]; bits != 0; bits &= bits - 1) {
      const unsigned digit = word * 64 + static_cast<unsigned>(std::countr_zero(bits));
      for (uint8_t i = first[digit];; i = next[i]) {
        *out++ = run_[i];
        if (i == last[digit]) break;
      }
    }
  }
  assert(out == scratch_.data() + n);
  run_.swap(scratch_);
}

}  // namespace kafkasim
