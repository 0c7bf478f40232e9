#include "sim/record/max_tree.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace kafkasim {
namespace {

constexpr int64_t kNothing = std::numeric_limits<int64_t>::min();
constexpr size_t kFirstCapacity = 1024;

}  // namespace

uint32_t MaxTree::Append(int64_t value) {
  assert(value != kNothing && "the minimum marks unused leaves");
  assert(size_ < std::numeric_limits<uint32_t>::max() && "indexes are 32-bit");
  if (size_ == capacity_) Grow();
  const auto index = static_cast<uint32_t>(size_++);
  Set(index, value);
  return index;
}

void MaxTree::Set(uint32_t index, int64_t value) {
  assert(index < size_ && "Set on a value never appended");
  size_t node = capacity_ + index;
  tree_[node] = value;
  for (node /= 2; node >= 1; node /= 2) {
    tree_[node] = std::max(tree_[2 * node], tree_[2 * node + 1]);
  }
}

int64_t MaxTree::Get(uint32_t index) const {
  assert(index < size_ && "Get of a value never appended");
  return tree_[capacity_ + index];
}

void MaxTree::Grow() {
  const size_t capacity = capacity_ == 0 ? kFirstCapacity : 2 * capacity_;
  std::vector<int64_t> tree(2 * capacity, kNothing);
  std::copy(tree_.begin() + capacity_, tree_.begin() + capacity_ + size_, tree.begin() + capacity);
  for (size_t node = capacity - 1; node >= 1; --node) {
    tree[node] = std::max(tree[2 * node], tree[2 * node + 1]);
  }
  tree_ = std::move(tree);
  capacity_ = capacity;
}

void MaxTree::ReportGreater(size_t prefix, int64_t threshold, std::vector<uint32_t>* out) const {
  prefix = std::min(prefix, size_);
  if (prefix == 0) return;
  Report(1, 0, capacity_, prefix, threshold, out);
}

// Depth is log2(capacity) <= 32, so the recursion is bounded.
void MaxTree::Report(size_t node, size_t lo, size_t hi, size_t prefix, int64_t threshold,
                     std::vector<uint32_t>* out) const {
  if (lo >= prefix || tree_[node] <= threshold) return;
  if (hi - lo == 1) {
    out->push_back(static_cast<uint32_t>(lo));
    return;
  }
  const size_t mid = lo + (hi - lo) / 2;
  Report(2 * node, lo, mid, prefix, threshold, out);
  Report(2 * node + 1, mid, hi, prefix, threshold, out);
}

}  // namespace kafkasim
