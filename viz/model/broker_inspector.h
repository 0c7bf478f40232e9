#pragma once
// The broker inspectors, in the vocabulary of the Kafka browsers students meet at work (Kafka UI,
// AKHQ): one broker's partitions led and followed, actual against preferred leader, its metadata
// cache and its config; and the broker-centric overview of the cluster — leaders per broker,
// under-replicated and offline partitions. Built from ClusterMetadata and the brokers' public
// state; nothing here decides a rule.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/node.h"
#include "viz/model/cluster_metadata.h"

namespace kafkasim::viz {

struct BrokerPartitionRow {
  std::string partition;  // "orders-1"
  ReplicaRole role = ReplicaRole::kOffline;
  BrokerId leader = kNoLeader;
  BrokerId preferred_leader = kNoLeader;
  int32_t leader_epoch = 0;
  std::vector<BrokerId> isr;
  bool under_replicated = false;
  Offset log_end_offset{0};
  std::optional<Offset> high_watermark;
};

struct BrokerInspector {
  std::string name;  // "broker-1"
  BrokerId id;
  NodeState state = NodeState::kStopped;
  bool controller = false;
  bool registered = false;
  std::vector<BrokerPartitionRow> led;       // its replicas that lead
  std::vector<BrokerPartitionRow> followed;  // the rest (followers, or offline while down)
  // Partitions whose preferred leader it is but another broker leads: what the controller's
  // preferred-leader balancing (auto.leader.rebalance.enable) would hand back.
  std::vector<std::string> preferred_elsewhere;
  // Its metadata cache (what it answers clients' Metadata requests from): empty while down.
  std::optional<BrokerId> cache_controller;
  int32_t cache_controller_epoch = -1;
  std::vector<BrokerId> cache_live_brokers;
  size_t cache_topics = 0;
  int64_t log_bytes = 0;  // every log on its disk
  std::vector<std::pair<std::string, std::string>> config;  // Kafka's keys, as server.properties spells them
};

BrokerInspector InspectBroker(Session& session, const ClusterMetadata& metadata, BrokerId id);

struct BrokerOverviewRow {
  BrokerId id;
  std::string name;
  NodeState state = NodeState::kStopped;
  bool controller = false;
  int replicas = 0;            // partition replicas it holds
  int leaders = 0;             // partitions it leads
  int preferred = 0;           // partitions whose preferred leader it is
  int in_sync = 0;             // replicas in the ISR (leaders included)
  int out_of_sync = 0;         // replicas outside it
  int under_replicated = 0;    // partitions it leads whose ISR is short (Kafka's per-broker metric)
  int64_t log_bytes = 0;
};

struct ClusterOverview {
  std::string source;  // whose metadata (ClusterMetadata::source)
  std::vector<BrokerOverviewRow> brokers;  // by id
  int partitions = 0;
  std::vector<std::string> under_replicated;  // partition names
  std::vector<std::string> offline;
  std::vector<std::string> not_preferred;  // led by another broker than the preferred one
};

ClusterOverview BuildClusterOverview(Session& session, const ClusterMetadata& metadata);

}  // namespace kafkasim::viz
