// End to end: distributed Connect workers (connect-distributed.sh) against three brokers, driven by
// the commands a lesson types (cat >, curl, crash, restart) and checked through what a user sees:
// kafka-topics' descriptions, REST answers, the sink file, the status API.

#include <catch2/catch.hpp>

#include "sim/connect/distributed_worker.h"
#include "tests/connect/connect_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using PlainJson = nlohmann::json;

namespace {

constexpr const char* kThreeBrokers =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\nbin/kafka-server-start.sh config/server.properties\n"
    "bin/kafka-server-start.sh config/server-1.properties\nbin/kafka-server-start.sh config/server-2.properties\n"
    "sleep 5s\nbin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic lines --partitions 3 "
    "--replication-factor 3\n";

// DIR/worker-N.properties for a worker listening on 8082 + N.
void WriteWorker(const ScratchDir& dir, int n, const std::string& extra = "") {
  dir.Write(fmt::format("worker-{}.properties", n),
            "bootstrap.servers=localhost:9092\ngroup.id=connect-cluster\n"
            "key.converter=org.apache.kafka.connect.json.JsonConverter\n"
            "value.converter=org.apache.kafka.connect.json.JsonConverter\nconfig.storage.topic=connect-configs\n"
            "offset.storage.topic=connect-offsets\nstatus.storage.topic=connect-status\noffset.flush.interval.ms=1000\n"
            "scheduled.rebalance.max.delay.ms=20000\n" +
                fmt::format("listeners=http://localhost:{}\n", 8082 + n) + extra);
}

std::string StartWorkers(const ScratchDir& dir, int count) {
  std::string out;
  for (int n = 1; n <= count; ++n) {
    WriteWorker(dir, n);
    out += "bin/connect-distributed.sh " + (dir / fmt::format("worker-{}.properties", n)) + "\n";
  }
  return out;
}

// Three brokers, the topic `lines`, and `workers` distributed workers that have joined their group.
std::string Cluster(const ScratchDir& dir, int workers) {
  return std::string(kThreeBrokers) + StartWorkers(dir, workers) + "sleep 2s\n";
}

std::string PostSource(const ScratchDir& dir, int port) {
  return "curl -s -X POST -H \"Content-Type: application/json\" --data '{\"name\":\"src\",\"config\":{"
         "\"connector.class\":\"FileStreamSource\",\"file\":\"" +
         (dir / "in.txt") + "\",\"topic\":\"lines\"}}' http://localhost:" + std::to_string(port) + "/connectors\n";
}

std::string PostSink(const ScratchDir& dir, int port) {
  return "curl -s -X POST -H \"Content-Type: application/json\" --data '{\"name\":\"snk\",\"config\":{"
         "\"connector.class\":\"FileStreamSink\",\"file\":\"" +
         (dir / "out.txt") + "\",\"topics\":\"lines\",\"tasks.max\":\"3\"}}' http://localhost:" + std::to_string(port) +
         "/connectors\n";
}

DistributedWorker* WorkerOn(ConnectWorld& world, int32_t port) {
  return dynamic_cast<DistributedWorker*>(world.session().part<ConnectPart>().ListeningOn(port));
}

// The port of a worker that is not the group's leader.
int32_t FollowerPort(ConnectWorld& world) {
  for (int32_t port : {8083, 8084, 8085}) {
    const DistributedWorker* w = WorkerOn(world, port);
    if (w != nullptr && !w->is_leader()) return port;
  }
  FAIL("every worker leads");
  return 0;
}

std::string Describe(ConnectWorld& world, const std::string& topic) {
  world.TakeOut();
  REQUIRE(world
              .Run("bin/kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic " +
                   topic + "\n")
              .ok());
  const auto out = world.TakeOut();
  REQUIRE_FALSE(out.empty());
  return out.front();
}

}  // namespace

