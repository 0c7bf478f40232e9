// The Connect leader's assignor, round after round, as Kafka's IncrementalCooperativeAssignorTest
// drives it: two connectors of four tasks each, workers joining, leaving for good, bouncing back
// within scheduled.rebalance.max.delay.ms, connectors deleted, work run twice, and the backoff
// between two revoking rounds.

#include <catch2/catch.hpp>

#include "sim/connect/connect_rebalance_narration.h"
#include "sim/connect/incremental_cooperative_assignor.h"

using namespace kafkasim;

namespace {

constexpr Duration kMaxDelay = Duration::Millis(300000);  // scheduled.rebalance.max.delay.ms default

// A Connect group as its leader sees it: what each member runs, and one rebalance after another.
struct ConnectGroup {
  explicit ConnectGroup(Duration max_delay = kMaxDelay) : assignor(max_delay) {}

  void Join(const std::string& worker) { members[worker]; }
  void Leave(const std::string& worker) { members.erase(worker); }
  void Sleep(Duration d) { now += d; }

  // One rebalance; each member then applies its part (stops the revoked, starts the new).
  ConnectClusterAssignment Rebalance() {
    ConnectClusterAssignment a = assignor.PerformTaskAssignment(now, configured, generation, generation + 1, members);
    ++generation;
    for (auto& [worker, held] : members) {
      if (auto r = a.newly_revoked.find(worker); r != a.newly_revoked.end()) {
        std::erase_if(held.connectors, [&](const std::string& c) {
          return std::find(r->second.connectors.begin(), r->second.connectors.end(), c) != r->second.connectors.end();
        });
        std::erase_if(held.tasks, [&](const ConnectorTaskId& t) {
          return std::find(r->second.tasks.begin(), r->second.tasks.end(), t) != r->second.tasks.end();
        });
      }
      const ConnectorsAndTasks& fresh = a.newly_assigned.at(worker);
      held.connectors.insert(held.connectors.end(), fresh.connectors.begin(), fresh.connectors.end());
      held.tasks.insert(held.tasks.end(), fresh.tasks.begin(), fresh.tasks.end());
      CHECK(held.size() == a.all_assigned.at(worker).size());
    }
    return a;
  }

  IncrementalCooperativeAssignor assignor;
  std::map<std::string, int32_t> configured = {{"connector1", 4}, {"connector2", 4}};
  WorkerAssignments members;
  Time now = Time::FromMicros(1'000'000);
  int32_t generation = 1000;
};

struct Counts {
  size_t assigned_connectors = 0, assigned_tasks = 0, revoked_connectors = 0, revoked_tasks = 0;
  bool operator==(const Counts&) const = default;
};

Counts CountsOf(const ConnectClusterAssignment& a) {
  Counts c;
  for (const auto& [w, x] : a.newly_assigned) {
    c.assigned_connectors += x.connectors.size();
    c.assigned_tasks += x.tasks.size();
  }
  for (const auto& [w, x] : a.newly_revoked) {
    c.revoked_connectors += x.connectors.size();
    c.revoked_tasks += x.tasks.size();
  }
  return c;
}

// Every configured connector and task runs on exactly one member.
void CheckEverythingRunsOnce(const ConnectGroup& g) {
  std::map<std::string, int> connectors;
  std::map<ConnectorTaskId, int> tasks;
  for (const auto& [w, a] : g.members) {
    for (const auto& c : a.connectors) ++connectors[c];
    for (const auto& t : a.tasks) ++tasks[t];
  }
  for (const auto& [c, n] : g.configured) {
    CHECK(connectors[c] == 1);
    for (int32_t t = 0; t < n; ++t) CHECK(tasks[ConnectorTaskId{c, t}] == 1);
  }
}

}  // namespace

