// Three Connect workers' group membership through real brokers: each is a WorkerCoordinator in a
// minimal process (its own NetworkClient and metadata, no herder or REST), joining group
// connect-cluster through the brokers' GroupCoordinator with protocol type "connect". They share
// a fixed config snapshot; the leader runs the IncrementalCooperativeAssignor. Then one worker
// crashes: after session.timeout.ms the group rebalances without it, its work is held back for
// scheduled.rebalance.max.delay.ms, and then the survivors get it.

#include <memory>

#include <catch2/catch.hpp>

#include "sim/broker/controller.h"
#include "sim/connect/worker_coordinator.h"
#include "sim/core/wake_timer.h"
#include "tests/broker/group_fixture.h"

namespace kafkasim {
namespace {

using testing::GroupCluster;

// What the config topic says in every worker (they are all caught up): 2 connectors, 3 tasks each.
const std::map<std::string, int32_t> kConfigured = {{"sink", 3}, {"source", 3}};
constexpr int64_t kConfigOffset = 7;

class GroupWorker : public Process {
 public:
  GroupWorker(Simulation& sim, NodeId self, const BrokerDirectory& directory, WorkerCoordinatorConfig config)
      : sim_(sim), self_(self), directory_(directory),
        network_(sim, self, directory,
                 fmt::format("[Worker clientId={}, groupId={}]", config.membership.client_id,
                             config.membership.group_id)),
        coordinator_(sim, self, directory, network_, metadata_, std::move(config),
                     WorkerCoordinator::Hooks{
                         .config_offset = [] { return kConfigOffset; },
                         .configured_tasks = [] { return kConfigured; },
                         .on_revoked = [this](const ConnectorsAndTasks& stop) { stops.push_back(stop); },
                         .on_assigned = [this](const ConnectorsAndTasks& start,
                                               const ConnectAssignment&) { starts.push_back(start); },
                         .wake = [this](Time at) { Wake(at); }}) {}

  void OnStart() override { Wake(sim_.now()); }
  void OnMessage(const Envelope& e) override { network_.Deliver(e); }

  const WorkerCoordinator& coordinator() const { return coordinator_; }
  std::vector<ConnectorsAndTasks> starts, stops;

 private:
  void Wake(Time at) { wake_.At(at); }
  void Run() {
    if (!metadata_.has_response()) return RefreshMetadata();
    coordinator_.Poll(sim_.now());
  }
  // The worker's first metadata request, to its bootstrap server: the brokers, for FindCoordinator.
  void RefreshMetadata() {
    if (metadata_in_flight_) return;
    const NodeId node = directory_.Resolve("localhost:9092");
    if (!network_.Connectable(node, "node -1 (localhost/127.0.0.1:9092)")) return Wake(sim_.now() + kReconnectBackoff);
    auto request = std::make_unique<MetadataRequest>();
    request->topics = std::vector<std::string>{};
    metadata_in_flight_ = true;
    network_.Send(
        node, std::move(request), Duration::Millis(30000),
        [this](const Envelope& e) {
          metadata_in_flight_ = false;
          if (const auto* m = e.As<MetadataResponse>()) metadata_.Update(*m, sim_.now());
          Wake(sim_.now());
        },
        [this](ErrorCode, const std::string&) {
          metadata_in_flight_ = false;
          Wake(sim_.now() + Duration::Millis(100));
        });
  }