TEST_CASE(
    "the first distributed worker creates the three internal topics, compacted, with 1, 25 and 5 partitions",
    "[distributed]") {
  ScratchDir dir("connect-distributed-topics");
  ConnectWorld world;
  REQUIRE(world.Run(Cluster(dir, 1)).ok());
  CHECK_THAT(Describe(world, "connect-configs"), Catch::Contains("PartitionCount: 1\tReplicationFactor: "
                                                                 "3\tConfigs: cleanup.policy=compact"));
  CHECK_THAT(Describe(world, "connect-offsets"), Catch::Contains("PartitionCount: 25\tReplicationFactor: "
                                                                 "3\tConfigs: cleanup.policy=compact"));
  CHECK_THAT(Describe(world, "connect-status"), Catch::Contains("PartitionCount: 5\tReplicationFactor: "
                                                                "3\tConfigs: cleanup.policy=compact"));
}

TEST_CASE(
    "a distributed worker whose internal topics' replication factor cannot be met does not start",
    "[distributed]") {
  ScratchDir dir("connect-distributed-rf");
  ConnectWorld world;
  world.Run(std::string(kOneBroker) + "sleep 2s\n" + StartWorkers(dir, 1));
  // The worker logs why it stops on its standard output, as connect-log4j.properties says.
  std::string all;
  for (const std::string& line : world.TakeOut()) all += line + "\n";
  CHECK_THAT(all, Catch::Contains("Error while attempting to create/find topic(s) 'connect-offsets'"));
  CHECK_THAT(all, Catch::Contains("Replication factor: 3 larger than available brokers: 1."));
  CHECK(world.session().part<ConnectPart>().ListeningOn(8083) == nullptr);
}

TEST_CASE(
    "a connector created through a worker that is not the leader is forwarded to the leader; a second one "
    "with its name is refused with 409",
    "[distributed]") {
  ScratchDir dir("connect-distributed-forward");
  dir.Write("in.txt", "alpha\nbeta\n");
  ConnectWorld world;
  REQUIRE(world.Run(Cluster(dir, 2)).ok());
  const int32_t follower = FollowerPort(world);
  world.TakeOut();
  REQUIRE(world.Run(PostSink(dir, follower) + "sleep 5s\n").ok());
  auto out = world.TakeOut();
  REQUIRE_FALSE(out.empty());
  CHECK(PlainJson::parse(out.front())["name"] == "snk");
  CHECK(world.session().CountEvents("connect.rest_forwarded") == 1);
  // Both workers read the config back from connect-configs; the tasks run somewhere.
  for (int32_t port : {8083, 8084}) {
    CHECK(WorkerOn(world, port)->config_state().task_count("snk") == 3);
    CHECK(WorkerOn(world, port)->TaskStateOf("snk", 2) == ConnectState::kRunning);
  }

  REQUIRE(world.Run(PostSink(dir, 8083)).ok());
  out = world.TakeOut();
  REQUIRE_FALSE(out.empty());
  CHECK(out.back() == R"({"error_code":409,"message":"Connector snk already exists"})");

  // A task is restarted by the worker that runs it: the request goes on to it.
  const DistributedWorker* leader = WorkerOn(world, follower == 8083 ? 8084 : 8083);
  int32_t elsewhere = -1;
  for (int32_t t = 0; t < 3; ++t) {
    if (leader->TaskWorkerOf("snk", t) != leader->worker_id()) elsewhere = t;
  }
  REQUIRE(elsewhere >= 0);
  const uint64_t forwarded = world.session().CountEvents("connect.rest_forwarded");
  REQUIRE(world.Run(fmt::format("curl -s -X POST http://localhost:{}/connectors/snk/tasks/{}/restart\nsleep 2s\n",
                                follower == 8083 ? 8084 : 8083, elsewhere))
              .ok());
  CHECK(world.TakeOut().empty());  // 204 No Content
  CHECK(world.session().CountEvents("connect.rest_forwarded") == forwarded + 1);
  CHECK(leader->TaskStateOf("snk", elsewhere) == ConnectState::kRunning);
}

