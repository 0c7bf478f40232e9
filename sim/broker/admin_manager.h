#pragma once
// Topic administration on a broker (ZkAdminManager in ZooKeeper mode). CreateTopics and
// DeleteTopics must reach the active controller. Creating a topic validates it, computes the
// replica assignment (Kafka's rack-unaware algorithm with the broker's seeded random stream),
// writes /config/topics/<t> and /brokers/topics/<t> — and answers only once this broker's
// metadata cache shows the new partitions (DelayedCreatePartitions), so `--describe` right
// after `--create` sees the leaders. Deleting writes /admin/delete_topics/<t> and answers once
// the topic is gone from the metadata cache.

#include <set>
#include <string>
#include <vector>

#include "sim/admin/create_topic.h"
#include "sim/admin/topic_config.h"
#include "sim/zookeeper/zk_types.h"

#include "sim/core/simulation.h"
#include "sim/protocol/admin_requests.h"

namespace kafkasim {

class Broker;

class AdminManager {
 public:
  explicit AdminManager(Broker& broker) : broker_(broker) {}

  void HandleCreateTopics(const Envelope& envelope);
  void HandleDeleteTopics(const Envelope& envelope);
  void HandleCreatePartitions(const Envelope& envelope);
  // DescribeConfigs and IncrementalAlterConfigs (admin_configs.cpp): a topic's configs are read
  // from and written to /config/topics/<t> by whichever broker the client asked; an alteration
  // ends with a change notification under /config/changes that every broker follows.
  void HandleDescribeConfigs(const Envelope& envelope);
  void HandleIncrementalAlterConfigs(const Envelope& envelope);
  // AutoTopicCreationManager: a client asked for `topic`, which does not exist, and may have it
  // created. Any broker writes the topic to ZooKeeper itself (no controller needed in ZooKeeper
  // mode); the answer for the client is LEADER_NOT_AVAILABLE while it is being created, or why
  // it cannot be.
  ErrorCode AutoCreate(const std::string& topic);
  // A metadata update arrived: requests waiting for it may be answered.
  void OnMetadataUpdated();
  // The first broker creates /cluster/id.
  void CreateClusterId();
  const std::string& cluster_id() const { return cluster_id_; }
  void set_cluster_id(std::string id) { cluster_id_ = std::move(id); }

 private:
  // A request answered once this broker's metadata cache shows its effect (Kafka's
  // DelayedCreatePartitions and DelayedDeleteTopics purgatories).
  enum class Kind { kCreateTopics, kDeleteTopics, kCreatePartitions };
  struct Waiting {
    Kind kind = Kind::kCreateTopics;
    NodeId client;
    int32_t correlation_id = 0;
    std::vector<TopicResult> results;  // topics still waiting have error kNone and no id yet
    std::vector<std::pair<std::string, int32_t>> expected;  // topic → partitions to appear
    Time deadline;
  };
  void CreateOne(const CreatableTopic& topic, std::shared_ptr<Waiting> waiting, size_t index,
                 std::function<void()> next);
  void GrowOne(const CreatePartitionsTopic& topic, Waiting& waiting);
  void Wait(std::shared_ptr<Waiting> waiting);
  // Writes /config/topics/<t> and /brokers/topics/<t> (with a new topic id).
  using Written = std::function<void(zk::ErrorCode, const std::string& topic_id, int32_t partitions)>;
  void WriteTopic(const std::string& name, const TopicCreation& creation, Written written);
  void RefuseAutoCreation(const std::string& topic, const std::string& why);
  void TryComplete();
  void Answer(Waiting& w);
  void DescribeTopic(const ConfigResource& resource, bool include_synonyms, std::function<void(DescribeConfigsResult)> done);
  DescribeConfigsResult DescribeBroker(const ConfigResource& resource, bool include_synonyms);
  void AlterTopic(const AlterConfigsResource& resource, bool validate_only, std::function<void(AlterConfigsResult)> done);
  void WriteTopicConfig(const std::string& topic, const ConfigMap& props, const std::string& changes,
                        std::function<void(AlterConfigsResult)> done);

  Broker& broker_;
  std::string cluster_id_;
  std::vector<std::shared_ptr<Waiting>> waiting_;
  std::set<std::string> auto_creating_;  // auto-created topics whose znode write is in flight
};

}  // namespace kafkasim
