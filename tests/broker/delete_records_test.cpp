// DeleteRecords on the brokers (sim/broker/delete_records.cpp): the leader's
// log start offset moves up, never past the high watermark; followers raise
// theirs from the fetch responses; the answer waits for the low watermark;
// segments wholly below the log start go at the next retention check; compacted
// topics refuse.

#include <filesystem>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "tests/broker/cluster_fixture.h"

namespace kafkasim {
namespace {

// Three brokers checking retention every 10 s, and orders with 3 replicas whose
// segments hold one test-produce batch of 4 records each (segment.bytes=150).
const std::string kDeleteRecordsOrders =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties --override "
    "log.retention.check.interval.ms=10000\n"
    "bin/kafka-server-start.sh config/server-1.properties --override "
    "log.retention.check.interval.ms=10000\n"
    "bin/kafka-server-start.sh config/server-2.properties --override "
    "log.retention.check.interval.ms=10000\n"
    "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic "
    "orders --partitions 1 "
    "--replication-factor 3 --config segment.bytes=150\n"
    "test-produce orders 0 4\ntest-produce orders 0 4\ntest-produce orders 0 "
    "4\n"
    "sleep 2s\n"
    "expect partition orders-0 hw == 12\n"
    "expect partition orders-0 segments == 3\n";

// `echo` the JSON file, then run the tool on it.
std::string DeleteRecordsStep(const std::string& name, const std::string& partitions) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("kafkasim-broker-test-" + name + ".json")).string();
  return fmt::format(
      "echo '{{\"partitions\":[{}],\"version\":1}}' > {}\n"
      "bin/kafka-delete-records.sh --bootstrap-server "
      "localhost:9092 --offset-json-file {}\n",
      partitions, path, path);
}

std::string DeleteFromOrders0(const std::string& name, int64_t offset) {
  return DeleteRecordsStep(name, fmt::format(R"({{"topic":"orders","partition":0,"offset":{}}})", offset));
}

// Plays kDeleteRecordsOrders, then `commands`, and requires every expectation
// to hold.
testing::ClusterRun PlayOrders(const std::string& commands) {
  testing::ClusterRun run = testing::PlayCluster(kDeleteRecordsOrders + commands);
  testing::RequireOk(run);
  return run;
}

TEST_CASE(
    "DeleteRecords raises the leader's log start, and the followers' "
    "before it answers") {
  const auto run = PlayOrders(DeleteFromOrders0("raise", 6) +
                              "expect partition orders-0 log-start == 6\n"
                              "expect partition orders-0 low-watermark == 6\n"
                              "expect replica orders-0 0 log-start == 6\n"
                              "expect replica orders-0 1 log-start == 6\n"
                              "expect replica orders-0 2 log-start == 6\n"
                              "expect events log.start_offset == 1\n"
                              "expect events replica.log_start_offset == 2\n"
                              "expect events partition.low_watermark == 1\n"
                              // Below the log start is gone; the end is untouched.
                              "expect partition orders-0 leo == 12\n");
  CHECK_THAT(run.narration, Catch::Contains("partition: orders-0\tlow_watermark: 6"));
}

TEST_CASE(
    "an offset above the high watermark is refused with "
    "OFFSET_OUT_OF_RANGE and moves nothing") {
  const auto run = PlayOrders(DeleteFromOrders0("above", 13) +
                              "expect partition orders-0 log-start == 0\n"
                              "expect replica orders-0 1 log-start == 0\n"
                              "expect events partition.delete_records_refused == 1\n");
  CHECK_THAT(run.narration, Catch::Contains("partition: orders-0\terror: org.apache.kafka.common.errors."
                                            "OffsetOutOfRangeException: The requested offset is not "
                                            "within the range "
                                            "of offsets maintained by the server."));
  CHECK_THAT(run.narration, Catch::Contains("larger than the high watermark 12"));
}

TEST_CASE("the high watermark itself is allowed, and -1 means the high watermark") {
  for (const char* offset : {"12", "-1"}) {
    INFO("offset " << offset);
    const auto run =
        PlayOrders(DeleteRecordsStep(std::string("hw") + offset,
                                     fmt::format(R"({{"topic":"orders","partition":0,"offset":{}}})", offset)) +
                   "expect partition orders-0 log-start == 12\n"
                   "expect replica orders-0 2 log-start == 12\n");
    CHECK_THAT(run.narration, Catch::Contains("partition: orders-0\tlow_watermark: 12"));
  }
}

