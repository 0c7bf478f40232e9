#include "sim/admin/topic_command_output.h"

#include <catch2/catch.hpp>

#include "sim/admin/replica_assignment.h"
#include "sim/admin/topic_name.h"

using namespace kafkasim;

namespace {

Uuid QuickstartId() { return std::get<Uuid>(Uuid::Parse("NPmZHyhbR9y00wMglMH2sg")); }

TopicDescription Orders() {
  TopicDescription t;
  t.name = "orders";
  t.topic_id = QuickstartId();
  // Given out of order: lines print by partition id.
  t.partitions = {{2, 2, {2, 0, 1}, {2, 0, 1}},
                  {0, 0, {0, 1, 2}, {0, 1, 2}},
                  {1, std::nullopt, {1, 2, 0}, {1}}};
  t.min_insync_replicas = 2;
  return t;
}

}  // namespace

TEST_CASE("describe: the quickstart's topic, byte for byte") {
  // Kafka's quickstart: bin/kafka-topics.sh --describe --topic quickstart-events (tabs made
  // visible).
  TopicDescription t{"quickstart-events", QuickstartId(), {{0, 0, {0}, {0}}}, {}, 1};
  CHECK(FormatDescribe(std::vector<TopicDescription>{t}, {0}) ==
        "Topic: quickstart-events\tTopicId: NPmZHyhbR9y00wMglMH2sg\tPartitionCount: "
        "1\tReplicationFactor: 1\tConfigs: \n"
        "\tTopic: quickstart-events\tPartition: 0\tLeader: 0\tReplicas: 0\tIsr: 0\n");
}

TEST_CASE("describe: configs, Leader: none, partitions by id, no TopicId for a zero id") {
  TopicDescription t = Orders();
  t.non_default_configs = {{"cleanup.policy", "compact"}, {"retention.ms", "60000"}};
  CHECK(FormatDescribe(std::vector<TopicDescription>{t}, {0, 2}) ==
        "Topic: orders\tTopicId: NPmZHyhbR9y00wMglMH2sg\tPartitionCount: 3\tReplicationFactor: 3\t"
        "Configs: cleanup.policy=compact,retention.ms=60000\n"
        "\tTopic: orders\tPartition: 0\tLeader: 0\tReplicas: 0,1,2\tIsr: 0,1,2\n"
        "\tTopic: orders\tPartition: 1\tLeader: none\tReplicas: 1,2,0\tIsr: 1\n"
        "\tTopic: orders\tPartition: 2\tLeader: 2\tReplicas: 2,0,1\tIsr: 2,0,1\n");
  t.topic_id = Uuid::Zero();
  CHECK(FormatDescribe(std::vector<TopicDescription>{t}, {0, 2})
            .starts_with("Topic: orders\tPartitionCount: 3\t"));
}

TEST_CASE("describe filters print only matching partition lines and no header") {
  const std::vector<TopicDescription> topics = {Orders()};
  CHECK(FormatDescribe(topics, {0, 1, 2}, {.under_replicated_partitions = true}) ==
        "\tTopic: orders\tPartition: 1\tLeader: none\tReplicas: 1,2,0\tIsr: 1\n");
  // Broker 2 is gone but still leads partition 2 in this (stale) view: unavailable too.
  CHECK(FormatDescribe(topics, {0, 1}, {.unavailable_partitions = true}) ==
        "\tTopic: orders\tPartition: 1\tLeader: none\tReplicas: 1,2,0\tIsr: 1\n"
        "\tTopic: orders\tPartition: 2\tLeader: 2\tReplicas: 2,0,1\tIsr: 2,0,1\n");
  CHECK(FormatDescribe(topics, {0, 1, 2}, {.under_min_isr_partitions = true}) ==
        "\tTopic: orders\tPartition: 1\tLeader: none\tReplicas: 1,2,0\tIsr: 1\n");
  TopicDescription two = Orders();
  two.min_insync_replicas = 3;
  CHECK(FormatDescribe(std::vector<TopicDescription>{two}, {0, 1, 2},
                       {.at_min_isr_partitions = true}) ==
        "\tTopic: orders\tPartition: 0\tLeader: 0\tReplicas: 0,1,2\tIsr: 0,1,2\n"
        "\tTopic: orders\tPartition: 2\tLeader: 2\tReplicas: 2,0,1\tIsr: 2,0,1\n");
  CHECK(FormatDescribe(topics, {0, 1, 2}, {.topics_with_overrides = true}).empty());
  TopicDescription overridden = Orders();
  overridden.non_default_configs = {{"retention.ms", "1000"}};
  CHECK(FormatDescribe(std::vector<TopicDescription>{overridden}, {0},
                       {.topics_with_overrides = true}) ==
        "Topic: orders\tTopicId: NPmZHyhbR9y00wMglMH2sg\tPartitionCount: 3\tReplicationFactor: "
        "3\tConfigs: retention.ms=1000\n");
}

