#pragma once
// The pending-event set of the simulation kernel: a monotone radix heap with byte-sized digits,
// ordered by (time, insertion order).
//
// Why a radix heap: a discrete-event simulation only ever pops the smallest time and never
// schedules into the past, which is exactly the monotone priority queue a radix heap serves. A
// binary heap instead chases entries across the whole heap on every pop and falls out of the
// cache once it holds a million events.
//
// Layout: entries are filed by the highest byte in which their time differs from the radix
// base, a time at or before every pending entry. Level L holds the entries whose time first
// differs from the base in byte L, and its bucket d those whose byte L is d. So a level-0 bucket
// holds one exact time, ready to pop, and an entry's bucket stays right while the base moves
// below it. When level 0 runs dry, the lowest bucket of the lowest non-empty level is spread
// over the levels below it. An entry moves at most once a level: an event a few milliseconds
// ahead (16 bits of microseconds) is filed twice in all, where a binary radix heap (one bucket
// a bit) moves it up to sixteen times.
//
// Ties: buckets are only appended to and are spread in order, and the level-0 bucket of the
// current time is consumed first-in first-out, so events at the same time pop in the order they
// were pushed. No sequence number is stored.
//
// Looking ahead: Top() may advance the base to the next pending time without popping (the
// simulation peeks to see whether the next event is due before a limit). An entry pushed
// afterwards between the last popped time and that base goes to a small sorted side list that
// pops first; it is rare and short.
//
// Memory: an entry is 16 bytes. Buckets keep their capacity, so a warmed-up queue allocates
// nothing per event.

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/core/time.h"

namespace kafkasim {

class EventQueue {
 public:
  struct Entry {
    Time time;
    uint64_t item;  // what the owner of the queue stores for this event
  };
  static_assert(sizeof(Entry) == 16);

  EventQueue() : buckets_(kLevels * kDigits) {
    for (auto& spare : spare_) spare.reserve(kDigits);
  }

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  // The time of the last popped entry: nothing earlier may be pushed any more.
  Time floor() const { return Time::FromMicros(static_cast<int64_t>(popped_)); }

  void Push(Time time, uint64_t item) {
    assert(time.micros() >= 0);
    const uint64_t key = KeyOf(time);
    assert(key >= popped_ && "events may not be scheduled in the past");
    ++size_;
    if (key < base_) [[unlikely]] {
      // Earlier than where Top() looked ahead to: keep it sorted, after its equals (FIFO).
      auto at = std::upper_bound(early_.begin(), early_.end(), time,
                                 [](Time t, const Entry& e) { return t < e.time; });
      early_.insert(at, Entry{time, item});
      return;
    }
    File(key, Entry{time, item});
  }

  // The earliest entry; the queue must not be empty.
  const Entry& Top() {
    assert(!empty());
    if (!early_.empty()) [[unlikely]] return early_.front();
    if (head_ == Current().size()) Advance();
    return Current()[head_];
  }

  Entry Pop() {
    const Entry e = Top();
    if (!early_.empty()) [[unlikely]] {
      early_.erase(early_.begin());
    } else {
      ++head_;
    }
    --size_;
    popped_ = KeyOf(e.time);
    return e;
  }

  // Entries known to pop soon, in order (those left at the current time): a hint for
  // prefetching what they refer to. May be empty while more are pending.
  std::span<const Entry> Upcoming() const {
    const std::vector<Entry>& current = Current();
    return std::span<const Entry>(current).subspan(std::min(head_, current.size()));
  }

  // Calls f(entry) for every pending entry, in no particular order (to release what they refer
  // to when the owner goes away).
  template <typename F>
  void ForEach(F&& f) const {
    for (const Entry& e : early_) f(e);
    for (size_t i = 0; i < buckets_.size(); ++i) {
      const std::vector<Entry>& bucket = buckets_[i];
      const size_t first = &bucket == &Current() ? head_ : 0;
      for (size_t k = first; k < bucket.size(); ++k) f(bucket[k]);
    }
  }

