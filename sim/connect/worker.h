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
// Operations fail as Kafka's herder fails them: a HerderError carries the HTTP status the REST
// layer answers with (NotFoundException 404, AlreadyExistsException 409, BadRequestException
// 400, ConnectException 500) and the exception's message.

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
#include "sim/connect/worker_disk.h"
#include "sim/connect/worker_task.h"
#include "sim/core/simulation.h"

namespace kafkasim {

struct HerderError {
  int status = 500;
  std::string message;
};
template <typename T>
using HerderResult = std::variant<T, HerderError>;

class Worker : public Process {
 public:
  using Json = nlohmann::ordered_json;

  Worker(Simulation& sim, NodeId self, const BrokerDirectory& directory, WorkerDisk& disk,
         std::function<void(const std::string&)> print);
  ~Worker() override;

  void OnStart() override;
  void OnMessage(const Envelope& envelope) override;
  void Shutdown(std::function<void()> done) override;

  // Started: the cluster id is known and the REST API answers.
  bool ready() const { return ready_; }
  const std::string& kafka_cluster_id() const { return cluster_id_; }
  const WorkerConfig& config() const { return disk_.config; }
  const std::string& worker_id() const { return worker_id_; }

  // --- the herder (herder.cpp) ---
  // Connector names in the order Kafka lists them (a java.util.HashMap's keys).
  std::vector<std::string> ConnectorNames() const;
  bool Has(const std::string& name) const { return connectors_.contains(name); }
  // POST /connectors (allow_replace false) and PUT /connectors/{name}/config (true). Returns
  // whether it was created, and the connector's info.
  HerderResult<std::pair<bool, Json>> PutConnectorConfig(const std::string& name, ConfigJson config,
                                                         bool allow_replace, TargetState initial = TargetState::kStarted);
  std::optional<HerderError> DeleteConnector(const std::string& name);
  std::optional<HerderError> SetTargetState(const std::string& name, TargetState target);
  // POST /connectors/{name}/restart: nullopt body when only the connector was restarted (204),
  // else the status with RESTARTING where a restart was planned (202).
  HerderResult<std::optional<Json>> RestartConnector(const std::string& name, bool include_tasks, bool only_failed);
  std::optional<HerderError> RestartTask(const std::string& name, int32_t task);
  // JSON as the REST API returns it.
  HerderResult<Json> ConnectorInfo(const std::string& name) const;
  HerderResult<Json> ConnectorStatus(const std::string& name) const;
  HerderResult<Json> TaskStatus(const std::string& name, int32_t task) const;
  HerderResult<Json> TaskConfigs(const std::string& name) const;
  HerderResult<Json> ConnectorConfigJson(const std::string& name) const;
  // Validation of a connector config against its plugin (PUT .../config/validate).
  HerderResult<Json> ValidateConfig(ConfigJson config) const;

  // For queries and tests: states by name; nullopt when there is no such connector / task.
  std::optional<ConnectState> ConnectorStateOf(const std::string& name) const;
  std::optional<ConnectState> TaskStateOf(const std::string& name, int32_t task) const;
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
  HerderResult<ConnectorConfig> Validate(const ConfigJson& config) const;
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