TEST_CASE(
    "an offset below the log start changes nothing and answers the "
    "current log start") {
  const auto run = PlayOrders(DeleteFromOrders0("first", 6) + DeleteFromOrders0("lower", 2) +
                              "expect partition orders-0 log-start == 6\n"
                              "expect events log.start_offset == 1\n");
  CHECK_THAT(run.narration, Catch::Contains("partition: orders-0\tlow_watermark: 6\n"));
}

TEST_CASE(
    "segments wholly below the log start are deleted at the next "
    "retention check, on every replica; the first check runs 30 s after a broker starts") {
  // Offset 6 lies in the second segment (4..7): only the first (0..3) is wholly
  // below it. The brokers started at about 0.05 s and check every 10 s, but their first check
  // waits for LogManager's initial task delay.
  const auto run = PlayOrders(DeleteFromOrders0("segments", 6) +
                              "expect partition orders-0 segments == 3\n"
                              "expect events log.segment_delete == 0\n"
                              "at 29.9s expect events log.segment_delete == 0\n"
                              "at 30.5s expect events log.segment_delete == 3\n"
                              "expect partition orders-0 segments == 2\n"
                              "expect replica orders-0 1 segments == 2\n"
                              "expect replica orders-0 2 segments == 2\n"
                              "expect partition orders-0 log-start == 6\n");
  CHECK_THAT(run.narration, Catch::Contains("segment 00000000000000000000 of orders-0 deleted"));
}

TEST_CASE(
    "a dead follower does not hold the answer back, and follows the log "
    "start when it returns") {
  const auto run =
      PlayOrders("crash broker-2\nsleep 20s\nexpect partition orders-0 isr == 1,0\n" + DeleteFromOrders0("dead", 8) +
                 "expect partition orders-0 low-watermark == 8\n"
                 "expect replica orders-0 1 log-start == 8\n"
                 "restart broker-2\n"
                 "sleep 10s\n"
                 "expect replica orders-0 2 log-start == 8\n");
  CHECK_THAT(run.narration, Catch::Contains("partition: orders-0\tlow_watermark: 8"));
}

TEST_CASE(
    "a follower that fell below the leader's log start starts over at "
    "it and rejoins the ISR") {
  // broker-2 is down while orders-0 grows to 16 and everything below 16 is
  // deleted: the offsets it needs next (12..15) are gone on the leader.
  const auto run = PlayOrders(
      "crash broker-2\nsleep 20s\nexpect partition orders-0 isr == 1,0\n"
      "test-produce orders 0 4\nsleep 1s\nexpect partition orders-0 hw == 16\n" +
      DeleteFromOrders0("fell-off", -1) +
      "expect partition orders-0 log-start == 16\n"
      "restart broker-2\n"
      "sleep 10s\n"
      "expect events replica.truncate_fully == 1\n"
      "expect replica orders-0 2 log-start == 16\n"
      "expect replica orders-0 2 leo == 16\n"
      "expect partition orders-0 isr == 1,0,2\n");
  CHECK_THAT(run.narration, Catch::Contains("fell off the leader's log of orders-0"));
}

TEST_CASE("a compacted topic refuses DeleteRecords with POLICY_VIOLATION") {
  const auto run = PlayOrders(std::string("bin/kafka-topics.sh --bootstrap-server localhost:9092 "
                                          "--create --topic prices --partitions 1 "
                                          "--replication-factor 1 --config cleanup.policy=compact\n") +
                              DeleteRecordsStep("compact", R"({"topic":"prices","partition":0,"offset":0})") +
                              "expect events partition.delete_records_refused == 1\n");
  CHECK_THAT(run.narration, Catch::Contains("partition: prices-0\terror: org.apache.kafka.common.errors."
                                            "PolicyViolationException: Request parameters do not satisfy the "
                                            "configured policy."));
}

}  // namespace
}  // namespace kafkasim
