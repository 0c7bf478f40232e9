#pragma once
// A distributed Connect worker's membership in its group (Kafka 3.7 WorkerCoordinator over
// AbstractCoordinator, with the rebalance follow-ups of DistributedHerder.handleRebalanceCompleted):
//
//   JoinGroup  protocol type "connect"; protocols "sessioned" then "compatible" (the names
//              connect.protocol allows, best first; "default", the eager v0 protocol, is not
//              modelled), each with the worker's REST URL, how far it has read the config topic,
//              and what it runs now (incremental cooperative: it keeps running it while rejoining)
//   leader     PerformConnectLeaderAssignment with its IncrementalCooperativeAssignor, which it
//              keeps across rebalances (lost work and its delay are remembered there)
//   SyncGroup  the worker stops what is revoked, starts what is new, and runs the rest on; then
//                - revoked anything: rejoins at once, so the next round hands it to its new owner
//                - a delay (scheduled.rebalance.max.delay.ms held lost work back): rejoins when
//                  it runs out, so the leader reassigns what is still lost
//                - CONFIG_MISMATCH: the leader was behind on the config topic; rejoins
//
// The worker's running work lives here (Kafka's assignmentSnapshot); WorkerCoordinator::Hooks
// tell the worker what to start and stop, and ask it for its config snapshot.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/client/abstract_coordinator.h"
#include "sim/protocol/connect_assignment.h"
#include "sim/protocol/connect_protocol.h"
#include "sim/connect/distributed_config.h"
#include "sim/connect/incremental_cooperative_assignor.h"

namespace kafkasim {

struct WorkerCoordinatorConfig {
  GroupMembershipConfig membership;  // group.id, session/heartbeat/rebalance timeouts; client_id "connect-1"
  std::string rest_url;              // "http://localhost:8083/": sent to the leader, handed to followers
  ConnectProtocolCompatibility connect_protocol = ConnectProtocolCompatibility::kSessioned;
  Duration scheduled_rebalance_max_delay = Duration::Millis(300000);
};

// From a worker's DistributedConfig: its group settings, with `client_id` and `rest_url`.
WorkerCoordinatorConfig MakeWorkerCoordinatorConfig(const DistributedConfig& c, std::string client_id,
                                                    std::string rest_url, Duration request_timeout,
                                                    Duration retry_backoff);

class WorkerCoordinator : public AbstractCoordinator {
 public:
  struct Hooks {
    // The config topic snapshot: how far it is read (-1: nothing) and connector → task count.
    std::function<int64_t()> config_offset;
    std::function<std::map<std::string, int32_t>()> configured_tasks;
    // Stop these (revoked, or lost with the generation); then start these (new this round).
    std::function<void(const ConnectorsAndTasks& stop)> on_revoked;
    std::function<void(const ConnectorsAndTasks& start, const ConnectAssignment& assignment)> on_assigned;
    std::function<void(Time)> wake;
  };

  // Rejects connect.protocol=eager (the v0 protocol is not modelled): check before constructing.
  WorkerCoordinator(Simulation& sim, NodeId self, const BrokerDirectory& directory, NetworkClient& network,
                    ClientMetadata& metadata, WorkerCoordinatorConfig config, Hooks hooks);

  // What this worker runs now (its assignment snapshot, in the order it was assigned).
  const ConnectorsAndTasks& running() const { return running_; }
  // The last SyncGroup assignment, decoded (nullopt before the first).
  const std::optional<ConnectAssignment>& last_assignment() const { return last_assignment_; }
  bool is_leader() const { return last_assignment_ && last_assignment_->leader == member_id(); }
  // When this worker rejoins for lost work held back (Time::Max() when nothing is scheduled).
  Time scheduled_rebalance() const { return scheduled_rebalance_; }
  int32_t last_completed_generation() const { return last_completed_generation_; }
  const WorkerCoordinatorConfig& config() const { return config_; }
  // close(): LeaveGroup, then `done`.
  void Close(std::function<void()> done) { LeaveGroup("the consumer is being closed", std::move(done)); }

 protected:
  std::string_view protocol_type() const override { return "connect"; }
  std::string_view event_prefix() const override { return "connect"; }
  std::string_view member_noun() const override { return "worker"; }
  std::string_view logger() const override { return "org.apache.kafka.connect.runtime.distributed.WorkerCoordinator"; }
  std::string_view poll_timeout_setting() const override { return "rebalance.timeout.ms"; }
  bool active() const override { return true; }
  std::vector<JoinGroupProtocol> JoinMetadata() override;
  void OnJoinPrepare() override;
  std::vector<SyncGroupAssignment> OnLeaderElected(const JoinGroupResponse& r) override;
  void OnJoinComplete(const std::string& assignment) override;
  void OnFenced() override;
  void OnPollStable(Time now) override;
  void Wake(Time at) override { hooks_.wake(at); }

 private:
  WorkerCoordinatorConfig config_;
  Hooks hooks_;
  IncrementalCooperativeAssignor assignor_;
  ConnectorsAndTasks running_;
  std::optional<ConnectAssignment> last_assignment_;
  int32_t last_completed_generation_ = kNoGeneration;
  Time scheduled_rebalance_ = Time::Max();
};

}  // namespace kafkasim
