#include "sim/client/partitioner.h"

#include <algorithm>
#include <cassert>

#include "sim/admin/hashing.h"

namespace kafkasim {

int32_t RandomPositiveInt(Random& random) {
  return ToPositive(static_cast<int32_t>(static_cast<uint32_t>(random.Next() >> 32)));
}

BuiltInPartitioner::BuiltInPartitioner(int32_t sticky_batch_size) : sticky_batch_size_(std::max(sticky_batch_size, 1)) {}

int32_t BuiltInPartitioner::Next(const TopicLayout& layout, Random& random) const {
  assert(layout.num_partitions > 0 && "the producer waits for metadata before partitioning");
  const int32_t r = RandomPositiveInt(random);
  if (cumulative_frequency_.empty()) {
    if (!layout.available.empty()) return layout.available[r % layout.available.size()];
    return r % layout.num_partitions;
  }
  // A weighted draw: the first table entry strictly greater than r mod the table's total.
  const int32_t weighted = r % cumulative_frequency_.back();
  auto it = std::upper_bound(cumulative_frequency_.begin(), cumulative_frequency_.end(), weighted);
  assert(it != cumulative_frequency_.end());
  return partition_ids_[it - cumulative_frequency_.begin()];
}

int32_t BuiltInPartitioner::Peek(const TopicLayout& layout, Random& random) {
  if (!sticky_) {
    sticky_ = Next(layout, random);
    produced_bytes_ = 0;
  }
  return *sticky_;
}

bool BuiltInPartitioner::Produced(int32_t appended_bytes, bool enable_switch) {
  assert(sticky_.has_value());
  produced_bytes_ += appended_bytes;
  return (produced_bytes_ >= sticky_batch_size_ && enable_switch) || produced_bytes_ >= 2 * sticky_batch_size_;
}

void BuiltInPartitioner::Switch(const TopicLayout& layout, Random& random) {
  sticky_ = Next(layout, random);
  produced_bytes_ = 0;
}

void BuiltInPartitioner::UpdateLoadStats(std::span<const int32_t> queue_sizes, std::span<const int32_t> partition_ids,
                                         size_t length) {
  cumulative_frequency_.clear();
  partition_ids_.clear();
  assert(queue_sizes.size() == partition_ids.size() && length <= queue_sizes.size());
  // Fewer than two partitions, or nothing known: no weighting.
  if (length < 1 || queue_sizes.size() < 2) return;
  int32_t max_plus_1 = queue_sizes[0];
  bool all_equal = true;
  for (size_t i = 1; i < length; ++i) {
    if (queue_sizes[i] != max_plus_1) all_equal = false;
    max_plus_1 = std::max(max_plus_1, queue_sizes[i]);
  }
  ++max_plus_1;
  if (all_equal && length == queue_sizes.size()) return;
  // Invert (a shorter queue weighs more) and accumulate into the table a draw searches.
  int32_t cumulative = 0;
  for (size_t i = 0; i < length; ++i) {
    cumulative += max_plus_1 - queue_sizes[i];
    cumulative_frequency_.push_back(cumulative);
  }
  partition_ids_.assign(partition_ids.begin(), partition_ids.begin() + static_cast<std::ptrdiff_t>(length));
}

int32_t RoundRobinPartitioner::Partition(const TopicLayout& layout) {
  assert(layout.num_partitions > 0);
  const int32_t next = counter_;
  counter_ = static_cast<int32_t>(static_cast<uint32_t>(counter_) + 1u);  // Java's int wraps
  if (!layout.available.empty()) return layout.available[ToPositive(next) % layout.available.size()];
  return ToPositive(next) % layout.num_partitions;
}

}  // namespace kafkasim
