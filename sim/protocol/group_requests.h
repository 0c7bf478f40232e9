#pragma once
// The consumer-group half of Kafka's protocol (the classic group protocol, KIP-62/345/394 era):
// FindCoordinator (any broker answers which broker coordinates a group), JoinGroup, SyncGroup,
// Heartbeat and LeaveGroup (membership and rebalances, sent to the coordinator), OffsetCommit and
// OffsetFetch (committed positions), and the admin side ListGroups, DescribeGroups, DeleteGroups.
//
// A member's subscription (JoinGroup protocol metadata) and its assignment (SyncGroup) are opaque
// bytes to the coordinator, as in Kafka: only the consumer (sim/client/consumer_protocol.h) and
// kafka-consumer-groups.sh decode them. The coordinator stores them as they are.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/protocol/errors.h"
#include "sim/protocol/message_base.h"
#include "sim/protocol/types.h"

namespace kafkasim {

// JoinGroupRequest.UNKNOWN_MEMBER_ID and the generation of a group-less committer.
inline constexpr const char* kUnknownMemberId = "";
inline constexpr int32_t kNoGeneration = -1;

struct FindCoordinatorRequest final : KafkaMessage {
  std::string key;       // the group id
  int8_t key_type = 0;   // 0 = group (1 = transaction, not simulated)
  std::string_view Type() const override { return "FindCoordinator"; }
  std::string_view Category() const override { return "group"; }
  std::string Label() const override { return "FindCoordinator " + key; }
};
struct FindCoordinatorResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;
  std::string error_message;
  BrokerId node_id = kNoLeader;
  std::string host;
  int32_t port = -1;
  std::string_view Type() const override { return "FindCoordinator"; }
  std::string_view Category() const override { return "group"; }
  std::string Label() const override;
};

struct JoinGroupProtocol {
  std::string name;      // the assignor: "range", "cooperative-sticky"
  std::string metadata;  // ConsumerProtocolSubscription bytes
};
struct JoinGroupRequest final : KafkaMessage {
  std::string group_id;
  Duration session_timeout;
  Duration rebalance_timeout;  // the consumer's max.poll.interval.ms
  std::string member_id;       // "" on the first join
  std::optional<std::string> group_instance_id;
  std::string protocol_type = "consumer";
  std::vector<JoinGroupProtocol> protocols;
  std::string reason;
  // The client's id and host, which the broker takes from the request header and connection.
  std::string client_id;
  std::string client_host = "/127.0.0.1";
  std::string_view Type() const override { return "JoinGroup"; }
  std::string_view Category() const override { return "group"; }
  std::string Label() const override;
};
struct JoinGroupMember {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string metadata;
};
struct JoinGroupResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;
  int32_t generation_id = kNoGeneration;
  std::string protocol_type;
  std::optional<std::string> protocol_name;
  std::string leader;
  bool skip_assignment = false;
  std::string member_id;
  std::vector<JoinGroupMember> members;  // only the leader gets them
  std::string_view Type() const override { return "JoinGroup"; }
  std::string_view Category() const override { return "group"; }
  std::string Label() const override;
};

struct SyncGroupAssignment {
  std::string member_id;
  std::string assignment;  // ConsumerProtocolAssignment bytes
};
struct SyncGroupRequest final : KafkaMessage {
  std::string group_id;
  int32_t generation_id = kNoGeneration;
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::optional<std::string> protocol_type, protocol_name;
  std::vector<SyncGroupAssignment> assignments;  // the leader's; empty from followers
  std::string_view Type() const override { return "SyncGroup"; }
  std::string_view Category() const override { return "group"; }
  std::string Label() const override;
};
struct SyncGroupResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;
  std::optional<std::string> protocol_type, protocol_name;
  std::string assignment;
  std::string_view Type() const override { return "SyncGroup"; }
  std::string_view Category() const override { return "group"; }
  std::string Label() const override;
};

struct HeartbeatRequest final : KafkaMessage {
  std::string group_id;
  int32_t generation_id = kNoGeneration;
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string_view Type() const override { return "Heartbeat"; }
  std::string_view Category() const override { return "heartbeat"; }
};
struct HeartbeatResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;
  std::string_view Type() const override { return "Heartbeat"; }
  std::string_view Category() const override { return "heartbeat"; }
  std::string Label() const override;
};

