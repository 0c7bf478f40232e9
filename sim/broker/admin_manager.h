#pragma once
// Topic administration on a broker (ZkAdminManager in ZooKeeper mode). CreateTopics and
// DeleteTopics must reach the active controller. Creating a topic validates it, computes the
// replica assignment (Kafka's rack-unaware algorithm with the broker's seeded random stream),
// writes /config/topics/<t> and /brokers/topics/<t> — and answers only once this broker's
// metadata cache shows the new partitions (DelayedCreatePartitions), so `--describe` right
// after `--create` sees the leaders. Deleting writes /admin/delete_topics/<t> and answers once
// the topic is gone from the metadata cache.

#include <string>
#include <vector>

#include "sim/core/simulation.h"
#include "sim/protocol/admin_requests.h"

namespace kafkasim {

class Broker;

class AdminManager {
 public:
  explicit AdminManager(Broker& broker) : broker_(broker) {}

  void HandleCreateTopics(const Envelope& envelope);
  void HandleDeleteTopics(const Envelope& envelope);
  void HandleDescribeConfigs(const Envelope& envelope);
  // A metadata update arrived: requests waiting for it may be answered.
  void OnMetadataUpdated();
  // The first broker creates /cluster/id.
  void CreateClusterId();
  const std::string& cluster_id() const { return cluster_id_; }
  void set_cluster_id(std::string id) { cluster_id_ = std::move(id); }

 private:
  struct Waiting {
    NodeId client;
    int32_t correlation_id = 0;
    bool deleting = false;
    std::vector<TopicResult> results;  // topics still waiting have error kNone and no id yet
    std::vector<std::pair<std::string, int32_t>> expected;  // topic → partitions to appear
    Time deadline;
  };
  void CreateOne(const CreatableTopic& topic, std::shared_ptr<Waiting> waiting, size_t index,
                 std::function<void()> next);
  void TryComplete();
  void Answer(Waiting& w);

  Broker& broker_;
  std::string cluster_id_;
  std::vector<std::shared_ptr<Waiting>> waiting_;
};

}  // namespace kafkasim
