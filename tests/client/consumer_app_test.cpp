// Consumer apps (`consumer start|stop`), their commit modes, max.poll.interval.ms and what the
// ledger learns of the records their group processed, against the whole cluster.

#include <catch2/catch.hpp>

#include "sim/tools/consumer_app.h"
#include "tests/broker/cluster_fixture.h"

namespace kafkasim::testing {
namespace {

const std::string kCluster =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties\n"
    "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 2 "
    "--replication-factor 1\n"
    "producer start shop --topic orders --rate 20/s --keys user-{1..4} --count 100\n";

std::string App(const std::string& name, const std::string& group, const std::string& commit) {
  return "consumer start " + name + " --group " + group + " --topic orders --commit " + commit +
         " --process-time 100ms --property max.poll.records=10 --property auto.offset.reset=earliest"
         " --property session.timeout.ms=10000\n";
}

TEST_CASE("commit modes parse by their names") {
  CHECK(ParseCommitMode("auto") == CommitMode::kAuto);
  CHECK(ParseCommitMode("after-process") == CommitMode::kAfterProcess);
  CHECK(ParseCommitMode("before-process") == CommitMode::kBeforeProcess);
  CHECK_FALSE(ParseCommitMode("after"));
  CHECK(ToString(CommitMode::kBeforeProcess) == "before-process");
}

TEST_CASE("an app with auto commit processes every record once, and its lag drains") {
  RequireOk(PlayCluster(kCluster + App("billing-app", "billing", "auto") +
                        "sleep 30s\n"
                        "expect group billing members == 1\n"
                        "expect group billing lag == 0\n"
                        "expect consumer billing-app processed == 100\n"
                        "expect group billing processed == 100\n"
                        "expect group billing duplicated == 0\n"
                        "expect group billing lost == 0\n"
                        "expect events consumer.poll_timeout == 0\n"
                        "consumer stop billing-app\n"
                        "expect node billing-app state == stopped\n"
                        "expect group billing members == 0\n"));
}

TEST_CASE("after-process: a crash mid-batch makes the group process records again, losing none") {
  const ClusterRun run = PlayCluster(kCluster + App("billing-app", "billing", "after-process") +
                                     "at 3.35s crash billing-app\n"
                                     "expect events ledger.reprocess == 1\n"
                                     "sleep 1s\n"
                                     "restart billing-app\n"
                                     "sleep 30s\n"
                                     "expect group billing lag == 0\n"
                                     "expect group billing processed == 100\n"
                                     "expect group billing duplicated >= 1\n"
                                     "expect group billing lost == 0\n");
  RequireOk(run);
  CHECK(run.narration.find("but before committing them") != std::string::npos);
  CHECK(run.narration.find("(at-least-once)") != std::string::npos);
}

TEST_CASE("before-process: a crash mid-batch skips what was committed, processing nothing twice") {
  const ClusterRun run = PlayCluster(kCluster + App("audit-app", "audit", "before-process") +
                                     "at 3.35s crash audit-app\n"
                                     "expect events ledger.skipped == 1\n"
                                     "sleep 1s\n"
                                     "restart audit-app\n"
                                     "sleep 30s\n"
                                     "expect group audit lag == 0\n"
                                     "expect group audit duplicated == 0\n"
                                     "expect group audit lost >= 1\n"
                                     "expect group audit processed < 100\n");
  RequireOk(run);
  CHECK(run.narration.find("are never processed by group audit") != std::string::npos);
}

TEST_CASE("a batch longer than max.poll.interval.ms: the member leaves, its commit fails, it rejoins") {
  const ClusterRun run = PlayCluster(
      kCluster +
      "consumer start slow-app --group billing --topic orders --commit after-process --process-time 1s "
      "--property max.poll.records=5 --property max.poll.interval.ms=2500 --property auto.offset.reset=earliest\n"
      // The first poll returns 3 records: 3 s of processing, the poll timer runs out at 2.5 s.
      "at 2.9s expect events consumer.poll_timeout == 1\n"
      "expect group billing members == 0\n"
      "at 10s expect consumer slow-app failed-commits >= 1\n"
      "expect consumer slow-app commits == 0\n"
      "expect events consumer.poll_timeout >= 2\n"
      "expect group billing generation >= 3\n");
  RequireOk(run);
  CHECK(run.narration.find("consumer poll timeout has expired.") != std::string::npos);
  CHECK(run.narration.find("CommitFailedException: Offset commit cannot be completed since the consumer is not part "
                           "of an active group") != std::string::npos);
}

// A polled record views the fetched batch's bytes rather than copying them: it must keep them
// alive after the log that held them is gone (the sanitized suite sees a dangling view).
TEST_CASE("records a slow app has in hand stay readable after their topic is deleted") {
  RequireOk(PlayCluster(kCluster +
                        "consumer start slow-app --group billing --topic orders --commit after-process "
                        "--process-time 1s --property max.poll.records=10 --property auto.offset.reset=earliest\n"
                        "sleep 8s\n"
                        "expect consumer slow-app processed < 10\n"
                        "bin/kafka-topics.sh --bootstrap-server localhost:9092 --delete --topic orders\n"
                        "sleep 2s\n"
                        "expect events topic.deleted == 1\n"
                        "sleep 20s\n"
                        "expect consumer slow-app processed >= 20\n"
                        // The consumer's metadata requests create the topic again, empty: its
                        // first leader starts at offset 0 without losing the deleted records.
                        "expect events ledger.lost == 0\n"));
}

// Kafka's default client ids repeat across processes (every console consumer is
// "console-consumer", every Connect worker's herder "connect-1"): the narration names the node.
TEST_CASE("members sharing a client.id are told apart by their node names in the narration") {
  const ClusterRun run = PlayCluster(kCluster +
                                     "consumer start app-a --group billing --topic orders --property client.id=shop\n"
                                     "consumer start app-b --group billing --topic orders --property client.id=shop\n"
                                     "sleep 10s\n"
                                     "expect group billing members == 2\n");
  RequireOk(run);
  CHECK_THAT(run.narration, Catch::Contains("app-a (client.id shop) found the coordinator of group billing"));
  CHECK_THAT(run.narration, Catch::Contains("app-b (client.id shop) found the coordinator of group billing"));
}

TEST_CASE("a consumer app's bad words are refused before anything runs") {
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(PlayCluster("consumer start a --topic orders\n"), Contains("--group"));
  CHECK_THROWS_WITH(PlayCluster("consumer start a --group g\n"), Contains("--topic"));
  CHECK_THROWS_WITH(PlayCluster("consumer start a --group g --topic t --commit later\n"),
                    Contains("choose auto, after-process or before-process"));
  CHECK_THROWS_WITH(PlayCluster("consumer start a --group g --topic t --process-time slow\n"),
                    Contains("--process-time slow"));
  CHECK_THROWS_WITH(PlayCluster("consumer start a --group g --topic t --commit before-process "
                                "--property enable.auto.commit=true\n"),
                    Contains("contradicts --commit before-process"));
  CHECK_THROWS_WITH(PlayCluster("consumer start a --group g --topic t --property max.poll.records=0\n"),
                    Contains("max.poll.records"));
  CHECK_THROWS_WITH(PlayCluster("consumer start a --group g --topic t --comit auto\n"), Contains("--commit"));
  CHECK_THROWS_WITH(PlayCluster("consumer begin a\n"), Contains("start or stop"));
}

TEST_CASE("consumer stop and the consumer query name apps that exist") {
  const ClusterRun run = PlayCluster("consumer stop ghost\nexpect consumer ghost processed == 0\n");
  CHECK_FALSE(run.report.ok());
  CHECK(run.narration.find("no consumer app named 'ghost'") != std::string::npos);
}

}  // namespace
}  // namespace kafkasim::testing
