#include "sim/broker/metadata_cache.h"

#include <algorithm>
#include <cassert>

namespace kafkasim {

bool MetadataCache::Apply(const UpdateMetadataRequest& update) {
  if (update.controller_epoch < controller_epoch_) return false;
  controller_epoch_ = update.controller_epoch;
  controller_id_ = update.controller_id;
  live_brokers_ = update.live_brokers;
  auto topic = topics_.end();  // an update lists a topic's partitions together: look it up once
  for (const PartitionState& p : *update.partitions) {
    assert(p.tp.partition >= 0);
    const auto index = static_cast<size_t>(p.tp.partition);
    if (topic == topics_.end() || topic->first != p.tp.topic) topic = topics_.find(p.tp.topic);
    if (p.state.leader == kLeaderDuringDelete) {
      // The controller is deleting the topic: it disappears from metadata at once.
      if (topic == topics_.end() || index >= topic->second.size()) continue;
      topic->second[index].reset();
      if (std::none_of(topic->second.begin(), topic->second.end(), [](const auto& s) { return s != nullptr; })) {
        topics_.erase(topic);
        topic = topics_.end();
      }
      continue;
    }
    if (topic == topics_.end()) topic = topics_.emplace(p.tp.topic, std::vector<std::shared_ptr<const PartitionState>>()).first;
    if (index >= topic->second.size()) topic->second.resize(index + 1);
    topic->second[index] = std::shared_ptr<const PartitionState>(update.partitions, &p);  // shares the update
  }
  return true;
}

bool MetadataCache::IsLive(BrokerId id) const {
  return std::any_of(live_brokers_.begin(), live_brokers_.end(), [id](const LiveBroker& b) { return b.id == id; });
}

bool MetadataCache::HasTopic(const std::string& topic) const { return topics_.contains(topic); }

std::vector<std::string> MetadataCache::Topics() const {
  std::vector<std::string> out;
  out.reserve(topics_.size());
  for (const auto& [name, _] : topics_) out.push_back(name);
  return out;
}

const PartitionState* MetadataCache::Partition(const TopicPartition& tp) const {
  auto it = topics_.find(tp.topic);
  if (it == topics_.end() || tp.partition < 0 || static_cast<size_t>(tp.partition) >= it->second.size()) return nullptr;
  return it->second[static_cast<size_t>(tp.partition)].get();
}

int32_t MetadataCache::PartitionCount(const std::string& topic) const {
  auto it = topics_.find(topic);
  if (it == topics_.end()) return 0;
  return static_cast<int32_t>(
      std::count_if(it->second.begin(), it->second.end(), [](const auto& s) { return s != nullptr; }));
}

std::vector<TopicMetadata> MetadataCache::Describe(const std::optional<std::vector<std::string>>& topics) const {
  std::vector<TopicMetadata> out;
  for (const std::string& name : topics ? *topics : Topics()) {
    TopicMetadata t{.name = name, .is_internal = name.starts_with("__")};
    auto topic = topics_.find(name);
    if (topic == topics_.end()) {
      t.error = ErrorCode::kUnknownTopicOrPartition;
      out.push_back(std::move(t));
      continue;
    }
    for (const auto& state : topic->second) {
      if (state == nullptr) continue;
      const PartitionState& p = *state;
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
