#pragma once
// A distributed worker's TopicAdmin (Kafka 3.7 TopicAdmin.createOrFindTopics): creates an internal
// topic through the admin client when it is missing, compacted (cleanup.policy=compact), with the
// partitions and replication factor the worker config says (-1: the broker's default, KIP-464). A
// topic that exists is found; anything else — too few brokers for the replication factor, a timeout
// — fails the worker's start with Kafka's ConnectException ("Error while attempting to create/find
// topic(s) 'connect-offsets'").
//
// The admin client is a node of its own ("connect-1-shared-admin"), closed once the topics are
// there, crashed with the worker.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "sim/client/admin_client.h"
#include "sim/connect/distributed_config.h"

namespace kafkasim {

class TopicAdmin {
 public:
  // nullopt: created or found; else the error the worker dies with.
  using Done = std::function<void(const std::optional<std::string>& error)>;

  TopicAdmin(Simulation& sim, const BrokerDirectory& directory, std::string node_name, AdminClientOptions options);
  ~TopicAdmin();
  TopicAdmin(const TopicAdmin&) = delete;
  TopicAdmin& operator=(const TopicAdmin&) = delete;

  void CreateOrFindTopic(const InternalTopicConfig& topic, Done done);
  void Close();
  // The worker died: its admin client dies with it, in an event of the simulator's.
  void Halt();

 private:
  Simulation& sim_;
  const BrokerDirectory& directory_;
  std::string node_name_;
  AdminClientOptions options_;
  NodeId node_ = kNoNode;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkasim
