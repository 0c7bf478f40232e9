// The consumer's group settings as ParseConsumerConfig reads them: Kafka 3.x's default
// partition.assignment.strategy, assignor names and class names, and the rebalance protocol the
// list implies.

#include <catch2/catch.hpp>

#include "sim/client/consumer.h"

namespace kafkasim {
namespace {

using Props = std::map<std::string, std::string, std::less<>>;

GroupConfig GroupOf(Props props) {
  props.try_emplace("bootstrap.servers", "localhost:9092");
  props.try_emplace("group.id", "billing");
  auto parsed = ParseConsumerConfig(props);
  REQUIRE(std::holds_alternative<ParsedConsumerConfig>(parsed));
  REQUIRE(std::get<ParsedConsumerConfig>(parsed).config.group.has_value());
  return *std::get<ParsedConsumerConfig>(parsed).config.group;
}

RebalanceProtocol ProtocolOf(const GroupConfig& g) {
  std::vector<std::unique_ptr<PartitionAssignor>> assignors;
  for (const std::string& name : g.assignors) assignors.push_back(MakeAssignor(name));
  return CommonRebalanceProtocol(assignors);
}

TEST_CASE("consumer config: the default strategy is [range, cooperative-sticky], which rebalances eagerly") {
  const GroupConfig g = GroupOf({});
  CHECK(g.assignors == std::vector<std::string>{"range", "cooperative-sticky"});
  CHECK(ProtocolOf(g) == RebalanceProtocol::kEager);
  CHECK_FALSE(g.group_instance_id.has_value());
}

TEST_CASE("consumer config: cooperative-sticky alone is cooperative; sticky is eager") {
  GroupConfig g = GroupOf(
      {{"partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"}});
  CHECK(g.assignors == std::vector<std::string>{"cooperative-sticky"});
  CHECK(ProtocolOf(g) == RebalanceProtocol::kCooperative);
  g = GroupOf({{"partition.assignment.strategy", "org.apache.kafka.clients.consumer.StickyAssignor"}});
  CHECK(ProtocolOf(g) == RebalanceProtocol::kEager);
  g = GroupOf({{"partition.assignment.strategy",
                "org.apache.kafka.clients.consumer.CooperativeStickyAssignor,org.apache.kafka.clients.consumer.RoundRobinAssignor"}});
  CHECK(g.assignors == std::vector<std::string>{"cooperative-sticky", "roundrobin"});
  CHECK(ProtocolOf(g) == RebalanceProtocol::kEager);
}

TEST_CASE("consumer config: group.instance.id makes a static member") {
  CHECK(GroupOf({{"group.instance.id", "billing-a"}}).group_instance_id == "billing-a");
}

TEST_CASE("consumer config: an assignor class that does not exist fails as getAssignorInstances does") {
  auto parsed = ParseConsumerConfig({{"bootstrap.servers", "localhost:9092"},
                                     {"group.id", "billing"},
                                     {"partition.assignment.strategy", "com.example.MyAssignor"}});
  REQUIRE(std::holds_alternative<AdminError>(parsed));
  CHECK(std::get<AdminError>(parsed).exception == "org.apache.kafka.common.KafkaException");
  CHECK(std::get<AdminError>(parsed).message == "com.example.MyAssignor ClassNotFoundException exception occurred");
}

}  // namespace
}  // namespace kafkasim
