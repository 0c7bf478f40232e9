#include "sim/broker/offsets_topic_records.h"

#include "sim/protocol/wire_codec.h"

namespace kafkasim {
namespace {

// The schema versions Kafka 3.7 writes (with inter.broker.protocol.version 3.7).
constexpr int16_t kOffsetCommitKeyVersion = 1;
constexpr int16_t kGroupMetadataKeyVersion = 2;
constexpr int16_t kOffsetCommitValueVersion = 3;
constexpr int16_t kGroupMetadataValueVersion = 3;

}  // namespace

std::string EncodeKey(const OffsetsTopicKey& key) {
  ByteWriter w;
  if (const auto* k = std::get_if<OffsetCommitKey>(&key)) {
    w.Int16(kOffsetCommitKeyVersion).String(k->group).String(k->tp.topic).Int32(k->tp.partition);
  } else {
    w.Int16(kGroupMetadataKeyVersion).String(std::get<GroupMetadataKey>(key).group);
  }
  return w.Take();
}

std::string EncodeValue(const OffsetCommitValue& v) {
  ByteWriter w;
  w.Int16(kOffsetCommitValueVersion).Int64(v.offset).Int32(v.leader_epoch).String(v.metadata).Int64(v.commit_timestamp_ms);
  return w.Take();
}

std::string EncodeValue(const GroupMetadataValue& v) {
  ByteWriter w;
  w.Int16(kGroupMetadataValueVersion)
      .String(v.protocol_type)
      .Int32(v.generation)
      .NullableString(v.protocol)
      .NullableString(v.leader)
      .Int64(v.current_state_timestamp_ms)
      .Int32(static_cast<int32_t>(v.members.size()));
  for (const GroupMemberValue& m : v.members) {
    w.String(m.member_id)
        .NullableString(m.group_instance_id)
        .String(m.client_id)
        .String(m.client_host)
        .Int32(m.rebalance_timeout_ms)
        .Int32(m.session_timeout_ms)
        .Bytes(m.subscription)
        .Bytes(m.assignment);
  }
  return w.Take();
}

std::optional<OffsetsTopicKey> DecodeKey(std::string_view bytes) {
  ByteReader r(bytes);
  const int16_t version = r.Int16();
  OffsetsTopicKey key;
  // Versions 0 and 1 are offset keys, 2 a group key (GroupMetadataManager.readMessageKey).
  if (version == 0 || version == 1) {
    OffsetCommitKey k;
    k.group = r.String();
    k.tp.topic = r.String();
    k.tp.partition = r.Int32();
    key = std::move(k);
  } else if (version == 2) {
    key = GroupMetadataKey{.group = r.String()};
  } else {
    return std::nullopt;
  }
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return key;
}

std::optional<OffsetCommitValue> DecodeOffsetCommitValue(std::string_view bytes) {
  ByteReader r(bytes);
  const int16_t version = r.Int16();
  if (version != kOffsetCommitValueVersion) return std::nullopt;
  OffsetCommitValue v;
  v.offset = r.Int64();
  v.leader_epoch = r.Int32();
  v.metadata = r.String();
  v.commit_timestamp_ms = r.Int64();
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return v;
}

std::optional<GroupMetadataValue> DecodeGroupMetadataValue(std::string_view bytes) {
  ByteReader r(bytes);
  const int16_t version = r.Int16();
  if (version != kGroupMetadataValueVersion) return std::nullopt;
  GroupMetadataValue v;
  v.protocol_type = r.String();
  v.generation = r.Int32();
  v.protocol = r.NullableString();
  v.leader = r.NullableString();
  v.current_state_timestamp_ms = r.Int64();
  const int32_t n = r.ArrayCount();
  for (int32_t i = 0; i < n && r.ok(); ++i) {
    GroupMemberValue m;
    m.member_id = r.String();
    m.group_instance_id = r.NullableString();
    m.client_id = r.String();
    m.client_host = r.String();
    m.rebalance_timeout_ms = r.Int32();
    m.session_timeout_ms = r.Int32();
    m.subscription = r.Bytes();
    m.assignment = r.Bytes();
    v.members.push_back(std::move(m));
  }
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return v;
}

}  // namespace kafkasim
