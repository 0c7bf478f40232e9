// The cluster as a student drives it: scenario lines in, expectations about ZooKeeper, the
// controller and the replicas out. Each test fails if the Kafka rule it names is broken.

#include <catch2/catch.hpp>

#include "tests/broker/cluster_fixture.h"

namespace kafkasim::testing {
namespace {

// An explicit layout, so that each test knows who leads what: orders-0 on [0,1,2], orders-1 on
// [1,2,0], orders-2 on [2,0,1]; the first replica leads.
const std::string kTopic =
    "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders "
    "--replica-assignment 0:1:2,1:2:0,2:0:1\n";

TEST_CASE("the first broker becomes controller with epoch 1 and registers ephemerally") {
  RequireOk(PlayCluster(std::string(kThreeBrokers) +
                        "expect controller id == 0\n"
                        "expect controller epoch == 1\n"
                        "expect znode /brokers/ids children == 0,1,2\n"
                        "expect znode /brokers/ids/1 ephemeral == yes\n"
                        "expect znode /controller ephemeral == yes\n"));
}

TEST_CASE("a new topic's partitions are led by their first replica with every replica in sync") {
  RequireOk(PlayCluster(std::string(kThreeBrokers) + kTopic +
                        "expect topic orders partitions == 3\n"
                        "expect topic orders replication-factor == 3\n"
                        "expect partition orders-0 epoch == 0\n"
                        "expect events partition.online == 3\n"));
}

TEST_CASE("a crashed broker keeps its leaderships until its ZooKeeper session expires") {
  auto run = PlayCluster(std::string(kThreeBrokers) + kTopic +
                         "expect partition orders-1 leader == 1\n"
                         "crash broker-1\n"
                         "sleep 10s\n"
                         "expect partition orders-1 leader == 1\n"
                         "expect znode /brokers/ids/1 exists == yes\n"
                         "sleep 15s\n"
                         "expect znode /brokers/ids/1 exists == no\n"
                         "expect partition orders-1 leader != 1\n"
                         "expect partition orders-1 leader != none\n"
                         "expect partition orders-1 epoch == 1\n"
                         "expect partition orders-0 isr == 0,2\n");
  RequireOk(run);
}

TEST_CASE("records acknowledged with acks=all are on every in-sync replica and under the high watermark") {
  auto run = PlayCluster(std::string(kThreeBrokers) + kTopic +
                         "test-produce orders 0 10 --acks all\n"
                         "sleep 1s\n"
                         "expect partition orders-0 leo == 10\n"
                         "expect partition orders-0 hw == 10\n"
                         "test-produce orders 0 5 --acks all\n"
                         "sleep 1s\n"
                         "expect partition orders-0 hw == 15\n");
  RequireOk(run);
  CHECK(run.narration.find("acked at 0") != std::string::npos);
  CHECK(run.narration.find("acked at 10") != std::string::npos);
}

// ReplicaManager.stopReplicas: what waited on a partition the broker led is completed at once
// ("we force completion to prevent them from timing out").
TEST_CASE("a produce waiting for its followers is answered NOT_LEADER_OR_FOLLOWER when its topic is deleted") {
  auto run = PlayCluster(std::string(kThreeBrokers) + kTopic +
                         "network delay broker-1 20s\n"
                         "network delay broker-2 20s\n"
                         "test-produce orders 0 1 --acks all\n"
                         "at +1s bin/kafka-topics.sh --bootstrap-server localhost:9092 --delete --topic orders\n");
  INFO(run.narration);
  const size_t answer = run.narration.find("NOT_LEADER_OR_FOLLOWER");
  REQUIRE(answer != std::string::npos);
  CHECK(run.narration.find("REQUEST_TIMED_OUT") == std::string::npos);
}

TEST_CASE("acks=all is refused with NOT_ENOUGH_REPLICAS when the ISR is below min.insync.replicas") {
  auto run = PlayCluster(std::string(kThreeBrokers) +
                         "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders "
                         "--replica-assignment 0:1:2 --config min.insync.replicas=2\n"
                         "expect partition orders-0 leader == 0\n"
                         "crash broker-1 broker-2\n"
                         "sleep 25s\n"
                         "expect partition orders-0 isr == 0\n"
                         "test-produce orders 0 1 --acks all\n"
                         "test-produce orders 0 1 --acks 1\n");
  INFO(run.narration);
  CHECK(run.narration.find("NOT_ENOUGH_REPLICAS") != std::string::npos);
  CHECK(run.narration.find("acked at 0") != std::string::npos);  // acks=1 ignores min.insync.replicas
  CHECK(run.report.failed_expectations.empty());
}

// KafkaController.doControlledShutdown: the partitions the broker leads get new leaders (it
// follows them until it stops); those it follows get StopReplica and lose it from their ISR,
// with the LeaderAndIsr sent to the other replicas only. Nothing waits for a session to expire.
TEST_CASE("a broker shutting down cleanly hands its leaderships over and leaves the ISRs it follows at once") {
  const ClusterRun run = PlayCluster(std::string(kThreeBrokers) + kTopic +
                                     "sleep 1s\n"
                                     "stop broker-1\n"
                                     "expect partition orders-1 leader == 2\n"
                                     "expect partition orders-1 isr == 2,0\n"
                                     "expect partition orders-0 isr == 0,2\n"
                                     "expect partition orders-2 isr == 2,0\n"
                                     "expect events replica.stop == 1\n"
                                     "expect events controller.broker_failed == 0\n");
  RequireOk(run);
  CHECK_THAT(run.narration, Catch::Contains("broker-1 stops fetching orders-0, orders-2"));
  CHECK_THAT(run.narration, Catch::Contains("broker 1 is shutting down cleanly: it stops fetching"));
  CHECK_THAT(run.narration, Catch::Contains("broker-1 follows broker 2 for orders-1 (leader epoch 1)"));
  // Not told to follow what it stopped, and not called dead: it is alive until it stops.
  CHECK_THAT(run.narration, !Catch::Contains("broker-1 follows broker 0 for orders-0 (leader epoch 1)"));
  CHECK_THAT(run.narration, !Catch::Contains("broker 1 is dead"));
}

// ZkReplicaStateMachine.doRemoveReplicasFromIsr keeps the last ISR member; the narration says
// so instead of "it leaves the ISR".
TEST_CASE("the last in-sync replica's death leaves the partition offline with the dead broker still in its ISR") {
  const ClusterRun run = PlayCluster(std::string(kThreeBrokers) +
                                     "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic solo "
                                     "--replica-assignment 2\n"
                                     "crash broker-2\n"
                                     "sleep 25s\n"
                                     "expect partition solo-0 leader == none\n"
                                     "expect partition solo-0 isr == 2\n");
  RequireOk(run);
  CHECK_THAT(run.narration, Catch::Contains("broker 2 is dead but stays in the ISR as its last member"));
  CHECK_THAT(run.narration, !Catch::Contains("broker 2 is dead: it leaves the ISR"));
}

TEST_CASE("a follower that stops fetching leaves the ISR after replica.lag.time.max.ms and rejoins when healed") {
  auto run = PlayCluster(std::string(kThreeBrokers) + kTopic +
                         "test-produce orders 0 3\n"
                         // broker-2 still reaches ZooKeeper and the controller, not orders-0's leader.
                         "network split {broker-0} {broker-2}\n"
                         "sleep 5s\n"
                         "expect partition orders-0 isr == 0,1,2\n"
                         "sleep 40s\n"
                         "expect partition orders-0 isr == 0,1\n"
                         "network heal\n"
                         "sleep 35s\n"
                         "expect partition orders-0 isr == 0,1,2\n"
                         "expect events partition.isr_shrink >= 1\n"
                         "expect events partition.isr_expand >= 1\n");
  RequireOk(run);
}

TEST_CASE("a broker restarted before its old session expired cannot register") {
  auto run = PlayCluster(std::string(kThreeBrokers) +
                         "crash broker-2\n"
                         "bin/kafka-server-start.sh config/server-2.properties\n"
                         "expect broker 2 registered == no\n"
                         "sleep 25s\n"
                         "bin/kafka-server-start.sh config/server-2.properties\n"
                         "expect broker 2 registered == yes\n");
  INFO(run.narration);
  CHECK(run.narration.find("NodeExistsException") != std::string::npos);
  CHECK(run.report.failed_expectations.empty());
  CHECK(run.report.failed_commands == 1);
}

TEST_CASE("when the controller dies another broker takes over with a higher controller epoch") {
  RequireOk(PlayCluster(std::string(kThreeBrokers) + kTopic +
                        "crash broker-0\n"
                        "sleep 25s\n"
                        "expect controller id != 0\n"
                        "expect controller id != none\n"
                        "expect controller epoch == 2\n"
                        "expect partition orders-0 leader != 0\n"));
}

TEST_CASE("the first controller enables feature versioning in /feature, and the next leaves it as it is") {
  // KafkaController.enableFeatureVersioning: a ZooKeeper-mode broker finalizes no features.
  RequireOk(PlayCluster(std::string(kThreeBrokers) +
                        "expect znode /feature data == '{\"features\":{},\"version\":2,\"status\":1}'\n"
                        "expect znode /feature ephemeral == no\n"
                        "crash broker-0\n"
                        "sleep 25s\n"
                        "expect controller epoch == 2\n"
                        "expect znode /feature version == 0\n"));
}

TEST_CASE("with every ISR member dead the partition has no leader unless unclean election is enabled") {
  const std::string setup = "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
                            "bin/kafka-server-start.sh config/server.properties --override "
                            "unclean.leader.election.enable=UNCLEAN\n"
                            "bin/kafka-server-start.sh config/server-1.properties --override "
                            "unclean.leader.election.enable=UNCLEAN\n"
                            "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders "
                            "--replica-assignment 0:1\n"
                            "crash broker-1\n"
                            "sleep 25s\n"
                            "expect partition orders-0 isr == 0\n"
                            "crash broker-0\n"
                            "restart broker-1\n"
                            "sleep 30s\n";
  auto replace = [](std::string s, const std::string& with) {
    for (size_t at; (at = s.find("UNCLEAN")) != std::string::npos;) s.replace(at, 7, with);
    return s;
  };
  SECTION("clean: the partition stays offline") {
    RequireOk(PlayCluster(replace(setup, "false") + "expect partition orders-0 leader == none\n"));
  }
  SECTION("unclean: the out-of-sync replica leads") {
    RequireOk(PlayCluster(replace(setup, "true") +
                          "expect partition orders-0 leader == 1\n"
                          "expect events partition.unclean_election == 1\n"));
  }
  SECTION("the topic's own unclean.leader.election.enable=true wins over the brokers' false") {
    std::string topic_override = replace(setup, "false");
    const std::string create = "--replica-assignment 0:1\n";
    topic_override.replace(topic_override.find(create), create.size(),
                           "--replica-assignment 0:1 --config unclean.leader.election.enable=true\n");
    RequireOk(PlayCluster(topic_override + "expect partition orders-0 leader == 1\n"));
  }
  SECTION("clean, until an operator asks kafka-leader-election.sh for an unclean election") {
    const std::string elect =
        "bin/kafka-leader-election.sh --bootstrap-server localhost:9093 --election-type unclean --topic orders "
        "--partition 0\n";
    auto run = PlayCluster(replace(setup, "false") + elect + "expect partition orders-0 leader == 1\n" +
                           "expect events partition.unclean_election == 1\n" + elect);
    RequireOk(run);
    CHECK_THAT(run.narration, Catch::Contains("Successfully completed leader election (UNCLEAN) for partitions orders-0"));
    CHECK_THAT(run.narration, Catch::Contains("Valid replica already elected for partitions orders-0"));
  }
}

TEST_CASE("a preferred leader election gives leaderships back to the first replicas") {
  auto run = PlayCluster(std::string(kThreeBrokers) + kTopic +
                         "crash broker-1\n"
                         "sleep 25s\n"
                         "expect partition orders-1 leader == 2\n"
                         "restart broker-1\n"
                         "sleep 5s\n"
                         "expect partition orders-1 isr == 2,0,1\n"
                         "bin/kafka-leader-election.sh --bootstrap-server localhost:9092 --election-type preferred "
                         "--all-topic-partitions\n"
                         "expect partition orders-1 leader == 1\n"
                         "bin/kafka-leader-election.sh --bootstrap-server localhost:9092 --election-type PREFERRED "
                         "--topic orders --partition 7\n");
  INFO(run.narration);
  CHECK_THAT(run.narration,
             Catch::Contains("Successfully completed leader election (PREFERRED) for partitions orders-1\n"));
  CHECK_THAT(run.narration,
             Catch::Contains("Error completing leader election (PREFERRED) for partition: orders-7: "
                             "org.apache.kafka.common.errors.UnknownTopicOrPartitionException"));
  CHECK_THAT(run.narration, Catch::Contains("1 replica(s) could not be elected"));
  REQUIRE(run.report.failed_expectations.empty());
}

TEST_CASE("a deleted topic disappears from ZooKeeper and from every broker") {
  RequireOk(PlayCluster(std::string(kThreeBrokers) + kTopic +
                        "bin/kafka-topics.sh --bootstrap-server localhost:9092 --delete --topic orders\n"
                        "sleep 1s\n"
                        "expect topic orders exists == no\n"
                        "expect znode /admin/delete_topics children == none\n"
                        "expect broker 1 leads == none\n"));
}

TEST_CASE("a producer's first record to a missing topic creates it with num.partitions and default.replication.factor") {
  auto run = PlayCluster(std::string(kThreeBrokers) +
                         "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic clicks\n"
                         "> hello\n"
                         "expect topic clicks exists == yes\n"
                         "expect topic clicks partitions == 1\n"
                         "expect topic clicks replication-factor == 1\n"
                         "expect producer console-producer-1 acked == 1\n"
                         "expect events topic.auto_create == 1\n");
  RequireOk(run);
}

TEST_CASE("with auto.create.topics.enable=false a missing topic stays missing") {
  auto run = PlayCluster(
      "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
      "bin/kafka-server-start.sh config/server.properties --override auto.create.topics.enable=false\n"
      "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic clicks --max-block-ms 2000\n"
      "> hello\n"
      "expect topic clicks exists == no\n"
      "expect events topic.auto_create == 0\n");
  INFO(run.narration);
  CHECK(run.report.failed_expectations.empty());
}

TEST_CASE("kafka-topics.sh --alter adds partitions the controller brings online, and never removes any") {
  auto run = PlayCluster(std::string(kThreeBrokers) + kTopic +
                         "bin/kafka-topics.sh --bootstrap-server localhost:9092 --alter --topic orders --partitions 5\n"
                         "expect topic orders partitions == 5\n"
                         "expect partition orders-4 leader != none\n"
                         "expect partition orders-4 epoch == 0\n"
                         "expect events controller.partitions_added == 1\n"
                         "bin/kafka-topics.sh --bootstrap-server localhost:9092 --alter --topic orders --partitions 2\n"
                         "bin/kafka-topics.sh --bootstrap-server localhost:9092 --alter --topic orders --partitions 6 "
                         "--replica-assignment 0:1:2,1:2:0,2:0:1,0:1:2,1:2:0,2:1:0\n"
                         "expect partition orders-5 leader == 2\n"
                         "expect partition orders-5 replicas == 2,1,0\n");
  RequireOk(run);
  CHECK_THAT(run.narration, Catch::Contains("Topic currently has 5 partitions, which is higher than the requested 2."));
}

TEST_CASE("a power loss takes acknowledged records the page cache had not written back; a crash does not") {
  const std::string setup =
      "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
      "bin/kafka-server-start.sh config/server.properties\n"
      "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --replica-assignment 0\n"
      "test-produce orders 0 5 --acks all\n"
      "expect partition orders-0 leo == 5\n";
  // The broker restarts after its old ZooKeeper session expired (18 s, checked every tickTime), so it can register again.
  SECTION("power-off at once: the five records were only in the page cache") {
    RequireOk(PlayCluster(setup + "power-off broker-0\nsleep 25s\nrestart broker-0\nsleep 2s\n"
                                  "expect partition orders-0 leo == 0\n"));
  }
  SECTION("crash: the page cache survives the process") {
    RequireOk(PlayCluster(setup + "crash broker-0\nsleep 25s\nrestart broker-0\nsleep 2s\n"
                                  "expect partition orders-0 leo == 5\n"));
  }
  SECTION("power-off after the OS wrote the dirty pages back (30 s)") {
    RequireOk(PlayCluster(setup + "sleep 40s\npower-off broker-0\nsleep 25s\nrestart broker-0\nsleep 2s\n"
                                  "expect partition orders-0 leo == 5\n"));
  }
}

TEST_CASE("a segment roll is narrated, and the partition query reads the leader's segments and log start") {
  // A batch of two 8-byte values is 91 bytes: with segment.bytes=100 each batch opens a segment.
  const ClusterRun run = PlayCluster(
      "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
      "bin/kafka-server-start.sh config/server.properties --override log.retention.check.interval.ms=10000\n"
      "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --replica-assignment 0 "
      "--config segment.bytes=100 --config retention.ms=60000\n"
      "test-produce orders 0 2\ntest-produce orders 0 2\ntest-produce orders 0 2\n"
      "expect events log.segment_roll == 2\n"
      "expect partition orders-0 segments == 3\n"
      "expect partition orders-0 log-start == 0\n"
      "sleep 80s\n"
      // Every record is past retention.ms: the active segment too is rolled and deleted.
      "expect partition orders-0 log-start == 6\n"
      "expect partition orders-0 segments == 1\n"
      "expect partition orders-0 leo == 6\n");
  RequireOk(run);
  CHECK_THAT(run.narration, Catch::Contains("orders-0 rolled segment 00000000000000000000 to 00000000000000000002 at "
                                            "offset 2: the active segment holds 91 bytes"));
}

TEST_CASE("a check interval of Long.MAX_VALUE ms runs its task once, and the broker lives on") {
  // Kafka takes any long; past what the clock holds in microseconds the next run never comes.
  RequireOk(PlayCluster(
      "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
      "bin/kafka-server-start.sh config/server.properties --override log.retention.check.interval.ms=9223372036854775807 "
      "--override replica.high.watermark.checkpoint.interval.ms=9223372036854775807\n"
      "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --replica-assignment 0\n"
      "test-produce orders 0 2\n"
      "sleep 60s\n"
      "expect node broker-0 state == running\n"
      "expect partition orders-0 hw == 2\n"));
}

}  // namespace
}  // namespace kafkasim::testing
