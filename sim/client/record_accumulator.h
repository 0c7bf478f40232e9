#pragma once
// The producer's RecordAccumulator: per partition, a queue of batches waiting to be sent. The
// application's send() appends here; the sender asks which leaders have something ready and
// drains at most one batch per partition into each request.
//
// A partition's first batch is ready to send when (Kafka 3.7, RecordAccumulator.ready):
//  - it is full, or another batch queues behind it; or
//  - it waited linger.ms (for a batch on its first try) or its retry backoff (for a retry, which
//    never goes before the backoff has passed); or
//  - the producer is flushing or closing (linger no longer applies).
// A batch that waited delivery.timeout.ms since it was created expires instead.
//
// Invariant: batches of one partition are sent in queue order; a retried batch goes back to the
// front of its queue. With more than one request in flight a retried batch can still land after
// a later one that succeeded at once: that is the reordering idempotence prevents.

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/client/client_metadata.h"
#include "sim/client/last_hit.h"
#include "sim/client/partitioner.h"
#include "sim/client/producer_batch.h"
#include "sim/client/producer_config.h"
#include "sim/client/transaction_manager.h"

namespace kafkasim {

struct AppendResult {
  int32_t partition = -1;
  bool batch_is_full = false;    // the sender should wake up: something is ready
  bool new_batch_created = false;
  int32_t appended_bytes = 0;
};

struct ReadyCheck {
  std::set<BrokerId> ready_nodes;
  std::set<std::string> unknown_leader_topics;
  // When to check again for batches that are not ready yet (linger or backoff running).
  std::optional<Time> next_check;
};

class RecordAccumulator {
 public:
  // `transactions` is the idempotent producer's bookkeeping, or null without idempotence.
  explicit RecordAccumulator(const ProducerConfig& config, TransactionManager* transactions = nullptr)
      : config_(config), transactions_(transactions) {}

  // Appends a record whose topic's metadata is known. `record.partition` unset means the built-in
  // (or round-robin) partitioner chooses; otherwise it must be a valid partition.
  AppendResult Append(const ProducerRecord& record, int64_t timestamp_ms, uint64_t record_id, SendCallback&& callback,
                      const ClientMetadata& metadata, Time now, Random& random);

  ReadyCheck Ready(const ClientMetadata& metadata, Time now);
  // At most one batch per partition led by `node`, in a rotating order so that no partition
  // starves, up to max.request.size (the first batch always goes).
  std::vector<std::unique_ptr<ProducerBatch>> Drain(const ClientMetadata& metadata, BrokerId node, Time now);
  // A batch the broker asked to retry: back to the front of its queue — with idempotence, in
  // sequence order among the other retries there (Kafka's insertInSequenceOrder).
  void Reenqueue(std::unique_ptr<ProducerBatch> batch, Time now);
  // Batches that waited delivery.timeout.ms since creation, removed from their queues.
  std::vector<std::unique_ptr<ProducerBatch>> ExpiredBatches(Time now);
  // Every batch still queued, removed (a closing producer that must give up, e.g. on a crash).
  std::vector<std::unique_ptr<ProducerBatch>> AbortAll();

  // flush()/close(): every queued batch is ready at once, linger or not.
  void BeginFlush() { flushing_ = true; }
  void EndFlush() { flushing_ = false; }
  bool HasUndrained() const;
  // The partition whose queue is blocked while a batch of it is in flight
  // (max.in.flight.requests.per.connection=1 keeps order by sending one batch at a time).
  void Mute(const TopicPartition& tp) { muted_.insert(tp); }
  void Unmute(const TopicPartition& tp) { muted_.erase(tp); }

  // The retry backoff after `attempts` tries (KIP-580: retry.backoff.ms doubling up to
  // retry.backoff.max.ms; Kafka adds ±20% jitter, kafkasim keeps the middle value so that it
  // stays readable).
  Duration RetryBackoff(int32_t attempts) const;
  const BuiltInPartitioner* partitioner(const std::string& topic) const;
  size_t queued_batches(const TopicPartition& tp) const;

 private:
  using Queue = std::deque<std::unique_ptr<ProducerBatch>>;
  struct TopicInfo {
    // By partition id: a partition has a queue from its first record on (Kafka's
    // TopicInfo.batches), and the sender walks them in partition order once a record.
    std::vector<std::unique_ptr<Queue>> batches;  // null until the partition's first record; growing moves no queue
    size_t queues = 0;  // how many partitions have one
    std::unique_ptr<BuiltInPartitioner> built_in;
    RoundRobinPartitioner round_robin;
    Queue& QueueOf(int32_t partition);
    // Calls `f(partition, queue)` for each partition with a queue, in partition order.
    template <typename F>
    void ForEachQueue(F&& f) {
      for (size_t p = 0; p < batches.size(); ++p) {
        if (batches[p]) f(static_cast<int32_t>(p), *batches[p]);
      }
    }
  };
  TopicInfo& Topic(const std::string& name);
  bool Muted(const std::string& topic, int32_t partition) const {
    return !muted_.empty() && muted_.contains(TopicPartition{topic, partition});
  }
  static TopicLayout LayoutOf(const ClientMetadata& metadata, const std::string& topic);
  static bool AllBatchesFull(const std::deque<std::unique_ptr<ProducerBatch>>& queue);

  const ProducerConfig& config_;
  TransactionManager* transactions_;
  std::map<std::string, TopicInfo> topics_;  // never erases: last_topic_ points into it
  LastHit<std::pair<const std::string, TopicInfo>> last_topic_;
  std::set<TopicPartition> muted_;
  std::map<BrokerId, size_t> drain_index_;
  bool flushing_ = false;
  // Ready's scratch for the partitioner's load table, kept so that a check allocates nothing.
  std::vector<int32_t> queue_sizes_, partition_ids_;
};

}  // namespace kafkasim
