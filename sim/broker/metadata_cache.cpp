#include "sim/broker/metadata_cache.h"

#include <algorithm>

namespace kafkasim {

bool MetadataCache::Apply(const UpdateMetadataRequest& update) {
  if (update.controller_epoch < controller_epoch_) return false;
  controller_epoch_ = update.controller_epoch;
  controller_id_ = update.controller_id;
  live_brokers_ = update.live_brokers;
  for (const PartitionState& p : update.partitions) {
    if (p.state.leader == kLeaderDuringDelete) {
      // The controller is deleting the topic: it disappears from metadata at once.
      partitions_.erase(p.tp);
    } else {
      partitions_[p.tp] = p;
    }
  }
  return true;
}

bool MetadataCache::IsLive(BrokerId id) const {
  return std::any_of(live_brokers_.begin(), live_brokers_.end(), [id](const LiveBroker& b) { return b.id == id; });
}

bool MetadataCache::HasTopic(const std::string& topic) const {
  auto it = partitions_.lower_bound(TopicPartition{topic, 0});
  return it != partitions_.end() && it->first.topic == topic;
}

std::vector<std::string> MetadataCache::Topics() const {
  std::vector<std::string> out;
  for (const auto& [tp, _] : partitions_) {
    if (out.empty() || out.back() != tp.topic) out.push_back(tp.topic);
  }
  return out;
}

const PartitionState* MetadataCache::Partition(const TopicPartition& tp) const {
  auto it = partitions_.find(tp);
  return it == partitions_.end() ? nullptr : &it->second;
}

int32_t MetadataCache::PartitionCount(const std::string& topic) const {
  int32_t n = 0;
  for (auto it = partitions_.lower_bound(TopicPartition{topic, 0}); it != partitions_.end() && it->first.topic == topic;
       ++it) {
    ++n;
  }
  return n;
}

std::vector<TopicMetadata> MetadataCache::Describe(const std::optional<std::vector<std::string>>& topics) const {
  std::vector<TopicMetadata> out;
  for (const std::string& name : topics ? *topics : Topics()) {
    TopicMetadata t{.name = name, .is_internal = name.starts_with("__")};
    if (!HasTopic(name)) {
      t.error = ErrorCode::kUnknownTopicOrPartition;
      out.push_back(std::move(t));
      continue;
    }
    for (auto it = partitions_.lower_bound(TopicPartition{name, 0}); it != partitions_.end() && it->first.topic == name;
         ++it) {
      const PartitionState& p = it->second;
      t.topic_id = p.topic_id;
      PartitionMetadata pm{.partition = p.tp.partition, .leader = p.state.leader,
                           .leader_epoch = p.state.leader_epoch, .replicas = p.replicas, .isr = p.state.isr};
      for (BrokerId r : p.replicas) {
        if (!IsLive(r)) pm.offline_replicas.push_back(r);
      }
      if (p.state.leader == kNoLeader || !IsLive(p.state.leader)) {
        pm.error = ErrorCode::kLeaderNotAvailable;
        pm.leader = kNoLeader;
      }
      t.partitions.push_back(std::move(pm));
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace kafkasim
