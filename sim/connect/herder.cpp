// The Worker's herder operations (Kafka 3.7 StandaloneHerder + AbstractHerder): creating,
// reconfiguring, pausing, resuming, stopping, restarting and deleting connectors, and the JSON
// the REST API returns about them.

#include <fmt/format.h>

#include "sim/admin/hashing.h"
#include "sim/connect/connector_runtime.h"
#include "sim/connect/worker.h"
#include "sim/core/domain_event.h"

namespace kafkasim {
namespace {

using Json = nlohmann::ordered_json;

HerderError NotFound(const std::string& message) { return HerderError{.status = 404, .message = message}; }

}  // namespace

std::vector<std::string> Worker::ConnectorNames() const {
  return JavaHashMapOrder(creation_order_, JavaHashMapTableSize(creation_order_.size()));
}

HerderResult<Json> Worker::ValidateConfig(ConfigJson config) const { return ValidateConfigInfos(config); }

HerderResult<std::pair<bool, Json>> Worker::PutConnectorConfig(const std::string& name, ConfigJson config,
                                                               bool allow_replace, TargetState initial) {
  auto parsed = ValidateForHerder(config);
  if (auto* e = std::get_if<HerderError>(&parsed)) return *e;
  const bool exists = connectors_.contains(name);
  if (exists && !allow_replace) return HerderError{.status = 409, .message = "Connector " + name + " already exists"};
  if (exists) {
    Connector& c = connectors_.at(name);
    StopTasks(c, /*clean=*/true);
    c.config = std::move(config);
    c.parsed = std::get<ConnectorConfig>(std::move(parsed));
  } else {
    Connector c{.config = std::move(config), .parsed = std::get<ConnectorConfig>(std::move(parsed)), .target = initial};
    connectors_.emplace(name, std::move(c));
    creation_order_.push_back(name);
  }
  EmitDomainEvent(sim_, self_,
                  {.kind = "connect.connector_config",
                   .narration = fmt::format("connector {} {} ({}, tasks.max={})", name, exists ? "reconfigured" : "created",
                                            connectors_.at(name).parsed.plugin->class_name,
                                            connectors_.at(name).parsed.tasks_max)});
  StartConnector(name);
  return std::pair{!exists, std::get<Json>(ConnectorInfo(name))};
}

void Worker::StartConnector(const std::string& name) {
  Connector& c = connectors_.at(name);
  c.task_configs.clear();
  c.task_status.clear();
  if (c.target == TargetState::kStopped) {
    SetState(name, std::nullopt, {.state = ConnectState::kStopped});
    return;
  }
  SetState(name, std::nullopt, {.state = c.target == TargetState::kPaused ? ConnectState::kPaused : ConnectState::kRunning});
  c.task_configs = ConnectorTaskConfigs(c.parsed, c.config);
  StartTasks(name);
}

void Worker::StartTasks(const std::string& name) {
  Connector& c = connectors_.at(name);
  c.tasks.clear();
  c.tasks.resize(c.task_configs.size());
  c.task_status.assign(c.task_configs.size(), ConnectStatus{});
  for (int32_t i = 0; i < static_cast<int32_t>(c.task_configs.size()); ++i) StartTask(name, i);
}

std::unique_ptr<WorkerTask> Worker::MakeTask(const std::string& name, int32_t index) {
  Connector& c = connectors_.at(name);
  TaskContext context{.sim = sim_,
                      .directory = directory_,
                      .disk = disk_,
                      .worker = self_,
                      .on_failure =
                          [this, name, index](const std::string& trace) {
                            SetState(name, index, {.state = ConnectState::kFailed, .trace = trace});
                            auto it = connectors_.find(name);
                            if (it != connectors_.end() && it->second.tasks.at(static_cast<size_t>(index))) {
                              it->second.tasks[static_cast<size_t>(index)]->Stop();
                            }
                          },
                      .print = print_};
  return MakeWorkerTask(std::move(context), c.parsed, index, static_cast<int32_t>(c.task_configs.size()));
}

void Worker::StartTask(const std::string& name, int32_t index) {
  Connector& c = connectors_.at(name);
  auto& slot = c.tasks.at(static_cast<size_t>(index));
  if (slot) slot->Stop();
  slot = MakeTask(name, index);
  SetState(name, index, {.state = ConnectState::kRunning});
  slot->Start();
  if (c.target == TargetState::kPaused && c.task_status[static_cast<size_t>(index)].state == ConnectState::kRunning) {
    slot->Pause();
    SetState(name, index, {.state = ConnectState::kPaused});
  }
}

void Worker::StopTasks(Connector& c, bool clean) {
  for (auto& t : c.tasks) {
    if (!t) continue;
    if (clean) {
      t->Stop();
    } else {
      t->Abandon();
    }
  }
  c.tasks.clear();
}

std::optional<HerderError> Worker::DeleteConnector(const std::string& name) {
  auto it = connectors_.find(name);
  if (it == connectors_.end()) return ConnectorNotFound(name);
  StopTasks(it->second, /*clean=*/true);
  connectors_.erase(it);
  std::erase(creation_order_, name);
  EmitDomainEvent(sim_, self_, {.kind = "connect.connector_deleted", .narration = "connector " + name + " deleted"});
  return std::nullopt;
}

std::optional<HerderError> Worker::SetTargetState(const std::string& name, TargetState target) {
  auto it = connectors_.find(name);
  if (it == connectors_.end()) return ConnectorNotFound(name);
  Connector& c = it->second;
  if (c.target == target) return std::nullopt;
  const TargetState before = c.target;
  c.target = target;
  if (target == TargetState::kStopped || before == TargetState::kStopped) {
    // KIP-875: a stopped connector has no tasks; leaving STOPPED starts it afresh.
    StopTasks(c, /*clean=*/true);
    StartConnector(name);
    return std::nullopt;
  }
  const bool pause = target == TargetState::kPaused;
  SetState(name, std::nullopt, {.state = pause ? ConnectState::kPaused : ConnectState::kRunning});
  for (size_t i = 0; i < c.tasks.size(); ++i) {
    if (!c.tasks[i] || c.task_status[i].state == ConnectState::kFailed) continue;
    if (pause) {
      c.tasks[i]->Pause();
    } else {
      c.tasks[i]->Resume();
    }
    SetState(name, static_cast<int32_t>(i), {.state = pause ? ConnectState::kPaused : ConnectState::kRunning});
  }
  return std::nullopt;
}

HerderResult<std::optional<Json>> Worker::RestartConnector(const std::string& name, bool include_tasks,
                                                           bool only_failed) {
  auto it = connectors_.find(name);
  if (!include_tasks && !only_failed) {
    // The pre-KIP-745 restart: the connector alone, 204.
    if (it == connectors_.end()) return ConnectorNotFound(name);
    SetState(name, std::nullopt, {.state = ConnectState::kRestarting});
    SetState(name, std::nullopt, {.state = it->second.target == TargetState::kPaused ? ConnectState::kPaused
                                                                                  : ConnectState::kRunning});
    return std::optional<Json>();
  }
  if (it == connectors_.end()) return NotFound("Status for connector " + name + " not found");
  Connector& c = it->second;
  // RestartPlan: the connector unless only failed ones were asked for and it has not failed;
  // tasks when asked for, failed ones only with onlyFailed.
  const bool restart_connector = !only_failed || c.status.state == ConnectState::kFailed;
  std::vector<int32_t> restart_tasks;
  for (size_t i = 0; i < c.task_status.size(); ++i) {
    if (include_tasks && (!only_failed || c.task_status[i].state == ConnectState::kFailed)) {
      restart_tasks.push_back(static_cast<int32_t>(i));
    }
  }
  Json body = StatusJson(name, c);
  if (restart_connector) body["connector"]["state"] = "RESTARTING";
  for (int32_t t : restart_tasks) body["tasks"][static_cast<size_t>(t)]["state"] = "RESTARTING";
  for (int32_t t : restart_tasks) body["tasks"][static_cast<size_t>(t)].erase("trace");
  if (restart_connector) body["connector"].erase("trace");
  if (restart_connector) {
    SetState(name, std::nullopt, {.state = ConnectState::kRestarting});
    SetState(name, std::nullopt, {.state = c.target == TargetState::kPaused ? ConnectState::kPaused : ConnectState::kRunning});
  }
  for (int32_t t : restart_tasks) {
    SetState(name, t, {.state = ConnectState::kRestarting});
    StartTask(name, t);
  }
  return std::optional<Json>(std::move(body));
}

std::optional<HerderError> Worker::RestartTask(const std::string& name, int32_t task) {
  auto it = connectors_.find(name);
  if (it == connectors_.end()) return ConnectorNotFound(name);
  if (task < 0 || task >= static_cast<int32_t>(it->second.task_configs.size())) {
    return NotFound(fmt::format("Task {}-{} not found", name, task));
  }
  SetState(name, task, {.state = ConnectState::kRestarting});
  StartTask(name, task);
  return std::nullopt;
}

HerderResult<Json> Worker::ConnectorInfo(const std::string& name) const {
  auto it = connectors_.find(name);
  if (it == connectors_.end()) return ConnectorNotFound(name);
  const Connector& c = it->second;
  return ConnectorInfoJson(name, c.config, c.task_configs.size(), c.parsed.plugin->type);
}

Json Worker::StatusEntry(const ConnectStatus& s) const { return StatusEntryJson(s.state, s.trace, worker_id_); }

Json Worker::StatusJson(const std::string& name, const Connector& c) const {
  Json tasks = Json::array();
  for (size_t i = 0; i < c.task_status.size(); ++i) {
    tasks.push_back(StatusEntryJson(c.task_status[i].state, c.task_status[i].trace, worker_id_, static_cast<int32_t>(i)));
  }
  return Json{{"name", name}, {"connector", StatusEntry(c.status)}, {"tasks", tasks},
              {"type", ToString(c.parsed.plugin->type)}};
}

HerderResult<Json> Worker::ConnectorStatus(const std::string& name) const {
  auto it = connectors_.find(name);
  if (it == connectors_.end()) return NotFound("No status found for connector " + name);
  return StatusJson(name, it->second);
}

HerderResult<Json> Worker::TaskStatus(const std::string& name, int32_t task) const {
  auto it = connectors_.find(name);
  if (it == connectors_.end() || task < 0 || task >= static_cast<int32_t>(it->second.task_status.size())) {
    return NotFound(fmt::format("No status found for task {}-{}", name, task));
  }
  const ConnectStatus& s = it->second.task_status[static_cast<size_t>(task)];
  return StatusEntryJson(s.state, s.trace, worker_id_, task);
}

HerderResult<Json> Worker::TaskConfigs(const std::string& name) const {
  auto it = connectors_.find(name);
  if (it == connectors_.end()) return ConnectorNotFound(name);
  Json out = Json::array();
  for (size_t i = 0; i < it->second.task_configs.size(); ++i) {
    out.push_back(Json{{"id", Json{{"connector", name}, {"task", i}}}, {"config", it->second.task_configs[i]}});
  }
  return out;
}

HerderResult<Json> Worker::ConnectorConfigJson(const std::string& name) const {
  auto it = connectors_.find(name);
  if (it == connectors_.end()) return ConnectorNotFound(name);
  return it->second.config;
}

std::optional<ConnectState> Worker::ConnectorStateOf(const std::string& name) const {
  auto it = connectors_.find(name);
  if (it == connectors_.end()) return std::nullopt;
  return it->second.status.state;
}

std::optional<ConnectState> Worker::TaskStateOf(const std::string& name, int32_t task) const {
  auto it = connectors_.find(name);
  if (it == connectors_.end() || task < 0 || task >= static_cast<int32_t>(it->second.task_status.size())) {
    return std::nullopt;
  }
  return it->second.task_status[static_cast<size_t>(task)].state;
}

std::optional<std::string> Worker::TaskWorkerOf(const std::string& name, int32_t task) const {
  if (!TaskStateOf(name, task)) return std::nullopt;
  return worker_id_;
}

std::optional<std::string> Worker::TaskTraceOf(const std::string& name, int32_t task) const {
  auto it = connectors_.find(name);
  if (it == connectors_.end() || task < 0 || task >= static_cast<int32_t>(it->second.task_status.size())) {
    return std::nullopt;
  }
  return it->second.task_status[static_cast<size_t>(task)].trace;
}

}  // namespace kafkasim
