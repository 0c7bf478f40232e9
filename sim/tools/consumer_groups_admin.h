#pragma once
// The Admin API calls kafka-consumer-groups.sh makes (listConsumerGroups, describeConsumerGroups,
// listConsumerGroupOffsets, describeTopics, listOffsets, alterConsumerGroupOffsets,
// deleteConsumerGroups, deleteConsumerGroupOffsets), as asynchronous steps over the tool's AdminClient node, one request
// at a time. Group calls first ask any broker for the group's coordinator (FindCoordinator,
// retried while COORDINATOR_NOT_AVAILABLE, as the admin client does) and go to that broker.
//
// A call that cannot complete reports Kafka's TimeoutException text to `fail` instead of calling
// its `done`; the tool prints it as "Executing consumer group command failed due to ...".

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/simulation.h"
#include "sim/protocol/group_requests.h"

namespace kafkasim {

class AdminClient;

struct GroupCoordinatorNode {
  BrokerId id = kNoLeader;
  std::string host;
  int32_t port = -1;
};

class ConsumerGroupsAdmin {
 public:
  using Fail = std::function<void(const std::string& message)>;
  ConsumerGroupsAdmin(Simulation& sim, NodeId node, Duration timeout, Fail fail);

  // ListGroups to every broker; consumer groups (protocol type "consumer" or none), in the
  // brokers' order. `states` filters (empty = every state).
  void ListGroups(std::vector<std::string> states, std::function<void(std::vector<ListedGroup>)> done);
  void FindCoordinator(const std::string& group, std::function<void(GroupCoordinatorNode)> done);
  void DescribeGroup(const std::string& group, BrokerId coordinator, std::function<void(DescribedGroup)> done);
  // The group's committed offsets (OffsetFetch for every partition).
  void FetchCommitted(const std::string& group, BrokerId coordinator,
                      std::function<void(std::map<TopicPartition, int64_t>)> done);
  // The partitions of each topic (Metadata); a topic that does not exist maps to its error.
  struct TopicPartitions {
    ErrorCode error = ErrorCode::kNone;
    std::vector<int32_t> partitions;
  };
  void DescribeTopics(std::vector<std::string> topics,
                      std::function<void(std::map<std::string, TopicPartitions>)> done);
  // ListOffsets at each partition's leader: kEarliestTimestamp, kLatestTimestamp or a timestamp.
  // Partitions without a leader, or whose leader answered an error, are missing from the answer.
  void ListOffsets(std::map<TopicPartition, int64_t> specs, std::function<void(std::map<TopicPartition, int64_t>)> done);
  // OffsetCommit outside group management (generation -1), as alterConsumerGroupOffsets sends it.
  void CommitOffsets(const std::string& group, BrokerId coordinator, std::map<TopicPartition, int64_t> offsets,
                     std::function<void(std::map<TopicPartition, ErrorCode>)> done);
  void DeleteGroup(const std::string& group, BrokerId coordinator, std::function<void(ErrorCode)> done);
  // OffsetDelete: the group's error, and each partition's when the group's is NONE.
  void DeleteOffsets(const std::string& group, BrokerId coordinator, std::vector<TopicPartition> partitions,
                     std::function<void(ErrorCode, std::map<TopicPartition, ErrorCode>)> done);

 private:
  AdminClient& client();
  static void Collect(const Envelope& e, std::vector<ListedGroup>& out);
  void ListNext(std::shared_ptr<std::vector<BrokerId>> brokers, size_t i, std::vector<std::string> states,
                std::shared_ptr<std::vector<ListedGroup>> out, std::function<void(std::vector<ListedGroup>)> done);
  void FindCoordinatorUntil(const std::string& group, Time deadline, std::function<void(GroupCoordinatorNode)> done);
  void ListOffsetsAt(std::shared_ptr<std::map<BrokerId, std::map<TopicPartition, int64_t>>> by_leader,
                     std::shared_ptr<std::map<TopicPartition, int64_t>> out,
                     std::function<void(std::map<TopicPartition, int64_t>)> done);

  Simulation& sim_;
  NodeId node_;
  Duration timeout_;
  Fail fail_;
};

}  // namespace kafkasim
