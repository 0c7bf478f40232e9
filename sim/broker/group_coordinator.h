#pragma once
// The classic group coordinator on one broker (kafka.coordinator.group.GroupCoordinator, Kafka
// 3.7): membership, rebalances and offsets for the groups whose __consumer_offsets partition this
// broker leads. Requests for other groups are answered NOT_COORDINATOR.
//
// A rebalance, as Kafka runs it:
//  1. A member joins without an id and is told MEMBER_ID_REQUIRED with `clientId-<uuid>` (KIP-394);
//     it joins again with that id. A join, a leave or an expired session moves the group to
//     PreparingRebalance; every member must rejoin (JoinGroup) within the rebalance timeout (the
//     largest max.poll.interval.ms of the members). An Empty group first waits
//     group.initial.rebalance.delay.ms (extended while new members keep arriving), so that a
//     fleet of consumers starting together rebalances once.
//  2. When all have joined (or the timeout removed the rest): generation + 1, the protocol most
//     members prefer among those all support, CompletingRebalance. Every member gets its
//     JoinGroup answer; the leader (the first member; a new one if it left) gets the members'
//     subscriptions.
//  3. The leader computes the assignment and sends it in SyncGroup; the coordinator writes the
//     group record, and once it is replicated answers every member's SyncGroup with its share:
//     Stable. Members that never sync within the rebalance timeout are removed.
// Meanwhile heartbeats keep members alive (session.timeout.ms); during a rebalance they are
// answered REBALANCE_IN_PROGRESS, which tells members to rejoin.
//
// Static members (KIP-345, group.instance.id) skip MEMBER_ID_REQUIRED; a new process with a known
// instance id takes the old member's place (and assignment) without a rebalance while the group
// is Stable, and the old member id is fenced: FENCED_INSTANCE_ID (group_static_members.cpp).
//
// Offsets: OffsetCommit from the current generation's members (or, generation -1, from group-less
// committers while the group is Empty) is written as records and acknowledged once replicated;
// OffsetFetch reads the committed offsets (-1 where none). A stale generation gets
// ILLEGAL_GENERATION, an unknown member UNKNOWN_MEMBER_ID. Offsets expire after
// offsets.retention.minutes, counted from when the group became Empty (group_expiry.cpp).

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/broker/group_metadata.h"
#include "sim/broker/group_metadata_manager.h"
#include "sim/protocol/controller_requests.h"
#include "sim/protocol/group_requests.h"

namespace kafkasim {

class Broker;

// GroupMetadata.subscribedTopics of a consumer group: every topic its members subscribe to, or
// nullopt when a subscription cannot be read (group_offsets.cpp).
std::optional<std::set<std::string>> ConsumerGroupSubscribedTopics(const GroupMetadata& group);

class GroupCoordinator {
 public:
  explicit GroupCoordinator(Broker& broker);
  ~GroupCoordinator();

  // Dispatch: true when the envelope was a group request.
  bool OnMessage(const Envelope& envelope);
  // After LeaderAndIsr: load the groups of __consumer_offsets partitions this broker now leads,
  // unload those it no longer leads.
  void OnLeaderAndIsr(const LeaderAndIsrRequest& request);
  void OnHighWatermarkAdvanced(const TopicPartition& tp) { manager_.OnHighWatermarkAdvanced(tp); }

  const GroupMetadataManager& manager() const { return manager_; }
  const GroupMetadata* Find(const std::string& group_id) const { return manager_.Get(group_id); }

