// kafka-console-consumer.sh on a node that crashes and is restarted: the restarted process runs
// the command line again, so with --group it rejoins and resumes from the committed offsets.

#include <catch2/catch.hpp>

#include "tests/broker/cluster_fixture.h"

namespace kafkasim {
namespace {

constexpr const char* kRestartSetup =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties\n"
    "bin/kafka-server-start.sh config/server-1.properties\n"
    "bin/kafka-server-start.sh config/server-2.properties\n"
    "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 "
    "--replication-factor 3\n"
    "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders\n"
    "> alpha\n> bravo\n> charlie\n> delta\n";

size_t Occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

TEST_CASE("a crashed console consumer of a group, restarted, rejoins and resumes at the committed offsets") {
  const testing::ClusterRun run = testing::PlayCluster(
      std::string(kRestartSetup) +
      "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group billing "
      "--from-beginning\n"
      "sleep 10s\n"
      // auto.commit.interval.ms is 5 s: everything read is committed.
      "expect group billing lag == 0\n"
      "crash console-consumer-1\n"
      "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders\n"
      "> echo\n"
      "expect group billing lag == 1\n"
      "restart console-consumer-1\n"
      // The crashed member's session (45 s) must end before the group can rebalance without it.
      "sleep 60s\n"
      "expect group billing members == 1\n"
      "expect group billing state == Stable\n"
      "expect group billing lag == 0\n"
      "expect events consumer.resume >= 3\n");
  testing::RequireOk(run);
  // Read once each: the restart resumed where the group had committed, not from the beginning.
  CHECK(Occurrences(run.narration, "alpha") == 2);  // the producer's line and the consumer's
  CHECK(Occurrences(run.narration, "echo") == 2);
}

TEST_CASE("a console consumer restarted after it ended runs its command line again") {
  testing::RequireOk(testing::PlayCluster(
      std::string(kRestartSetup) +
      "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group billing "
      "--from-beginning --max-messages 4\n"
      "expect node console-consumer-1 state == stopped\n"
      "expect group billing lag == 0\n"
      "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders\n"
      "> echo\n"
      "restart console-consumer-1\n"
      "sleep 10s\n"
      "expect group billing members == 1\n"
      "expect group billing lag == 0\n"));
}

}  // namespace
}  // namespace kafkasim
