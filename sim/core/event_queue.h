#pragma once
// The pending-event set of the simulation kernel: a monotone radix heap with byte-sized digits,
// ordered by (time, insertion order), whose lowest level is a sorted run.
//
// Why a radix heap: a discrete-event simulation only ever pops the smallest time and never
// schedules into the past, which is exactly the monotone priority queue a radix heap serves. A
// binary heap instead chases entries across the whole heap on every pop and falls out of the
// cache once it holds a million events.
//
// Layout: time is split into windows of 256 microseconds. The run holds the entries of the
// current window (the window of the radix base), sorted by time; a pop takes the next one. The
// entries of later windows are filed by the highest byte in which their time differs from the
// base: level L (1..7) holds those whose time first differs in byte L, and its bucket d those
// whose byte L is d. When the run is used up, the lowest bucket of the lowest non-empty level
// is spread over the levels below it until the lowest bucket is a level-1 one, a whole window:
// it becomes the run, sorted by its low byte (through a bitmap of the bytes present when
// short, a counting sort when long). An entry moves at most once a level: an event a few
// milliseconds ahead is filed, then sorted into the run. Sorting a window at once, rather than filing every entry down to its
// own microsecond, keeps the cost per distinct time (most times are distinct when few events
// are pending) to a pointer increment.
//
// Ties: buckets are only appended to and are spread in order, and sorting is stable, so events
// at the same time pop in the order they were pushed. No sequence number is stored in them.
//
// Late entries: an entry pushed into the current window once its run is sorted (a short timer,
// a zero-delay one, a local message) goes to a small binary heap ordered by (time, push count),
// and a pop takes the earlier of the run's next entry and the heap's top, the run's at equal
// times (the run's entries were all pushed before the heap's). Inserting into the sorted run
// instead moved half of it per push: thousands of entries when a million are pending.
//
// Looking ahead: Top() may move the base to the next window without popping (the simulation
// peeks to see whether the next event is due before a limit). An entry pushed afterwards
// between the last popped time and that window goes to a small sorted side list that pops
// first; it is rare and short.
//
// Memory: an entry is 16 bytes (24 in the late heap). Buckets and the run keep their capacity, so a warmed-up queue
// allocates nothing per event.

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
    // Room for every bucket's storage, and for the run's and the sort's, which trade theirs
    // with level-1 buckets.
    for (auto& spare : spare_) spare.reserve(kDigits + 2);
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
    const uint64_t diff = key ^ base_;
    if (diff < kDigits) {
      PushLate(Entry{time, item});  // the current window (base_'s low byte is 0)
    } else if (key < base_) [[unlikely]] {
      InsertEarly(Entry{time, item});
    } else {
      File(key, Entry{time, item});
    }
  }

  // The earliest entry; the queue must not be empty.
  const Entry& Top() {
    assert(!empty());
    if (sides_ != 0) [[unlikely]] return SideTop();
    if (head_ == run_.size()) [[unlikely]] Refill();
    return run_[head_];
  }

  Entry Pop() {
    assert(!empty());
    Entry e;
    if (sides_ != 0) [[unlikely]] {
      e = PopSide();
    } else {
      if (head_ == run_.size()) [[unlikely]] Refill();
      e = run_[head_++];
    }
    --size_;
    popped_ = KeyOf(e.time);
    return e;
  }

  // Entries known to pop soon, in order (those left in the current window): a hint for
  // prefetching what they refer to. May be empty while more are pending.
  std::span<const Entry> Upcoming() const { return std::span<const Entry>(run_).subspan(head_); }

  // Calls f(entry) for every pending entry, in no particular order (to release what they refer
  // to when the owner goes away).
  template <typename F>
  void ForEach(F&& f) const {
    for (const Entry& e : early_) f(e);
    for (const LateEntry& e : late_) f(e.entry);
    for (size_t k = head_; k < run_.size(); ++k) f(run_[k]);
    for (const std::vector<Entry>& bucket : buckets_) {
      for (const Entry& e : bucket) f(e);
    }
  }

 private:
  static constexpr int kDigitBits = 8;
  static constexpr int kDigits = 1 << kDigitBits;
  static constexpr uint64_t kDigitMask = kDigits - 1;
  static constexpr int kLevels = 64 / kDigitBits;  // level 0 is the run; buckets are 1..7
  static constexpr int kWords = kDigits / 64;      // occupancy words per level
  // Runs up to this long are sorted through a bitmap of their low bytes (an entry's index fits
  // a byte); longer ones by counting their low bytes.
  static constexpr size_t kBitmapSortMax = 255;

  static uint64_t KeyOf(Time t) { return static_cast<uint64_t>(t.micros()); }
  std::vector<Entry>& Bucket(int level, unsigned digit) {
    return buckets_[static_cast<size_t>(level) * kDigits + digit];
  }

  void File(uint64_t key, const Entry& e) {
    // The highest differing byte; never 0 here (the run takes the current window).
    const int level = (63 - std::countl_zero(key ^ base_)) / kDigitBits;
    assert(level >= 1);
    const auto digit = static_cast<unsigned>((key >> (level * kDigitBits)) & kDigitMask);
    std::vector<Entry>& bucket = Bucket(level, digit);
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

  unsigned LowestDigit(int level) const {
    assert(words_[level] != 0);
    const int word = std::countr_zero(words_[level]);
    return static_cast<unsigned>(word * 64 + std::countr_zero(occupied_[level][word]));
  }

  // An entry of the current window pushed after its run was sorted: to the late heap.
  void PushLate(const Entry& e);
  // Before the window Top() looked ahead to: sorted, after its equals.
  void InsertEarly(const Entry& e);
  const Entry& SideTop() const;
  Entry PopSide();

  // Makes room in a full bucket. As time moves on, ever new buckets of the upper levels fill
  // while the ones spread before lie empty, so an empty bucket first takes over the storage of
  // one of its level spread earlier (buckets of a level hold similar numbers); else it grows to
  // at least kMinCapacity entries (a bucket's size wanders around its mean, and starting it at a
  // size it seldom exceeds stops the rare new record from costing an allocation long after the
  // queue has warmed up).
  void Grow(std::vector<Entry>& bucket, int level);
  static constexpr size_t kMinCapacity = 32;
  // Lends a spread bucket's storage to the next bucket of its level that fills.
  void Retire(std::vector<Entry>& bucket, int level);

  // The run is used up: spread the lowest bucket down until a whole window is found, make it
  // the run, sorted. Out of line: it runs once a window, and keeps Top() and Pop() small enough
  // to inline into the kernel's loop.
  void Refill();
  void SortRun();
  void BitmapSortRun();

  // buckets_[level * kDigits + digit] for levels 1..7 (level 0's are unused); kept across
  // events so that they keep their capacity.
  std::vector<std::vector<Entry>> buckets_;
  // Which buckets are non-empty, a bit each; then which of a level's words are non-zero; then
  // which levels have a non-empty bucket. Finding the lowest non-empty bucket is three bit scans.
  std::array<std::array<uint64_t, kWords>, kLevels> occupied_{};
  std::array<uint32_t, kLevels> words_{};
  uint32_t levels_ = 0;
  uint64_t base_ = 0;         // the current window's first microsecond (low byte 0)
  std::vector<Entry> run_;    // the current window's entries, sorted; run_[head_] pops next
  size_t head_ = 0;
  std::vector<Entry> scratch_;  // the sort's output, swapped with run_
  uint64_t popped_ = 0;       // the time of the last pop: the true floor
  // Side lists, both rare: sides_ counts their entries, so that the common pop tests one word.
  std::vector<Entry> early_;  // pushed below base_ after a look-ahead; sorted, FIFO among equals
  // Pushed into the current window after its run was sorted: a min-heap by (time, seq).
  struct LateEntry {
    Entry entry;
    uint64_t seq;  // pushes to the heap so far: ties pop in push order
  };
  struct LaterThan {
    bool operator()(const LateEntry& a, const LateEntry& b) const {
      return a.entry.time != b.entry.time ? a.entry.time > b.entry.time : a.seq > b.seq;
    }
  };
  std::vector<LateEntry> late_;
  uint64_t late_seq_ = 0;
  size_t sides_ = 0;
  // By level, the storage of buckets spread by Refill, empty; room for every bucket.
  std::array<std::vector<std::vector<Entry>>, kLevels> spare_;
  size_t size_ = 0;
};

}  // namespace kafkasim
