#include "sim/admin/create_topic.h"

#include <catch2/catch.hpp>

#include "sim/config/config_files.h"
#include "tests/admin/broker_config_fixture.h"

using namespace kafkasim;

namespace {

AdminResult<TopicCreation> Plan(const CreateTopicRequest& r, std::vector<int32_t> live,
                                std::vector<std::string> existing = {}) {
  Random random(3, "create");
  return PlanTopicCreation(r, testing::SampleBrokerConfig(), live, existing, random);
}

AdminError PlanError(const CreateTopicRequest& r, std::vector<int32_t> live,
                     std::vector<std::string> existing = {}) {
  auto result = Plan(r, std::move(live), std::move(existing));
  REQUIRE(std::holds_alternative<AdminError>(result));
  return std::get<AdminError>(result);
}

}  // namespace

TEST_CASE("create: the broker's defaults fill in partitions and replication factor") {
  auto plan = std::get<TopicCreation>(Plan({.name = "orders"}, {0}));
  CHECK(plan.assignment ==
        ReplicaAssignment{{0, {0}}});  // num.partitions=1, default.replication.factor=1
  auto three = std::get<TopicCreation>(
      Plan({.name = "orders-topic", .num_partitions = 3, .replication_factor = 1}, {0}));
  CHECK(three.assignment == ReplicaAssignment{{0, {0}}, {1, {0}}, {2, {0}}});
  auto explicit_layout =
      std::get<TopicCreation>(Plan({.name = "t",
                                    .assignment = ReplicaAssignment{{0, {7, 0}}, {1, {0, 7}}},
                                    .configs = {{"retention.ms", "1"}}},
                                   {0}));
  CHECK(explicit_layout.assignment.at(0) == std::vector<int32_t>{7, 0});  // broker 7 need not exist
  CHECK(explicit_layout.configs == ConfigMap{{"retention.ms", "1"}});
}

TEST_CASE("create: Kafka's checks in Kafka's order") {
  // Existence comes before everything, even a bad replication factor.
  CHECK(PlanError({.name = "orders", .replication_factor = 3}, {0}, {"orders"}) ==
        AdminError{"org.apache.kafka.common.errors.TopicExistsException",
                   "Topic 'orders' already exists."});
  CHECK(PlanError({.name = "orders", .replication_factor = 3}, {0}).message ==
        "Replication factor: 3 larger than available brokers: 1.");
  // The placement is checked before the name.
  CHECK(PlanError({.name = "bad name", .replication_factor = 3}, {0}).message ==
        "Replication factor: 3 larger than available brokers: 1.");
  CHECK(PlanError({.name = "bad name"}, {0}).exception ==
        "org.apache.kafka.common.errors.InvalidTopicException");
  CHECK(PlanError({.name = "a.b"}, {0}, {"a_b"}).message ==
        "Topic 'a.b' collides with existing topics: a_b");
  CHECK(
      PlanError({.name = "t", .num_partitions = 2, .assignment = ReplicaAssignment{{0, {0}}}}, {0})
          .message ==
      "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be "
      "used at the "
      "same time.");
  CHECK(PlanError({.name = "t", .assignment = ReplicaAssignment{{0, {0}}, {1, {0, 1}}}}, {0})
            .message == "All partitions should have the same number of replicas");
  CHECK(PlanError({.name = "t", .assignment = ReplicaAssignment{{0, {1, 1}}}}, {0}).message ==
        "Duplicate replica assignment found: HashMap(0 -> ArrayBuffer(1, 1))");
  CHECK(
      PlanError({.name = "t", .assignment = ReplicaAssignment{{0, {1}}, {2, {0}}}}, {0}).message ==
      "partitions should be a consecutive 0-based integer sequence");
  CHECK(PlanError({.name = "t", .configs = {{"retention.ms", "soon"}}}, {0}).message ==
        "Invalid value soon for configuration retention.ms: Not a number of type LONG");
}

TEST_CASE("auto-creation: internal topics get their own counts and configs") {
  const KafkaConfig broker = testing::SampleBrokerConfig();  // offsets.topic.replication.factor=1 in the shipped file
  AutoCreation offsets = AutoCreateTopic("__consumer_offsets", broker, 1);
  REQUIRE(offsets.request);
  CHECK(offsets.request->num_partitions == 50);
  CHECK(offsets.request->replication_factor == 1);
  CHECK(offsets.request->configs == ConfigMap{{"cleanup.policy", "compact"},
                                              {"compression.type", "producer"},
                                              {"segment.bytes", "104857600"}});
  AutoCreation orders = AutoCreateTopic("orders", broker, 1);
  REQUIRE(orders.request);
  CHECK(orders.request->num_partitions == 1);
  CHECK(orders.request->configs.empty());
  AutoCreation txn = AutoCreateTopic("__transaction_state", broker, 1);
  REQUIRE(txn.request);
  CHECK(txn.request->configs.at("min.insync.replicas") == "1");
  CHECK(txn.request->configs.at("compression.type") == "uncompressed");
}

TEST_CASE("auto-creation refuses with too few live brokers, logging Kafka's line") {
  Properties p;
  p.Set("zookeeper.connect", "localhost:2181");  // Kafka's default: offsets RF 3
  const KafkaConfig broker = std::get<KafkaConfigLoad>(LoadKafkaConfig(p)).config;
  AutoCreation a = AutoCreateTopic("__consumer_offsets", broker, 1);
  CHECK_FALSE(a.request);
  CHECK(a.error == "INVALID_REPLICATION_FACTOR");
  CHECK(a.broker_log ==
        "Number of alive brokers '1' does not meet the required replication factor '3' for auto "
        "creation of topic "
        "'__consumer_offsets' which is configured by offsets.topic.replication.factor. This error "
        "can be ignored "
        "if the cluster is starting up and not all brokers are up yet.");
  CHECK(AutoCreateTopic("bad name", broker, 3).error == "INVALID_TOPIC_EXCEPTION");
}
