#pragma once
// Group coordinator tests talk to brokers directly: a `Probe` client node sends raw group
// requests (JoinGroup, SyncGroup, ...) and keeps every response, so a test can walk a rebalance
// one request at a time and check each answer.

#include <sstream>
#include <string>

#include "sim/admin/hashing.h"
#include "sim/broker/broker.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/group_coordinator.h"
#include "sim/kafka/install.h"
#include "sim/protocol/consumer_protocol.h"
#include "sim/protocol/group_requests.h"
#include "sim/record/narrator.h"
#include "sim/script/runner.h"
#include "sim/script/scenario.h"
#include "sim/script/session.h"

namespace kafkasim::testing {

class Probe : public Process {
 public:
  void OnMessage(const Envelope& e) override {
    if (auto* r = e.As<FindCoordinatorResponse>()) finds.push_back(*r);
    if (auto* r = e.As<JoinGroupResponse>()) joins.push_back(*r);
    if (auto* r = e.As<SyncGroupResponse>()) syncs.push_back(*r);
    if (auto* r = e.As<HeartbeatResponse>()) heartbeats.push_back(*r);
    if (auto* r = e.As<LeaveGroupResponse>()) leaves.push_back(*r);
    if (auto* r = e.As<OffsetCommitResponse>()) commits.push_back(*r);
    if (auto* r = e.As<OffsetFetchResponse>()) fetches.push_back(*r);
    if (auto* r = e.As<DescribeGroupsResponse>()) describes.push_back(*r);
    if (auto* r = e.As<ListGroupsResponse>()) lists.push_back(*r);
    if (auto* r = e.As<DeleteGroupsResponse>()) deletes.push_back(*r);
  }
  std::vector<FindCoordinatorResponse> finds;
  std::vector<JoinGroupResponse> joins;
  std::vector<SyncGroupResponse> syncs;
  std::vector<HeartbeatResponse> heartbeats;
  std::vector<LeaveGroupResponse> leaves;
  std::vector<OffsetCommitResponse> commits;
  std::vector<OffsetFetchResponse> fetches;
  std::vector<DescribeGroupsResponse> describes;
  std::vector<ListGroupsResponse> lists;
  std::vector<DeleteGroupsResponse> deletes;
};

class GroupCluster {
 public:
  explicit GroupCluster(const std::string& setup, uint64_t seed = 1) : session_(SessionOptions{.seed = seed}), narrator_(narration_) {
    InstallKafka(session_);
    session_.trace().AddSink(&narrator_);
    Play(setup);
  }
  ~GroupCluster() { session_.trace().RemoveSink(&narrator_); }

  void Play(const std::string& text) {
    const Scenario scenario = ParseScenario(text, "test.scn");
    ScenarioRunner runner(session_, scenario);
    report_ = runner.Run(Time::Max());
  }
  void Advance(Duration d) { session_.sim().RunUntil(session_.sim().now() + d); }

  // A client node (a fresh one per name) that keeps its responses.
  Probe& probe(const std::string& name = "probe") {
    if (Node* n = session_.FindNode(name)) return *static_cast<Probe*>(n->process());
    const NodeId id = session_.sim().AddNode(name, "client", [] { return std::make_unique<Probe>(); });
    session_.sim().Start(id);
    return *static_cast<Probe*>(session_.sim().node(id).process());
  }
  void Send(const std::string& from, BrokerId to, std::unique_ptr<KafkaMessage> request) {
    probe(from);
    request->correlation_id = next_correlation_id_++;
    session_.sim().network().Send(session_.FindNode(from)->id(), brokers().directory().NodeOf(to), std::move(request));
  }

  BrokerPart& brokers() { return session_.part<BrokerPart>(); }
  Broker* broker(int32_t id) { return brokers().Running(BrokerId(id)); }
  // The broker that coordinates `group` now (the leader of its offsets partition), per the controller.
  BrokerId CoordinatorOf(const std::string& group) {
    Broker* any = brokers().ActiveController();
    const int32_t p = PartitionForGroup(group, 50);
    auto it = any->controller().context().states.find(TopicPartition{"__consumer_offsets", p});
    return it == any->controller().context().states.end() ? kNoLeader : it->second.leader;
  }
  const GroupMetadata* Group(const std::string& group) {
    Broker* b = broker(CoordinatorOf(group).value());
    return b == nullptr ? nullptr : b->group_coordinator().Find(group);
  }
  Session& session() { return session_; }
  std::string narration() const { return narration_.str(); }
  const RunReport& report() const { return report_; }

 private:
  Session session_;
  std::ostringstream narration_;
  Narrator narrator_;
  RunReport report_;
  int32_t next_correlation_id_ = 1;
};

inline std::unique_ptr<JoinGroupRequest> Join(const std::string& group, const std::string& member_id,
                                              const std::string& client_id, std::vector<std::string> topics,
                                              std::vector<std::string> protocols = {"range"}) {
  auto r = std::make_unique<JoinGroupRequest>();
  r->group_id = group;
  r->member_id = member_id;
  r->client_id = client_id;
  r->session_timeout = Duration::Millis(45000);
  r->rebalance_timeout = Duration::Millis(300000);
  for (const std::string& p : protocols) {
    r->protocols.push_back({p, EncodeSubscription(ConsumerSubscription{.topics = topics})});
  }
  return r;
}

// ZooKeeper and three brokers with Kafka's defaults for the offsets topic (replication factor 3)
// and no initial rebalance delay, plus a topic `orders` with 3 partitions.
inline constexpr const char* kGroupSetup =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties --override offsets.topic.replication.factor=3 --override group.initial.rebalance.delay.ms=0\n"
    "bin/kafka-server-start.sh config/server-1.properties --override offsets.topic.replication.factor=3 --override group.initial.rebalance.delay.ms=0\n"
    "bin/kafka-server-start.sh config/server-2.properties --override offsets.topic.replication.factor=3 --override group.initial.rebalance.delay.ms=0\n"
    "sleep 5s\n"
    "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3\n";

}  // namespace kafkasim::testing
