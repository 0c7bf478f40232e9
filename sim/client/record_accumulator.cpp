#include "sim/client/record_accumulator.h"

#include <algorithm>
#include <cassert>

#include "sim/admin/hashing.h"

namespace kafkasim {

RecordAccumulator::TopicInfo& RecordAccumulator::Topic(const std::string& name) {
  if (auto* hit = last_topic_.Find(name)) return hit->second;
  auto& entry = *topics_.try_emplace(name).first;
  TopicInfo& t = entry.second;
  if (!t.built_in) t.built_in = std::make_unique<BuiltInPartitioner>(config_.batch_size);
  last_topic_.Remember(entry);
  return t;
}

RecordAccumulator::Queue& RecordAccumulator::TopicInfo::QueueOf(int32_t partition) {
  assert(partition >= 0);
  if (batches.size() <= static_cast<size_t>(partition)) batches.resize(partition + 1);
  std::unique_ptr<Queue>& queue = batches[partition];
  if (!queue) {
    queue = std::make_unique<Queue>();
    ++queues;
  }
  return *queue;
}

TopicLayout RecordAccumulator::LayoutOf(const ClientMetadata& metadata, const std::string& topic) {
  return TopicLayout{.num_partitions = metadata.PartitionCount(topic).value_or(0),
                     .available = metadata.AvailablePartitions(topic)};
}

bool RecordAccumulator::AllBatchesFull(const std::deque<std::unique_ptr<ProducerBatch>>& queue) {
  // Only the last batch of a queue can still take records.
  return queue.empty() || queue.back()->IsFull();
}

Duration RecordAccumulator::RetryBackoff(int32_t attempts) const {
  if (config_.retry_backoff >= config_.retry_backoff_max) return config_.retry_backoff_max;
  Duration backoff = config_.retry_backoff;
  for (int32_t i = 1; i < attempts && backoff < config_.retry_backoff_max; ++i) backoff = backoff * 2;
  return std::min(backoff, config_.retry_backoff_max);
}

AppendResult RecordAccumulator::Append(const ProducerRecord& record, int64_t timestamp_ms, uint64_t record_id,
                                       SendCallback&& callback, const ClientMetadata& metadata, Time now,
                                       Random& random) {
  TopicInfo& t = Topic(record.topic);
  // Only a key's hash needs the partition count (and the asserts): a record with its partition,
  // or one that sticks, looks nothing more up.
  auto num_partitions = [&] { return metadata.PartitionCount(record.topic).value_or(0); };
  assert(num_partitions() > 0 && "append only once the topic's metadata is known");
  // Which partitions have a leader: only the partitioners that choose among them ask.
  std::optional<TopicLayout> layout;
  auto layout_of_topic = [&]() -> const TopicLayout& {
    if (!layout) layout = LayoutOf(metadata, record.topic);
    return *layout;
  };
  int32_t partition;
  bool built_in = false;
  if (record.partition) {
    partition = *record.partition;
  } else if (config_.partitioner == PartitionerKind::kRoundRobin) {
    partition = t.round_robin.Partition(layout_of_topic());
  } else if (record.key && !config_.partitioner_ignore_keys) {
    partition = PartitionForKey(*record.key, num_partitions());
  } else {
    // A record that sticks to the current partition needs no layout: only a choice does.
    const std::optional<int32_t> sticky = t.built_in->sticky_partition();
    partition = sticky ? *sticky : t.built_in->Peek(layout_of_topic(), random);
    built_in = true;
  }
  assert(partition >= 0 && partition < num_partitions());
  Queue& queue = t.QueueOf(partition);
  std::optional<int32_t> appended;
  if (!queue.empty()) {
    appended = queue.back()->TryAppend(record, timestamp_ms, record_id, std::move(callback));
    if (!appended) queue.back()->CloseForAppends();
  }
  const bool new_batch = !appended;
  if (new_batch) {
    queue.push_back(std::make_unique<ProducerBatch>(TopicPartition{record.topic, partition}, now, config_.batch_size, record));
    appended = queue.back()->TryAppend(record, timestamp_ms, record_id, std::move(callback));
    assert(appended && "a fresh batch always takes its first record");
  }
  if (built_in && t.built_in->Produced(*appended, AllBatchesFull(queue))) t.built_in->Switch(layout_of_topic(), random);
  return AppendResult{.partition = partition, .batch_is_full = queue.size() > 1 || queue.back()->IsFull(),
                      .new_batch_created = new_batch, .appended_bytes = *appended};
}

ReadyCheck RecordAccumulator::Ready(const ClientMetadata& metadata, Time now) {
  ReadyCheck check;
  for (auto& [name, t] : topics_) {
    const ClientTopic* topic = metadata.Topic(name);
    const size_t count = topic == nullptr ? 0 : topic->partitions.size();
    // Adaptive weighting starts once every partition of the topic has had a queue: a partition
    // without one would be unknown to the table and never picked.
    const bool stats = config_.adaptive_partitioning && count > 0 && t.queues >= count;
    queue_sizes_.clear();
    partition_ids_.clear();
    t.ForEachQueue([&](int32_t partition, Queue& queue) {
      const BrokerId leader = static_cast<size_t>(partition) < count ? topic->partitions[partition].leader : kNoLeader;
      if (leader != kNoLeader && stats) {
        partition_ids_.push_back(partition);
        queue_sizes_.push_back(static_cast<int32_t>(queue.size()));
      }
      if (queue.empty()) return;
      if (leader == kNoLeader) {
        check.unknown_leader_topics.insert(name);
        return;
      }
      if (Muted(name, partition)) return;
      const ProducerBatch& batch = *queue.front();
      const Duration waited = now - batch.last_attempt();
      const Duration backoff = RetryBackoff(batch.attempts());
      const bool backing_off = batch.attempts() > 0 && waited < backoff;
      const Duration time_to_wait = batch.attempts() > 0 ? backoff : config_.linger;
      const bool full = queue.size() > 1 || batch.IsFull();
      const bool sendable = full || waited >= time_to_wait || flushing_;
      if (sendable && !backing_off) {
        check.ready_nodes.insert(leader);
      } else {
        const Time at = batch.last_attempt() + time_to_wait;
        if (!check.next_check || at < *check.next_check) check.next_check = at;
      }
    });
    if (t.built_in) {
      const size_t length = queue_sizes_.size();
      queue_sizes_.resize(stats ? t.queues : 0, 0);
      partition_ids_.resize(queue_sizes_.size(), -1);
      t.built_in->UpdateLoadStats(queue_sizes_, partition_ids_, stats ? length : 0);
    }
  }
  return check;
}

std::vector<std::unique_ptr<ProducerBatch>> RecordAccumulator::Drain(const ClientMetadata& metadata, BrokerId node,
                                                                     Time now) {
  // The queues of the partitions `node` leads, in the order Ready walks them.
  struct Led {
    const std::string* topic;
    int32_t partition;
    Queue* queue;
  };
  std::vector<Led> led;
  for (auto& [name, t] : topics_) {
    const ClientTopic* topic = metadata.Topic(name);
    if (topic == nullptr) continue;
    t.ForEachQueue([&](int32_t partition, Queue& queue) {
      if (static_cast<size_t>(partition) < topic->partitions.size() && topic->partitions[partition].leader == node) {
        led.push_back(Led{.topic = &name, .partition = partition, .queue = &queue});
      }
    });
  }
  std::vector<std::unique_ptr<ProducerBatch>> out;
  if (led.empty()) return out;
  size_t& index = drain_index_[node];
  const size_t start = index % led.size();
  size_t bytes = 0;
  for (size_t i = 0; i < led.size(); ++i) {
    const Led& l = led[(start + i) % led.size()];
    index = start + i + 1;
    if (Muted(*l.topic, l.partition)) continue;
    Queue& queue = *l.queue;
    if (queue.empty()) continue;
    ProducerBatch& first = *queue.front();
    if (first.attempts() > 0 && now - first.last_attempt() < RetryBackoff(first.attempts())) continue;
    if (transactions_ != nullptr && transactions_->MustWait(first)) continue;
    // The header's size does not depend on the producer state, so the estimate is exact.
    const size_t size = first.estimated_size();
    if (!out.empty() && bytes + size > static_cast<size_t>(config_.max_request_size)) break;
    bytes += size;
    if (transactions_ != nullptr && !first.has_sequence()) transactions_->AssignSequence(first);
    first.Built();
    first.Drained(now);
    out.push_back(std::move(queue.front()));
    queue.pop_front();
  }
  return out;
}

void RecordAccumulator::Reenqueue(std::unique_ptr<ProducerBatch> batch, Time now) {
  batch->Reenqueued(now);
  const TopicPartition tp = batch->tp();
  Queue& queue = topics_.at(tp.topic).QueueOf(tp.partition);
  if (!batch->has_sequence()) return queue.push_front(std::move(batch));
  // Among the retried (sequenced) batches at the front, by sequence; before every fresh batch.
  auto it = queue.begin();
  while (it != queue.end() && (*it)->has_sequence() && (*it)->base_sequence() < batch->base_sequence()) ++it;
  queue.insert(it, std::move(batch));
}

std::vector<std::unique_ptr<ProducerBatch>> RecordAccumulator::ExpiredBatches(Time now) {
  std::vector<std::unique_ptr<ProducerBatch>> out;
  for (auto& [name, t] : topics_) {
    t.ForEachQueue([&](int32_t, Queue& queue) {
      // A partition's queue is in creation order (a retried batch goes back to the front), so,
      // as Kafka's RecordAccumulator.expiredBatches does, stop at the first batch still in time:
      // scanning the whole queue on every send made a long queue quadratic.
      while (!queue.empty() && now - queue.front()->created() >= config_.delivery_timeout) {
        out.push_back(std::move(queue.front()));
        queue.pop_front();
      }
    });
  }
  return out;
}

std::vector<std::unique_ptr<ProducerBatch>> RecordAccumulator::AbortAll() {
  std::vector<std::unique_ptr<ProducerBatch>> out;
  for (auto& [name, t] : topics_) {
    t.ForEachQueue([&](int32_t, Queue& queue) {
      for (auto& b : queue) out.push_back(std::move(b));
      queue.clear();
    });
  }
  return out;
}

bool RecordAccumulator::HasUndrained() const {
  for (const auto& [name, t] : topics_) {
    for (const std::unique_ptr<Queue>& queue : t.batches) {
      if (queue && !queue->empty()) return true;
    }
  }
  return false;
}

const BuiltInPartitioner* RecordAccumulator::partitioner(const std::string& topic) const {
  auto it = topics_.find(topic);
  return it == topics_.end() ? nullptr : it->second.built_in.get();
}

size_t RecordAccumulator::queued_batches(const TopicPartition& tp) const {
  auto it = topics_.find(tp.topic);
  if (it == topics_.end()) return 0;
  const auto& batches = it->second.batches;
  const auto p = static_cast<size_t>(tp.partition);
  return p < batches.size() && batches[p] ? batches[p]->size() : 0;
}

}  // namespace kafkasim
