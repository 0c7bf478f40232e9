#include "sim/ledger/interval_set.h"

#include <algorithm>
#include <cassert>

namespace kafkasim {

void IntervalSet::Add(uint64_t first, uint64_t last) {
  assert(first <= last);
  // The first range that could touch [first, last]: the one starting at or before it.
  auto it = ranges_.upper_bound(first);
  if (it != ranges_.begin()) {
    auto prev = std::prev(it);
    if (prev->second + 1 >= first) it = prev;  // overlaps or abuts
  }
  while (it != ranges_.end() && it->first <= last + 1 && (last + 1 != 0)) {
    first = std::min(first, it->first);
    last = std::max(last, it->second);
    count_ -= it->second - it->first + 1;
    it = ranges_.erase(it);
  }
  ranges_.emplace(first, last);
  count_ += last - first + 1;
}

void IntervalSet::EraseFrom(uint64_t value) {
  auto it = ranges_.lower_bound(value);
  if (it != ranges_.begin()) {
    auto prev = std::prev(it);
    if (prev->second >= value) {
      count_ -= prev->second - value + 1;
      prev->second = value - 1;
    }
  }
  while (it != ranges_.end()) {
    count_ -= it->second - it->first + 1;
    it = ranges_.erase(it);
  }
}

bool IntervalSet::Contains(uint64_t value) const {
  auto it = ranges_.upper_bound(value);
  if (it == ranges_.begin()) return false;
  return std::prev(it)->second >= value;
}

uint64_t IntervalSet::CountFrom(uint64_t value) const {
  uint64_t n = 0;
  for (auto it = ranges_.rbegin(); it != ranges_.rend() && it->second >= value; ++it) {
    n += it->second - std::max(it->first, value) + 1;
  }
  return n;
}

uint64_t IntervalSet::CountIntersection(const IntervalSet& other) const {
  uint64_t n = 0;
  auto a = ranges_.begin();
  auto b = other.ranges_.begin();
  while (a != ranges_.end() && b != other.ranges_.end()) {
    const uint64_t lo = std::max(a->first, b->first);
    const uint64_t hi = std::min(a->second, b->second);
    if (lo <= hi) n += hi - lo + 1;
    if (a->second < b->second) {
      ++a;
    } else {
      ++b;
    }
  }
  return n;
}

}  // namespace kafkasim
