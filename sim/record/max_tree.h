#pragma once
// A max segment tree over values appended in order, each of which may later be raised or
// lowered: the index behind Timeline::InFlightAt. Value i is message i's end time (Max while
// it is still on the wire), messages being numbered in order of sending; "which of the first
// p messages end after t" is then ReportGreater(p, t).
//
// Cost: a query visits a node only if its subtree holds a reported value, apart from the
// O(log n) nodes on the boundary of the prefix, so it is O(log n + k log(n/k)) for k results
// at worst and O(log n + k) when the results are mostly neighbours. Messages in flight are:
// they are the last ones sent, plus a few stragglers (a message to a partitioned broker).
// Appends and updates are O(log n) (amortised, the array doubles when full); memory is two
// int64 per slot, at most four per value.
//
// Why not the alternatives: snapshots of the in-flight set every B events cost O(B) per query
// and blow up in memory when many messages stay in flight for long; an interval tree needs
// the end of an interval when it is inserted, and a message's end is only known later.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kafkasim {

class MaxTree {
 public:
  // Appends a value and returns its index (0, 1, 2, ...).
  uint32_t Append(int64_t value);
  void Set(uint32_t index, int64_t value);
  int64_t Get(uint32_t index) const;
  size_t size() const { return size_; }

  // Appends to `out`, in index order, every index below `prefix` whose value is > `threshold`.
  void ReportGreater(size_t prefix, int64_t threshold, std::vector<uint32_t>* out) const;

  size_t MemoryBytes() const { return tree_.capacity() * sizeof(int64_t); }

 private:
  void Grow();
  void Report(size_t node, size_t lo, size_t hi, size_t prefix, int64_t threshold,
              std::vector<uint32_t>* out) const;

  // Heap layout: node 1 is the root, node k's children are 2k and 2k+1, leaves are
  // [capacity_, 2 * capacity_). Unused leaves hold the minimum so they are never reported.
  std::vector<int64_t> tree_;
  size_t capacity_ = 0;  // a power of two, or 0
  size_t size_ = 0;
};

}  // namespace kafkasim