TEST_CASE("A worker joining takes half the work: first revoked from the old worker, then assigned to it") {
  ConnectGroup g;
  g.Join("worker1");
  auto first = g.Rebalance();
  CHECK(CountsOf(first) == Counts{2, 8, 0, 0});
  CHECK(first.delay == Duration());

  g.Join("worker2");
  auto second = g.Rebalance();
  // Only what moves is revoked: one connector and four tasks, from the front of worker1's lists.
  CHECK(CountsOf(second) == Counts{0, 0, 1, 4});
  CHECK(second.newly_revoked.at("worker1").connectors == std::vector<std::string>{"connector1"});

  auto third = g.Rebalance();
  CHECK(CountsOf(third) == Counts{1, 4, 0, 0});
  CHECK(third.newly_assigned.at("worker2").connectors == std::vector<std::string>{"connector1"});
  CHECK(g.members.at("worker1").tasks.size() == 4);
  CHECK(g.members.at("worker2").tasks.size() == 4);

  CHECK(CountsOf(g.Rebalance()) == Counts{0, 0, 0, 0});
  CheckEverythingRunsOnce(g);
}

TEST_CASE("New connectors and tasks go round-robin to the least loaded workers, ties by member id") {
  ConnectGroup g;
  g.Join("worker1");
  g.Join("worker2");
  auto a = g.Rebalance();
  CHECK(a.newly_assigned.at("worker1").connectors == std::vector<std::string>{"connector1"});
  CHECK(a.newly_assigned.at("worker2").connectors == std::vector<std::string>{"connector2"});
  CHECK(a.newly_assigned.at("worker1").tasks ==
        std::vector<ConnectorTaskId>{{"connector1", 0}, {"connector1", 2}, {"connector2", 0}, {"connector2", 2}});
  CHECK(a.newly_assigned.at("worker2").tasks ==
        std::vector<ConnectorTaskId>{{"connector1", 1}, {"connector1", 3}, {"connector2", 1}, {"connector2", 3}});
}

TEST_CASE("A worker that leaves for good: its work is held back for the max delay, then reassigned") {
  ConnectGroup g;
  g.Join("worker1");
  g.Join("worker2");
  CHECK(CountsOf(g.Rebalance()) == Counts{2, 8, 0, 0});

  g.Leave("worker2");
  auto held = g.Rebalance();
  CHECK(CountsOf(held) == Counts{0, 0, 0, 0});
  CHECK(held.delay == kMaxDelay);
  CHECK(g.assignor.scheduled_rebalance() == g.now + kMaxDelay);

  g.Sleep(kMaxDelay / 2);
  auto still_held = g.Rebalance();
  CHECK(CountsOf(still_held) == Counts{0, 0, 0, 0});
  CHECK(still_held.delay == kMaxDelay / 2);  // the time left

  g.Sleep(kMaxDelay / 2 + Duration::Millis(1));
  auto moved = g.Rebalance();
  CHECK(CountsOf(moved) == Counts{1, 4, 0, 0});
  CHECK(moved.delay == Duration());
  CheckEverythingRunsOnce(g);
}

TEST_CASE("A worker that comes back within the delay gets its work back when the delay runs out") {
  ConnectGroup g;
  g.Join("worker1");
  g.Join("worker2");
  g.Rebalance();
  const ConnectorsAndTasks before = g.members.at("worker2");

  g.Leave("worker2");
  CHECK(g.Rebalance().delay == kMaxDelay);

  g.Sleep(kMaxDelay / 4);
  g.Join("worker2");  // back, empty: a candidate for its old work
  auto waiting = g.Rebalance();
  CHECK(CountsOf(waiting) == Counts{0, 0, 0, 0});
  CHECK(waiting.delay == kMaxDelay * 3 / 4);
  CHECK(g.assignor.candidate_workers() == std::set<std::string>{"worker2"});

  g.Sleep(kMaxDelay * 3 / 4);
  auto back = g.Rebalance();
  CHECK(CountsOf(back) == Counts{1, 4, 0, 0});
  CHECK(back.newly_assigned.at("worker2").connectors == before.connectors);
  CHECK(back.newly_assigned.at("worker1").empty());
  CheckEverythingRunsOnce(g);
}

TEST_CASE("With scheduled.rebalance.max.delay.ms=0 lost work moves at once") {
  ConnectGroup g(Duration::Millis(0));
  g.Join("worker1");
  g.Join("worker2");
  g.Rebalance();
  g.Leave("worker2");
  auto moved = g.Rebalance();
  CHECK(CountsOf(moved) == Counts{1, 4, 0, 0});
  CHECK(moved.delay == Duration());
  CheckEverythingRunsOnce(g);
}

