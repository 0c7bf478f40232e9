#pragma once
// A Kafka Connect worker in distributed mode, as a simulated process (node "connect-N"): Kafka
// 3.7's ConnectDistributed with its DistributedHerder, Worker and RestServer in one JVM.
//
//   start     learn the cluster (a Metadata request to bootstrap.servers, which gives the cluster
//             id), create the internal topics that are missing (TopicAdmin, in Kafka's order:
//             offsets, status, config), read each to its end (KafkaBasedLog), then join the group
//             group.id (WorkerCoordinator). The worker is ready — REST answers — once it has its
//             first assignment.
//   configs   every worker replays connect-configs into a ClusterConfigState. Only the group's
//             leader writes it: a connector's config, then, once it has read it back, the
//             connector's task split (task-C-N records and commit-C), then it rebalances so the new
//             work is handed out.
//   running   what the group assigns this worker it starts (connectors, tasks: the standalone
//             worker's machinery, connector_runtime.h), what it revokes it stops; every state
//             change is written to connect-status, which every worker reads: GET status answers
//             from there, whoever runs the task.
//   offsets   source tasks commit every offset.flush.interval.ms into connect-offsets (the worker's
//             OffsetStore, filled from the topic: a task moved to another worker resumes from the
//             last commit).
//   REST      reads are answered by any worker; writes by the leader: another worker forwards them
//             to the leader's REST URL (from the last assignment) and relays its answer
//             (HerderRequestHandler); with no known leader, 409.
//   crash     nothing is written: the statuses of its tasks stay RUNNING on its worker id until the
//             group reassigns them (after session.timeout.ms and scheduled.rebalance.max.delay.ms).

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/client/client_metadata.h"
#include "sim/client/network_client.h"
#include "sim/connect/cluster_config_state.h"
#include "sim/connect/herder.h"
#include "sim/connect/http_messages.h"
#include "sim/connect/kafka_based_log.h"
#include "sim/connect/status_topic.h"
#include "sim/connect/topic_admin.h"
#include "sim/connect/worker_coordinator.h"
#include "sim/connect/worker_disk.h"
#include "sim/connect/worker_task.h"
#include "sim/core/simulation.h"
#include "sim/core/wake_timer.h"

namespace kafkasim {

class DistributedWorker : public Process, public Herder {
 public:
  using Json = nlohmann::ordered_json;
  // `rest_node` finds the worker node listening on a port (where forwarded requests go).
  DistributedWorker(Simulation& sim, NodeId self, const BrokerDirectory& directory, WorkerDisk& disk,
                    std::function<NodeId(int32_t port)> rest_node, std::function<void(const std::string&)> print);
  ~DistributedWorker() override;

  void OnStart() override;
  void OnMessage(const Envelope& envelope) override;
  void Shutdown(std::function<void()> done) override;

  const DistributedConfig& config() const { return *disk_.distributed; }
  const WorkerCoordinator& coordinator() const { return coordinator_; }
  const ClusterConfigState& config_state() const { return config_state_; }
  bool is_leader() const { return coordinator_.is_leader(); }

  // --- Herder (distributed_herder.cpp) ---
  bool ready() const override { return ready_; }
  const std::string& kafka_cluster_id() const override { return cluster_id_; }
  const std::string& worker_id() const override { return worker_id_; }
  bool Has(const std::string& name) const override { return config_state_.contains(name); }
  KAFKASIM_HERDER_OPERATIONS

 private:
  enum class Phase { kMetadata, kTopics, kReading, kJoining, kRunning };
  struct PendingForward {
    NodeId from;
    uint64_t id;
  };

  // --- distributed_worker.cpp: the process ---
  void Tick();
  void RefreshMetadata();
  void CreateTopics(size_t next);
  void StartLogs();
  void Die(const std::string& error);
  void ScheduleOffsetFlush();
  void HandleRest(const Envelope& envelope, const HttpRequest& request);
  // Sends `request` on to the worker at `url` and relays its answer; `why` and `rule` narrate it.
  void Forward(const Envelope& envelope, const HttpRequest& request, const std::string& url, const std::string& why,
               const std::string& rule);
  void Reply(NodeId to, uint64_t id, HttpResponse response);

  // --- distributed_herder.cpp: configs, assignment, statuses ---
  void OnConfigRecord(const ConsumerRecord& record);
  void OnStatusRecord(const ConsumerRecord& record);
  void WriteConfig(const ConfigTopicRecord& record);
  void WriteTaskConfigs(const std::string& connector);
  void RequestReconfigRebalance();
  void OnRevoked(const ConnectorsAndTasks& stop);
  void OnAssigned(const ConnectorsAndTasks& start, const ConnectAssignment& assignment);
  void StartPending();
  void StartConnector(const std::string& connector);
  void StartTask(const ConnectorTaskId& id);
  void StopTask(const ConnectorTaskId& id);
  void ApplyTargetState(const std::string& connector);
  void WriteStatus(const std::string& connector, std::optional<int32_t> task, ConnectState state,
                   const std::string& trace = "");
  std::optional<HerderError> NotLeader() const;

  Simulation& sim_;
  NodeId self_;
  const BrokerDirectory& directory_;
  WorkerDisk& disk_;
  std::function<NodeId(int32_t)> rest_node_;
  std::function<void(const std::string&)> print_;
  NetworkClient network_;
  ClientMetadata metadata_;
  WorkerCoordinator coordinator_;
  TopicAdmin admin_;
  std::vector<std::unique_ptr<KafkaBasedLog>> logs_;  // offsets, status, config (Kafka's start order)
  KafkaBasedLog* offset_log_ = nullptr;
  KafkaBasedLog* status_log_ = nullptr;
  KafkaBasedLog* config_log_ = nullptr;
  ClusterConfigState config_state_;
  StatusStore status_;
  std::string worker_id_;
  std::string cluster_id_;
  Phase phase_ = Phase::kMetadata;
  bool ready_ = false;
  bool needs_reconfig_rebalance_ = false;
  bool metadata_in_flight_ = false;
  size_t next_bootstrap_ = 0;
  WakeTimer wake_;  // the herder's tick: the coordinator's poll loop
  // What this worker runs: its connectors, and its tasks with their running code.
  std::set<std::string> connectors_;
  std::map<ConnectorTaskId, std::unique_ptr<WorkerTask>> tasks_;
  // Assigned while the config topic was read only up to an older offset: started once it is read to
  // `pending_offset_`.
  ConnectorsAndTasks pending_;
  int64_t pending_offset_ = -1;
  uint64_t next_forward_id_ = 1;
  std::map<uint64_t, PendingForward> forwards_;
};

}  // namespace kafkasim
