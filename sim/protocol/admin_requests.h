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

struct MetadataRequest final : KafkaMessage {
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
struct MetadataResponse final : KafkaMessage {
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
struct CreateTopicsRequest final : KafkaMessage {
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
struct CreateTopicsResponse final : KafkaMessage {
  std::vector<TopicResult> results;
  std::string_view Type() const override { return "CreateTopics"; }
  std::string_view Category() const override { return "metadata"; }
};

struct DeleteTopicsRequest final : KafkaMessage {
  std::vector<std::string> topics;
  Duration timeout = Duration::Millis(30000);
  std::string_view Type() const override { return "DeleteTopics"; }
  std::string_view Category() const override { return "metadata"; }
  std::string Label() const override;
};
struct DeleteTopicsResponse final : KafkaMessage {
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
struct CreatePartitionsRequest final : KafkaMessage {
  std::vector<CreatePartitionsTopic> topics;
  Duration timeout = Duration::Millis(30000);
  std::string_view Type() const override { return "CreatePartitions"; }
  std::string_view Category() const override { return "metadata"; }
  std::string Label() const override;
};
struct CreatePartitionsResponse final : KafkaMessage {
  std::vector<TopicResult> results;
  std::string_view Type() const override { return "CreatePartitions"; }
  std::string_view Category() const override { return "metadata"; }
};

// ElectLeaders (kafka-leader-election.sh): preferred or unclean elections for some partitions,
// or for every partition when `partitions` is unset.
enum class ElectionType : int8_t { kPreferred = 0, kUnclean = 1 };
struct ElectLeadersRequest final : KafkaMessage {
  ElectionType type = ElectionType::kPreferred;
  std::optional<std::vector<TopicPartition>> partitions;
  std::string_view Type() const override { return "ElectLeaders"; }
  std::string_view Category() const override { return "controller"; }
};
struct PartitionResult {
  ErrorCode error = ErrorCode::kNone;
  std::string message;
};
struct ElectLeadersResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;  // NOT_CONTROLLER: ask the controller
  std::map<TopicPartition, PartitionResult> results;
  std::string_view Type() const override { return "ElectLeaders"; }
  std::string_view Category() const override { return "controller"; }
};

}  // namespace kafkasim

namespace kafkasim {

// --- DescribeConfigs (API 32) and IncrementalAlterConfigs (API 44, KIP-339) ---
// kafka-configs.sh and kafka-topics.sh --describe read a resource's configs with DescribeConfigs;
// kafka-configs.sh --alter changes them with IncrementalAlterConfigs. In ZooKeeper mode any broker
// answers for a topic (it reads and writes /config/topics/<t>); a broker resource is answered by
// that broker only.

// ConfigResource.Type, with Kafka's ids.
enum class ConfigResourceType : int8_t { kUnknown = 0, kTopic = 2, kBroker = 4, kBrokerLogger = 8 };
struct ConfigResource {
  ConfigResourceType type = ConfigResourceType::kTopic;
  std::string name;  // a topic, or a broker id ("" = the cluster-wide broker defaults)
  auto operator<=>(const ConfigResource&) const = default;
};

// DescribeConfigsResponse.ConfigSource, with Kafka's ids. The admin client renames TOPIC_CONFIG
// DYNAMIC_TOPIC_CONFIG (ConfigEntry.ConfigSource), the name kafka-configs.sh prints.
enum class ConfigSource : int8_t {
  kUnknown = 0,
  kTopicConfig = 1,
  kDynamicBrokerConfig = 2,
  kDynamicDefaultBrokerConfig = 3,
  kStaticBrokerConfig = 4,
  kDefaultConfig = 5,
  kDynamicBrokerLoggerConfig = 6,
};
struct ConfigSynonym {
  std::string name;
  std::optional<std::string> value;  // null for a sensitive config
  ConfigSource source = ConfigSource::kDefaultConfig;
  bool operator==(const ConfigSynonym&) const = default;
};
struct DescribedConfig {
  std::string name;
  std::optional<std::string> value;  // null for a sensitive config, or a config with no value
  bool read_only = false;
  ConfigSource source = ConfigSource::kDefaultConfig;
  bool is_sensitive = false;
  std::vector<ConfigSynonym> synonyms;  // highest precedence first; empty unless asked for
  bool operator==(const DescribedConfig&) const = default;
};

struct DescribeConfigsRequest final : KafkaMessage {
  std::vector<ConfigResource> resources;
  bool include_synonyms = false;
  std::string_view Type() const override { return "DescribeConfigs"; }
  std::string_view Category() const override { return "metadata"; }
};
struct DescribeConfigsResult {
  ErrorCode error = ErrorCode::kNone;
  std::string message;  // empty: the error's default message
  ConfigResource resource;
  std::vector<DescribedConfig> configs;
};
struct DescribeConfigsResponse final : KafkaMessage {
  std::vector<DescribeConfigsResult> results;  // one per resource, in request order
  std::string_view Type() const override { return "DescribeConfigs"; }
  std::string_view Category() const override { return "metadata"; }
};

// AlterConfigOp.OpType, with Kafka's ids.
enum class AlterConfigOpType : int8_t { kSet = 0, kDelete = 1, kAppend = 2, kSubtract = 3 };
struct AlterableConfig {
  std::string name;
  AlterConfigOpType op = AlterConfigOpType::kSet;
  std::optional<std::string> value;  // null for kDelete
};
struct AlterConfigsResource {
  ConfigResource resource;
  std::vector<AlterableConfig> configs;
};
struct IncrementalAlterConfigsRequest final : KafkaMessage {
  std::vector<AlterConfigsResource> resources;
  bool validate_only = false;
  std::string_view Type() const override { return "IncrementalAlterConfigs"; }
  std::string_view Category() const override { return "metadata"; }
  std::string Label() const override;
};
struct AlterConfigsResult {
  ErrorCode error = ErrorCode::kNone;
  std::string message;
  ConfigResource resource;
};
struct IncrementalAlterConfigsResponse final : KafkaMessage {
  std::vector<AlterConfigsResult> results;
  std::string_view Type() const override { return "IncrementalAlterConfigs"; }
  std::string_view Category() const override { return "metadata"; }
};

// "TOPIC", "BROKER": ConfigResource.Type's names, as ConfigResource.toString prints them.
std::string_view ToString(ConfigResourceType type);
// "DYNAMIC_TOPIC_CONFIG", "STATIC_BROKER_CONFIG", "DEFAULT_CONFIG": the admin client's names.
std::string_view ToString(ConfigSource source);
// "ConfigResource(type=TOPIC, name='orders')", as Kafka's brokers quote a resource in errors.
std::string ToString(const ConfigResource& resource);

}  // namespace kafkasim
