// kafka-consumer-groups.sh's --describe layout, and consumer groups end to end through the tools:
// console consumers joining, leaving and crashing, checked with `expect group ...`.

#include <catch2/catch.hpp>

#include "sim/core/random.h"
#include "sim/kafka/install.h"
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
  // printError: stdout, after a blank line.
  const ToolText dead = FormatDescribeOffsets("g", "Dead", {GroupOffsetRow{.topic = "t"}});
  CHECK(dead.out == "\nError: Consumer group 'g' does not exist.\n");
  CHECK(dead.err.empty());
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

bool Printed(const testing::ClusterRun& run, const std::string& text) {
  return run.narration.find(text) != std::string::npos;
}

constexpr const char* kReadAll =
    "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group billing "
    "--from-beginning --max-messages 4\n";

TEST_CASE("--reset-offsets is refused while the group has members") {
  const testing::ClusterRun run = testing::PlayCluster(
      std::string(kSetup) +
      "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group billing\n"
      "sleep 5s\n"
      "bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --reset-offsets --group billing "
      "--all-topics --to-earliest --execute\n"
      "expect group billing state == Stable\n");
  RequireOk(run);
  CHECK(Printed(run, "Error: Assignments can only be reset if the group 'billing' is inactive, but the current state "
                     "is Stable."));
  CHECK(Printed(run, "GROUP                          TOPIC                          PARTITION  NEW-OFFSET"));
}

TEST_CASE("--reset-offsets --dry-run only plans; --execute commits the plan") {
  const testing::ClusterRun run = testing::PlayCluster(
      std::string(kSetup) + kReadAll +
      "expect group billing lag == 0\n"
      "bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --reset-offsets --group billing "
      "--topic orders --to-earliest --dry-run\n"
      "expect group billing lag == 0\n"
      "bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --reset-offsets --group billing "
      "--topic orders --to-earliest --execute\n"
      "expect group billing lag == 4\n"
      "bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --reset-offsets --group billing "
      "--all-topics --shift-by 3 --execute\n"
      "expect group billing lag == 1\n"
      "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group billing "
      "--max-messages 1\n"
      "expect group billing lag == 0\n");
  RequireOk(run);
  CHECK(!Printed(run, "WARN: No action will be performed"));
  // The four records sit in one partition (sticky partitioning); the others cannot move up.
  CHECK(Printed(run, "WARN New offset (3) is higher than latest offset for topic partition orders-0. Value will be "
                     "set to 0 (kafka.admin.ConsumerGroupCommand$)"));
}

TEST_CASE("--reset-offsets of a group nobody used creates it; without --execute or --dry-run it warns and plans") {
  const testing::ClusterRun run = testing::PlayCluster(
      std::string(kSetup) +
      "bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --reset-offsets --group audit "
      "--topic orders:0 --to-latest\n"
      "expect group audit state == Dead\n"
      "bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --reset-offsets --group audit "
      "--topic orders --to-datetime 1970-01-01T00:00:00.000 --execute\n"
      "expect group audit state == Empty\n"
      "expect group audit lag == 4\n");
  RequireOk(run);
  CHECK(Printed(run, "WARN: No action will be performed as the --execute option is missing.In a future major release"));
}

TEST_CASE("--describe --members --verbose and --state show a live group") {
  const testing::ClusterRun run = testing::PlayCluster(
      std::string(kSetup) +
      "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group g\n"
      "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group g\n"
      "sleep 5s\n"
      "expect group g members == 2\n"
      "bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group g --members --verbose\n"
      "bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group g --state\n"
      "bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group missing --state\n");
  RequireOk(run);
  // Range over three partitions and two members: one gets two, the other one.
  CHECK(Printed(run, "2               orders(0,1)"));
  CHECK(Printed(run, "1               orders(2)"));
  CHECK(Printed(run, "range                Stable          2"));
  CHECK(Printed(run, "Error: Consumer group 'missing' does not exist."));
}

TEST_CASE("a console consumer without --group joins a generated group and does not commit") {
  // Java's new Random().nextInt(100000); here the consumer node's own seeded stream.
  Random random(1, "node/console-consumer-1");
  const std::string group = fmt::format("console-consumer-{}", random.Below(100000));
  RequireOk(testing::PlayCluster(std::string(kSetup) +
                                 "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders "
                                 "--from-beginning --max-messages 4\n"
                                 "expect group " + group + " state == Empty\n"
                                 "expect events group.offsets_committed == 0\n"
                                 "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders "
                                 "--from-beginning --max-messages 4 --consumer-property enable.auto.commit=true\n"
                                 "expect events group.offsets_committed >= 1\n"));
}

TEST_CASE("the console consumer refuses a group with --partition, and two different group ids") {
  Session session;
  InstallKafka(session);
  const Command* command = session.commands().Find("kafka-console-consumer.sh");
  const std::vector<std::string> base = {"--bootstrap-server", "localhost:9092", "--topic", "orders"};
  auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> args = base;
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  CHECK_THROWS_WITH(command->Parse(with({"--group", "g", "--partition", "0"}), {}),
                    "Options group and partition cannot be specified together.");
  CHECK_THROWS_WITH(command->Parse(with({"--consumer-property", "group.id=g", "--partition", "0"}), {}),
                    "Options group and partition cannot be specified together.");
  CHECK_THROWS_WITH(command->Parse(with({"--group", "a", "--consumer-property", "group.id=b"}), {}),
                    "The group ids provided in different places (directly using '--group', via "
                    "'--consumer-property', or via '--consumer.config') do not match. Detected group ids: 'a', 'b'");
  CHECK_NOTHROW(command->Parse(with({"--partition", "0", "--offset", "earliest"}), {}));
}

TEST_CASE("a console consumer that stops mid-poll commits only the records it printed") {
  // The four records arrive in one poll; --max-messages 2 prints two and seeks back to the third
  // before closing (ConsumerWrapper.cleanup), so the commit on close leaves two to read.
  RequireOk(testing::PlayCluster(std::string(kSetup) +
                                 "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders "
                                 "--group billing --from-beginning --max-messages 2\n"
                                 "expect group billing lag == 2\n"));
}

TEST_CASE("--delete-offsets keeps a live group's subscribed topics and empties an inactive group") {
  const testing::ClusterRun run = testing::PlayCluster(
      std::string(kSetup) +
      "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group billing\n"
      "sleep 6s\n"
      "bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --delete-offsets --group billing "
      "--topic orders:0\n"
      "expect group billing state == Stable\n"
      "stop console-consumer-1\n"
      "bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --delete-offsets --group billing "
      "--topic orders\n"
      "expect events group.offsets_deleted == 1\n"
      "expect group billing state == Dead\n"
      "bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --delete-offsets --group billing "
      "--topic orders\n");
  RequireOk(run);
  CHECK(Printed(run, "Error: Encounter some partition level error, see the follow-up details:"));
  CHECK(Printed(run, "orders                         0               Error: Deleting offsets of a topic is forbidden "
                     "while the consumer group is actively subscribed to it."));
  CHECK(Printed(run, "Request succeed for deleting offsets with topic orders group billing"));
  CHECK(Printed(run, "orders                         2               Successful"));
  CHECK(Printed(run, "Error: 'billing' does not exist."));
}

}  // namespace
}  // namespace kafkasim
