#pragma once
// Where a topic's replicas go: Kafka 3.7's rack-unaware placement (AdminUtils.
// assignReplicasToBrokersRackUnaware, server-common org.apache.kafka.admin.AdminUtils), the
// placement of partitions added later (AdminZkClient.createNewPartitionsAssignment), and the
// explicit layouts a user writes with `kafka-topics.sh --replica-assignment 0:1,1:2`
// (TopicCommand.parseReplicaAssignment), each with the errors Kafka reports.
//
// The placement, for brokers b[0..n) sorted by id:
//   startIndex, nextReplicaShift = two independent draws in [0, n) (in that order), unless a fixed
//   start index is given, which then stands for both;
//   for each partition p (from startPartitionId): if p > 0 && p % n == 0, shift += 1;
//   first = (p + startIndex) % n; replica j >= 1 is b[(first + 1 + (shift + j - 1) % (n - 1)) % n].
// The first replica is the preferred leader. Spreading leaders round-robin and followers with a
// growing shift keeps both leaders and followers even across brokers.
//
// Kafka draws from java.util.Random; kafkasim draws from the simulation's seeded Random, so the
// layouts follow Kafka's pattern but the start points differ from a real cluster's for the same
// topic (they are random there too). Broker ids are plain ints here (this part sits below the
// broker). The function sorts its copy of the ids, as AdminZkClient.getBrokerMetadatas does for
// added partitions; for CreateTopics Kafka passes the metadata cache's live brokers in the
// iteration order of a Scala LongMap, which only a hash decides, so sorted is the readable choice.

#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/admin/admin_error.h"
#include "sim/core/random.h"

namespace kafkasim {

// Partition id -> replica broker ids, preferred leader first; ordered by partition id.
using ReplicaAssignment = std::map<int32_t, std::vector<int32_t>>;

struct AssignReplicasOptions {
  // Kafka's fixedStartIndex: when >= 0, both the start index and the replica shift take this value
  // and nothing is drawn (used when partitions are added to a topic).
  int32_t fixed_start_index = -1;
  // The first partition id to assign (the existing partition count when adding); < 0 means 0.
  int32_t start_partition_id = -1;
};

// AdminUtils.assignReplicasToBrokers for brokers without racks. Errors (in Kafka's order):
// "Number of partitions must be larger than 0.", "Replication factor must be larger than 0.",
// "Replication factor: 3 larger than available brokers: 1."
AdminResult<ReplicaAssignment> AssignReplicasToBrokers(std::vector<int32_t> brokers,
                                                       int32_t num_partitions,
                                                       int32_t replication_factor, Random& random,
                                                       AssignReplicasOptions options = {});

// The broker-side part of `kafka-topics.sh --alter --partitions N` (ZkAdminManager.createPartitions
// then AdminZkClient.createNewPartitionsAssignment): the replicas of the partitions to add, from
// `manual` (one replica list per new partition, as TopicCommand sends them) or else placed by
// AssignReplicasToBrokers continuing the topic's pattern: fixed start index = the position, among
// `all_brokers` sorted, of the first broker whose id >= partition 0's first replica (0 if none),
// start partition id = the existing count. `all_brokers` are the registered brokers.
AdminResult<ReplicaAssignment> AssignNewPartitions(
    std::string_view topic, const ReplicaAssignment& existing, std::vector<int32_t> all_brokers,
    int32_t new_partition_count, const std::optional<std::vector<std::vector<int32_t>>>& manual,
    Random& random);

// TopicCommand.parseReplicaAssignment: "0:1,1:2" -> {0: [0, 1], 1: [1, 2]}. Java's String.split
// rules apply (trailing empty fields vanish; blanks around ids are trimmed). Errors:
// NumberFormatException "For input string: \"x\"", AdminCommandFailedException "Partition replica
// lists may not contain duplicate entries: 1", AdminOperationException "Partition 1 has different
// replication factor: [1, 2, 3]".
AdminResult<ReplicaAssignment> ParseReplicaAssignment(std::string_view text);

// What TopicCommand sends for `--alter --partitions N --replica-assignment ...`: the user lists
// every partition; the lists after the first `existing_partitions` are the new ones.
std::vector<std::vector<int32_t>> NewPartitionReplicas(const ReplicaAssignment& full,
                                                       int32_t existing_partitions);

// TopicCommand's own checks before it sends CreateTopics (IllegalArgumentException):
// "The replication factor must be between 1 and 32767 inclusive", "The partitions must be greater
// than 0". Unset values (the broker's defaults apply) pass.
std::optional<AdminError> ValidateCreateArguments(std::optional<int32_t> partitions,
                                                  std::optional<int32_t> replication_factor);

}  // namespace kafkasim
