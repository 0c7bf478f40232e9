// The Explorer's model: brokers, topics and partitions, a partition's messages a page at a time
// (up to the high watermark, as a consumer reads them), and consumer groups with their committed
// offsets and lag as kafka-consumer-groups.sh and the `group` query count them.

#include "viz/model/explorer.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/viz/viz_fixture.h"

namespace kafkasim::viz {
namespace {

using namespace kafkasim::time_literals;

std::string AskQuery(Session& session, const std::string& name, std::vector<std::string> args) {
  const QueryResult result = session.queries().Find(name)->evaluate(session, args);
  REQUIRE(std::holds_alternative<std::string>(result));
  return std::get<std::string>(result);
}

const ExplorerTopic* FindTopic(const ExplorerTree& tree, const std::string& name) {
  for (const ExplorerTopic& t : tree.topics) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

TEST_CASE("the explorer lists brokers, topics with their partitions, and reads a partition's messages") {
  World world(testing::BrokersScript());
  world.AdvanceTo(Time::Zero() + 5_s);
  Session& session = world.session();
  const ClusterMetadata metadata = ReadClusterMetadata(session);
  const ExplorerTree tree = BuildExplorer(session, metadata);

  REQUIRE(tree.brokers.size() == 3);
  CHECK(std::count_if(tree.brokers.begin(), tree.brokers.end(), [](const ExplorerBroker& b) { return b.controller; }) == 1);
  int leaders = 0;
  for (const ExplorerBroker& b : tree.brokers) {
    CHECK(b.running);
    CHECK(b.replicas == 3);  // RF 3 over three brokers: each has a replica of every partition
    leaders += b.leaders;
  }
  CHECK(leaders == 3);

  const ExplorerTopic* orders = FindTopic(tree, "orders");
  REQUIRE(orders != nullptr);
  CHECK_FALSE(orders->internal);
  REQUIRE(orders->partitions.size() == 3);
  CHECK(orders->messages == 2);
  CHECK(orders->partitions[1].messages() == 2);
  CHECK(orders->partitions[1].isr.size() == 3);

  const MessagePage page = ReadMessages(session, metadata, TopicPartition{"orders", 1}, 0, 100);
  CHECK(page.error.empty());
  CHECK(page.begin == 0);
  CHECK(page.end == 2);
  REQUIRE(page.rows.size() == 2);
  CHECK(page.rows[0].offset == 0);
  CHECK(page.rows[0].key == std::optional<std::string>("user-4"));
  CHECK(page.rows[0].value == std::optional<std::string>("first order"));
  CHECK(page.rows[1].value == std::optional<std::string>("second order"));
  CHECK(page.rows[1].timestamp_ms >= page.rows[0].timestamp_ms);

  // A page starts where it is asked to, and never goes past what can be read.
  const MessagePage second = ReadMessages(session, metadata, TopicPartition{"orders", 1}, 1, 100);
  REQUIRE(second.rows.size() == 1);
  CHECK(second.rows[0].offset == 1);
  CHECK(ReadMessages(session, metadata, TopicPartition{"orders", 1}, 50, 100).rows.empty());
  CHECK(ReadMessages(session, metadata, TopicPartition{"orders", 9}, 0, 100).error == "no such partition");
}

TEST_CASE("the explorer's consumer groups show each partition's committed offset and the lag the tools report") {
  World world(testing::ScenarioFile("classroom-demo.scn"));
  world.AdvanceTo(Time::Zero() + 60_s);
  Session& session = world.session();
  const ClusterMetadata metadata = ReadClusterMetadata(session);
  const ExplorerTree tree = BuildExplorer(session, metadata);

  const auto billing = std::find_if(tree.groups.begin(), tree.groups.end(), [](const ExplorerGroup& g) { return g.id == "billing"; });
  REQUIRE(billing != tree.groups.end());
  CHECK(billing->state == AskQuery(session, "group", {"billing", "state"}));
  CHECK(std::to_string(billing->generation) == AskQuery(session, "group", {"billing", "generation"}));
  CHECK(std::to_string(billing->members.size()) == AskQuery(session, "group", {"billing", "members"}));
  CHECK(std::to_string(billing->coordinator.value()) == AskQuery(session, "group", {"billing", "coordinator"}));
  CHECK(std::to_string(billing->lag) == AskQuery(session, "group", {"billing", "lag"}));
  REQUIRE_FALSE(billing->offsets.empty());
  for (const ExplorerGroupOffset& o : billing->offsets) {
    INFO(o.name);
    if (o.committed >= 0 && o.log_end_offset) CHECK(o.lag == *o.log_end_offset - o.committed);
  }

  // Internal topics come last; every topic's message count is what its partitions hold.
  REQUIRE_FALSE(tree.topics.empty());
  CHECK(tree.topics.back().internal);
  for (const ExplorerTopic& t : tree.topics) {
    int64_t sum = 0;
    for (const ExplorerPartition& p : t.partitions) sum += p.messages();
    CHECK(t.messages == sum);
  }
  // A page is clipped: never more rows than asked for, offsets in order.
  const ExplorerTopic* orders = FindTopic(tree, "orders");
  REQUIRE(orders != nullptr);
  const ExplorerPartition& fullest = *std::max_element(
      orders->partitions.begin(), orders->partitions.end(),
      [](const ExplorerPartition& a, const ExplorerPartition& b) { return a.messages() < b.messages(); });
  REQUIRE(fullest.messages() > 3);
  const MessagePage page = ReadMessages(session, metadata, TopicPartition{"orders", fullest.partition}, 0, 3);
  REQUIRE(page.rows.size() == 3);
  CHECK(page.rows[0].offset == page.begin);
  CHECK(page.rows[2].offset == page.begin + 2);
}

}  // namespace
}  // namespace kafkasim::viz
