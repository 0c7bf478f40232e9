#include "sim/broker/replica_manager.h"

#include <fmt/format.h>

#include "sim/broker/broker.h"

namespace kafkasim {

std::string_view ToString(ReplicaRole role) { return role == ReplicaRole::kLeader ? "leader" : "follower"; }

ErrorCode ReplicaManager::BecomeLeaderOrFollower(const LeaderAndIsrRequest& request) {
  if (request.controller_epoch < controller_epoch_) {
    broker_.Emit({.kind = "broker.stale_controller",
                  .narration = fmt::format("{} ignored LeaderAndIsr from controller epoch {}: it already heard "
                                           "from epoch {} — a deposed controller cannot change anything",
                                           broker_.name(), request.controller_epoch, controller_epoch_),
                  .rule = "requests carry the controller epoch; older epochs are refused",
                  .fields = {{"epoch", request.controller_epoch}, {"known_epoch", controller_epoch_}}});
    return ErrorCode::kStaleControllerEpoch;
  }
  controller_epoch_ = request.controller_epoch;
  for (const PartitionState& p : request.partitions) {
    auto it = partitions_.find(p.tp);
    if (it != partitions_.end() && p.state.leader_epoch < it->second.state.leader_epoch) continue;
    const bool lead = p.state.leader == broker_.id();
    const ReplicaRole role = lead ? ReplicaRole::kLeader : ReplicaRole::kFollower;
    const bool changed = it == partitions_.end() || it->second.role != role ||
                         it->second.state.leader_epoch != p.state.leader_epoch;
    HostedPartition& hosted = partitions_[p.tp];
    hosted = HostedPartition{.tp = p.tp, .topic_id = p.topic_id, .role = role, .state = p.state, .replicas = p.replicas};
    if (!changed) continue;
    broker_.Emit({.kind = lead ? "replica.leader" : "replica.follower",
                  .narration = lead ? fmt::format("{} now leads {} (leader epoch {})", broker_.name(), ToString(p.tp),
                                                  p.state.leader_epoch)
                                    : fmt::format("{} follows {} for {} (leader epoch {})", broker_.name(),
                                                  p.state.leader == kNoLeader
                                                      ? std::string("nobody")
                                                      : fmt::format("broker {}", p.state.leader.value()),
                                                  ToString(p.tp), p.state.leader_epoch),
                  .fields = {{"topic", p.tp.topic}, {"partition", p.tp.partition},
                             {"leader", p.state.leader.value()}, {"leader_epoch", p.state.leader_epoch}}});
  }
  return ErrorCode::kNone;
}

std::vector<TopicPartition> ReplicaManager::StopReplicas(const StopReplicaRequest& request) {
  std::vector<TopicPartition> stopped;
  if (request.controller_epoch < controller_epoch_) return stopped;
  controller_epoch_ = request.controller_epoch;
  for (const TopicPartition& tp : request.partitions) {
    if (request.delete_partitions) partitions_.erase(tp);
    stopped.push_back(tp);
  }
  return stopped;
}

const HostedPartition* ReplicaManager::Find(const TopicPartition& tp) const {
  auto it = partitions_.find(tp);
  return it == partitions_.end() ? nullptr : &it->second;
}

}  // namespace kafkasim
