// kafka-consumer-groups.sh's --describe --members / --state, --list --state and --reset-offsets
// layouts, column for column as Kafka 3.7's format strings print them (trailing spaces included).

#include <catch2/catch.hpp>

#include "sim/tools/consumer_groups_output.h"

namespace kafkasim {
namespace {

const std::string kLongId = "console-consumer-75f03f1a-b080-4a2e-9276-389c94198ec5";  // 53 characters

TEST_CASE("--members pads each column and ends the #PARTITIONS column with its padding and a space") {
  const ToolText t = FormatDescribeMembers(
      "billing", "Stable",
      {GroupMemberRow{.consumer_id = kLongId, .host = "/127.0.0.1", .client_id = "console-consumer",
                      .assignment = {{"orders", 1}, {"orders", 0}}},
       GroupMemberRow{.consumer_id = "c-2", .host = "/127.0.0.1", .client_id = "c"}},
      false);
  CHECK(t.err.empty());
  CHECK(t.out ==
        "\n"
        "GROUP           CONSUMER-ID" + std::string(43, ' ') + "HOST            CLIENT-ID        #PARTITIONS     \n"
        "billing         " + kLongId + " /127.0.0.1      console-consumer 2               \n"
        "billing         c-2" + std::string(51, ' ') + "/127.0.0.1      c                0               \n");
}

TEST_CASE("--members --verbose adds ASSIGNMENT: each topic's sorted partitions, topics sorted, '-' for none") {
  const ToolText t = FormatDescribeMembers(
      "g", "Stable",
      {GroupMemberRow{.consumer_id = "a", .host = "/h", .client_id = "c",
                      .assignment = {{"payments", 2}, {"orders", 2}, {"orders", 0}}},
       GroupMemberRow{.consumer_id = "b", .host = "/h", .client_id = "c"}},
      true);
  CHECK(t.out ==
        "\n"
        "GROUP           CONSUMER-ID     HOST            CLIENT-ID       #PARTITIONS     ASSIGNMENT\n"
        "g               a               /h              c               3               orders(0,2), payments(2)\n"
        "g               b               /h              c               0               -\n");
}

TEST_CASE("--members shows GROUP-INSTANCE-ID (at least 17 wide) only when a member is static") {
  const ToolText t = FormatDescribeMembers(
      "g", "Stable",
      {GroupMemberRow{.consumer_id = "a", .group_instance_id = "i-1", .host = "/h", .client_id = "c"},
       GroupMemberRow{.consumer_id = "b", .host = "/h", .client_id = "c"}},
      false);
  CHECK(t.out ==
        "\n"
        "GROUP           CONSUMER-ID     GROUP-INSTANCE-ID HOST            CLIENT-ID       #PARTITIONS     \n"
        "g               a               i-1               /h              c               0               \n"
        "g               b                                 /h              c               0               \n");
}

TEST_CASE("--members of an empty group says so and prints no table; of an unknown group, an error") {
  CHECK(FormatDescribeMembers("g", "Empty", {}, false).err == "\nConsumer group 'g' has no active members.\n");
  CHECK(FormatDescribeMembers("g", "Empty", {}, false).out.empty());
  const ToolText dead = FormatDescribeMembers("g", "Dead", {}, true);
  CHECK(dead.out == "\nError: Consumer group 'g' does not exist.\n");
  CHECK(dead.err.empty());
}

TEST_CASE("--state pads GROUP to the coordinator column's width, as Kafka's format string does") {
  const GroupStateRow row{.coordinator_host = "localhost", .coordinator_port = 9094, .coordinator_id = 2,
                          .assignment_strategy = "range", .state = "Stable", .members = 3};
  CHECK(FormatDescribeState("billing", row).out ==
        "\n"
        "GROUP                     COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE           #MEMBERS\n"
        "billing                   localhost:9094 (2)        range                Stable          3\n");
  // A coordinator longer than 25 characters widens the GROUP column, not its own.
  const GroupStateRow wide{.coordinator_host = "broker-with-a-long-name.example", .coordinator_port = 9092,
                           .coordinator_id = 0, .state = "Empty"};
  const ToolText t = FormatDescribeState("g", wide);
  CHECK(t.err == "\nConsumer group 'g' has no active members.\n");
  const std::string coordinator = "broker-with-a-long-name.example:9092 (0)";  // 40 characters
  CHECK(t.out == "\nGROUP" + std::string(40 - 5, ' ') +
                     " COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE           #MEMBERS\n"
                     "g" + std::string(40 - 1, ' ') + " " + coordinator + " " + std::string(20, ' ') +
                     " Empty           0\n");
  CHECK(FormatDescribeState("g", GroupStateRow{.state = "Dead"}).out == "\nError: Consumer group 'g' does not exist.\n");
}

TEST_CASE("--list --state prints GROUP at least 15 wide, then STATE") {
  CHECK(FormatListStates({{"billing", "Stable"}, {"a-very-long-group-name", "Empty"}}) ==
        "GROUP                  STATE\n"
        "billing                Stable\n"
        "a-very-long-group-name Empty\n");
}

TEST_CASE("--reset-offsets prints its plan 30/30/10/15 wide; a group refused still gets the header") {
  CHECK(FormatResetPlan(1, {ResetPlanRow{"billing", {"orders", 0}, 42}}) ==
        "\n"
        "GROUP                          TOPIC                          PARTITION  NEW-OFFSET     \n"
        "billing                        orders                         0          42             \n");
  CHECK(FormatResetPlan(1, {}) ==
        "\nGROUP                          TOPIC                          PARTITION  NEW-OFFSET     \n");
  CHECK(FormatResetPlan(0, {}).empty());
}

TEST_CASE("--delete-offsets reports the group's outcome, then each partition sorted by topic and partition") {
  CHECK(FormatDeleteOffsets("g", {"orders", "audit"}, ErrorCode::kNone,
                            {DeleteOffsetsRow{{"orders", 1}}, DeleteOffsetsRow{{"orders", 0}},
                             DeleteOffsetsRow{{"audit", -1}, ErrorCode::kUnknownTopicOrPartition}}) ==
        "Request succeed for deleting offsets with topic orders, audit group g\n"
        "\n"
        "TOPIC                          PARTITION       STATUS         \n"
        "audit                          Not Provided    Error: This server does not host this topic-partition.\n"
        "orders                         0               Successful     \n"
        "orders                         1               Successful     \n");
  CHECK(FormatDeleteOffsets("g", {"orders"}, ErrorCode::kGroupSubscribedToTopic,
                            {DeleteOffsetsRow{{"orders", 0}, ErrorCode::kGroupSubscribedToTopic}}) ==
        "\nError: Encounter some partition level error, see the follow-up details:\n"
        "\n"
        "TOPIC                          PARTITION       STATUS         \n"
        "orders                         0               Error: Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.\n");
  CHECK(FormatDeleteOffsets("g", {"orders"}, ErrorCode::kGroupIdNotFound, {}).starts_with(
      "\nError: 'g' does not exist.\n"));
}

}  // namespace
}  // namespace kafkasim
