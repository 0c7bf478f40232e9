#pragma once
// One consumer group as its coordinator holds it (kafka.coordinator.group.GroupMetadata and
// MemberMetadata): the state machine, the generation, the leader, the members with their
// subscriptions and assignments, and the committed offsets.
//
// States and the only transitions Kafka allows (GroupMetadata.validPreviousStates):
//
//   Empty ──join──▶ PreparingRebalance ──all joined──▶ CompletingRebalance ──leader's sync──▶ Stable
//     ▲                 ▲      │                              │                             │
//     └──last member────┘      └──────────── a member joins, leaves or times out ◀─────────────┘
//        leaves                                                                   (any) ──▶ Dead
//
// Invariants (asserted): a non-empty group in Stable or CompletingRebalance has a leader who is a
// member; the generation only grows; Empty has no members.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/core/simulation.h"
#include "sim/protocol/group_requests.h"

namespace kafkasim {

enum class GroupState { kEmpty, kPreparingRebalance, kCompletingRebalance, kStable, kDead };
// "Empty", "PreparingRebalance", ... as DescribeGroups and kafka-consumer-groups.sh name them.
std::string_view ToString(GroupState state);

// A request the coordinator answers later (a JoinGroup waits for the rebalance, a SyncGroup for
// the leader's assignment): who asked and under which correlation id.
struct PendingReply {
  NodeId client = kNoNode;
  int32_t correlation_id = 0;
};

struct MemberMetadata {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string client_id, client_host;
  Duration rebalance_timeout, session_timeout;
  std::string protocol_type;
  std::vector<JoinGroupProtocol> protocols;  // in the member's order of preference
  std::string assignment;
  // Not persisted: the live session.
  std::optional<PendingReply> awaiting_join, awaiting_sync;
  Time last_heartbeat;
  TimerId heartbeat_timer;
  bool is_new = false;
  uint64_t join_order = 0;  // Kafka's member map keeps insertion order; this makes it explicit

  // The subscription bytes for `protocol` (the member supports it: asserted).
  const std::string& Metadata(const std::string& protocol) const;
  bool Supports(const std::string& protocol) const;
  bool MatchesProtocols(const std::vector<JoinGroupProtocol>& other) const;
};

struct CommittedOffset {
  int64_t offset = -1;
  int32_t leader_epoch = -1;
  std::string metadata;
  int64_t commit_timestamp_ms = 0;
};

class GroupMetadata {
 public:
  GroupMetadata(std::string group_id, GroupState state, Time now)
      : group_id_(std::move(group_id)), state_(state), state_since_(now) {}

  const std::string& group_id() const { return group_id_; }
  GroupState state() const { return state_; }
  bool Is(GroupState s) const { return state_ == s; }
  int32_t generation() const { return generation_; }
  const std::optional<std::string>& protocol_type() const { return protocol_type_; }
  const std::optional<std::string>& protocol_name() const { return protocol_name_; }
  const std::optional<std::string>& leader() const { return leader_; }
  Time state_since() const { return state_since_; }
  bool IsLeader(const std::string& member_id) const { return leader_ == member_id; }

  // Members in join order (the order Kafka's LinkedHashMap-like iteration gives).
  std::vector<const MemberMetadata*> MembersInJoinOrder() const;
  std::vector<MemberMetadata*> MembersInJoinOrder();
  const std::map<std::string, MemberMetadata>& members() const { return members_; }
  bool Has(const std::string& member_id) const { return members_.contains(member_id); }
  MemberMetadata& Get(const std::string& member_id);
  bool empty() const { return members_.empty(); }

  // Joining members that got MEMBER_ID_REQUIRED and have not joined with their id yet (KIP-394).
  std::set<std::string>& pending_members() { return pending_members_; }
  const std::set<std::string>& pending_members() const { return pending_members_; }

  // Adds a member; the first member of a group without a leader becomes the leader.
  MemberMetadata& Add(MemberMetadata member);
  // Removes a member; a departed leader is replaced by the first remaining member.
  void Remove(const std::string& member_id);
  // Static membership (KIP-345): the member id that group.instance.id `instance` has now.
  std::optional<std::string> StaticMemberId(const std::string& instance) const;
  // GroupMetadata.isStaticMemberFenced: `instance` belongs to another member id now.
  bool IsStaticMemberFenced(const std::optional<std::string>& instance, const std::string& member_id) const;
  // A static member restarted with a new member id: the member (subscription, assignment, place
  // in the join order, leadership) now answers to `new_id`.
  MemberMetadata& ReplaceStaticMember(const std::string& old_id, const std::string& new_id);
  // When the leader did not rejoin, the first member that did becomes leader. False when none did.
  bool MaybeElectNewJoinedLeader();

  bool AllMembersJoined() const;
  size_t MembersAwaitingJoin() const;
  std::vector<std::string> NotYetRejoinedMembers() const;

  // A rebalance that found everyone joined: generation + 1, the protocol chosen, and
  // CompletingRebalance (or Empty when nobody is left).
  void InitNextGeneration(Time now);
  // The protocol every member supports that most members prefer (GroupMetadata.selectProtocol).
  std::string SelectProtocol() const;
  // Would a group with these members accept a member offering `protocols`?
  bool SupportsProtocols(const std::string& protocol_type, const std::vector<JoinGroupProtocol>& protocols) const;

  void TransitionTo(GroupState next, Time now);
  bool new_member_added() const { return new_member_added_; }
  void set_new_member_added(bool v) { new_member_added_ = v; }

  // Loaded from __consumer_offsets by a new coordinator; `since` is the recorded
  // currentStateTimestamp (when the group entered its state).
  void Restore(int32_t generation, std::optional<std::string> protocol_type, std::optional<std::string> protocol,
               std::optional<std::string> leader, Time since);

  std::map<TopicPartition, CommittedOffset>& offsets() { return offsets_; }
  const std::map<TopicPartition, CommittedOffset>& offsets() const { return offsets_; }

 private:
  std::string group_id_;
  GroupState state_;
  Time state_since_;
  int32_t generation_ = 0;
  std::optional<std::string> protocol_type_, protocol_name_, leader_;
  std::map<std::string, MemberMetadata> members_;
  std::set<std::string> pending_members_;
  bool new_member_added_ = false;
  uint64_t next_join_order_ = 0;
  std::map<TopicPartition, CommittedOffset> offsets_;
};

}  // namespace kafkasim
