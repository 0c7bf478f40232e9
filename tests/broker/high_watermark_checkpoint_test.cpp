// The high watermark checkpoint (sim/broker/high_watermark_checkpoint.cpp): written every
// replica.high.watermark.checkpoint.interval.ms and on a clean shutdown, read by a restarted
// broker so that committed records stay readable.

#include "sim/broker/broker_disk.h"
#include "sim/storage/log_manager.h"
#include "tests/broker/cluster_fixture.h"

namespace kafkasim {
namespace {

using testing::PlayCluster;
using testing::RequireOk;

// Two brokers and a topic that needs both of them for acks=all.
constexpr const char* kTwoCopies =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties\n"
    "bin/kafka-server-start.sh config/server-1.properties\n"
    "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic pay --replica-assignment 0:1 "
    "--config min.insync.replicas=2\n";

TEST_CASE("a restarted leader starts from its checkpointed high watermark, so committed records stay readable") {
  // Both brokers die; broker 0 comes back alone. Its ISR ([0]) is below min.insync.replicas, so
  // its high watermark cannot advance: only the checkpoint can say that offsets 0 and 1 were
  // committed.
  const auto run = PlayCluster(std::string(kTwoCopies) +
                               "test-produce pay 0 2 --acks all\n"
                               "expect partition pay-0 hw == 2\n"
                               "crash broker-1\n"
                               "sleep 25s\n"
                               "expect partition pay-0 isr == 0\n"
                               "crash broker-0\n"
                               "sleep 25s\n"
                               "bin/kafka-server-start.sh config/server.properties\n"
                               "sleep 30s\n"
                               "expect partition pay-0 leader == 0\n"
                               "expect partition pay-0 hw == 2\n"
                               "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic pay "
                               "--from-beginning --timeout-ms 5000\n");
  RequireOk(run);
  CHECK_THAT(run.narration, Catch::Contains("broker-0 loaded pay-0 with initial high watermark 2 from "
                                            "/tmp/kafka-logs/replication-offset-checkpoint"));
  CHECK_THAT(run.narration, Catch::Contains("record-0\nrecord-1\n"));
  CHECK_THAT(run.narration, Catch::Contains("Processed a total of 2 messages"));
}

TEST_CASE("a record committed in the checkpoint interval before a crash is not in the checkpoint") {
  // The third record is committed (both replicas have it) moments before both brokers crash: the
  // last checkpoint, up to 5 s old, still says 2. The restarted leader has the record in its log
  // but starts below it, and with one replica in its ISR it cannot move past it.
  const auto run = PlayCluster(std::string(kTwoCopies) +
                               "test-produce pay 0 2 --acks all\n"
                               "sleep 10s\n"
                               "test-produce pay 0 1 --acks all\n"
                               "expect partition pay-0 hw == 3\n"
                               "crash broker-1\n"
                               "crash broker-0\n"
                               "sleep 25s\n"
                               "bin/kafka-server-start.sh config/server.properties\n"
                               "sleep 30s\n"
                               "expect partition pay-0 leader == 0\n"
                               "expect partition pay-0 leo == 3\n"
                               "expect partition pay-0 hw == 2\n");
  RequireOk(run);
  CHECK_THAT(run.narration, Catch::Contains("broker-0 loaded pay-0 with initial high watermark 2 from"));
}

TEST_CASE("a clean shutdown writes the high watermark checkpoint at once") {
  // With a checkpoint interval of ten minutes, the periodic task runs only when the broker gets
  // its first LeaderAndIsr (high watermark 0): the 2 can only come from kafka-server-stop.sh.
  const std::string start =
      "bin/kafka-server-start.sh config/server.properties "
      "--override replica.high.watermark.checkpoint.interval.ms=600000\n";
  const Scenario scenario = ParseScenario(
      "bin/zookeeper-server-start.sh config/zookeeper.properties\n" + start +
          "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic pay --replica-assignment 0\n"
          "test-produce pay 0 2 --acks all\n"
          "expect partition pay-0 hw == 2\n"
          "sleep 10s\n"
          "bin/kafka-server-stop.sh\n"
          "sleep 5s\n",
      "test.scn");
  Session session(SessionOptions{.seed = 1});
  InstallKafka(session);
  session.commands().Register(std::make_unique<testing::TestProduceCommand>());
  ScenarioRunner runner(session, scenario);
  const RunReport report = runner.Run(Time::Max());
  REQUIRE(report.ok());
  const BrokerDisk* disk = session.part<BrokerPart>().Disk(BrokerId(0));
  REQUIRE(disk != nullptr);
  const OffsetCheckpointFile& checkpoint = disk->logs->HighWatermarkCheckpoint("/tmp/kafka-logs");
  CHECK(OffsetCheckpointFile::Format(checkpoint.Read()) == "0\n1\npay 0 2\n");
}

}  // namespace
}  // namespace kafkasim