TEST_CASE(
    "a crashed worker's tasks stay RUNNING on it until scheduled.rebalance.max.delay.ms has passed, then move",
    "[distributed]") {
  ScratchDir dir("connect-distributed-delay");
  dir.Write("in.txt", "");
  ConnectWorld world(5);
  REQUIRE(world.Run(Cluster(dir, 3) + PostSink(dir, 8083) + "sleep 5s\n").ok());
  DistributedWorker* observer = WorkerOn(world, 8083);
  int32_t victim_task = -1;
  for (int32_t t = 0; t < 3; ++t) {
    if (observer->TaskWorkerOf("snk", t) == std::optional<std::string>("localhost:8085")) victim_task = t;
  }
  REQUIRE(victim_task >= 0);
  REQUIRE(world.Run("crash connect-3\nsleep 15s\n").ok());
  // The group noticed (session.timeout.ms=10000) and rebalanced, but holds the lost task back.
  CHECK(world.session().CountEvents("connect.scheduled_rebalance") == 0);
  CHECK(observer->TaskStateOf("snk", victim_task) == ConnectState::kRunning);
  CHECK(observer->TaskWorkerOf("snk", victim_task) == std::optional<std::string>("localhost:8085"));
  REQUIRE(world.Run("sleep 25s\n").ok());
  CHECK(world.session().CountEvents("connect.scheduled_rebalance") >= 1);
  CHECK(observer->TaskStateOf("snk", victim_task) == ConnectState::kRunning);
  CHECK(observer->TaskWorkerOf("snk", victim_task) != std::optional<std::string>("localhost:8085"));
}

TEST_CASE(
    "connectors survive every worker of the cluster restarting: their configs are in connect-configs",
    "[distributed]") {
  ScratchDir dir("connect-distributed-restart");
  dir.Write("in.txt", "alpha\nbeta\n");
  ConnectWorld world;
  REQUIRE(world.Run(Cluster(dir, 2) + PostSource(dir, 8083) + PostSink(dir, 8083) + "sleep 5s\n").ok());
  REQUIRE(dir.Lines("out.txt") == std::vector<std::string>{"alpha", "beta"});
  REQUIRE(world
              .Run("crash connect-1\ncrash connect-2\nsleep 1s\nrestart connect-1\nrestart connect-2\nsleep 20s\n")
              .ok());
  for (int32_t port : {8083, 8084}) {
    DistributedWorker* w = WorkerOn(world, port);
    REQUIRE(w != nullptr);
    CHECK(w->ConnectorNames() == std::vector<std::string>{"snk", "src"});
    CHECK(w->TaskStateOf("src", 0) == ConnectState::kRunning);
  }
  std::ofstream(dir / "in.txt", std::ios::app) << "gamma\n";
  // The sink's new consumers wait for the dead ones to leave group connect-snk (the consumer's
  // session.timeout.ms, 45 s) before they get the partitions.
  REQUIRE(world.Run("sleep 60s\n").ok());
  // The source resumed from its committed position: nothing twice.
  CHECK(dir.Lines("out.txt") == std::vector<std::string>{"alpha", "beta", "gamma"});
}

TEST_CASE(
    "a source task moved to another worker resumes from the offset its first worker committed",
    "[distributed]") {
  ScratchDir dir("connect-distributed-offsets");
  dir.Write("in.txt", "alpha\nbeta\n");
  ConnectWorld world(5);
  REQUIRE(world.Run(Cluster(dir, 3) + PostSource(dir, 8083) + PostSink(dir, 8083) + "sleep 5s\n").ok());
  DistributedWorker* observer = WorkerOn(world, 8083);
  const auto owner = observer->TaskWorkerOf("src", 0);
  REQUIRE(owner.has_value());
  const int32_t port = std::stoi(owner->substr(owner->find(':') + 1));
  // Its offsets were committed (offset.flush.interval.ms=1000); then its worker dies.
  const std::string name = fmt::format("connect-{}", port - 8082);
  REQUIRE(world.Run("crash " + name + "\n").ok());
  std::ofstream(dir / "in.txt", std::ios::app) << "gamma\n";
  REQUIRE(world.Run("sleep 60s\n").ok());
  const auto moved = port == 8083 ? WorkerOn(world, 8084)->TaskWorkerOf("src", 0) : observer->TaskWorkerOf("src", 0);
  CHECK(moved != owner);
  CHECK(dir.Lines("out.txt") == std::vector<std::string>{"alpha", "beta", "gamma"});
}
