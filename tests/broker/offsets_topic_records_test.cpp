// The __consumer_offsets records, byte for byte in Kafka 3.7's schemas, and the consumer
// protocol's subscription and assignment.

#include <catch2/catch.hpp>

#include "sim/broker/offsets_topic_records.h"
#include "sim/protocol/consumer_protocol.h"

namespace kafkasim {
namespace {

std::string Hex(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
  return out;
}

TEST_CASE("an offset commit key is version 1: group, topic, partition") {
  const std::string key = EncodeKey(OffsetCommitKey{"g", {"t", 2}});
  CHECK(Hex(key) == "0001" "000167" "000174" "00000002");
  CHECK(DecodeKey(key) == OffsetsTopicKey(OffsetCommitKey{"g", {"t", 2}}));
}

TEST_CASE("a group metadata key is version 2 and holds only the group") {
  const std::string key = EncodeKey(GroupMetadataKey{"billing"});
  CHECK(Hex(key) == "0002" "0007" "62696c6c696e67");
  CHECK(DecodeKey(key) == OffsetsTopicKey(GroupMetadataKey{"billing"}));
}

TEST_CASE("an offset commit value is version 3: offset, leader epoch, metadata, commit timestamp") {
  const OffsetCommitValue v{.offset = 42, .leader_epoch = 3, .metadata = "", .commit_timestamp_ms = 1000};
  const std::string bytes = EncodeValue(v);
  CHECK(Hex(bytes) == "0003" "000000000000002a" "00000003" "0000" "00000000000003e8");
  CHECK(DecodeOffsetCommitValue(bytes) == v);
}

TEST_CASE("a group metadata value round-trips with its members, null protocol and leader included") {
  GroupMetadataValue v{.protocol_type = "consumer", .generation = 3, .protocol = "range", .leader = "c-1",
                       .current_state_timestamp_ms = 5000};
  v.members.push_back({.member_id = "c-1", .client_id = "c", .client_host = "/127.0.0.1",
                       .rebalance_timeout_ms = 300000, .session_timeout_ms = 45000, .subscription = "s",
                       .assignment = "a"});
  CHECK(DecodeGroupMetadataValue(EncodeValue(v)) == v);
  const GroupMetadataValue empty{.protocol_type = "consumer", .generation = 4};
  const std::string bytes = EncodeValue(empty);
  CHECK(Hex(bytes).starts_with("0003" "0008" "636f6e73756d6572" "00000004" "ffff" "ffff"));
  CHECK(DecodeGroupMetadataValue(bytes) == empty);
}

TEST_CASE("truncated or unknown-version records are refused") {
  const std::string key = EncodeKey(OffsetCommitKey{"g", {"t", 2}});
  CHECK_FALSE(DecodeKey(key.substr(0, key.size() - 1)));
  CHECK_FALSE(DecodeKey(std::string("\x00\x07", 2)));
  CHECK_FALSE(DecodeOffsetCommitValue(std::string("\x00\x01", 2)));
}

TEST_CASE("the consumer protocol's subscription v3 groups owned partitions by topic") {
  const ConsumerSubscription s{.topics = {"orders"}, .owned_partitions = {{"orders", 0}, {"orders", 2}},
                               .generation_id = 5};
  const std::string bytes = EncodeSubscription(s);
  CHECK(Hex(bytes) == "0003" "00000001" "00066f7264657273" "ffffffff"
                      "00000001" "00066f7264657273" "00000002" "00000000" "00000002" "00000005" "ffff");
  CHECK(DecodeSubscription(bytes) == s);
  const ConsumerAssignment a{.partitions = {{"orders", 1}}};
  CHECK(DecodeAssignment(EncodeAssignment(a)) == a);
  CHECK(DecodeAssignment("")->partitions.empty());  // what a member the leader left out gets
}

}  // namespace
}  // namespace kafkasim
