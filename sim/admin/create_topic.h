#pragma once
// The broker's side of creating a topic in ZooKeeper mode, as one pure decision: what Kafka 3.7's
// ZkAdminManager.createTopics (then AdminZkClient.validateTopicCreate) checks, in its order, and
// the replica assignment and configs it would write to /brokers/topics/<t> and /config/topics/<t>.
// Also what AutoTopicCreationManager asks for when a Metadata request names a missing topic and
// auto.create.topics.enable is on (__consumer_offsets and __transaction_state get their own
// partition counts, replication factors and configs).
//
// Order of the checks (the first failure is the answer):
//  1. the topic exists                  TopicExistsException "Topic 'orders' already exists."
//  2. counts and an assignment together InvalidRequestException
//  3. the placement                     AssignReplicasToBrokers' errors, over the live brokers
//  4. the name                          Topic.validate's InvalidTopicException, then collisions
//  5. an explicit assignment's shape    InvalidReplicaAssignmentException
//  6. the configs                       LogConfig.validate
// An explicit assignment may name brokers that are not registered: Kafka does not check
// (ZkAdminManager: "we don't check that replicaAssignment contains unknown brokers"); those
// partitions start without a leader.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sim/admin/admin_error.h"
#include "sim/admin/kafka_config.h"
#include "sim/admin/replica_assignment.h"
#include "sim/admin/topic_config.h"
#include "sim/core/random.h"

namespace kafkasim {

struct CreateTopicRequest {
  std::string name;
  std::optional<int32_t> num_partitions;      // unset: the broker's num.partitions
  std::optional<int32_t> replication_factor;  // unset: the broker's default.replication.factor
  std::optional<ReplicaAssignment> assignment;
  ConfigMap configs;
};

struct TopicCreation {
  ReplicaAssignment assignment;
  ConfigMap configs;  // the overrides to store in /config/topics/<t>
};

AdminResult<TopicCreation> PlanTopicCreation(const CreateTopicRequest& request,
                                             const KafkaConfig& broker,
                                             std::span<const int32_t> live_brokers,
                                             std::span<const std::string> existing_topics,
                                             Random& random);

// AutoTopicCreationManager: the request for a topic a client asked for that does not exist, or
// the Metadata error it answers with instead ("INVALID_TOPIC_EXCEPTION" for an illegal name,
// "INVALID_REPLICATION_FACTOR" when fewer brokers are alive than the topic's replication factor,
// with the ERROR line the broker logs then).
struct AutoCreation {
  std::optional<CreateTopicRequest> request;
  std::string_view error;  // Kafka's Errors name when there is no request
  std::string broker_log;  // logged at ERROR by kafka.server.AutoTopicCreationManager
};
AutoCreation AutoCreateTopic(std::string_view topic, const KafkaConfig& broker,
                             size_t live_broker_count);

// GroupCoordinator.offsetsTopicConfigs and TransactionStateManager.transactionTopicConfigs.
ConfigMap OffsetsTopicConfigs(const KafkaConfig& broker);
ConfigMap TransactionTopicConfigs(const KafkaConfig& broker);

}  // namespace kafkasim
