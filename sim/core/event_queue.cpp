#include "sim/core/event_queue.h"

namespace kafkasim {

void EventQueue::Grow(std::vector<Entry>& bucket, int level) {
  std::vector<std::vector<Entry>>& spare = spare_[level];
  if (bucket.empty() && !spare.empty()) {
    bucket.swap(spare.back());
    spare.pop_back();
    if (bucket.capacity() > 0) return;
  }
  bucket.reserve(std::max(kMinCapacity, 2 * bucket.capacity()));
}

// Spreads the lowest bucket of the lowest non-empty level over the levels below it until level
// 0 has entries, then moves the base to the earliest of them.
void EventQueue::Advance() {
  Current().clear();
  head_ = 0;
  Unmark(0, base_ & kDigitMask);
  while ((levels_ & 1) == 0) {
    assert(levels_ != 0 && "Advance on an empty queue");
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
    std::vector<Entry>& from = Bucket(buckets_, level, digit);
    for (const Entry& e : from) {
      assert(KeyOf(e.time) >= base_);
      File(KeyOf(e.time), e);
    }
    from.clear();
    // A bucket of the upper levels is seldom filled again soon (its time has passed): lend its
    // storage to the next one of its level that fills.
    if (from.capacity() > 0) {
      assert(spare_[level].size() < spare_[level].capacity());
      spare_[level].push_back(std::move(from));
      from = std::vector<Entry>();
    }
  }
  base_ = (base_ & ~kDigitMask) | LowestDigit(0);
}

}  // namespace kafkasim
