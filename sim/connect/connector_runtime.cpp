#include "sim/connect/connector_runtime.h"

#include <fmt/format.h>

#include "sim/admin/hashing.h"
#include "sim/connect/worker_sink_task.h"
#include "sim/connect/worker_source_task.h"

namespace kafkasim {
namespace {

using Json = nlohmann::ordered_json;

// A config map as Java's HashMap.toString prints it ("{a=1, b=2}").
std::string JavaMapString(const ConfigJson& config) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : config.items()) keys.push_back(k);
  std::string out;
  for (const std::string& k : JavaHashMapOrder(keys, JavaHashMapTableSize(keys.size()))) {
    const Json& v = config[k];
    out += fmt::format("{}{}={}", out.empty() ? "" : ", ", k, v.is_string() ? v.get<std::string>() : v.dump());
  }
  return "{" + out + "}";
}

}  // namespace

HerderError ConnectorNotFound(const std::string& name) {
  return HerderError{.status = 404, .message = "Connector " + name + " not found"};
}

HerderResult<ConnectorConfig> ValidateForHerder(const ConfigJson& config) {
  auto cls = config.find("connector.class");
  if (cls == config.end() || !cls->is_string()) {
    return HerderError{.status = 400,
                       .message = fmt::format("Connector config {} contains no connector type", JavaMapString(config))};
  }
  const ConnectorPlugin* plugin = FindConnectorPlugin(cls->get<std::string>());
  if (plugin == nullptr) return HerderError{.status = 500, .message = NoSuchConnectorMessage(cls->get<std::string>())};
  const ConfigValidation v = ValidateConnectorConfig(config, *plugin);
  if (v.error_count > 0) return HerderError{.status = 400, .message = InvalidConfigMessage(v)};
  return ParseConnectorConfig(config, *plugin);
}

HerderResult<Json> ValidateConfigInfos(const ConfigJson& config) {
  auto cls = config.find("connector.class");
  const std::string name = cls != config.end() && cls->is_string() ? cls->get<std::string>() : "";
  const ConnectorPlugin* plugin = FindConnectorPlugin(name);
  if (plugin == nullptr) return HerderError{.status = 500, .message = NoSuchConnectorMessage(name)};
  return ConfigInfosJson(ValidateConnectorConfig(config, *plugin), *plugin);
}

std::vector<ConfigJson> ConnectorTaskConfigs(const ConnectorConfig& p, const ConfigJson& config) {
  std::vector<ConfigJson> out;
  const int32_t count = p.plugin->type == ConnectorType::kSource ? 1 : p.tasks_max;  // FileStreamSource: one task
  for (int32_t i = 0; i < count; ++i) {
    std::map<std::string, std::string, std::less<>> props;
    props["task.class"] = p.plugin->task_class;
    if (p.file) props["file"] = *p.file;
    if (p.plugin->type == ConnectorType::kSource) {
      props["topic"] = p.topic;
      props["batch.size"] = std::to_string(p.batch_size);
    } else {
      props["topics"] = config.value("topics", "");
    }
    out.push_back(ConfigMapFromProperties(props));
  }
  return out;
}

void AbandonTasks(Simulation& sim, std::vector<std::unique_ptr<WorkerTask>> tasks) {
  std::erase(tasks, nullptr);
  if (tasks.empty()) return;
  for (auto& t : tasks) t->Halt();
  auto shared = std::make_shared<std::vector<std::unique_ptr<WorkerTask>>>(std::move(tasks));
  sim.Schedule(Duration(), kNoNode, [shared] {
    for (auto& t : *shared) t->Abandon();
  });
}

std::unique_ptr<WorkerTask> MakeWorkerTask(TaskContext context, const ConnectorConfig& parsed, int32_t index,
                                           int32_t task_count) {
  if (parsed.plugin->type == ConnectorType::kSource) {
    return std::make_unique<WorkerSourceTask>(std::move(context), parsed, index, task_count);
  }
  return std::make_unique<WorkerSinkTask>(std::move(context), parsed, index, task_count);
}

Json ConnectorInfoJson(const std::string& name, const ConfigJson& config, size_t task_count, ConnectorType type) {
  Json tasks = Json::array();
  for (size_t i = 0; i < task_count; ++i) tasks.push_back(Json{{"connector", name}, {"task", i}});
  return Json{{"name", name}, {"config", config}, {"tasks", tasks}, {"type", ToString(type)}};
}

Json StatusEntryJson(ConnectState state, const std::string& trace, const std::string& worker_id,
                     std::optional<int32_t> id) {
  Json entry = Json::object();
  if (id) entry["id"] = *id;
  entry["state"] = ToString(state);
  entry["worker_id"] = worker_id;
  if (state == ConnectState::kFailed) entry["trace"] = trace;
  return entry;
}

}  // namespace kafkasim
