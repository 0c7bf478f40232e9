#pragma once
// Which partition a record goes to, as Kafka 3.7's producer decides (KafkaProducer.partition and
// BuiltInPartitioner, KIP-794):
//  - an explicit partition wins;
//  - a key (unless partitioner.ignore.keys) → toPositive(murmur2(key)) % numPartitions, over ALL
//    partitions of the topic, leaderless ones included: the same key always lands in the same
//    partition, even while that partition is down;
//  - no key → the uniform sticky partitioner: one partition takes the records until about
//    batch.size bytes went to it, then a random other one is picked among the partitions that
//    have a leader. With partitioner.adaptive.partitioning.enable (the default) the pick is
//    weighted against partitions with longer queues once every partition has queued a batch;
//  - partitioner.class=RoundRobinPartitioner → a per-topic counter over the available partitions.
//
// Random draws come from the producer node's seeded stream, so a run replays.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "sim/core/random.h"

namespace kafkasim {

// The view of a topic a partitioner needs: how many partitions, and which have a leader.
struct TopicLayout {
  int32_t num_partitions = 0;
  std::vector<int32_t> available;  // partitions with a leader, ascending
};

// A uniformly random non-negative int, as Utils.toPositive(ThreadLocalRandom.nextInt()).
int32_t RandomPositiveInt(Random& random);

// The built-in partitioner's state for one topic (one per topic, as in Kafka).
class BuiltInPartitioner {
 public:
  explicit BuiltInPartitioner(int32_t sticky_batch_size);

  // The current sticky partition, choosing one first if there is none.
  int32_t Peek(const TopicLayout& layout, Random& random);
  // `appended_bytes` went to the sticky partition. Returns whether to switch now: once it took
  // batch.size bytes and `enable_switch` (its last batch is full, so switching does not strand a
  // half batch), or unconditionally at twice batch.size.
  bool Produced(int32_t appended_bytes, bool enable_switch);
  // Picks the next sticky partition (one random draw).
  void Switch(const TopicLayout& layout, Random& random);
  // Produced, then Switch if it is time. A caller that builds the layout for each record can
  // call the two itself, and build it only to switch.
  void Update(int32_t appended_bytes, bool enable_switch, const TopicLayout& layout, Random& random) {
    if (Produced(appended_bytes, enable_switch)) Switch(layout, random);
  }
  // Queue sizes (batches waiting) of the partitions with a leader, from the accumulator's last
  // readiness check; an empty vector turns the weighting off (uniform choice).
  // The table keeps its storage from one check to the next: the sender checks after every send.
  void UpdateLoadStats(std::span<const int32_t> queue_sizes, std::span<const int32_t> partition_ids, size_t length);

  std::optional<int32_t> sticky_partition() const { return sticky_; }
  int32_t produced_bytes() const { return produced_bytes_; }

 private:
  int32_t Next(const TopicLayout& layout, Random& random) const;

  int32_t sticky_batch_size_;
  std::optional<int32_t> sticky_;
  int32_t produced_bytes_ = 0;
  // The cumulative frequency table (empty: uniform) and the partition each entry stands for.
  std::vector<int32_t> cumulative_frequency_;
  std::vector<int32_t> partition_ids_;
};

// org.apache.kafka.clients.producer.RoundRobinPartitioner for one topic.
class RoundRobinPartitioner {
 public:
  int32_t Partition(const TopicLayout& layout);

 private:
  int32_t counter_ = 0;
};

}  // namespace kafkasim