 private:
  static constexpr int kDigitBits = 8;
  static constexpr int kDigits = 1 << kDigitBits;
  static constexpr uint64_t kDigitMask = kDigits - 1;
  static constexpr int kLevels = 64 / kDigitBits;
  static constexpr int kWords = kDigits / 64;  // occupancy words per level

  static uint64_t KeyOf(Time t) { return static_cast<uint64_t>(t.micros()); }
  static std::vector<Entry>& Bucket(std::vector<std::vector<Entry>>& b, int level, unsigned digit) {
    return b[static_cast<size_t>(level) * kDigits + digit];
  }
  // The level-0 bucket of the base: the entries at the current time.
  std::vector<Entry>& Current() { return buckets_[base_ & kDigitMask]; }
  const std::vector<Entry>& Current() const { return buckets_[base_ & kDigitMask]; }

  void File(uint64_t key, const Entry& e) {
    // The highest differing byte; `| 1` makes a key equal to the base level 0 without a branch.
    const int level = (63 - std::countl_zero((key ^ base_) | 1)) / kDigitBits;
    const auto digit = static_cast<unsigned>((key >> (level * kDigitBits)) & kDigitMask);
    std::vector<Entry>& bucket = Bucket(buckets_, level, digit);
    if (bucket.size() == bucket.capacity()) [[unlikely]] Grow(bucket, level);
    bucket.push_back(e);
    occupied_[level][digit / 64] |= uint64_t{1} << (digit % 64);
    words_[level] |= 1u << (digit / 64);
    levels_ |= 1u << level;
  }

  void Unmark(int level, unsigned digit) {
    uint64_t& word = occupied_[level][digit / 64];
    word &= ~(uint64_t{1} << (digit % 64));
    if (word != 0) return;
    words_[level] &= ~(1u << (digit / 64));
    if (words_[level] == 0) levels_ &= ~(1u << level);
  }

  // Makes room in a full bucket. As time moves on, ever new buckets of the upper levels fill
  // while the ones spread before lie empty, so an empty bucket first takes over the storage of
  // one of its level spread earlier (buckets of a level hold similar numbers); else it grows to at least kMinCapacity entries (a bucket's size wanders
  // around its mean, and starting it at a size it seldom exceeds stops the rare new record from
  // costing an allocation long after the queue has warmed up).
  void Grow(std::vector<Entry>& bucket, int level);
  static constexpr size_t kMinCapacity = 32;

  unsigned LowestDigit(int level) const {
    assert(words_[level] != 0);
    const int word = std::countr_zero(words_[level]);
    return static_cast<unsigned>(word * 64 + std::countr_zero(occupied_[level][word]));
  }

  // The current time's entries are all popped: move the base to the next pending time.
  // Out of line: it runs once per distinct time, and keeps Top() and Pop() small enough to
  // inline into the kernel's loop.
  void Advance();

  // buckets_[level * kDigits + digit]; kept across events so that they keep their capacity.
  std::vector<std::vector<Entry>> buckets_;
  // Which buckets are non-empty, a bit each; then which of a level's words are non-zero; then
  // which levels have a non-empty bucket. Finding the lowest non-empty bucket is three bit scans.
  std::array<std::array<uint64_t, kWords>, kLevels> occupied_{};
  std::array<uint32_t, kLevels> words_{};
  uint32_t levels_ = 0;
  uint64_t base_ = 0;      // the radix base: every bucketed entry is at or after it
  size_t head_ = 0;        // next entry of the current level-0 bucket to pop
  uint64_t popped_ = 0;    // the time of the last pop: the true floor
  std::vector<Entry> early_;  // pushed below base_ after a look-ahead; sorted, FIFO among equals
  // By level, the storage of buckets spread by Advance, empty; room for every bucket.
  std::array<std::vector<std::vector<Entry>>, kLevels> spare_;
  size_t size_ = 0;
};

}  // namespace kafkasim
