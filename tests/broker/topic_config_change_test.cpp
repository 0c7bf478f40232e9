// A topic config changed with kafka-configs.sh travels as Kafka 3.7's does in ZooKeeper mode:
// the broker that got IncrementalAlterConfigs writes /config/topics/<t> and a sequential
// /config/changes/config_change_<n>; every broker watches /config/changes, rereads the topic's
// config from ZooKeeper and gives it to its logs — so a shorter retention.ms deletes segments at
// the next retention check, and nowhere else does the change take effect.

#include <set>

#include <catch2/catch.hpp>

#include "tests/broker/cluster_fixture.h"

namespace kafkasim {
namespace {

using testing::PlayCluster;

const std::string kOrders = std::string(testing::kThreeBrokers) +
                            "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders "
                            "--partitions 1 --replication-factor 3\n";

TEST_CASE("an alteration writes the config znode, then a version 2 change notification") {
  RequireOk(PlayCluster(
      kOrders +
      "bin/kafka-configs.sh --bootstrap-server localhost:9092 --entity-type topics --entity-name orders --alter "
      "--add-config retention.ms=60000,cleanup.policy=compact\n"
      "expect znode /config/topics/orders data == "
      "'{\"version\":1,\"config\":{\"cleanup.policy\":\"compact\",\"retention.ms\":\"60000\"}}'\n"
      "expect znode /config/changes children == config_change_0000000000\n"
      "expect znode /config/changes/config_change_0000000000 data == "
      "'{\"version\":2,\"entity_path\":\"topics/orders\"}'\n"
      "bin/kafka-configs.sh --bootstrap-server localhost:9093 --topic orders --alter --delete-config cleanup.policy\n"
      "expect znode /config/topics/orders data == '{\"version\":1,\"config\":{\"retention.ms\":\"60000\"}}'\n"
      "expect znode /config/changes children == config_change_0000000000,config_change_0000000001\n"));
}

TEST_CASE("every broker hosting the topic applies the change it reads from ZooKeeper") {
  auto run = PlayCluster(kOrders +
                         "bin/kafka-configs.sh --bootstrap-server localhost:9092 --topic orders --alter "
                         "--add-config retention.ms=60000\n"
                         "sleep 1s\n"
                         "expect events topic.config_altered == 1\n"
                         "expect events topic.config_applied == 3\n");
  RequireOk(run);
  CHECK_THAT(run.narration, Catch::Contains("broker-2 saw config_change_0000000000 under /config/changes, reread "
                                            "/config/topics/orders and applies it to its log(s) orders-0: "
                                            "retention.ms: 604800000 -> 60000"));
}

TEST_CASE("each broker's application of the change is caused by the alter request, through the znode") {
  // Every event with its cause, to walk "why?" back from each broker's application.
  struct Recorder : TraceSink {
    std::map<TraceSeq, TraceEvent> events;
    void OnEvent(const TraceEvent& e) override { events.emplace(e.seq, e); }
  } recorder;
  Session session(SessionOptions{.seed = 1});
  InstallKafka(session);
  session.trace().AddSink(&recorder);
  const std::string text = kOrders +
                           "bin/kafka-configs.sh --bootstrap-server localhost:9092 --topic orders --alter "
                           "--add-config retention.ms=60000\n"
                           "sleep 1s\n";
  const Scenario scenario = ParseScenario(text, "test.scn");  // it borrows the text
  ScenarioRunner runner(session, scenario);
  REQUIRE(runner.Run(Time::Max()).ok());
  session.trace().RemoveSink(&recorder);
  std::set<std::string> applied_on;
  for (const auto& [seq, e] : recorder.events) {
    if (e.kind != "topic.config_applied") continue;
    applied_on.emplace(e.node);
    bool altered = false, command = false, delivered_from_zookeeper = false;
    for (TraceSeq at = e.cause; at != 0;) {
      auto it = recorder.events.find(at);
      if (it == recorder.events.end()) break;
      const TraceEvent& c = it->second;
      altered |= c.kind == "topic.config_altered";
      command |= c.kind == "script.command" && c.narration.find("kafka-configs.sh") != std::string::npos;
      delivered_from_zookeeper |= c.kind == "net.deliver" && c.peer.starts_with("zookeeper");
      at = c.cause;
    }
    CHECK(altered);
    CHECK(command);
    CHECK(delivered_from_zookeeper);
  }
  CHECK(applied_on == std::set<std::string>{"broker-0", "broker-1", "broker-2"});
}

TEST_CASE("a shorter retention.ms deletes the old segments at the next retention check, on every replica") {
  const std::string produce =
      "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders\n> a\n> b\n> c\n"
      "sleep 2m\n";
  SECTION("with the default retention (7 days) everything stays") {
    RequireOk(PlayCluster(kOrders + produce + "sleep 5m\nexpect partition orders-0 log-start == 0\n"
                                              "expect events log.segment_delete == 0\n"));
  }
  SECTION("with retention.ms=60000 the expired segment goes") {
    RequireOk(PlayCluster(kOrders + produce +
                          "bin/kafka-configs.sh --bootstrap-server localhost:9092 --topic orders --alter "
                          "--add-config retention.ms=60000\n"
                          "sleep 5m\n"
                          "expect partition orders-0 log-start == 3\n"
                          "expect events log.segment_delete == 3\n"));
  }
}

TEST_CASE("a broker that was down during the change reads the notifications when it starts again") {
  RequireOk(PlayCluster(kOrders +
                        "stop broker-2\n"
                        "sleep 5s\n"
                        "bin/kafka-configs.sh --bootstrap-server localhost:9092 --topic orders --alter "
                        "--add-config min.insync.replicas=2\n"
                        "sleep 1s\n"
                        "expect events topic.config_applied == 2\n"
                        "restart broker-2\n"
                        "sleep 10s\n"
                        "expect events topic.config_applied == 3\n"));
}

TEST_CASE("notifications older than 15 minutes are purged by the brokers") {
  RequireOk(PlayCluster(kOrders +
                        "bin/kafka-configs.sh --bootstrap-server localhost:9092 --topic orders --alter "
                        "--add-config retention.ms=60000\n"
                        "sleep 16m\n"
                        "expect znode /config/changes/config_change_0000000000 exists == yes\n"
                        "bin/kafka-configs.sh --bootstrap-server localhost:9092 --topic orders --alter "
                        "--add-config retention.ms=70000\n"
                        "sleep 1s\n"
                        "expect znode /config/changes/config_change_0000000000 exists == no\n"
                        "expect znode /config/changes/config_change_0000000001 exists == yes\n"));
}

TEST_CASE("min.insync.replicas raised on a live topic refuses acks=all writes the ISR can no longer cover") {
  auto run = PlayCluster(std::string(testing::kThreeBrokers) +
                         "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders "
                         "--replica-assignment 0:1:2\n"
                         "crash broker-2\n"
                         "sleep 25s\n"
                         "expect partition orders-0 isr == 0,1\n"
                         "test-produce orders 0 1\n"
                         "bin/kafka-configs.sh --bootstrap-server localhost:9092 --topic orders --alter "
                         "--add-config min.insync.replicas=3\n"
                         "sleep 1s\n"
                         "expect events topic.config_applied == 2\n"
                         "test-produce orders 0 1\n");
  INFO(run.narration);
  REQUIRE(run.report.finished);
  const size_t acked = run.narration.find("acked at 0");
  REQUIRE(acked != std::string::npos);
  CHECK(run.narration.find("NOT_ENOUGH_REPLICAS", acked) != std::string::npos);
}

TEST_CASE("enabling unclean.leader.election.enable on a topic elects its leaderless partitions at once") {
  auto run = PlayCluster(
      "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
      "bin/kafka-server-start.sh config/server.properties\n"
      "bin/kafka-server-start.sh config/server-1.properties\n"
      "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --replica-assignment 0:1\n"
      "crash broker-1\n"
      "sleep 25s\n"
      "expect partition orders-0 isr == 0\n"
      "crash broker-0\n"
      "restart broker-1\n"
      "sleep 30s\n"
      "expect partition orders-0 leader == none\n"
      "bin/kafka-configs.sh --bootstrap-server localhost:9093 --topic orders --alter "
      "--add-config unclean.leader.election.enable=true\n"
      "sleep 1s\n"
      "expect partition orders-0 leader == 1\n"
      "expect events partition.unclean_election == 1\n");
  RequireOk(run);
}

}  // namespace
}  // namespace kafkasim
