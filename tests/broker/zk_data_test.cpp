#include "sim/broker/zk_data.h"

#include <catch2/catch.hpp>

namespace kafkasim::zkdata {
namespace {

TEST_CASE("znode paths are Kafka's") {
  CHECK(BrokerPath(BrokerId(3)) == "/brokers/ids/3");
  CHECK(TopicPath("orders") == "/brokers/topics/orders");
  CHECK(PartitionStatePath({"orders", 2}) == "/brokers/topics/orders/partitions/2/state");
  CHECK(TopicConfigPath("orders") == "/config/topics/orders");
  CHECK(DeleteTopicPath("orders") == "/admin/delete_topics/orders");
}

TEST_CASE("a partition state znode holds Kafka's JSON in Kafka's key order and decodes back") {
  const LeaderAndIsr state{.leader = BrokerId(1), .leader_epoch = 4, .isr = {BrokerId(1), BrokerId(2)},
                           .controller_epoch = 2};
  const std::string json = EncodePartitionState(state);
  CHECK(json == R"({"controller_epoch":2,"leader":1,"version":1,"leader_epoch":4,"isr":[1,2]})");
  auto decoded = DecodePartitionState(json);
  REQUIRE(decoded);
  CHECK(*decoded == state);
}

TEST_CASE("no leader is written as -1") {
  CHECK(EncodePartitionState({.leader = kNoLeader}) ==
        R"({"controller_epoch":0,"leader":-1,"version":1,"leader_epoch":0,"isr":[]})");
}

TEST_CASE("a topic znode lists each partition's replicas and the topic id") {
  const TopicZNode topic{.partitions = {{0, {BrokerId(0), BrokerId(1)}}, {1, {BrokerId(1), BrokerId(0)}}},
                         .topic_id = "y1pPh_DwSLyB8OzFuPCdYw"};
  const std::string json = EncodeTopic(topic);
  CHECK(json == R"({"partitions":{"0":[0,1],"1":[1,0]},"topic_id":"y1pPh_DwSLyB8OzFuPCdYw",)"
                R"("adding_replicas":{},"removing_replicas":{},"version":3})");
  auto decoded = DecodeTopic(json);
  REQUIRE(decoded);
  CHECK(decoded->partitions == topic.partitions);
  CHECK(decoded->topic_id == topic.topic_id);
}

TEST_CASE("the controller and broker registrations carry Kafka's fields") {
  CHECK(EncodeController(BrokerId(2), Time::FromMicros(5'000'000)) ==
        R"({"version":2,"brokerid":2,"timestamp":"5000","kraftControllerEpoch":-1})");
  CHECK(DecodeController(R"({"version":2,"brokerid":2,"timestamp":"5000","kraftControllerEpoch":-1})") == BrokerId(2));
  const std::string broker = EncodeBroker({BrokerId(0), "localhost", 9092}, Time());
  CHECK(broker.find(R"("endpoints":["PLAINTEXT://localhost:9092"])") != std::string::npos);
  auto decoded = DecodeBroker(BrokerId(0), broker);
  REQUIRE(decoded);
  CHECK(decoded->port == 9092);
}

TEST_CASE("garbage in a znode decodes to nothing instead of crashing") {
  CHECK_FALSE(DecodePartitionState("not json"));
  CHECK_FALSE(DecodePartitionState(R"({"leader":"x"})"));
  CHECK_FALSE(DecodeTopic(R"({"partitions":{"a":[1]}})"));
  CHECK_FALSE(DecodeController("[]"));
}

}  // namespace
}  // namespace kafkasim::zkdata
