#include "sim/core/event_queue.h"

namespace kafkasim {

void EventQueue::InsertInRun(uint64_t key, const Entry& e) {
  if (key == popped_) {
    now_.push_back(e);
    ++sides_;
    return;
  }
  const auto first = run_.begin() + static_cast<std::ptrdiff_t>(head_);
  auto at = run_.end();
  while (at != first && KeyOf((at - 1)->time) > key) --at;
  run_.insert(at, e);
}

void EventQueue::InsertEarly(const Entry& e) {
  const auto at = std::upper_bound(early_.begin(), early_.end(), e.time,
                                   [](Time t, const Entry& x) { return t < x.time; });
  early_.insert(at, e);
  ++sides_;
}

// The side lists hold, when not empty: early_, entries before everything else; or now_, entries
// at popped_ that pop after the run's entries at popped_ (the two are never both in use: early_
// fills only while the base is past popped_, now_ only while it is not, and the base moves only
// when both are empty).
const EventQueue::Entry& EventQueue::SideTop() const {
  if (!early_.empty()) return early_.front();
  assert(now_head_ < now_.size());
  if (head_ < run_.size() && KeyOf(run_[head_].time) == popped_) return run_[head_];
  return now_[now_head_];
}

EventQueue::Entry EventQueue::PopSide() {
  if (!early_.empty()) {
    const Entry e = early_.front();
    early_.erase(early_.begin());
    --sides_;
    return e;
  }
  assert(now_head_ < now_.size());
  if (head_ < run_.size() && KeyOf(run_[head_].time) == popped_) return run_[head_++];
  const Entry e = now_[now_head_++];
  --sides_;
  if (now_head_ == now_.size()) {
    now_.clear();
    now_head_ = 0;
  }
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
  if (n <= kInsertionSortMax) {
    Entry* const first = run_.data();
    for (Entry* i = first + 1; i < first + n; ++i) {
      const Entry e = *i;
      const int64_t t = e.time.micros();
      Entry* j = i;
      for (; j > first && (j - 1)->time.micros() > t; --j) *j = *(j - 1);
      *j = e;
    }
    return;
  }
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

}  // namespace kafkasim
