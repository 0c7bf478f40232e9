// The DistributedWorker's herder (Kafka 3.7 DistributedHerder): the REST operations (writes on the
// leader only: DistributedWorker::HandleRest forwards them there), the config topic's records as
// every worker reads them back, the group's assignment turned into running connectors and tasks,
// and the statuses every worker writes and reads.

#include <fmt/format.h>

#include "sim/admin/hashing.h"
#include "sim/connect/connector_runtime.h"
#include "sim/connect/distributed_worker.h"
#include "sim/core/domain_event.h"

namespace kafkasim {
namespace {

using Json = nlohmann::ordered_json;

HerderError NotFound(const std::string& message) { return HerderError{.status = 404, .message = message}; }

}  // namespace

// --- REST operations ---

std::optional<HerderError> DistributedWorker::NotLeader() const {
  // A write that reached a worker that is no longer (or not yet) the leader: Kafka's
  // NotLeaderException without a leader URL to forward to.
  if (is_leader()) return std::nullopt;
  return HerderError{.status = 409,
                     .message =
                         "Cannot complete request momentarily due to no known leader URL, likely because a "
                         "rebalance was underway."};
}

std::vector<std::string> DistributedWorker::ConnectorNames() const {
  const std::vector<std::string> names = config_state_.connectors();
  return JavaHashMapOrder(names, JavaHashMapTableSize(names.size()));
}

HerderResult<std::pair<bool, Json>> DistributedWorker::PutConnectorConfig(const std::string& name, ConfigJson config,
                                                                          bool allow_replace, TargetState initial) {
  if (auto e = NotLeader()) return *e;
  auto parsed = ValidateForHerder(config);
  if (auto* e = std::get_if<HerderError>(&parsed)) return *e;
  const bool exists = config_state_.contains(name);
  if (exists && !allow_replace) return HerderError{.status = 409, .message = "Connector " + name + " already exists"};
  // KIP-875: a connector created in another state has that state written first.
  if (!exists && initial != TargetState::kStarted) WriteConfig(TargetStateRecord(name, initial));
  WriteConfig(ConnectorConfigRecord(name, config));
  Json info = ConnectorInfoJson(name, config, static_cast<size_t>(config_state_.task_count(name)),
                                std::get<ConnectorConfig>(parsed).plugin->type);
  return std::pair{!exists, std::move(info)};
}

std::optional<HerderError> DistributedWorker::DeleteConnector(const std::string& name) {
  if (auto e = NotLeader()) return e;
  if (!config_state_.contains(name)) return ConnectorNotFound(name);
  WriteConfig(ConnectorTombstone(name));
  WriteConfig(TargetStateTombstone(name));
  return std::nullopt;
}

std::optional<HerderError> DistributedWorker::SetTargetState(const std::string& name, TargetState target) {
  if (auto e = NotLeader()) return e;
  if (!config_state_.contains(name)) return ConnectorNotFound(name);
  WriteConfig(TargetStateRecord(name, target));
  // KIP-875: a stopped connector has no tasks; the leader writes an empty task set.
  if (target == TargetState::kStopped) WriteConfig(TaskCommitRecord(name, 0));
  return std::nullopt;
}

HerderResult<std::optional<Json>> DistributedWorker::RestartConnector(const std::string& name, bool include_tasks,
                                                                      bool only_failed) {
  if (auto e = NotLeader()) return *e;
  if (!config_state_.contains(name)) {
    if (!include_tasks && !only_failed) return ConnectorNotFound(name);
    return NotFound("Status for connector " + name + " not found");
  }
  // Every worker restarts what it runs of the connector when it reads the request back.
  WriteConfig(RestartRequestRecord(name, include_tasks, only_failed));
  if (!include_tasks && !only_failed) return std::optional<Json>();
  auto status = ConnectorStatus(name);
  if (std::holds_alternative<HerderError>(status)) return NotFound("Status for connector " + name + " not found");
  Json body = std::get<Json>(std::move(status));
  if (!only_failed || body["connector"]["state"] == "FAILED") {
    body["connector"]["state"] = "RESTARTING";
    body["connector"].erase("trace");
  }
  for (Json& t : body["tasks"]) {
    if (include_tasks && (!only_failed || t["state"] == "FAILED")) {
      t["state"] = "RESTARTING";
      t.erase("trace");
    }
  }
  return std::optional<Json>(std::move(body));
}

std::optional<HerderError> DistributedWorker::RestartTask(const std::string& name, int32_t task) {
  if (!config_state_.contains(name)) return ConnectorNotFound(name);
  const ConnectorTaskId id{name, task};
  if (config_state_.task_config(id) == nullptr) return NotFound(fmt::format("Task {}-{} not found", name, task));
  if (!tasks_.contains(id)) {
    return HerderError{.status = 409, .message = "Cannot restart task since it is not assigned to this member"};
  }
  WriteStatus(name, task, ConnectState::kRestarting);
  StopTask(id);
  StartTask(id);
  return std::nullopt;
}

HerderResult<Json> DistributedWorker::ConnectorInfo(const std::string& name) const {
  const ConfigJson* config = config_state_.connector_config(name);
  if (config == nullptr) return ConnectorNotFound(name);
  auto parsed = ValidateForHerder(*config);
  const ConnectorType type = std::holds_alternative<ConnectorConfig>(parsed)
                                 ? std::get<ConnectorConfig>(parsed).plugin->type
                                 : ConnectorType::kSource;
  return ConnectorInfoJson(name, *config, static_cast<size_t>(config_state_.task_count(name)), type);
}

HerderResult<Json> DistributedWorker::ConnectorStatus(const std::string& name) const {
  // AbstractHerder.connectorStatus: what the status topic says, whoever wrote it.
  const auto connector = status_.connector(name);
  const ConfigJson* config = config_state_.connector_config(name);
  if (!connector || config == nullptr) return NotFound("No status found for connector " + name);
  Json tasks = Json::array();
  for (int32_t t = 0; t < config_state_.task_count(name); ++t) {
    if (auto s = status_.task({name, t})) tasks.push_back(StatusEntryJson(s->state, s->trace, s->worker_id, t));
  }
  auto parsed = ValidateForHerder(*config);
  const ConnectorType type = std::holds_alternative<ConnectorConfig>(parsed)
                                 ? std::get<ConnectorConfig>(parsed).plugin->type
                                 : ConnectorType::kSource;
  return Json{{"name", name},
              {"connector", StatusEntryJson(connector->state, connector->trace, connector->worker_id)},
              {"tasks", tasks},
              {"type", ToString(type)}};
}

HerderResult<Json> DistributedWorker::TaskStatus(const std::string& name, int32_t task) const {
  auto s = status_.task({name, task});
  if (!s) return NotFound(fmt::format("No status found for task {}-{}", name, task));
  return StatusEntryJson(s->state, s->trace, s->worker_id, task);
}

HerderResult<Json> DistributedWorker::TaskConfigs(const std::string& name) const {
  if (!config_state_.contains(name)) return ConnectorNotFound(name);
  Json out = Json::array();
  for (int32_t t = 0; t < config_state_.task_count(name); ++t) {
    const ConfigJson* c = config_state_.task_config({name, t});
    out.push_back(Json{{"id", Json{{"connector", name}, {"task", t}}}, {"config", c ? *c : ConfigJson::object()}});
  }
  return out;
}

HerderResult<Json> DistributedWorker::ConnectorConfigJson(const std::string& name) const {
  const ConfigJson* config = config_state_.connector_config(name);
  if (config == nullptr) return ConnectorNotFound(name);
  return *config;
}

HerderResult<Json> DistributedWorker::ValidateConfig(ConfigJson config) const { return ValidateConfigInfos(config); }

std::optional<ConnectState> DistributedWorker::ConnectorStateOf(const std::string& name) const {
  auto s = status_.connector(name);
  if (!s) return std::nullopt;
  return s->state;
}

std::optional<ConnectState> DistributedWorker::TaskStateOf(const std::string& name, int32_t task) const {
  auto s = status_.task({name, task});
  if (!s) return std::nullopt;
  return s->state;
}

std::optional<std::string> DistributedWorker::TaskWorkerOf(const std::string& name, int32_t task) const {
  auto s = status_.task({name, task});
  if (!s) return std::nullopt;
  return s->worker_id;
}

// --- the config topic ---

void DistributedWorker::WriteConfig(const ConfigTopicRecord& record) {
  assert(is_leader() && "only the leader writes the config topic");
  config_log_->Send(record.key, record.value);
}

// The connector's task split, written as the leader reads a connector's config back (Kafka has the
// connector's own worker compute it and hand it to the leader): task-C-N records, then the commit
// that makes them take effect together. Nothing is written when they did not change.
void DistributedWorker::WriteTaskConfigs(const std::string& connector) {
  const ConfigJson* config = config_state_.connector_config(connector);
  if (config == nullptr || config_state_.target_state(connector) == TargetState::kStopped) return;
  auto parsed = ValidateForHerder(*config);
  if (!std::holds_alternative<ConnectorConfig>(parsed)) return;
  const std::vector<ConfigJson> tasks = ConnectorTaskConfigs(std::get<ConnectorConfig>(parsed), *config);
  bool same = static_cast<int32_t>(tasks.size()) == config_state_.task_count(connector);
  for (size_t i = 0; same && i < tasks.size(); ++i) {
    const ConfigJson* old = config_state_.task_config({connector, static_cast<int32_t>(i)});
    same = old != nullptr && *old == tasks[i];
  }
  if (same) return;
  for (size_t i = 0; i < tasks.size(); ++i)
    WriteConfig(TaskConfigRecord({connector, static_cast<int32_t>(i)}, tasks[i]));
  WriteConfig(TaskCommitRecord(connector, static_cast<int32_t>(tasks.size())));
}

void DistributedWorker::OnConfigRecord(const ConsumerRecord& record) {
  if (!record.key) return;
  const ConfigUpdate u = config_state_.Apply(record.offset, ConfigTopicRecord{std::string(*record.key), OwnedCopy(record.value)});
  const bool leader = is_leader() && phase_ == Phase::kRunning;
  switch (u.kind) {
    case ConfigUpdate::Kind::kConnectorConfig:
      if (leader) WriteTaskConfigs(u.connector);
      if (leader) RequestReconfigRebalance();
      break;
    case ConfigUpdate::Kind::kConnectorRemoved:
      for (auto it = tasks_.begin(); it != tasks_.end();) {
        if (it->first.connector != u.connector) {
          ++it;
          continue;
        }
        it->second->Stop();
        it = tasks_.erase(it);
      }
      connectors_.erase(u.connector);
      if (leader) RequestReconfigRebalance();
      break;
    case ConfigUpdate::Kind::kTaskConfigs:
      // Tasks this worker runs take their new config: restarted.
      for (const ConnectorTaskId& id : u.tasks) {
        if (tasks_.contains(id)) {
          StopTask(id);
          StartTask(id);
        }
      }
      if (leader) RequestReconfigRebalance();
      break;
    case ConfigUpdate::Kind::kTargetState:
      ApplyTargetState(u.connector);
      if (leader && config_state_.target_state(u.connector) != TargetState::kStopped &&
          config_state_.task_count(u.connector) == 0) {
        WriteTaskConfigs(u.connector);  // leaving STOPPED: the connector splits its work again
      }
      break;
    case ConfigUpdate::Kind::kRestartRequest: {
      const bool restart_connector =
          connectors_.contains(u.connector) &&
          (!u.only_failed || ConnectorStateOf(u.connector) == std::optional(ConnectState::kFailed));
      if (restart_connector) {
        WriteStatus(u.connector, std::nullopt, ConnectState::kRestarting);
        StartConnector(u.connector);
      }
      std::vector<ConnectorTaskId> restart;
      for (const auto& [id, task] : tasks_) {
        if (id.connector == u.connector && u.include_tasks &&
            (!u.only_failed || TaskStateOf(id.connector, id.task) == std::optional(ConnectState::kFailed))) {
          restart.push_back(id);
        }
      }
      for (const ConnectorTaskId& id : restart) {
        WriteStatus(id.connector, id.task, ConnectState::kRestarting);
        StopTask(id);
        StartTask(id);
      }
      break;
    }
    case ConfigUpdate::Kind::kNone:
      break;
  }
  StartPending();
}

// --- the assignment ---

// DistributedHerder's needsReconfigRebalance: the leader read a change of the work to hand out; the
// group rebalances at the worker's next turn once it is stable (a request while a rebalance is
// completing would be lost with it).
void DistributedWorker::RequestReconfigRebalance() {
  needs_reconfig_rebalance_ = true;
  wake_.At(sim_.now());
}

void DistributedWorker::OnRevoked(const ConnectorsAndTasks& stop) {
  for (const ConnectorTaskId& id : stop.tasks) {
    StopTask(id);
    WriteStatus(id.connector, id.task, ConnectState::kUnassigned);
  }
  for (const std::string& c : stop.connectors) {
    if (connectors_.erase(c) > 0) WriteStatus(c, std::nullopt, ConnectState::kUnassigned);
  }
  for (const std::string& c : stop.connectors) std::erase(pending_.connectors, c);
  for (const ConnectorTaskId& t : stop.tasks) std::erase(pending_.tasks, t);
}

void DistributedWorker::OnAssigned(const ConnectorsAndTasks& start, const ConnectAssignment& assignment) {
  if (phase_ == Phase::kJoining) {
    phase_ = Phase::kRunning;
    ready_ = true;
  }
  // handleRebalanceCompleted: work assigned at a config offset this worker has not read yet starts
  // once it has (it reads on meanwhile).
  pending_.connectors.insert(pending_.connectors.end(), start.connectors.begin(), start.connectors.end());
  pending_.tasks.insert(pending_.tasks.end(), start.tasks.begin(), start.tasks.end());
  pending_offset_ = std::max(pending_offset_, assignment.config_offset);
  StartPending();
}

void DistributedWorker::StartPending() {
  if (pending_.empty() || config_state_.offset() - 1 < pending_offset_) return;
  const ConnectorsAndTasks start = std::exchange(pending_, {});
  for (const std::string& c : start.connectors) {
    if (config_state_.contains(c)) StartConnector(c);
  }
  for (const ConnectorTaskId& t : start.tasks) {
    if (config_state_.task_config(t) != nullptr) StartTask(t);
  }
}

void DistributedWorker::StartConnector(const std::string& connector) {
  connectors_.insert(connector);
  const TargetState target = config_state_.target_state(connector);
  WriteStatus(connector, std::nullopt,
              target == TargetState::kPaused    ? ConnectState::kPaused
              : target == TargetState::kStopped ? ConnectState::kStopped
                                                : ConnectState::kRunning);
}

void DistributedWorker::StartTask(const ConnectorTaskId& id) {
  const ConfigJson* config = config_state_.connector_config(id.connector);
  if (config == nullptr) return;
  auto parsed = ValidateForHerder(*config);
  if (auto* e = std::get_if<HerderError>(&parsed)) {
    WriteStatus(id.connector, id.task, ConnectState::kFailed,
                "org.apache.kafka.connect.errors.ConnectException: " + e->message);
    return;
  }
  TaskContext context{.sim = sim_,
                      .directory = directory_,
                      .disk = disk_,
                      .worker = self_,
                      .on_failure =
                          [this, id](const std::string& trace) {
                            WriteStatus(id.connector, id.task, ConnectState::kFailed, trace);
                            auto it = tasks_.find(id);
                            if (it != tasks_.end()) it->second->Stop();
                          },
                      .print = print_};
  auto task = MakeWorkerTask(std::move(context), std::get<ConnectorConfig>(parsed), id.task,
                             config_state_.task_count(id.connector));
  WorkerTask* t = task.get();
  tasks_[id] = std::move(task);
  WriteStatus(id.connector, id.task, ConnectState::kRunning);
  t->Start();
  if (config_state_.target_state(id.connector) == TargetState::kPaused && tasks_.contains(id)) {
    t->Pause();
    WriteStatus(id.connector, id.task, ConnectState::kPaused);
  }
}

void DistributedWorker::StopTask(const ConnectorTaskId& id) {
  auto it = tasks_.find(id);
  if (it == tasks_.end()) return;
  it->second->Stop();
  tasks_.erase(it);
}

void DistributedWorker::ApplyTargetState(const std::string& connector) {
  if (!connectors_.contains(connector) &&
      std::none_of(tasks_.begin(), tasks_.end(), [&](const auto& e) { return e.first.connector == connector; })) {
    return;
  }
  const TargetState target = config_state_.target_state(connector);
  if (connectors_.contains(connector)) StartConnector(connector);
  if (target == TargetState::kStopped) return;  // its tasks go with the empty commit that follows
  const bool pause = target == TargetState::kPaused;
  for (auto& [id, task] : tasks_) {
    if (id.connector != connector || TaskStateOf(id.connector, id.task) == std::optional(ConnectState::kFailed))
      continue;
    if (pause) {
      task->Pause();
    } else {
      task->Resume();
    }
    WriteStatus(id.connector, id.task, pause ? ConnectState::kPaused : ConnectState::kRunning);
  }
}

// --- the status topic ---

void DistributedWorker::WriteStatus(const std::string& connector, std::optional<int32_t> task, ConnectState state,
                                    const std::string& trace) {
  const ConnectStatusEntry entry{.state = state,
                                 .trace = state == ConnectState::kFailed ? trace : "",
                                 .worker_id = worker_id_,
                                 .generation = coordinator_.generation()};
  const std::string key = task ? TaskStatusKey({connector, *task}) : ConnectorStatusKey(connector);
  if (!status_.CanWriteSafely(key, entry)) return;  // putSafe: a newer generation wrote it
  const std::string what = task ? fmt::format("task {}-{}", connector, *task) : "connector " + connector;
  EmitDomainEvent(
      sim_, self_,
      {.kind = task ? "connect.task_state" : "connect.connector_state",
       .narration = fmt::format("{} is {} on {}{}", what, ToString(state), worker_id_,
                                state == ConnectState::kFailed ? ": " + trace.substr(0, trace.find('\n')) : ""),
       .fields = {{"connector", connector},
                  {"task", task ? Json(*task) : Json()},
                  {"state", std::string(ToString(state))},
                  {"worker_id", worker_id_}}});
  status_log_->Send(key, EncodeStatusValue(entry));
}

void DistributedWorker::OnStatusRecord(const ConsumerRecord& record) {
  if (record.key) status_.Read(std::string(*record.key), OwnedCopy(record.value));
}

}  // namespace kafkasim