struct LeavingMember {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string reason;
};
struct LeaveGroupRequest final : KafkaMessage {
  std::string group_id;
  std::vector<LeavingMember> members;
  std::string_view Type() const override { return "LeaveGroup"; }
  std::string_view Category() const override { return "group"; }
};
struct LeaveGroupResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;
  std::map<std::string, ErrorCode> members;  // by member id
  std::string_view Type() const override { return "LeaveGroup"; }
  std::string_view Category() const override { return "group"; }
};

struct OffsetCommitPartition {
  int64_t offset = -1;  // the next offset to read
  int32_t leader_epoch = -1;
  std::string metadata;
};
struct OffsetCommitRequest final : KafkaMessage {
  std::string group_id;
  int32_t generation_id = kNoGeneration;
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::map<TopicPartition, OffsetCommitPartition> offsets;
  std::string_view Type() const override { return "OffsetCommit"; }
  std::string_view Category() const override { return "group"; }
  std::string Label() const override;
};
struct OffsetCommitResponse final : KafkaMessage {
  std::map<TopicPartition, ErrorCode> partitions;
  std::string_view Type() const override { return "OffsetCommit"; }
  std::string_view Category() const override { return "group"; }
  std::string Label() const override;
};

struct OffsetFetchRequest final : KafkaMessage {
  std::string group_id;
  std::optional<std::vector<TopicPartition>> partitions;  // nullopt = every committed partition
  bool require_stable = true;
  std::string_view Type() const override { return "OffsetFetch"; }
  std::string_view Category() const override { return "group"; }
};
struct OffsetFetchPartition {
  int64_t offset = -1;  // -1: nothing committed
  int32_t leader_epoch = -1;
  std::string metadata;
  ErrorCode error = ErrorCode::kNone;
};
struct OffsetFetchResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;
  std::map<TopicPartition, OffsetFetchPartition> partitions;
  std::string_view Type() const override { return "OffsetFetch"; }
  std::string_view Category() const override { return "group"; }
};

// --- admin (kafka-consumer-groups.sh) ---
struct ListGroupsRequest final : KafkaMessage {
  std::vector<std::string> states_filter;  // empty = all
  std::string_view Type() const override { return "ListGroups"; }
  std::string_view Category() const override { return "group"; }
};
struct ListedGroup {
  std::string group_id;
  std::string protocol_type;
  std::string state;
};
struct ListGroupsResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;
  std::vector<ListedGroup> groups;
  std::string_view Type() const override { return "ListGroups"; }
  std::string_view Category() const override { return "group"; }
};

struct DescribeGroupsRequest final : KafkaMessage {
  std::vector<std::string> groups;
  std::string_view Type() const override { return "DescribeGroups"; }
  std::string_view Category() const override { return "group"; }
};
struct DescribedGroupMember {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string client_id, client_host;
  std::string metadata, assignment;
};
struct DescribedGroup {
  ErrorCode error = ErrorCode::kNone;
  std::string group_id;
  std::string state;  // "Stable", ..., "Dead" for an unknown group
  std::string protocol_type, protocol_data;
  std::vector<DescribedGroupMember> members;
};
struct DescribeGroupsResponse final : KafkaMessage {
  std::vector<DescribedGroup> groups;
  std::string_view Type() const override { return "DescribeGroups"; }
  std::string_view Category() const override { return "group"; }
};

struct DeleteGroupsRequest final : KafkaMessage {
  std::vector<std::string> groups;
  std::string_view Type() const override { return "DeleteGroups"; }
  std::string_view Category() const override { return "group"; }
};
struct DeleteGroupsResponse final : KafkaMessage {
  std::map<std::string, ErrorCode> results;
  std::string_view Type() const override { return "DeleteGroups"; }
  std::string_view Category() const override { return "group"; }
};

// OffsetDelete (KIP-496): drop a group's committed offsets for some partitions — all of them in
// an Empty group, only topics nobody subscribes to in a live one.
struct OffsetDeleteRequest final : KafkaMessage {
  std::string group_id;
  std::vector<TopicPartition> partitions;
  std::string_view Type() const override { return "OffsetDelete"; }
  std::string_view Category() const override { return "group"; }
};
struct OffsetDeleteResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;                // the group's (then no partition results)
  std::map<TopicPartition, ErrorCode> partitions;
  std::string_view Type() const override { return "OffsetDelete"; }
  std::string_view Category() const override { return "group"; }
};

}  // namespace kafkasim
