#pragma once
// The groups a broker coordinates and their home, the __consumer_offsets partitions it leads
// (kafka.coordinator.group.GroupMetadataManager).
//
// Group G lives in partition Utils.abs(G.hashCode) % offsets.topic.num.partitions, and the broker
// leading that partition is G's coordinator. Everything the coordinator must remember across a
// failover is a record in that partition — a GroupMetadata record after each completed rebalance
// (members, their subscriptions and assignments), an OffsetCommit record per committed offset —
// appended with acks=all and acknowledged only once replicated (offsets.commit.timeout.ms). So
// when a follower of the partition becomes its leader, it rebuilds the groups by reading the log
// (OnElection), and when a broker loses leadership it forgets them (OnResignation).

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/broker/group_metadata.h"
#include "sim/broker/offsets_topic_records.h"
#include "sim/storage/offset.h"

namespace kafkasim {

class Broker;

inline constexpr const char* kOffsetsTopic = "__consumer_offsets";

class GroupMetadataManager {
 public:
  using Done = std::function<void(ErrorCode)>;

  explicit GroupMetadataManager(Broker& broker);

  int32_t num_partitions() const;
  int32_t PartitionFor(const std::string& group_id) const;
  // Whether this broker leads (and has loaded) the group's partition.
  bool IsLocal(const std::string& group_id) const;

  GroupMetadata* Get(const std::string& group_id);
  const GroupMetadata* Get(const std::string& group_id) const;
  GroupMetadata& Add(std::unique_ptr<GroupMetadata> group);
  void Remove(const std::string& group_id);
  // Every group this broker coordinates, by id.
  const std::map<std::string, std::unique_ptr<GroupMetadata>>& groups() const { return groups_; }

  // Writes the group's metadata record: its members with `assignment` (the leader's, by member
  // id; members' current assignments when null).
  void StoreGroup(const GroupMetadata& group, const std::map<std::string, std::string>* assignment, Done done);
  // Writes one OffsetCommit record per partition; `done` once replicated, with Kafka's mapping of
  // append errors to what a committer understands (COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR).
  void StoreOffsets(const std::string& group_id, const std::map<TopicPartition, CommittedOffset>& offsets, Done done);
  // Tombstones for the group and its offsets (DeleteGroups).
  void StoreTombstones(const GroupMetadata& group, Done done);
  // Tombstones for some of a group's offsets (OffsetDelete), and for the group itself when
  // `group_too` (an Empty group left without offsets is deleted).
  void StoreOffsetTombstones(const std::string& group_id, const std::vector<TopicPartition>& partitions, bool group_too,
                             Done done);

  // LeaderAndIsr made this broker the leader of __consumer_offsets-`partition`: load its groups.
  // Returns the ids of the groups loaded.
  std::vector<std::string> OnElection(int32_t partition);
  // ... or no longer its leader: forget its groups. Returns them so the coordinator can answer
  // their waiting members and cancel their timers.
  std::vector<std::unique_ptr<GroupMetadata>> OnResignation(int32_t partition);
  bool Owns(int32_t partition) const { return owned_.contains(partition); }
  const std::set<int32_t>& owned_partitions() const { return owned_; }

  void OnHighWatermarkAdvanced(const TopicPartition& tp);

 private:
  struct PendingAppend {
    int32_t partition = 0;
    Offset required;  // the high watermark that means "replicated"
    Time deadline;
    Done done;
  };
  using KeyValue = std::pair<OffsetsTopicKey, std::optional<std::string>>;  // nullopt value: tombstone
  void Append(int32_t partition, const std::vector<KeyValue>& records, bool offsets, Done done);
  void TryCompleteAppends();

  Broker& broker_;
  std::set<int32_t> owned_;
  std::map<std::string, std::unique_ptr<GroupMetadata>> groups_;
  std::vector<PendingAppend> pending_;
};

// The GroupMetadata record of a group as the coordinator would write it now.
GroupMetadataValue ToRecordValue(const GroupMetadata& group,
                                 const std::map<std::string, std::string>* assignment = nullptr);

}  // namespace kafkasim
