#pragma once
// The replicas a broker hosts and their roles (ReplicaManager in Kafka). The controller's
// LeaderAndIsr makes a replica leader or follower for a leader epoch; a request with an older
// epoch than the replica already knows is refused (a late message from an old controller must
// not undo a newer decision); StopReplica stops a replica and, for a deleted topic, removes it.

#include <map>
#include <string>
#include <vector>

#include "sim/protocol/controller_requests.h"

namespace kafkasim {

class Broker;

enum class ReplicaRole { kLeader, kFollower };
std::string_view ToString(ReplicaRole role);

struct HostedPartition {
  TopicPartition tp;
  std::string topic_id;
  ReplicaRole role = ReplicaRole::kFollower;
  LeaderAndIsr state;
  std::vector<BrokerId> replicas;
};

class ReplicaManager {
 public:
  explicit ReplicaManager(Broker& broker) : broker_(broker) {}

  // Applies a LeaderAndIsr request; STALE_CONTROLLER_EPOCH when it comes from an older
  // controller than one already heard.
  ErrorCode BecomeLeaderOrFollower(const LeaderAndIsrRequest& request);
  // Returns the partitions it stopped.
  std::vector<TopicPartition> StopReplicas(const StopReplicaRequest& request);

  const HostedPartition* Find(const TopicPartition& tp) const;
  const std::map<TopicPartition, HostedPartition>& partitions() const { return partitions_; }
  int32_t controller_epoch() const { return controller_epoch_; }

 private:
  Broker& broker_;
  int32_t controller_epoch_ = -1;
  std::map<TopicPartition, HostedPartition> partitions_;
};

}  // namespace kafkasim
