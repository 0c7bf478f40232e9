#pragma once
// The pending-event set of the simulation kernel: a monotone radix heap ordered by (time,
// insertion order).
//
// Why a radix heap: a discrete-event simulation only ever pops the smallest time and never
// schedules into the past, which is exactly the monotone priority queue a radix heap serves.
// Entries live in 65 buckets by the highest bit in which their time differs from the last
// popped time; popping scans at most one bucket and moves each entry down O(log range) times in
// total, through sequential memory. A binary heap instead chases pointers across the whole heap
// on every pop and falls off the cache once it holds a million events.
//
// Ties: every bucket is kept in insertion order (entries are only appended; a bucket is only
// refilled while it is empty), and bucket 0 — the entries equal to the last popped time — is
// consumed first-in first-out. So events at the same time pop in the order they were pushed,
// and no sequence number needs to be stored.
//
// Looking ahead: Top() may advance the radix base to the next pending time without popping
// (the simulation peeks to see whether the next event is due before a limit). An event pushed
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
#include <vector>

#include "sim/core/time.h"

namespace kafkasim {

class EventQueue {
 public:
  struct Entry {
    Time time;
    uint32_t slot;  // what the owner of the queue stores for this event
  };
  static_assert(sizeof(Entry) == 16);

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  // The time of the last popped entry: nothing earlier may be pushed any more.
  Time floor() const { return Time::FromMicros(static_cast<int64_t>(popped_)); }

  void Push(Time time, uint32_t slot) {
    assert(time.micros() >= 0);
    const uint64_t key = static_cast<uint64_t>(time.micros());
    assert(key >= popped_ && "events may not be scheduled in the past");
    if (key < last_) {
      // Earlier than where Top() looked ahead to: keep it sorted, after its equals (FIFO).
      auto at = std::upper_bound(early_.begin(), early_.end(), time,
                                 [](Time t, const Entry& e) { return t < e.time; });
      early_.insert(at, Entry{time, slot});
      ++size_;
      return;
    }
    const int b = BucketOf(key);
    buckets_[b].push_back(Entry{time, slot});
    if (b > 0) occupied_ |= uint64_t{1} << (b - 1);
    ++size_;
  }

  // The earliest entry; the queue must not be empty.
  const Entry& Top() {
    assert(!empty());
    if (!early_.empty()) return early_.front();
    if (head_ == buckets_[0].size()) Refill();
    return buckets_[0][head_];
  }

  Entry Pop() {
    Entry e = Top();
    if (!early_.empty()) {
      early_.erase(early_.begin());
    } else {
      ++head_;
    }
    --size_;
    popped_ = static_cast<uint64_t>(e.time.micros());
    return e;
  }

 private:
  // 0 for a key equal to last_, else 1 + the index of the highest bit where they differ.
  int BucketOf(uint64_t key) const {
    const uint64_t diff = key ^ last_;
    return diff == 0 ? 0 : 64 - std::countl_zero(diff);
  }

  // Bucket 0 is exhausted: advance last_ to the smallest pending time and spread the lowest
  // non-empty bucket over the buckets below it.
  void Refill() {
    buckets_[0].clear();
    head_ = 0;
    assert(occupied_ != 0);
    const int b = std::countr_zero(occupied_) + 1;
    std::vector<Entry>& from = buckets_[b];
    uint64_t min_key = UINT64_MAX;
    for (const Entry& e : from) min_key = std::min(min_key, static_cast<uint64_t>(e.time.micros()));
    last_ = min_key;
    occupied_ &= ~(uint64_t{1} << (b - 1));
    for (const Entry& e : from) {
      const int to = BucketOf(static_cast<uint64_t>(e.time.micros()));
      assert(to < b);
      buckets_[to].push_back(e);
      if (to > 0) occupied_ |= uint64_t{1} << (to - 1);
    }
    from.clear();
  }

  std::array<std::vector<Entry>, 65> buckets_;
  size_t head_ = 0;        // next entry of bucket 0 to pop
  uint64_t occupied_ = 0;  // bit b-1 set when bucket b (1..64) is non-empty
  uint64_t last_ = 0;    // the radix base: every bucketed entry is at or after it
  uint64_t popped_ = 0;  // the time of the last pop: the true floor
  std::vector<Entry> early_;  // pushed below last_ after a look-ahead; sorted, FIFO among equals
  size_t size_ = 0;
};

}  // namespace kafkasim
