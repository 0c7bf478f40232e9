#pragma once
// A set of unsigned integers kept as disjoint, non-adjacent closed ranges [first, last]: the
// ledger's way of remembering millions of record numbers or offsets in a handful of ranges when
// they arrive (mostly) in order. Memory grows with the number of holes, not of members.

#include <cstdint>
#include <map>

namespace kafkasim {

class IntervalSet {
 public:
  // Adds [first, last] (first <= last), merging with the ranges it touches or abuts.
  void Add(uint64_t first, uint64_t last);
  void Add(uint64_t value) { Add(value, value); }
  // Removes every member >= `value`.
  void EraseFrom(uint64_t value);
  bool Contains(uint64_t value) const;
  // Members, and members >= `value`.
  uint64_t Count() const { return count_; }
  uint64_t CountFrom(uint64_t value) const;
  // Members of this set that are also in `other`.
  uint64_t CountIntersection(const IntervalSet& other) const;
  size_t range_count() const { return ranges_.size(); }
  bool empty() const { return ranges_.empty(); }
  uint64_t max() const { return ranges_.rbegin()->second; }  // only when not empty
  const std::map<uint64_t, uint64_t>& ranges() const { return ranges_; }

 private:
  std::map<uint64_t, uint64_t> ranges_;  // first -> last
  uint64_t count_ = 0;
};

}  // namespace kafkasim
