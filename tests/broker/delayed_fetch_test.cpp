// The delayed-fetch purgatory keyed by partition, and the replica fetchers' incremental sessions,
// on a running cluster.
#include <catch2/catch.hpp>

#include "sim/broker/broker.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/replica_manager.h"
#include "sim/kafka/install.h"
#include "sim/script/runner.h"
#include "sim/script/scenario.h"
#include "sim/script/session.h"
#include "sim/storage/record_batch_builder.h"

namespace kafkasim {
namespace {

// A raw client: sends what the test gives it and keeps every answer.
class RawClient : public Process {
 public:
  void OnMessage(const Envelope& e) override {
    if (const auto* r = e.As<FetchResponse>()) fetches.push_back(*r);
    if (e.As<ProduceResponse>()) ++produce_answers;
  }
  std::vector<FetchResponse> fetches;
  int produce_answers = 0;
};

struct PurgatoryCluster {
  std::unique_ptr<Session> session = std::make_unique<Session>();
  NodeId client = kNoNode;
  RawClient* raw = nullptr;

  explicit PurgatoryCluster(const std::string& setup) {
    InstallKafka(*session);
    ScenarioRunner(*session, ParseScenario(setup, "purgatory.scn")).Run(Time::Max());
    client = session->sim().AddNode("raw-client", "client", [] { return std::make_unique<RawClient>(); });
    session->sim().Start(client);
    raw = static_cast<RawClient*>(session->sim().node(client).process());
  }
  Simulation& sim() { return session->sim(); }
  Broker& broker(int id) { return *session->part<BrokerPart>().Running(BrokerId(id)); }
  NodeId node(int id) { return session->part<BrokerPart>().directory().NodeOf(BrokerId(id)); }
  void Run(Duration d) { sim().RunUntil(sim().now() + d); }
  void Produce(int broker_id, const TopicPartition& tp) {
    RecordBatchBuilder builder({});
    builder.Append({.timestamp_ms = sim().now().millis(), .value = AsBytes(std::string("v"))});
    auto request = std::make_unique<ProduceRequest>();
    request->acks = 1;
    request->batches.emplace(tp, builder.Build());
    sim().network().Send(client, node(broker_id), std::move(request));
  }
};

constexpr const char* kOneBrokerTwoPartitions =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties\n"
    "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 2 --replication-factor 1\n"
    "sleep 2s\n";

TEST_CASE("a parked fetch is woken by an append to its partition and not by an append to another") {
  PurgatoryCluster c(kOneBrokerTwoPartitions);
  const TopicPartition t0{"t", 0}, t1{"t", 1};
  auto fetch = std::make_unique<FetchRequest>();
  fetch->max_wait = Duration::Seconds(10);
  fetch->min_bytes = 1;
  fetch->partitions[t0] = FetchPartition{.fetch_offset = Offset(0)};
  c.sim().network().Send(c.client, c.node(0), std::move(fetch));
  c.Run(Duration::Millis(100));
  const ReplicaManager& replicas = c.broker(0).replicas();
  REQUIRE(c.raw->fetches.empty());
  REQUIRE(replicas.parked_fetches() == 1);
  const uint64_t checks = replicas.delayed_fetch_checks();

  c.Produce(0, t1);
  c.Run(Duration::Millis(100));
  REQUIRE(c.raw->produce_answers == 1);
  CHECK(c.raw->fetches.empty());
  CHECK(replicas.parked_fetches() == 1);
  CHECK(replicas.delayed_fetch_checks() == checks);  // nobody looked at the fetch on t-0

  c.Produce(0, t0);
  c.Run(Duration::Millis(100));  // far below the fetch's 10 s max wait
  REQUIRE(c.raw->fetches.size() == 1);
  CHECK(replicas.parked_fetches() == 0);
  const FetchResponse& answer = c.raw->fetches.front();
  REQUIRE(answer.partitions.contains(t0));
  CHECK(answer.partitions.at(t0).batches.size() == 1);
}

TEST_CASE("a parked fetch with nothing to read is answered at its max wait") {
  PurgatoryCluster c(kOneBrokerTwoPartitions);
  auto fetch = std::make_unique<FetchRequest>();
  fetch->max_wait = Duration::Millis(500);
  fetch->partitions[TopicPartition{"t", 0}] = FetchPartition{.fetch_offset = Offset(0)};
  c.sim().network().Send(c.client, c.node(0), std::move(fetch));
  c.Run(Duration::Millis(450));
  CHECK(c.raw->fetches.empty());
  c.Run(Duration::Millis(100));
  REQUIRE(c.raw->fetches.size() == 1);
  CHECK(c.raw->fetches.front().partitions.at(TopicPartition{"t", 0}).batches.empty());
}

TEST_CASE("idle followers fetch in incremental sessions that name no partition") {
  PurgatoryCluster c(
      "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
      "bin/kafka-server-start.sh config/server.properties\n"
      "bin/kafka-server-start.sh config/server-1.properties\n"
      "bin/kafka-server-start.sh config/server-2.properties\n"
      "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 3 --replication-factor 3\n"
      "sleep 5s\n");
  int leader_sessions = 0;
  for (int b = 0; b < 3; ++b) leader_sessions += static_cast<int>(c.broker(b).replicas().fetch_sessions().size());
  CHECK(leader_sessions == 6);  // every broker leads one partition and is fetched from by the two others
  for (int b = 0; b < 3; ++b) {
    for (int leader = 0; leader < 3; ++leader) {
      if (leader == b) continue;
      const FetchSessionHandler* session = c.broker(b).replicas().fetch_session_with(BrokerId(leader));
      REQUIRE(session != nullptr);
      CHECK(session->session_id() != kInvalidSessionId);
      CHECK(session->next_epoch() > 1);  // several incremental fetches already
      CHECK(session->session_partitions().size() == 1);
    }
  }

  // What an idle follower's fetch names on the wire: nothing.
  struct FetchSpy : TraceSink {
    int incremental_empty = 0, other = 0;
    bool Wants(std::string_view kind) const override { return kind == "net.send"; }
    void OnEvent(const TraceEvent& e) override {
      if (e.fields.value("type", "") != "Fetch" || !e.fields.contains("session_epoch")) return;
      const bool empty = !e.fields.contains("partitions");
      (e.fields["session_epoch"].get<int>() > 0 && empty ? incremental_empty : other)++;
    }
  } spy;
  c.session->trace().AddSink(&spy);
  c.Run(Duration::Seconds(5));
  c.session->trace().RemoveSink(&spy);
  CHECK(spy.incremental_empty > 50);  // 6 fetchers, one every 500 ms
  CHECK(spy.other == 0);
}

}  // namespace
}  // namespace kafkasim
