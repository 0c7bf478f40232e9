#pragma once
// What a Connect worker group hands out: connectors and their tasks (Kafka's ConnectorTaskId and
// WorkerCoordinator.ConnectorsAndTasks), and one round's outcome of the leader's assignor
// (IncrementalCooperativeAssignor.ClusterAssignment): per worker what it starts, what it must
// stop first (revoked), and everything it runs once the round is done.
//
// A worker's lists keep the order it reported them in: Kafka revokes from the front of a
// worker's list when it balances load, so the order decides which task moves.

#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "sim/core/time.h"

namespace kafkasim {

// A task of a connector: "local-file-sink-0" (ConnectorTaskId.toString). Ordered by connector,
// then task number, as Kafka's ConnectorTaskId.compareTo orders them in its TreeSets.
struct ConnectorTaskId {
  std::string connector;
  int32_t task = 0;
  auto operator<=>(const ConnectorTaskId&) const = default;
  std::string ToString() const { return fmt::format("{}-{}", connector, task); }
};

struct ConnectorsAndTasks {
  std::vector<std::string> connectors;
  std::vector<ConnectorTaskId> tasks;
  bool empty() const { return connectors.empty() && tasks.empty(); }
  size_t size() const { return connectors.size() + tasks.size(); }
  bool operator==(const ConnectorsAndTasks&) const = default;
};

// "src, src-0, src-1" in the given order; "nothing" when empty.
inline std::string FormatConnectorsAndTasks(const ConnectorsAndTasks& a) {
  std::string out;
  for (const std::string& c : a.connectors) out += (out.empty() ? "" : ", ") + c;
  for (const ConnectorTaskId& t : a.tasks) out += (out.empty() ? "" : ", ") + t.ToString();
  return out.empty() ? "nothing" : out;
}

// Workers are named by their group member id; maps keep them in a stable order.
using WorkerAssignments = std::map<std::string, ConnectorsAndTasks>;

struct ConnectClusterAssignment {
  WorkerAssignments newly_assigned;  // to start this round
  WorkerAssignments newly_revoked;   // to stop this round (then the group rebalances again)
  WorkerAssignments all_assigned;    // what each worker runs once the round is applied
  // scheduled.rebalance.max.delay.ms at work: lost connectors and tasks wait this long for their
  // worker to come back before they move (0: nothing is held back). Every member is told, so
  // that they all rejoin when it runs out.
  Duration delay;
  // Lost connectors and tasks (their worker left the group) that wait for it instead of moving
  // this round: what the narration says is held back, and for how long (`delay`).
  ConnectorsAndTasks held_back;
};

}  // namespace kafkasim
