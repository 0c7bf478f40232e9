// Labels and inspector fields of the protocol messages: what the visualizer writes on a packet.

#include <fmt/format.h>

#include "sim/protocol/admin_requests.h"
#include "sim/protocol/controller_requests.h"

namespace kafkasim {
namespace {

nlohmann::ordered_json Describe(const PartitionState& p) {
  return {{"partition", ToString(p.tp)},
          {"leader", p.state.leader.value()},
          {"leader_epoch", p.state.leader_epoch},
          {"isr", JoinIds(p.state.isr)},
          {"replicas", JoinIds(p.replicas)}};
}

std::string PartitionsLabel(std::string_view type, const std::vector<PartitionState>& partitions) {
  if (partitions.size() == 1) {
    const PartitionState& p = partitions.front();
    return fmt::format("{} {} leader={} epoch={}", type, ToString(p.tp), p.state.leader.value(),
                       p.state.leader_epoch);
  }
  return fmt::format("{} ×{}", type, partitions.size());
}

}  // namespace

std::string LeaderAndIsrRequest::Label() const { return PartitionsLabel(Type(), partitions); }

void LeaderAndIsrRequest::DescribeFields(nlohmann::ordered_json& f) const {
  f["controller_epoch"] = controller_epoch;
  for (const auto& p : partitions) f["partitions"].push_back(Describe(p));
}

std::string UpdateMetadataRequest::Label() const {
  return fmt::format("UpdateMetadata {} brokers, {} partitions", live_brokers.size(), partitions->size());
}

void UpdateMetadataRequest::DescribeFields(nlohmann::ordered_json& f) const {
  f["controller_epoch"] = controller_epoch;
  std::vector<BrokerId> live;
  for (const auto& b : live_brokers) live.push_back(b.id);
  f["live_brokers"] = JoinIds(live);
  for (const auto& p : *partitions) f["partitions"].push_back(Describe(p));
}

std::string StopReplicaRequest::Label() const {
  if (partitions.size() == 1) {
    return fmt::format("StopReplica {}{}", ToString(partitions.front()), delete_partitions ? " (delete)" : "");
  }
  return fmt::format("StopReplica ×{}{}", partitions.size(), delete_partitions ? " (delete)" : "");
}

std::string AlterPartitionRequest::Label() const {
  return fmt::format("AlterPartition {} isr={}", ToString(tp), JoinIds(new_isr));
}

std::string MetadataResponse::Label() const {
  return fmt::format("Metadata {} brokers, {} topics", brokers.size(), topics.size());
}

std::string CreateTopicsRequest::Label() const {
  return topics.size() == 1 ? fmt::format("CreateTopics {}", topics.front().name)
                            : fmt::format("CreateTopics ×{}", topics.size());
}

std::string CreatePartitionsRequest::Label() const {
  return topics.size() == 1 ? fmt::format("CreatePartitions {} →{}", topics.front().name, topics.front().count)
                            : fmt::format("CreatePartitions ×{}", topics.size());
}

std::string DeleteTopicsRequest::Label() const {
  return topics.size() == 1 ? fmt::format("DeleteTopics {}", topics.front())
                            : fmt::format("DeleteTopics ×{}", topics.size());
}

}  // namespace kafkasim
