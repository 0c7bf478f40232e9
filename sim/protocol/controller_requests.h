#pragma once
// The requests between the controller and the brokers in ZooKeeper mode (KIP-4's control
// plane): LeaderAndIsr tells replicas who leads and who is in sync, UpdateMetadata refreshes
// every broker's metadata cache, StopReplica stops (and optionally deletes) replicas,
// AlterPartition carries a leader's ISR change to the controller, ControlledShutdown asks the
// controller to move leadership away before a clean stop. Every controller request carries the
// controller epoch: a broker ignores a request from a controller older than the newest it has
// seen, which is how a deposed controller is fenced.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/protocol/errors.h"
#include "sim/protocol/message_base.h"
#include "sim/protocol/types.h"

namespace kafkasim {

struct ControllerRequest : KafkaMessage {
  BrokerId controller_id;
  int32_t controller_epoch = 0;
  std::string_view Category() const override { return "controller"; }
};

struct PartitionState {
  TopicPartition tp;
  LeaderAndIsr state;
  std::vector<BrokerId> replicas;
  std::string topic_id;
  // The topic's config overrides (/config/topics/<t>). Kafka's broker reads them from ZooKeeper
  // itself when it creates the log; kafkasim hands them over with the state the controller sends.
  std::map<std::string, std::string> topic_config;
};

struct LeaderAndIsrRequest final : ControllerRequest {
  std::vector<PartitionState> partitions;
  std::string_view Type() const override { return "LeaderAndIsr"; }
  std::string Label() const override;
  void DescribeFields(nlohmann::ordered_json& f) const override;
};
struct LeaderAndIsrResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;
  std::string_view Type() const override { return "LeaderAndIsr"; }
  std::string_view Category() const override { return "controller"; }
};

struct LiveBroker {
  BrokerId id;
  std::string host;
  int32_t port = 0;
};

struct UpdateMetadataRequest final : ControllerRequest {
  // The controller sends one update to every live broker with the same partition states: the
  // requests share them, immutable, and the brokers' metadata caches keep pointing into them
  // rather than each holding a copy (10,000 partitions on 100 brokers would be a million).
  std::shared_ptr<const std::vector<PartitionState>> partitions = std::make_shared<std::vector<PartitionState>>();
  std::vector<LiveBroker> live_brokers;
  std::string_view Type() const override { return "UpdateMetadata"; }
  std::string Label() const override;
  void DescribeFields(nlohmann::ordered_json& f) const override;
};
struct UpdateMetadataResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;
  std::string_view Type() const override { return "UpdateMetadata"; }
  std::string_view Category() const override { return "controller"; }
};

struct StopReplicaRequest final : ControllerRequest {
  std::vector<TopicPartition> partitions;
  bool delete_partitions = false;
  std::string_view Type() const override { return "StopReplica"; }
  std::string Label() const override;
};
struct StopReplicaResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;
  std::vector<TopicPartition> partitions;
  std::string_view Type() const override { return "StopReplica"; }
  std::string_view Category() const override { return "controller"; }
};

// Sent by a partition leader to the controller (KIP-497).
struct AlterPartitionRequest final : KafkaMessage {
  BrokerId broker_id;
  TopicPartition tp;
  int32_t leader_epoch = 0;
  std::vector<BrokerId> new_isr;
  int32_t partition_epoch = 0;  // the state znode's version the leader last saw
  std::string_view Type() const override { return "AlterPartition"; }
  std::string_view Category() const override { return "controller"; }
  std::string Label() const override;
};
struct AlterPartitionResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;
  TopicPartition tp;
  LeaderAndIsr state;  // the state now in ZooKeeper, when accepted
  std::string_view Type() const override { return "AlterPartition"; }
  std::string_view Category() const override { return "controller"; }
};

struct ControlledShutdownRequest final : KafkaMessage {
  BrokerId broker_id;
  std::string_view Type() const override { return "ControlledShutdown"; }
  std::string_view Category() const override { return "controller"; }
};
struct ControlledShutdownResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;
  std::vector<TopicPartition> remaining;  // partitions it still leads
  std::string_view Type() const override { return "ControlledShutdown"; }
  std::string_view Category() const override { return "controller"; }
};

}  // namespace kafkasim
