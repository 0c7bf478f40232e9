#pragma once
// What both herders (standalone Worker, DistributedWorker) run connectors with, so that a connector
// behaves the same in either mode (Kafka's AbstractHerder and Worker):
//
//   validate     a config against its plugin: no connector.class (400), an unknown plugin (500),
//                invalid values (400 with the error count), else the parsed config task split
//                Connector.taskConfigs(tasks.max) plus what Worker.connectorTaskConfigs adds
//                (task.class; FileStreamSource always one task)
//   tasks        a WorkerSourceTask or WorkerSinkTask for task N of a connector
//   JSON         the REST API's connector info and status entries

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/connect/connect_state.h"
#include "sim/connect/connector_config.h"
#include "sim/connect/herder.h"
#include "sim/connect/worker_task.h"

namespace kafkasim {

HerderError ConnectorNotFound(const std::string& name);
HerderResult<ConnectorConfig> ValidateForHerder(const ConfigJson& config);
// PUT /connector-plugins/{plugin}/config/validate.
HerderResult<nlohmann::ordered_json> ValidateConfigInfos(const ConfigJson& config);

std::vector<ConfigJson> ConnectorTaskConfigs(const ConnectorConfig& parsed, const ConfigJson& config);
// The worker's process died: each task reacts to nothing from now on (Halt) and its clients die
// with it, nothing committed, in an event of the simulator's (a process may not end another while
// it is being destroyed).
void AbandonTasks(Simulation& sim, std::vector<std::unique_ptr<WorkerTask>> tasks);
std::unique_ptr<WorkerTask> MakeWorkerTask(TaskContext context, const ConnectorConfig& parsed, int32_t index,
                                           int32_t task_count);

// {"name","config","tasks":[{"connector","task"}],"type"}
nlohmann::ordered_json ConnectorInfoJson(const std::string& name, const ConfigJson& config, size_t task_count,
                                         ConnectorType type);
// {"state","worker_id"} plus "trace" when FAILED; with `id`, {"id",...} for a task.
nlohmann::ordered_json StatusEntryJson(ConnectState state, const std::string& trace, const std::string& worker_id,
                                       std::optional<int32_t> id = std::nullopt);

}  // namespace kafkasim
