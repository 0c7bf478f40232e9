#pragma once
// The records a group coordinator writes to __consumer_offsets, byte for byte in the schemas
// Kafka 3.7 writes (core/src/main/resources/common/message/*.json, GroupMetadataManager):
//
//   key   OffsetCommitKey v1     group STRING, topic STRING, partition INT32
//   value OffsetCommitValue v3   offset INT64, leaderEpoch INT32, metadata STRING, commitTimestamp INT64
//   key   GroupMetadataKey v2    group STRING
//   value GroupMetadataValue v3  protocolType STRING, generation INT32, protocol NULLABLE_STRING,
//                                leader NULLABLE_STRING, currentStateTimestamp INT64,
//                                members [memberId STRING, groupInstanceId NULLABLE_STRING,
//                                clientId STRING, clientHost STRING, rebalanceTimeout INT32,
//                                sessionTimeout INT32, subscription BYTES, assignment BYTES]
//
// Each key and value starts with its INT16 schema version. A null value is a tombstone: the group
// or the offset was deleted, and compaction will drop the key. The topic is compacted, so the
// latest record per key is the state: offsets of (group, topic, partition), metadata of a group.

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/protocol/types.h"

namespace kafkasim {

struct OffsetCommitKey {
  std::string group;
  TopicPartition tp;
  bool operator==(const OffsetCommitKey&) const = default;
};
struct GroupMetadataKey {
  std::string group;
  bool operator==(const GroupMetadataKey&) const = default;
};
using OffsetsTopicKey = std::variant<OffsetCommitKey, GroupMetadataKey>;

struct OffsetCommitValue {
  int64_t offset = -1;
  int32_t leader_epoch = -1;
  std::string metadata;
  int64_t commit_timestamp_ms = 0;
  bool operator==(const OffsetCommitValue&) const = default;
};

struct GroupMemberValue {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string client_id, client_host;
  int32_t rebalance_timeout_ms = 0, session_timeout_ms = 0;
  std::string subscription, assignment;
  bool operator==(const GroupMemberValue&) const = default;
};
struct GroupMetadataValue {
  std::string protocol_type;
  int32_t generation = 0;
  std::optional<std::string> protocol, leader;
  int64_t current_state_timestamp_ms = -1;
  std::vector<GroupMemberValue> members;
  bool operator==(const GroupMetadataValue&) const = default;
};

std::string EncodeKey(const OffsetsTopicKey& key);
std::string EncodeValue(const OffsetCommitValue& value);
std::string EncodeValue(const GroupMetadataValue& value);

// Nullopt for a key of an unknown version or a malformed buffer (Kafka throws; a simulated log
// only holds what the coordinator wrote, so the loader treats it as a bug and skips it loudly).
std::optional<OffsetsTopicKey> DecodeKey(std::string_view bytes);
std::optional<OffsetCommitValue> DecodeOffsetCommitValue(std::string_view bytes);
std::optional<GroupMetadataValue> DecodeGroupMetadataValue(std::string_view bytes);

}  // namespace kafkasim
