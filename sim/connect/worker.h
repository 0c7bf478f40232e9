#pragma once
// A Kafka Connect worker in standalone mode, as a simulated process (node "connect-N"): Kafka's
// ConnectStandalone with its StandaloneHerder, Worker and RestServer in one JVM.
//
//   start     look up the Kafka cluster id (a Metadata request to bootstrap.servers, retried each
//             second; Kafka gives up after default.api.timeout.ms, 60 s, and exits), then create
//             the connectors of the command line's files in order, then answer REST requests.
//   herder    connectors and their tasks, their target states (started, paused, stopped) and
//             statuses; the operations behind the REST API (herder.cpp).
//   offsets   every offset.flush.interval.ms each task commits: source offsets into the offset
//             file, sink consumer offsets (worker_disk.h).
//   crash     the process is gone: its tasks' clients die with it, nothing is committed. A
//             restart reads the command line's connector files again; connectors created over
//             REST are lost (standalone keeps configs in memory only).
//
// The herder's operations, and how they fail, are Kafka's Herder interface (herder.h).

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/client/network_client.h"
#include "sim/connect/connect_state.h"
#include "sim/connect/connector_config.h"
#include "sim/connect/herder.h"
#include "sim/connect/worker_disk.h"
#include "sim/connect/worker_task.h"
#include "sim/core/simulation.h"

namespace kafkasim {

class Worker : public Process, public Herder {
 public:
  using Json = nlohmann::ordered_json;

  Worker(Simulation& sim, NodeId self, const BrokerDirectory& directory, WorkerDisk& disk,
         std::function<void(const std::string&)> print);
  ~Worker() override;

  void OnStart() override;
  void OnMessage(const Envelope& envelope) override;
  void Shutdown(std::function<void()> done) override;

  // Started: the cluster id is known and the REST API answers.
  bool ready() const override { return ready_; }
  const std::string& kafka_cluster_id() const override { return cluster_id_; }
  const WorkerConfig& config() const { return disk_.config; }
  const std::string& worker_id() const override { return worker_id_; }

  // --- the herder (herder.cpp); connector names are listed in a java.util.HashMap's order ---
  bool Has(const std::string& name) const override { return connectors_.contains(name); }
  KAFKASIM_HERDER_OPERATIONS
  // A FAILED task's stack trace (for tests).
  std::optional<std::string> TaskTraceOf(const std::string& name, int32_t task) const;

 private:
  struct Connector {
    ConfigJson config;
    ConnectorConfig parsed;
    TargetState target = TargetState::kStarted;
    ConnectStatus status;
    std::vector<ConfigJson> task_configs;
    std::vector<std::unique_ptr<WorkerTask>> tasks;
    std::vector<ConnectStatus> task_status;
  };

  // --- worker.cpp ---
  void LookUpClusterId();
  void BecomeReady();
  void ScheduleOffsetFlush();
  void SetState(const std::string& connector, std::optional<int32_t> task, ConnectStatus status);

  // --- herder.cpp ---
  void StartConnector(const std::string& name);
  void StopTasks(Connector& c, bool clean);
  void StartTasks(const std::string& name);
  void StartTask(const std::string& name, int32_t index);
  std::unique_ptr<WorkerTask> MakeTask(const std::string& name, int32_t index);
  Json StatusJson(const std::string& name, const Connector& c) const;
  Json StatusEntry(const ConnectStatus& s) const;

  Simulation& sim_;
  NodeId self_;
  const BrokerDirectory& directory_;
  WorkerDisk& disk_;
  std::function<void(const std::string&)> print_;
  NetworkClient network_;
  std::string worker_id_;
  std::string cluster_id_;
  bool ready_ = false;
  Time started_at_;
  size_t next_bootstrap_ = 0;
  std::vector<std::string> creation_order_;  // connector names as created (HashMap insertion order)
  std::map<std::string, Connector> connectors_;
};

}  // namespace kafkasim
