#include "sim/admin/create_topic.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <vector>

#include "sim/admin/topic_name.h"

namespace kafkasim {
namespace {

// Scala's toString of the assignment map Kafka puts in "Duplicate replica assignment found".
std::string ScalaAssignment(const ReplicaAssignment& a) {
  std::vector<std::string> entries;
  for (const auto& [p, replicas] : a) {
    entries.push_back(fmt::format("{} -> ArrayBuffer({})", p, fmt::join(replicas, ", ")));
  }
  return fmt::format("HashMap({})", fmt::join(entries, ", "));
}

std::optional<AdminError> ValidateAssignmentShape(const ReplicaAssignment& a) {
  std::set<size_t> sizes;
  for (const auto& [p, replicas] : a) sizes.insert(replicas.size());
  if (sizes.size() != 1) {
    return MakeAdminError(exceptions::kInvalidReplicaAssignment,
                          "All partitions should have the same number of replicas");
  }
  for (const auto& [p, replicas] : a) {
    if (std::set<int32_t>(replicas.begin(), replicas.end()).size() != replicas.size()) {
      return MakeAdminError(exceptions::kInvalidReplicaAssignment,
                            "Duplicate replica assignment found: " + ScalaAssignment(a));
    }
  }
  // Partitions 0..n-1 exactly (Kafka compares the sum of the non-negative ids with n(n-1)/2).
  int64_t sum = 0;
  for (const auto& [p, replicas] : a) sum += p >= 0 ? p : 0;
  const auto n = static_cast<int64_t>(a.size());
  if (sum != n * (n - 1) / 2) {
    return MakeAdminError(exceptions::kInvalidReplicaAssignment,
                          "partitions should be a consecutive 0-based integer sequence");
  }
  return std::nullopt;
}

}  // namespace

AdminResult<TopicCreation> PlanTopicCreation(const CreateTopicRequest& request,
                                             const KafkaConfig& broker,
                                             std::span<const int32_t> live_brokers,
                                             std::span<const std::string> existing_topics,
                                             Random& random) {
  const std::string& name = request.name;
  if (std::find(existing_topics.begin(), existing_topics.end(), name) != existing_topics.end()) {
    return TopicExistsError(name);
  }
  if ((request.num_partitions || request.replication_factor) && request.assignment &&
      !request.assignment->empty()) {
    return MakeAdminError(
        exceptions::kInvalidRequest,
        "Both numPartitions or replicationFactor and replicasAssignments were set. "
        "Both cannot be used at the same time.");
  }
  TopicCreation plan;
  if (request.assignment && !request.assignment->empty()) {
    plan.assignment = *request.assignment;
  } else {
    auto placed = AssignReplicasToBrokers(
        std::vector<int32_t>(live_brokers.begin(), live_brokers.end()),
        request.num_partitions.value_or(broker.num_partitions),
        request.replication_factor.value_or(broker.default_replication_factor), random);
    if (auto* error = std::get_if<AdminError>(&placed)) return *error;
    plan.assignment = std::get<ReplicaAssignment>(std::move(placed));
  }
  if (auto error = ValidateTopicName(name)) return *error;
  if (auto error = CheckTopicCollision(name, existing_topics)) return *error;
  if (auto error = ValidateAssignmentShape(plan.assignment)) return *error;
  if (auto error = ValidateTopicConfigs(request.configs)) return *error;
  plan.configs = request.configs;
  return plan;
}

ConfigMap OffsetsTopicConfigs(const KafkaConfig& broker) {
  return {{"cleanup.policy", "compact"},
          {"compression.type", "producer"},
          {"segment.bytes", std::to_string(broker.offsets_topic_segment_bytes)}};
}

ConfigMap TransactionTopicConfigs(const KafkaConfig& broker) {
  return {{"cleanup.policy", "compact"},
          {"compression.type", "uncompressed"},
          {"min.insync.replicas", std::to_string(broker.transaction_state_log_min_isr)},
          {"segment.bytes",
           broker.values.IsNull("transaction.state.log.segment.bytes")
               ? std::string("104857600")
               : std::to_string(broker.values.GetInt("transaction.state.log.segment.bytes"))},
          {"unclean.leader.election.enable", "false"}};
}

AutoCreation AutoCreateTopic(std::string_view topic, const KafkaConfig& broker,
                             size_t live_broker_count) {
  AutoCreation out;
  if (ValidateTopicName(topic)) {
    out.error = "INVALID_TOPIC_EXCEPTION";
    return out;
  }
  CreateTopicRequest request{.name = std::string(topic)};
  std::string_view rf_config = "default.replication.factor";
  int32_t rf = broker.default_replication_factor;
  if (topic == kGroupMetadataTopicName) {
    request.num_partitions = broker.offsets_topic_num_partitions;
    rf = broker.offsets_topic_replication_factor;
    rf_config = "offsets.topic.replication.factor";
    request.configs = OffsetsTopicConfigs(broker);
  } else if (topic == kTransactionStateTopicName) {
    request.num_partitions = broker.transaction_state_log_num_partitions;
    rf = broker.transaction_state_log_replication_factor;
    rf_config = "transaction.state.log.replication.factor";
    request.configs = TransactionTopicConfigs(broker);
  } else {
    request.num_partitions = broker.num_partitions;
  }
  request.replication_factor = rf;
  if (live_broker_count < static_cast<size_t>(std::max(rf, 0))) {
    out.error = "INVALID_REPLICATION_FACTOR";
    out.broker_log = fmt::format(
        "Number of alive brokers '{}' does not meet the required replication factor '{}' for auto "
        "creation of "
        "topic '{}' which is configured by {}. This error can be ignored if the cluster is "
        "starting up and not "
        "all brokers are up yet.",
        live_broker_count, rf, topic, rf_config);
    return out;
  }
  out.request = std::move(request);
  return out;
}

}  // namespace kafkasim