  Simulation& sim_;
  NodeId self_;
  const BrokerDirectory& directory_;
  NetworkClient network_;
  ClientMetadata metadata_;
  WorkerCoordinator coordinator_;
  bool metadata_in_flight_ = false;
  WakeTimer wake_{sim_, self_, [this] { Run(); }};
};

WorkerCoordinatorConfig WorkerConfigFor(const std::string& name, int port) {
  DistributedConfig c;
  c.group_id = "connect-cluster";
  c.scheduled_rebalance_max_delay = Duration::Millis(60000);
  return MakeWorkerCoordinatorConfig(c, name, fmt::format("http://localhost:{}/", port), Duration::Millis(30000),
                                     Duration::Millis(100));
}

GroupWorker& StartWorker(GroupCluster& cluster, const std::string& name, int port) {
  Simulation& sim = cluster.session().sim();
  const BrokerDirectory& directory = cluster.brokers().directory();
  auto id = std::make_shared<NodeId>(kNoNode);
  const NodeId node = sim.AddNode(name, "connect", [&sim, id, &directory, config = WorkerConfigFor(name, port)] {
    return std::make_unique<GroupWorker>(sim, *id, directory, config);
  });
  *id = node;
  sim.Start(node);
  return *static_cast<GroupWorker*>(sim.node(node).process());
}

size_t TotalRunning(const std::vector<GroupWorker*>& workers) {
  size_t n = 0;
  for (const GroupWorker* w : workers) n += w->coordinator().running().size();
  return n;
}

// Every connector and task of kConfigured, run by exactly one of `workers`.
void RequireEachRunOnce(const std::vector<GroupWorker*>& workers) {
  std::map<std::string, int> connectors;
  std::map<ConnectorTaskId, int> tasks;
  for (const GroupWorker* w : workers) {
    for (const std::string& c : w->coordinator().running().connectors) ++connectors[c];
    for (const ConnectorTaskId& t : w->coordinator().running().tasks) ++tasks[t];
  }
  for (const auto& [connector, count] : kConfigured) {
    CHECK(connectors[connector] == 1);
    for (int32_t t = 0; t < count; ++t) CHECK(tasks[ConnectorTaskId{connector, t}] == 1);
  }
  CHECK(connectors.size() == kConfigured.size());
  CHECK(tasks.size() == 6);
}

TEST_CASE("three Connect workers join one group through the brokers and share the work") {
  GroupCluster cluster(testing::kGroupSetup);
  GroupWorker& w1 = StartWorker(cluster, "connect-1", 8083);
  GroupWorker& w2 = StartWorker(cluster, "connect-2", 8084);
  GroupWorker& w3 = StartWorker(cluster, "connect-3", 8085);
  const std::vector<GroupWorker*> workers = {&w1, &w2, &w3};
  cluster.Advance(Duration::Millis(20000));

  const GroupMetadata* group = cluster.Group("connect-cluster");
  REQUIRE(group != nullptr);
  int leaders = 0;
  for (const GroupWorker* w : workers) {
    const WorkerCoordinator& c = w->coordinator();
    INFO(c.membership().client_id);
    REQUIRE(c.stable());
    CHECK(c.protocol() == std::optional<std::string>("sessioned"));
    CHECK(c.generation() == w1.coordinator().generation());
    // 8 connectors and tasks over 3 workers: 3, 3, 2.
    CHECK(c.running().size() >= 2);
    CHECK(c.running().size() <= 3);
    REQUIRE(c.last_assignment().has_value());
    CHECK(c.last_assignment()->config_offset == kConfigOffset);
    CHECK(c.last_assignment()->delay == Duration());
    leaders += c.is_leader() ? 1 : 0;
    CHECK(c.scheduled_rebalance() == Time::Max());
  }
  CHECK(leaders == 1);
  CHECK(TotalRunning(workers) == 8);
  RequireEachRunOnce(workers);
  // The coordinator's narration reads the assignment in the connect protocol's format, not as a
  // consumer's partitions.
  const std::string narration = cluster.narration();
  INFO(narration);
  const size_t stable = narration.rfind("group connect-cluster is Stable");
  REQUIRE(stable != std::string::npos);
  // Up to the next event (the narrator wraps long lines).
  const std::string line = narration.substr(stable, narration.find("\u2502", stable) - stable);
  CHECK(line.find("the worker at localhost:8083 → ") != std::string::npos);
  CHECK(line.find("task") != std::string::npos);
  CHECK(line.find("→ nothing") == std::string::npos);
  // The followers were told where the leader's REST server is.
  for (const GroupWorker* w : workers) {
    const GroupWorker* leader = *std::find_if(workers.begin(), workers.end(),
                                              [](const GroupWorker* x) { return x->coordinator().is_leader(); });
    CHECK(w->coordinator().last_assignment()->leader_url == leader->coordinator().config().rest_url);
  }
}

TEST_CASE("a crashed Connect worker's work waits scheduled.rebalance.max.delay.ms, then moves to the others") {
  GroupCluster cluster(testing::kGroupSetup);
  std::vector<GroupWorker*> workers = {&StartWorker(cluster, "connect-1", 8083),
                                       &StartWorker(cluster, "connect-2", 8084),
                                       &StartWorker(cluster, "connect-3", 8085)};
  cluster.Advance(Duration::Millis(20000));
  for (const GroupWorker* w : workers) REQUIRE(w->coordinator().stable());
  const int32_t first_generation = workers[0]->coordinator().generation();

  // A follower crashes: the leader keeps its assignor's memory of who ran what.
  GroupWorker* victim = nullptr;
  std::vector<GroupWorker*> survivors;
  for (GroupWorker* w : workers) {
    if (victim == nullptr && !w->coordinator().is_leader()) {
      victim = w;
    } else {
      survivors.push_back(w);
    }
  }
  REQUIRE(victim != nullptr);
  const ConnectorsAndTasks lost = victim->coordinator().running();
  REQUIRE(!lost.empty());
  std::map<GroupWorker*, size_t> before;
  std::map<GroupWorker*, size_t> stops_before;
  for (GroupWorker* w : survivors) {
    before[w] = w->coordinator().running().size();
    stops_before[w] = w->stops.size();
  }
  const std::string victim_name = victim->coordinator().membership().client_id;
  Simulation& sim = cluster.session().sim();
  sim.Crash(sim.FindNode(victim_name)->id());
  const Time crashed_at = sim.now();

  // Within session.timeout.ms (10 s) the coordinator still counts it: nothing moves.
  cluster.Advance(Duration::Millis(8000));
  for (GroupWorker* w : survivors) {
    CHECK(w->coordinator().generation() == first_generation);
    CHECK(w->coordinator().running().size() == before[w]);
  }

  // After it, the group rebalances without it; the leader holds the lost work back.
  cluster.Advance(Duration::Millis(12000));
  for (GroupWorker* w : survivors) {
    INFO(w->coordinator().membership().client_id);
    REQUIRE(w->coordinator().stable());
    CHECK(w->coordinator().generation() > first_generation);
    CHECK(w->coordinator().running().size() == before[w]);  // the lost work is held back, not given out
    REQUIRE(w->coordinator().last_assignment().has_value());
    const Duration delay = w->coordinator().last_assignment()->delay;
    CHECK(delay > Duration::Millis(50000));
    CHECK(delay <= Duration::Millis(60000));
    CHECK(w->coordinator().scheduled_rebalance() != Time::Max());
  }
  CHECK(TotalRunning(survivors) + lost.size() == 8);
  const GroupMetadata* group = cluster.Group("connect-cluster");
  REQUIRE(group != nullptr);

  // Before the delay runs out the lost work still waits...
  const Time due = survivors[0]->coordinator().scheduled_rebalance();
  CHECK(due - crashed_at < Duration::Millis(10000 + 3000 + 60000 + 1000));
  sim.RunUntil(due - Duration::Millis(1000));
  CHECK(TotalRunning(survivors) + lost.size() == 8);

  // ...and when it does, the survivors rejoin and the leader hands it out.
  cluster.Advance(Duration::Millis(10000));
  for (GroupWorker* w : survivors) {
    INFO(w->coordinator().membership().client_id);
    REQUIRE(w->coordinator().stable());
    CHECK(w->coordinator().running().size() == 4);
    CHECK(w->coordinator().last_assignment()->delay == Duration());
    CHECK(w->coordinator().scheduled_rebalance() == Time::Max());
  }
  RequireEachRunOnce(survivors);
  // Nobody was told to stop anything: only the lost work moved.
  for (GroupWorker* w : survivors) CHECK(w->stops.size() == stops_before[w]);
}

}  // namespace
}  // namespace kafkasim
