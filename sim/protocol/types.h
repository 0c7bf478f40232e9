#pragma once
// Kafka's vocabulary for the cluster: broker ids, topic-partitions, leader epochs and the
// LeaderAndIsr state the controller keeps for every partition. Values only.

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/strong_int.h"

namespace kafkasim {

struct BrokerIdTag {};
// broker.id. Kafka writes "no leader" as -1 in ZooKeeper and prints it as "none".
using BrokerId = StrongInt<BrokerIdTag, int32_t>;
inline constexpr BrokerId kNoLeader{-1};
// The leader Kafka's controller announces in UpdateMetadata while a topic is being deleted.
inline constexpr BrokerId kLeaderDuringDelete{-2};

struct TopicPartition {
  std::string topic;
  int32_t partition = 0;
  auto operator<=>(const TopicPartition&) const = default;
};
// "orders-0", as Kafka names a partition in logs and directories.
std::string ToString(const TopicPartition& tp);

// What /brokers/topics/<t>/partitions/<p>/state holds, and what LeaderAndIsr carries.
struct LeaderAndIsr {
  BrokerId leader = kNoLeader;
  int32_t leader_epoch = 0;
  std::vector<BrokerId> isr;
  int32_t controller_epoch = 0;
  // The state znode's version, for conditional updates (-1 before the znode exists).
  int32_t zk_version = -1;
  bool operator==(const LeaderAndIsr&) const = default;
};

// "0,1,2", as kafka-topics.sh prints replica lists ("" for an empty list).
std::string JoinIds(const std::vector<BrokerId>& ids);
bool Contains(const std::vector<BrokerId>& ids, BrokerId id);

}  // namespace kafkasim
