// A tool running in the foreground whose node is killed from elsewhere ends as a shell ends a
// job killed by SIGKILL: "Killed", exit status 137, and the next line runs; stopped (SIGTERM), it
// runs its shutdown hook and exits with 143. `echo $?` shows a command's exit status as a shell does.

#include <catch2/catch.hpp>

#include "tests/broker/cluster_fixture.h"

namespace kafkasim {
namespace {

constexpr const char* kCluster =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties\n"
    "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 1 "
    "--replication-factor 1\n";

TEST_CASE("a console consumer waiting for --max-messages ends with exit status 137 when its node is crashed") {
  const testing::ClusterRun run = testing::PlayCluster(
      std::string(kCluster) +
          "at 5s bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --max-messages 5\n"
          "at 20s crash console-consumer-1\n"
          "expect node console-consumer-1 state == crashed\n",
      1, Time::Zero() + Duration::Seconds(120));
  INFO(run.narration);
  REQUIRE(run.report.finished);
  CHECK(run.report.failed_commands == 1);
  CHECK(run.narration.find("Killed") != std::string::npos);
  CHECK(run.report.end < Time::Zero() + Duration::Seconds(21));
}

TEST_CASE("a consumer perf test ends with exit status 137 when its machine loses power") {
  const testing::ClusterRun run = testing::PlayCluster(
      std::string(kCluster) +
          "at 5s bin/kafka-consumer-perf-test.sh --bootstrap-server localhost:9092 --topic orders --messages 100 "
          "--timeout 600000\n"
          "at 10s power-off consumer-perf-test-1\n"
          "expect node consumer-perf-test-1 state == powered-off\n",
      1, Time::Zero() + Duration::Seconds(120));
  INFO(run.narration);
  REQUIRE(run.report.finished);
  CHECK(run.report.failed_commands == 1);
  CHECK(run.narration.find("Killed") != std::string::npos);
}

TEST_CASE("a console consumer waiting for --max-messages that is stopped (SIGTERM) reports its count and exits 143") {
  const testing::ClusterRun run = testing::PlayCluster(
      std::string(kCluster) +
          "at 5s bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --max-messages 5 "
          "--timeout-ms 60000\n"
          "at 20s stop console-consumer-1\n"
          "echo \"consumer: $?\"\n",
      1, Time::Zero() + Duration::Seconds(120));
  INFO(run.narration);
  REQUIRE(run.report.finished);
  CHECK(run.narration.find("Processed a total of 0 messages") != std::string::npos);
  CHECK(run.narration.find("Killed") == std::string::npos);
  // The group was left cleanly before the prompt came back.
  CHECK(run.narration.find("no member is left") < run.narration.find("consumer: "));
  // The --timeout-ms timer of a stopped tool prints nothing later.
  CHECK(run.narration.find("TimeoutException") == std::string::npos);
}

TEST_CASE("echo $? prints the exit status of the command that completed before it") {
  const testing::ClusterRun run = testing::PlayCluster(
      std::string(kCluster) +
      "echo \"created: $?\"\n"
      "bin/kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic nope\n"
      "echo \"described: $?\"\n");
  INFO(run.narration);
  CHECK(run.narration.find("created: 0") != std::string::npos);
  CHECK(run.narration.find("described: 1") != std::string::npos);
}

}  // namespace
}  // namespace kafkasim
