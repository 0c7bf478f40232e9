// kafka-consumer-groups.sh's --describe layout, and consumer groups end to end through the tools:
// console consumers joining, leaving and crashing, checked with `expect group ...`.

#include <catch2/catch.hpp>

#include "sim/tools/consumer_groups_output.h"
#include "tests/broker/cluster_fixture.h"

namespace kafkasim {
namespace {

TEST_CASE("--describe pads columns as Kafka's %-Ns does and widens them for long values") {
  const std::string id = "console-consumer-75f03f1a-b080-4a2e-9276-389c94198ec5";
  const ToolText t = FormatDescribeOffsets(
      "billing", "Stable",
      {GroupOffsetRow{.topic = "orders", .partition = 0, .current_offset = 1, .log_end_offset = 3, .consumer_id = id,
                      .host = "/127.0.0.1", .client_id = "console-consumer"},
       GroupOffsetRow{.topic = "orders", .partition = 1, .log_end_offset = 5}});
  CHECK(t.err.empty());
  CHECK(t.out ==
        "\n"
        "GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID                "
        "                           HOST            CLIENT-ID\n"
        "billing         orders          0          1               3               2               " +
            id +
            " /127.0.0.1      console-consumer\n"
            "billing         orders          1          -               5               -               -          "
            "                                           -               -\n");
}

TEST_CASE("--describe explains an empty, a rebalancing and an unknown group") {
  CHECK(FormatDescribeOffsets("g", "Empty", {}).err == "\nConsumer group 'g' has no active members.\n");
  CHECK(FormatDescribeOffsets("g", "PreparingRebalance", {}).err == "\nWarning: Consumer group 'g' is rebalancing.\n");
  const ToolText dead = FormatDescribeOffsets("g", "Dead", {GroupOffsetRow{.topic = "t"}});
  CHECK(dead.err == "Error: Consumer group 'g' does not exist.\n");
  CHECK(dead.out.empty());
}

constexpr const char* kSetup =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties\n"
    "bin/kafka-server-start.sh config/server-1.properties\n"
    "bin/kafka-server-start.sh config/server-2.properties\n"
    "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 "
    "--replication-factor 3\n"
    "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders\n"
    "> a\n> b\n> c\n> d\n";

TEST_CASE("a group consumer reads from the beginning, commits on close, and the next one resumes there") {
  RequireOk(testing::PlayCluster(std::string(kSetup) +
                                 "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders "
                                 "--group billing --from-beginning --max-messages 4\n"
                                 "expect group billing state == Empty\n"
                                 "expect group billing lag == 0\n"
                                 "expect events consumer.committed >= 1\n"
                                 "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders\n"
                                 "> e\n"
                                 "expect group billing lag == 1\n"
                                 "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders "
                                 "--group billing --from-beginning --max-messages 1\n"
                                 "expect events consumer.resume >= 3\n"
                                 "expect group billing lag == 0\n"));
}

TEST_CASE("three consumers of a three-partition topic get one partition each; a crashed one is dropped after 45 s") {
  RequireOk(testing::PlayCluster(std::string(kSetup) +
                                 "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group g\n"
                                 "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group g\n"
                                 "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group g\n"
                                 "sleep 10s\n"
                                 "expect group g members == 3\n"
                                 "expect group g state == Stable\n"
                                 "crash console-consumer-1\n"
                                 "sleep 40s\n"
                                 "expect group g members == 3\n"
                                 "sleep 10s\n"
                                 "expect group g members == 2\n"
                                 "expect group g state == Stable\n"
                                 "expect events group.session_expired == 1\n"));
}

TEST_CASE("the assignment query tells range's blocks from roundrobin's dealing") {
  const std::string roundrobin =
      " --consumer-property partition.assignment.strategy=org.apache.kafka.clients.consumer.RoundRobinAssignor\n";
  RequireOk(testing::PlayCluster(std::string(kSetup) +
                                 "expect group r assignment == none\n"
                                 "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group r\n"
                                 "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group r\n"
                                 "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group rr" +
                                 roundrobin +
                                 "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group rr" +
                                 roundrobin +
                                 "sleep 10s\n"
                                 "expect group r assignment == orders-0,orders-1/orders-2\n"
                                 "expect group rr assignment == orders-0,orders-2/orders-1\n"
                                 "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group r\n"
                                 "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group r\n"
                                 "sleep 10s\n"
                                 // Four members, three partitions: one member gets nothing.
                                 "expect group r assignment == -/orders-0/orders-1/orders-2\n"));
}

}  // namespace
}  // namespace kafkasim
