#pragma once
// The Connect group leader's assignor (Kafka 3.7 IncrementalCooperativeAssignor, KIP-415): the
// pure rules, with no network. Each rebalance the leader feeds it the configured connectors
// (with their task counts, from the config topic snapshot) and what every member says it runs;
// it answers what each member starts and stops. It remembers the previous round, as Kafka's
// does, because "lost" only means something against what was assigned before.
//
// The rules, in the order Kafka applies them:
//   deleted     previously assigned, no longer configured: revoked from whoever runs it
//   duplicated  run by two members at once: revoked from all of them (reassigned next round)
//   lost        previously assigned, now run by nobody (its worker left the group):
//                 - no worker seems to have left (every previous member is back): new again
//                 - scheduled.rebalance.max.delay.ms = 0: reassigned at once
//                 - first time seen: held back, delay = the max delay; members that came back
//                   empty are remembered as candidates
//                 - seen again before the delay ran out: still held, delay = the time left
//                 - the delay ran out: given round-robin to the candidates (a worker that came
//                   back), or, with none, spread like new ones
//   balance     no revocation while a delay is active. Otherwise each member keeps at most its
//               fair share (total / members, one more for the first `total % members` members
//               above the floor); the excess is revoked from the front of its list. Two
//               revoking rounds in a row back off exponentially (1 ms × 40^n, capped at the max
//               delay) instead of revoking again at once (KAFKA-12495).
//   new         connectors and tasks nobody ran: round-robin over the least loaded members
//               (ties by member id), connectors first, then tasks.
//
// Kafka iterates members in a java.util.HashMap's order of member ids; kafkasim iterates them in
// sorted order, which is deterministic and the same for the ids the tests use.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/protocol/connect_assignment.h"
#include "sim/core/time.h"

namespace kafkasim {

class IncrementalCooperativeAssignor {
 public:
  explicit IncrementalCooperativeAssignor(Duration max_delay);

  // One rebalance: `configured` maps each connector of the config snapshot to its task count;
  // `members` is every member's current assignment as it reported it in JoinGroup. The previous
  // round's view is forgotten when `last_completed_generation` is not the generation this
  // assignor last assigned (the leader failed to sync it).
  ConnectClusterAssignment PerformTaskAssignment(Time now, const std::map<std::string, int32_t>& configured,
                                                 int32_t last_completed_generation, int32_t current_generation,
                                                 const WorkerAssignments& members);

  // When the held-back lost assignments move (Time() when none are held).
  Time scheduled_rebalance() const { return scheduled_rebalance_; }
  Duration delay() const { return delay_; }
  const std::set<std::string>& candidate_workers() const { return candidate_workers_; }

 private:
  struct WorkerLoad {
    std::string worker;
    ConnectorsAndTasks load;
  };

  void HandleLostAssignments(Time now, const ConnectorsAndTasks& lost, ConnectorsAndTasks& to_reassign,
                             std::vector<WorkerLoad>& next);
  void ResetDelay();
  static void AssignRoundRobin(std::vector<WorkerLoad>& next, const ConnectorsAndTasks& to_assign);
  Duration ConsecutiveRevocationBackoff(int attempts) const;

  Duration max_delay_;
  ConnectorsAndTasks previous_assignment_;  // sorted: a set
  ConnectorsAndTasks previous_revocation_;
  bool revoked_in_previous_ = false;
  std::set<std::string> candidate_workers_;
  Time scheduled_rebalance_;  // Time() = none scheduled
  Duration delay_;
  int32_t previous_generation_ = -1;
  std::set<std::string> previous_members_;
  int successive_revoking_rebalances_ = 0;
};

}  // namespace kafkasim
