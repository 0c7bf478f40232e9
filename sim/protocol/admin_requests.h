#pragma once
// The requests an admin client (kafka-topics.sh) and every client's metadata refresh send:
// Metadata, CreateTopics and DeleteTopics. In ZooKeeper mode CreateTopics and DeleteTopics must
// reach the controller (others answer NOT_CONTROLLER), which writes the topic's znodes.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/protocol/errors.h"
#include "sim/protocol/message_base.h"
#include "sim/protocol/types.h"

namespace kafkasim {

struct MetadataRequest : KafkaMessage {
  std::optional<std::vector<std::string>> topics;  // nullopt = every topic
  bool allow_auto_topic_creation = false;
  std::string_view Type() const override { return "Metadata"; }
  std::string_view Category() const override { return "metadata"; }
};

struct PartitionMetadata {
  int32_t partition = 0;
  ErrorCode error = ErrorCode::kNone;
  BrokerId leader = kNoLeader;
  int32_t leader_epoch = 0;
  std::vector<BrokerId> replicas;
  std::vector<BrokerId> isr;
  std::vector<BrokerId> offline_replicas;
};
struct TopicMetadata {
  std::string name;
  std::string topic_id;
  ErrorCode error = ErrorCode::kNone;
  bool is_internal = false;
  std::vector<PartitionMetadata> partitions;
};
struct BrokerMetadata {
  BrokerId id;
  std::string host;
  int32_t port = 0;
};
struct MetadataResponse : KafkaMessage {
  std::vector<BrokerMetadata> brokers;
  std::string cluster_id;
  BrokerId controller_id = kNoLeader;
  std::vector<TopicMetadata> topics;
  std::string_view Type() const override { return "Metadata"; }
  std::string_view Category() const override { return "metadata"; }
  std::string Label() const override;
};

struct CreatableTopic {
  std::string name;
  int32_t num_partitions = -1;      // -1: the broker's num.partitions
  int16_t replication_factor = -1;  // -1: the broker's default.replication.factor
  std::map<int32_t, std::vector<BrokerId>> assignments;  // explicit --replica-assignment
  std::map<std::string, std::string> configs;
};
struct CreateTopicsRequest : KafkaMessage {
  std::vector<CreatableTopic> topics;
  Duration timeout = Duration::Millis(30000);
  std::string_view Type() const override { return "CreateTopics"; }
  std::string_view Category() const override { return "metadata"; }
  std::string Label() const override;
};
struct TopicResult {
  std::string name;
  ErrorCode error = ErrorCode::kNone;
  std::string message;  // the error message, when there is one
  std::string topic_id;
};
struct CreateTopicsResponse : KafkaMessage {
  std::vector<TopicResult> results;
  std::string_view Type() const override { return "CreateTopics"; }
  std::string_view Category() const override { return "metadata"; }
};

struct DeleteTopicsRequest : KafkaMessage {
  std::vector<std::string> topics;
  Duration timeout = Duration::Millis(30000);
  std::string_view Type() const override { return "DeleteTopics"; }
  std::string_view Category() const override { return "metadata"; }
  std::string Label() const override;
};
struct DeleteTopicsResponse : KafkaMessage {
  std::vector<TopicResult> results;
  std::string_view Type() const override { return "DeleteTopics"; }
  std::string_view Category() const override { return "metadata"; }
};

// CreatePartitions: grow a topic to `count` partitions; `assignments`, when given, lists the
// replicas of each new partition (kafka-topics.sh --alter --partitions N [--replica-assignment]).
struct CreatePartitionsTopic {
  std::string name;
  int32_t count = 0;
  std::optional<std::vector<std::vector<int32_t>>> assignments;
};
struct CreatePartitionsRequest : KafkaMessage {
  std::vector<CreatePartitionsTopic> topics;
  Duration timeout = Duration::Millis(30000);
  std::string_view Type() const override { return "CreatePartitions"; }
  std::string_view Category() const override { return "metadata"; }
  std::string Label() const override;
};
struct CreatePartitionsResponse : KafkaMessage {
  std::vector<TopicResult> results;
  std::string_view Type() const override { return "CreatePartitions"; }
  std::string_view Category() const override { return "metadata"; }
};

// ElectLeaders (kafka-leader-election.sh): preferred or unclean elections for some partitions,
// or for every partition when `partitions` is unset.
enum class ElectionType : int8_t { kPreferred = 0, kUnclean = 1 };
struct ElectLeadersRequest : KafkaMessage {
  ElectionType type = ElectionType::kPreferred;
  std::optional<std::vector<TopicPartition>> partitions;
  std::string_view Type() const override { return "ElectLeaders"; }
  std::string_view Category() const override { return "controller"; }
};
struct PartitionResult {
  ErrorCode error = ErrorCode::kNone;
  std::string message;
};
struct ElectLeadersResponse : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;  // NOT_CONTROLLER: ask the controller
  std::map<TopicPartition, PartitionResult> results;
  std::string_view Type() const override { return "ElectLeaders"; }
  std::string_view Category() const override { return "controller"; }
};

}  // namespace kafkasim

namespace kafkasim {

// DescribeConfigs for topics: the per-topic overrides (in ZooKeeper mode read from
// /config/topics/<t>), which kafka-topics.sh --describe prints after "Configs:".
struct DescribeConfigsRequest : KafkaMessage {
  std::vector<std::string> topics;
  std::string_view Type() const override { return "DescribeConfigs"; }
  std::string_view Category() const override { return "metadata"; }
};
struct DescribeConfigsResponse : KafkaMessage {
  // topic → the configs not at their defaults (name, value), in the order Kafka lists them
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> configs;
  std::string_view Type() const override { return "DescribeConfigs"; }
  std::string_view Category() const override { return "metadata"; }
};

}  // namespace kafkasim
