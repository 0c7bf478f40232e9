#pragma once
// Kafka's znodes in ZooKeeper mode: their paths and JSON payloads, byte for byte as Kafka 3.7
// writes them (core/src/main/scala/kafka/zk/ZkData.scala), so that `zookeeper-shell.sh get`
// shows what a student would see on a real cluster. Encoders produce Kafka's key order;
// decoders accept what the encoders produce and answer nullopt for anything else.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/protocol/types.h"
#include "sim/core/time.h"

namespace kafkasim::zkdata {

// --- paths ---
inline constexpr std::string_view kBrokerIds = "/brokers/ids";
inline constexpr std::string_view kBrokerTopics = "/brokers/topics";
inline constexpr std::string_view kController = "/controller";
inline constexpr std::string_view kControllerEpoch = "/controller_epoch";
inline constexpr std::string_view kDeleteTopics = "/admin/delete_topics";
inline constexpr std::string_view kConfigTopics = "/config/topics";
inline constexpr std::string_view kClusterId = "/cluster/id";
std::string BrokerPath(BrokerId id);
std::string TopicPath(std::string_view topic);
std::string PartitionsPath(std::string_view topic);
std::string PartitionStatePath(const TopicPartition& tp);
std::string TopicConfigPath(std::string_view topic);
std::string DeleteTopicPath(std::string_view topic);
// The persistent paths a broker creates at startup when missing (KafkaZkClient.createTopLevelPaths).
std::vector<std::string> PersistentPaths();

// --- /brokers/ids/<id> ---
struct BrokerRegistration {
  BrokerId id;
  std::string host;
  int32_t port = 9092;
};
std::string EncodeBroker(const BrokerRegistration& broker, Time now);
std::optional<BrokerRegistration> DecodeBroker(BrokerId id, std::string_view json);

// --- /brokers/topics/<t> ---
using Assignment = std::map<int32_t, std::vector<BrokerId>>;  // partition → replicas
struct TopicZNode {
  Assignment partitions;
  std::string topic_id;  // base64, as Uuid.toString prints it
};
std::string EncodeTopic(const TopicZNode& topic);
std::optional<TopicZNode> DecodeTopic(std::string_view json);

// --- /brokers/topics/<t>/partitions/<p>/state ---
std::string EncodePartitionState(const LeaderAndIsr& state);
// The zk_version is not in the payload: the caller sets it from the znode's Stat.
std::optional<LeaderAndIsr> DecodePartitionState(std::string_view json);

// --- /controller ---
std::string EncodeController(BrokerId id, Time now);
std::optional<BrokerId> DecodeController(std::string_view json);

// --- /config/topics/<t> ---
std::string EncodeTopicConfig(const std::map<std::string, std::string>& config);
std::optional<std::map<std::string, std::string>> DecodeTopicConfig(std::string_view json);

// --- /config/changes/config_change_<seq> (ConfigEntityChangeNotificationSequenceZNode) ---
// After writing /config/<type>/<name>, the writer creates a persistent sequential node here;
// every broker watches the children and rereads the named entity's config.
inline constexpr std::string_view kConfigChanges = "/config/changes";
inline constexpr std::string_view kConfigChangePrefix = "config_change_";
// {"version":2,"entity_path":"topics/orders"}
std::string EncodeConfigChange(std::string_view entity_path);
// The entity path ("topics/orders") of a version 2 notification.
std::optional<std::string> DecodeConfigChange(std::string_view json);

// --- /cluster/id ---
std::string EncodeClusterId(std::string_view id);

// --- /feature (FeatureZNode, KIP-584) ---
// Written by the controller at failover: version 2 (IBP 3.3 and later), status enabled, and the
// finalized features, none for a ZooKeeper-mode broker: {"features":{},"version":2,"status":1}.
inline constexpr std::string_view kFeature = "/feature";
std::string EncodeEnabledFeatures();

}  // namespace kafkasim::zkdata
