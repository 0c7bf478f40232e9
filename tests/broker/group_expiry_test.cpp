// Offset expiry at the coordinator (KIP-211): offsets.retention.minutes counts from when a group
// became Empty; a live group keeps the offsets of the topics it subscribes to; a standalone
// committer's offsets expire after their commit; a group left without offsets is Dead.

#include <catch2/catch.hpp>

#include "tests/broker/cluster_fixture.h"

namespace kafkasim::testing {
namespace {

// Three brokers keeping offsets 3 minutes and checking every minute.
constexpr const char* kShortRetention =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties --override offsets.retention.minutes=3 "
    "--override offsets.retention.check.interval.ms=60000\n"
    "bin/kafka-server-start.sh config/server-1.properties --override offsets.retention.minutes=3 "
    "--override offsets.retention.check.interval.ms=60000\n"
    "bin/kafka-server-start.sh config/server-2.properties --override offsets.retention.minutes=3 "
    "--override offsets.retention.check.interval.ms=60000\n"
    "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 1 "
    "--replication-factor 3\n"
    "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders\n"
    "> a\n> b\n> c\n";

constexpr const char* kReadAllAndLeave =
    "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group g --from-beginning "
    "--max-messages 3\n";

TEST_CASE("a live group keeps its offsets however old its commits; retention counts from when it became Empty") {
  RequireOk(PlayCluster(
      std::string(kShortRetention) + kReadAllAndLeave +
      // A member that never commits keeps the group Stable for five minutes: the commits are
      // older than the retention, but the group subscribes to their topic.
      "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group g "
      "--consumer-property enable.auto.commit=false\n"
      "sleep 5m\n"
      "expect group g state == Stable\n"
      "expect events group.offsets_expired == 0\n"
      "expect group g lag == 0\n"
      "stop console-consumer-2\n"
      "sleep 1s\n"
      "expect group g state == Empty\n"
      // Two minutes Empty: not yet, although the commits are seven minutes old.
      "sleep 2m\n"
      "expect events group.offsets_expired == 0\n"
      "expect group g lag == 0\n"
      "sleep 2m\n"
      "expect events group.offsets_expired == 1\n"
      "expect group g state == Dead\n"));
}

TEST_CASE("offsets committed without group management expire retention after their commit") {
  RequireOk(PlayCluster(
      std::string(kShortRetention) +
      // --reset-offsets commits with generation -1 into a group that never had members.
      "bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --reset-offsets --group solo --topic orders "
      "--to-offset 1 --execute\n"
      "expect group solo lag == 2\n"
      "sleep 2m\n"
      "expect group solo lag == 2\n"
      "expect events group.offsets_expired == 0\n"
      "sleep 2m\n"
      "expect events group.offsets_expired == 1\n"
      "expect events group.dead == 1\n"
      "expect group solo state == Dead\n"));
}

TEST_CASE("a group whose offsets expired starts over by auto.offset.reset") {
  const ClusterRun run = PlayCluster(std::string(kShortRetention) + kReadAllAndLeave +
                                     "sleep 5m\n"
                                     "expect group g state == Dead\n"
                                     // Without --from-beginning the console consumer resets to latest.
                                     "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders "
                                     "--group g\n"
                                     "sleep 10s\n"
                                     "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders\n"
                                     "> d\n"
                                     "sleep 10s\n"
                                     // Nothing to resume from: a, b and c are skipped, d is read.
                                     "expect events consumer.resume == 0\n"
                                     "expect events consumer.reset == 2\n"
                                     "expect group g lag == 0\n");
  RequireOk(run);
  CHECK(run.narration.find("the latest offset") != std::string::npos);
}

TEST_CASE("the default retention is seven days: an hour Empty keeps the offsets") {
  RequireOk(PlayCluster(std::string(kThreeBrokers) +
                        "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 1 "
                        "--replication-factor 3\n"
                        "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders\n"
                        "> a\n> b\n> c\n" +
                        kReadAllAndLeave +
                        "sleep 1h\n"
                        "expect group g state == Empty\n"
                        "expect group g lag == 0\n"
                        "expect events group.offsets_expired == 0\n"));
}

}  // namespace
}  // namespace kafkasim::testing