TEST_CASE("Lost work is reassigned at once when every previous member is back (an assignment went missing)") {
  ConnectGroup g;
  g.Join("worker1");
  g.Join("worker2");
  g.Rebalance();
  g.members.at("worker2") = {};  // worker2 rejoined without what it was given
  auto again = g.Rebalance();
  CHECK(again.delay == Duration());
  CHECK(CountsOf(again) == Counts{1, 4, 0, 0});
  CheckEverythingRunsOnce(g);
}

TEST_CASE("A deleted connector is revoked from the worker running it, with its tasks") {
  ConnectGroup g;
  g.Join("worker1");
  g.Join("worker2");
  g.Rebalance();
  g.configured.erase("connector2");
  auto a = g.Rebalance();
  CHECK(a.newly_revoked.at("worker2").connectors == std::vector<std::string>{"connector2"});
  CHECK(CountsOf(a).revoked_tasks == 4);
  CHECK(a.delay == Duration());
}

TEST_CASE("Work run by two workers is revoked from both, then assigned once") {
  ConnectGroup g;
  g.Join("worker1");
  g.Join("worker2");
  g.Rebalance();
  g.members.at("worker2").tasks.push_back({"connector1", 0});  // worker1 runs it too
  auto a = g.Rebalance();
  CHECK(a.newly_revoked.at("worker1").tasks == std::vector<ConnectorTaskId>{{"connector1", 0}});
  CHECK(a.newly_revoked.at("worker2").tasks == std::vector<ConnectorTaskId>{{"connector1", 0}});
  auto b = g.Rebalance();
  CHECK(CountsOf(b) == Counts{0, 1, 0, 0});
  CheckEverythingRunsOnce(g);
}

TEST_CASE("Two revoking rounds in a row back off exponentially instead of revoking again (KAFKA-12495)") {
  ConnectGroup g;
  g.Join("worker1");
  g.Rebalance();
  g.Join("worker2");
  CHECK(CountsOf(g.Rebalance()) == Counts{0, 0, 1, 4});

  // worker3 joins while worker2 is still empty-handed: balancing would revoke again.
  g.Join("worker3");
  auto backoff = g.Rebalance();
  CHECK(backoff.delay == Duration::Millis(40));  // 1 ms × 40^1
  CHECK(CountsOf(backoff) == Counts{1, 4, 0, 0});  // the revoked ones are handed out, nothing revoked

  g.Sleep(Duration::Millis(40));
  auto revoke = g.Rebalance();
  CHECK(revoke.delay == Duration());
  CHECK(CountsOf(revoke) == Counts{0, 0, 0, 1});

  auto settle = g.Rebalance();
  CHECK(CountsOf(settle) == Counts{0, 1, 0, 0});
  CHECK(g.members.at("worker1").tasks.size() == 3);
  CHECK(g.members.at("worker2").tasks.size() == 3);
  CHECK(g.members.at("worker3").tasks.size() == 2);
  CHECK(CountsOf(g.Rebalance()) == Counts{0, 0, 0, 0});
  CheckEverythingRunsOnce(g);
}

TEST_CASE("the rebalance narration says what each worker runs, starts and stops, and what is held back for how long") {
  ConnectGroup g(Duration::Millis(30000));
  g.Join("m1");
  g.Join("m2");
  g.Rebalance();
  g.Leave("m2");
  auto held = g.Rebalance();
  CHECK(held.held_back.connectors == std::vector<std::string>{"connector2"});
  CHECK(held.held_back.tasks.size() == 4);
  auto lines = NarrateConnectAssignment(held, "m1", {{"m1", "connect-1"}});
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "connect-1 (leader) runs connector1, connector1-0, connector1-2, connector2-0, connector2-2");
  CHECK(lines[1] ==
        "connector2, connector1-1, connector1-3, connector2-1, connector2-3 lost with their worker: held back 30s "
        "(scheduled.rebalance.max.delay.ms) in case it returns; then reassigned");

  g.Sleep(Duration::Millis(30000));
  auto moved = g.Rebalance();
  CHECK(moved.held_back.empty());
  auto after = NarrateConnectAssignment(moved, "m1", {{"m1", "connect-1"}});
  REQUIRE(after.size() == 1);
  CHECK(after[0].find("; starts connector2, connector1-1") != std::string::npos);
}