 private:
  // --- membership (group_coordinator.cpp) ---
  void HandleJoinGroup(const Envelope& envelope);
  void HandleSyncGroup(const Envelope& envelope);
  void HandleHeartbeat(const Envelope& envelope);
  void HandleLeaveGroup(const Envelope& envelope);
  void DoNewMemberJoin(GroupMetadata& group, const JoinGroupRequest& request, PendingReply reply);
  void DoCurrentMemberJoin(GroupMetadata& group, const JoinGroupRequest& request, PendingReply reply);
  // --- static membership, KIP-345 (group_static_members.cpp) ---
  void DoStaticNewMemberJoin(GroupMetadata& group, const JoinGroupRequest& request, const std::string& new_member_id,
                             PendingReply reply);
  void UpdateStaticMemberAndRebalance(GroupMetadata& group, const std::string& old_member_id,
                                      const std::string& new_member_id, const JoinGroupRequest& request,
                                      PendingReply reply);
  // The answers a replaced static member's waiting JoinGroup or SyncGroup gets: FENCED_INSTANCE_ID.
  void FenceReplacedMember(MemberMetadata& member);
  void AddMemberAndRebalance(GroupMetadata& group, const JoinGroupRequest& request, const std::string& member_id,
                             PendingReply reply);
  void UpdateMemberAndRebalance(GroupMetadata& group, MemberMetadata& member, const JoinGroupRequest& request,
                                PendingReply reply, const std::string& reason);
  void MaybePrepareRebalance(GroupMetadata& group, const std::string& reason);
  void PrepareRebalance(GroupMetadata& group, const std::string& reason);
  // The delayed join: completes when everyone joined, or at its deadline.
  void ScheduleJoin(GroupMetadata& group, Duration delay, std::optional<Duration> initial_remaining);
  void OnJoinDeadline(const std::string& group_id, uint64_t join_id);
  void TryCompleteJoin(GroupMetadata& group);
  void OnCompleteJoin(GroupMetadata& group);
  void RemoveMemberAndUpdateGroup(GroupMetadata& group, const std::string& member_id, const std::string& reason);
  void RemovePendingMember(GroupMetadata& group, const std::string& member_id);
  void ResetAndPropagateAssignmentError(GroupMetadata& group, ErrorCode error);
  void PropagateAssignment(GroupMetadata& group, ErrorCode error);
  void CompleteAndScheduleNextHeartbeat(GroupMetadata& group, MemberMetadata& member,
                                        std::optional<Duration> timeout = std::nullopt);
  void OnHeartbeatExpired(const std::string& group_id, const std::string& member_id);
  void SchedulePendingSync(GroupMetadata& group);
  void ReplyJoin(PendingReply to, std::unique_ptr<JoinGroupResponse> response);
  void ReplyJoinError(PendingReply to, const std::string& member_id, ErrorCode error);
  void ReplySync(PendingReply to, ErrorCode error, const GroupMetadata* group, std::string assignment);
  std::unique_ptr<JoinGroupResponse> JoinResult(const GroupMetadata& group, const std::string& member_id) const;
  Duration RebalanceTimeout(const GroupMetadata& group) const;
  std::string NewMemberId(const std::string& prefix);

  // --- offsets (group_offsets.cpp) ---
  void HandleOffsetCommit(const Envelope& envelope);
  void HandleOffsetFetch(const Envelope& envelope);
  std::optional<ErrorCode> ValidateOffsetCommit(const GroupMetadata& group, const OffsetCommitRequest& request) const;
  void DoCommitOffsets(GroupMetadata& group, const OffsetCommitRequest& request, PendingReply reply);

  // --- offset expiry, KIP-211 (group_expiry.cpp) ---
  // Every offsets.retention.check.interval.ms from the broker's start.
  void ScheduleOffsetExpiry();
  void CleanupGroupMetadata();
  // GroupMetadata.removeExpiredOffsets: erases and returns the group's expired offsets; `why`
  // says which rule applied.
  std::vector<TopicPartition> RemoveExpiredOffsets(GroupMetadata& group, int64_t now_ms, int64_t retention_ms,
                                                   std::string& why) const;

  // --- administration and discovery (group_admin.cpp) ---
  void HandleFindCoordinator(const Envelope& envelope);
  void HandleListGroups(const Envelope& envelope);
  void HandleDescribeGroups(const Envelope& envelope);
  void HandleDeleteGroups(const Envelope& envelope);
  void HandleOffsetDelete(const Envelope& envelope);  // group_offsets.cpp
  // KafkaApis' FindCoordinator path: __consumer_offsets does not exist yet, so ask for it.
  void MaybeCreateOffsetsTopic();
  // Unloading a partition's groups: their waiting members are told NOT_COORDINATOR.
  void OnGroupUnloaded(GroupMetadata& group);

  // validateGroupStatus: INVALID_GROUP_ID, NOT_COORDINATOR, ... or nullopt when this broker
  // coordinates the group.
  std::optional<ErrorCode> ValidateGroupStatus(const std::string& group_id) const;
  void Send(PendingReply to, std::unique_ptr<KafkaMessage> response);
  void Narrate(const std::string& kind, const GroupMetadata& group, std::string narration, std::string rule = "");

  Broker& broker_;
  GroupMetadataManager manager_;
  // The delayed join of each group in PreparingRebalance: its timer and an id that a stale timer
  // recognises itself by.
  struct DelayedJoin {
    uint64_t id = 0;
    TimerId timer;
    std::optional<Duration> initial_remaining;  // set for the initial (Empty group) delay
  };
  std::map<std::string, DelayedJoin> joins_;
  std::map<std::string, std::set<std::string>> pending_sync_;  // members to SyncGroup this generation
  uint64_t next_join_id_ = 1;
};

}  // namespace kafkasim