TEST_CASE("describe prints several topics in the admin client's HashMap order") {
  // Four names: a HashMap of 8 buckets; String.hashCode (computed separately in Python) puts
  // topic1 in bucket 0, topic2 in 1, orders in 2 and payments in 7.
  CHECK(DescribeTopicOrder({"orders", "payments", "topic1", "topic2"}) ==
        std::vector<std::string>{"topic1", "topic2", "orders", "payments"});
  std::vector<TopicDescription> topics;
  for (std::string name : {"payments", "orders"})
    topics.push_back({name, Uuid::Zero(), {{0, 0, {0}, {0}}}, {}, 1});
  const std::string out = FormatDescribe(topics, {0});
  CHECK(out.find("Topic: orders\tPartitionCount") < out.find("Topic: payments\tPartitionCount"));
}

TEST_CASE("list: sorted, --exclude-internal, --topic as a regex, an empty line for nothing") {
  const std::vector<std::string> all = {"payments", "__consumer_offsets", "orders", "orders-dlq"};
  CHECK(FormatList(std::get<std::vector<std::string>>(SelectTopics(all, std::nullopt, false))) ==
        "__consumer_offsets\norders\norders-dlq\npayments\n");
  CHECK(FormatList(std::get<std::vector<std::string>>(SelectTopics(all, std::nullopt, true))) ==
        "orders\norders-dlq\npayments\n");
  CHECK(std::get<std::vector<std::string>>(SelectTopics(all, "orders.*", false)) ==
        std::vector<std::string>{"orders", "orders-dlq"});
  CHECK(std::get<std::vector<std::string>>(SelectTopics(all, "'orders, payments'", false)) ==
        std::vector<std::string>{"orders", "payments"});
  CHECK(std::get<std::vector<std::string>>(SelectTopics(all, "order", false))
            .empty());  // whole-name match
  CHECK(FormatList({}) == "\n");
}

TEST_CASE("--if-exists and 'does not exist as expected'") {
  const std::vector<std::string> none;
  CHECK(
      *EnsureTopicExists(none, "nope", false) ==
      AdminError{"java.lang.IllegalArgumentException", "Topic 'nope' does not exist as expected"});
  CHECK_FALSE(EnsureTopicExists(none, "nope", true));
  CHECK_FALSE(EnsureTopicExists(none, std::nullopt, false));
  const std::vector<std::string> one = {"orders"};
  CHECK_FALSE(EnsureTopicExists(one, "orders", false));
}

TEST_CASE("create: Created topic, the collision warning, --if-not-exists") {
  CHECK(FormatCreateResult("orders", std::nullopt, false, "") ==
        ToolOutput{"Created topic orders.\n", "", 0});
  CHECK(FormatCreateResult("orders.v1", std::nullopt, false, "").out ==
        "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore "
        "('_') could "
        "collide. To avoid issues it is best to use either, but not both.\nCreated topic "
        "orders.v1.\n");
  CHECK(FormatCreateResult("orders", TopicExistsError("orders"), true, "") ==
        ToolOutput{"", "", 0});
}

TEST_CASE("errors: Kafka's stdout line and its log4j line on stderr") {
  // As kafka-topics 3.7 printed it (bitnami image, 2024-03-04), with our timestamp.
  Random random(1, "t");
  const AdminError rf = std::get<AdminError>(AssignReplicasToBrokers({0}, 2, 3, random));
  const std::string ts = FormatLog4jTimestamp(1709588780108);
  CHECK(ts == "2024-03-04 21:46:20,108");
  CHECK(FormatCreateResult("test-topic-AAA", rf, false, ts) ==
        ToolOutput{"Error while executing topic command : Replication factor: 3 larger than "
                   "available brokers: 1.\n",
                   "[2024-03-04 21:46:20,108] ERROR "
                   "org.apache.kafka.common.errors.InvalidReplicationFactorException: "
                   "Replication factor: 3 larger than available brokers: 1.\n "
                   "(org.apache.kafka.tools.TopicCommand)\n",
                   1});
  // --if-not-exists swallows only TopicExistsException.
  CHECK(FormatCreateResult("orders", rf, true, ts).exit_code == 1);
  CHECK(FormatCreateResult("orders", TopicExistsError("orders"), false, ts).out ==
        "Error while executing topic command : Topic 'orders' already exists.\n");
  CHECK(FormatTopicCommandError(*EnsureTopicExists({}, "x", false), "T").err ==
        "[T] ERROR java.lang.IllegalArgumentException: Topic 'x' does not exist as expected\n"
        " (org.apache.kafka.tools.TopicCommand)\n");
}

TEST_CASE("log4j timestamps for the simulated clock") {
  CHECK(FormatLog4jTimestamp(0) == "1970-01-01 00:00:00,000");
  CHECK(FormatLog4jTimestamp(951782400000) == "2000-02-29 00:00:00,000");  // a leap day
  CHECK(FormatLog4jTimestamp(1704067199999) == "2023-12-31 23:59:59,999");
}
