#pragma once
// What the REST API and the `expect` queries ask of a Connect worker, standalone or distributed
// (Kafka 3.7's Herder interface): the connector operations behind each endpoint and the statuses.
//
// Operations fail as Kafka's herders fail them: a HerderError carries the HTTP status the REST
// layer answers with (NotFoundException 404, AlreadyExistsException 409, BadRequestException 400,
// ConnectException 500) and the exception's message.
//
//   Worker              standalone (worker.h, herder.cpp): everything in one process's memory
//   DistributedWorker   distributed (distributed_worker.h): configs written to the config topic
//                       by the group's leader, statuses read from the status topic
//
// The pieces both run connectors with (validation, the task split, the tasks themselves, the REST
// JSON) are in connector_runtime.h.

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/connect/connect_state.h"
#include "sim/connect/connector_config.h"

namespace kafkasim {

struct HerderError {
  int status = 500;
  std::string message;
};
template <typename T>
using HerderResult = std::variant<T, HerderError>;

class Herder {
 public:
  using Json = nlohmann::ordered_json;
  virtual ~Herder() = default;

  // Started: the REST API answers.
  virtual bool ready() const = 0;
  virtual const std::string& kafka_cluster_id() const = 0;
  // The worker id Kafka reports in statuses: "localhost:8083".
  virtual const std::string& worker_id() const = 0;

  // Connector names in the order Kafka lists them.
  virtual std::vector<std::string> ConnectorNames() const = 0;
  virtual bool Has(const std::string& name) const = 0;
  // POST /connectors (allow_replace false) and PUT /connectors/{name}/config (true). Returns
  // whether it was created, and the connector's info.
  virtual HerderResult<std::pair<bool, Json>> PutConnectorConfig(const std::string& name, ConfigJson config,
                                                                 bool allow_replace,
                                                                 TargetState initial = TargetState::kStarted) = 0;
  virtual std::optional<HerderError> DeleteConnector(const std::string& name) = 0;
  virtual std::optional<HerderError> SetTargetState(const std::string& name, TargetState target) = 0;
  // POST /connectors/{name}/restart: nullopt body when only the connector was restarted (204), else
  // the status with RESTARTING where a restart was planned (202).
  virtual HerderResult<std::optional<Json>> RestartConnector(const std::string& name, bool include_tasks,
                                                             bool only_failed) = 0;
  virtual std::optional<HerderError> RestartTask(const std::string& name, int32_t task) = 0;
  // JSON as the REST API returns it.
  virtual HerderResult<Json> ConnectorInfo(const std::string& name) const = 0;
  virtual HerderResult<Json> ConnectorStatus(const std::string& name) const = 0;
  virtual HerderResult<Json> TaskStatus(const std::string& name, int32_t task) const = 0;
  virtual HerderResult<Json> TaskConfigs(const std::string& name) const = 0;
  virtual HerderResult<Json> ConnectorConfigJson(const std::string& name) const = 0;
  // Validation of a connector config against its plugin (PUT .../config/validate).
  virtual HerderResult<Json> ValidateConfig(ConfigJson config) const = 0;

  // For queries and tests, what the status API says: states by name, and the worker a task is
  // reported on; nullopt when there is no such connector / task (or no status for it).
  virtual std::optional<ConnectState> ConnectorStateOf(const std::string& name) const = 0;
  virtual std::optional<ConnectState> TaskStateOf(const std::string& name, int32_t task) const = 0;
  virtual std::optional<std::string> TaskWorkerOf(const std::string& name, int32_t task) const = 0;
};

// The operations' overrides, declared once for both herders (the standalone Worker and the
// DistributedWorker); what each does is said above.
#define KAFKASIM_HERDER_OPERATIONS                                                                                  \
  std::vector<std::string> ConnectorNames() const override;                                                         \
  HerderResult<std::pair<bool, Json>> PutConnectorConfig(                                                           \
      const std::string& name, ConfigJson config, bool allow_replace, TargetState initial = TargetState::kStarted)  \
      override;                                                                                                     \
  std::optional<HerderError> DeleteConnector(const std::string& name) override;                                     \
  std::optional<HerderError> SetTargetState(const std::string& name, TargetState target) override;                  \
  HerderResult<std::optional<Json>> RestartConnector(const std::string& name, bool include_tasks, bool only_failed) \
      override;                                                                                                     \
  std::optional<HerderError> RestartTask(const std::string& name, int32_t task) override;                           \
  HerderResult<Json> ConnectorInfo(const std::string& name) const override;                                         \
  HerderResult<Json> ConnectorStatus(const std::string& name) const override;                                       \
  HerderResult<Json> TaskStatus(const std::string& name, int32_t task) const override;                              \
  HerderResult<Json> TaskConfigs(const std::string& name) const override;                                           \
  HerderResult<Json> ConnectorConfigJson(const std::string& name) const override;                                   \
  HerderResult<Json> ValidateConfig(ConfigJson config) const override;                                              \
  std::optional<ConnectState> ConnectorStateOf(const std::string& name) const override;                             \
  std::optional<ConnectState> TaskStateOf(const std::string& name, int32_t task) const override;                    \
  std::optional<std::string> TaskWorkerOf(const std::string& name, int32_t task) const override;

}  // namespace kafkasim
