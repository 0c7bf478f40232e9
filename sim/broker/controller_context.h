#pragma once
// What the active controller knows (ControllerContext in Kafka): the live brokers, every
// topic's replica assignment and id, every partition's LeaderAndIsr as last written to
// ZooKeeper, and the topics queued for deletion. Rebuilt from ZooKeeper on every controller
// failover: none of it survives the controller that held it.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/protocol/controller_requests.h"

namespace kafkasim {

struct TopicInfo {
  std::string topic_id;
  std::map<std::string, std::string> config;  // /config/topics/<t>
  std::map<int32_t, std::vector<BrokerId>> assignment;  // partition → replicas, preferred first
};

struct ControllerContext {
  int32_t epoch = 0;
  int32_t epoch_zk_version = 0;  // every write checks it, so a deposed controller is fenced
  std::map<BrokerId, LiveBroker> live_brokers;
  std::set<BrokerId> shutting_down;
  std::map<std::string, TopicInfo> topics;
  std::map<TopicPartition, LeaderAndIsr> states;
  std::set<std::string> deleting;

  bool IsLive(BrokerId id) const { return live_brokers.contains(id) && !shutting_down.contains(id); }
  const std::vector<BrokerId>& Replicas(const TopicPartition& tp) const {
    return topics.at(tp.topic).assignment.at(tp.partition);
  }
  std::vector<TopicPartition> PartitionsOf(const std::string& topic) const {
    std::vector<TopicPartition> out;
    for (const auto& [p, _] : topics.at(topic).assignment) out.push_back({topic, p});
    return out;
  }
  std::vector<TopicPartition> AllPartitions() const {
    std::vector<TopicPartition> out;
    for (const auto& [topic, info] : topics) {
      for (const auto& [p, _] : info.assignment) out.push_back({topic, p});
    }
    return out;
  }
  PartitionState StateOf(const TopicPartition& tp) const {
    const TopicInfo& topic = topics.at(tp.topic);
    PartitionState s{.tp = tp, .replicas = Replicas(tp), .topic_id = topic.topic_id, .topic_config = topic.config};
    if (auto it = states.find(tp); it != states.end()) s.state = it->second;
    return s;
  }
  std::vector<LiveBroker> LiveBrokerList() const {
    std::vector<LiveBroker> out;
    for (const auto& [_, b] : live_brokers) out.push_back(b);
    return out;
  }
};

}  // namespace kafkasim
