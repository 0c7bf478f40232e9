#pragma once
// A broker's metadata cache: what the last UpdateMetadata from the controller said about live
// brokers and partitions. Every broker answers Metadata requests from it, so a client may see a
// view a moment older than ZooKeeper's — the controller's update is still on its way.
//
// Like Kafka's ZkMetadataCache it keeps the partition states by topic, then by partition number.
// A state points into the update that brought it, which every broker received the same
// (UpdateMetadataRequest shares it): a hundred brokers' caches of a 10,000-partition cluster
// hold 16 bytes a partition each, not a copy of every state.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/protocol/admin_requests.h"
#include "sim/protocol/controller_requests.h"

namespace kafkasim {

class MetadataCache {
 public:
  // Applies an update from the controller. Updates from an older controller epoch are refused
  // (returns false): a deposed controller may still be sending.
  bool Apply(const UpdateMetadataRequest& update);

  BrokerId controller_id() const { return controller_id_; }
  int32_t controller_epoch() const { return controller_epoch_; }
  const std::vector<LiveBroker>& live_brokers() const { return live_brokers_; }
  bool IsLive(BrokerId id) const;
  bool HasTopic(const std::string& topic) const;
  std::vector<std::string> Topics() const;  // sorted
  const PartitionState* Partition(const TopicPartition& tp) const;
  int32_t PartitionCount(const std::string& topic) const;

  // The Metadata response for `topics` (nullopt: all), as KafkaApis.handleTopicMetadataRequest
  // builds it: unknown topics answer UNKNOWN_TOPIC_OR_PARTITION; a partition whose leader is not
  // live answers LEADER_NOT_AVAILABLE with leader -1.
  std::vector<TopicMetadata> Describe(const std::optional<std::vector<std::string>>& topics) const;

 private:
  BrokerId controller_id_ = kNoLeader;
  int32_t controller_epoch_ = -1;
  std::vector<LiveBroker> live_brokers_;
  // Topic → partition number → state (null: not in the cache). A topic with no partition left
  // is erased.
  std::map<std::string, std::vector<std::shared_ptr<const PartitionState>>, std::less<>> topics_;
};

}  // namespace kafkasim
