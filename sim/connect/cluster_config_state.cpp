#include "sim/connect/cluster_config_state.h"

#include <cassert>
#include <charconv>

#include <fmt/format.h>

namespace kafkasim {
namespace {

using ConfigRecordJson = nlohmann::ordered_json;

constexpr std::string_view kConnectorPrefix = "connector-";
constexpr std::string_view kTaskPrefix = "task-";
constexpr std::string_view kCommitPrefix = "commit-";
constexpr std::string_view kTargetStatePrefix = "target-state-";
constexpr std::string_view kRestartPrefix = "restart-connector-";

ConfigTopicRecord PropertiesRecord(std::string key, const ConfigJson& properties) {
  ConfigRecordJson v = ConfigRecordJson::object();
  v["properties"] = properties;
  return {std::move(key), v.dump()};
}

// The JSON value of a record, or nullopt when it is not a JSON object (Kafka logs and ignores it).
std::optional<ConfigRecordJson> ObjectValue(const std::string& text) {
  auto v = ConfigRecordJson::parse(text, nullptr, /*allow_exceptions=*/false);
  if (v.is_discarded() || !v.is_object()) return std::nullopt;
  return v;
}

std::optional<TargetState> TargetStateFromName(const std::string& s) {
  if (s == "STARTED") return TargetState::kStarted;
  if (s == "PAUSED") return TargetState::kPaused;
  if (s == "STOPPED") return TargetState::kStopped;
  return std::nullopt;
}

}  // namespace

std::string_view TargetStateName(TargetState s) {
  switch (s) {
    case TargetState::kStarted: return "STARTED";
    case TargetState::kPaused: return "PAUSED";
    case TargetState::kStopped: return "STOPPED";
  }
  return "STARTED";
}

ConfigTopicRecord ConnectorConfigRecord(const std::string& connector, const ConfigJson& properties) {
  return PropertiesRecord(std::string(kConnectorPrefix) + connector, properties);
}
ConfigTopicRecord ConnectorTombstone(const std::string& connector) {
  return {std::string(kConnectorPrefix) + connector, std::nullopt};
}
ConfigTopicRecord TaskConfigRecord(const ConnectorTaskId& task, const ConfigJson& properties) {
  return PropertiesRecord(fmt::format("{}{}-{}", kTaskPrefix, task.connector, task.task), properties);
}
ConfigTopicRecord TaskCommitRecord(const std::string& connector, int32_t task_count) {
  return {std::string(kCommitPrefix) + connector, ConfigRecordJson{{"tasks", task_count}}.dump()};
}
ConfigTopicRecord TargetStateRecord(const std::string& connector, TargetState state) {
  ConfigRecordJson v = ConfigRecordJson::object();
  v["state"] = TargetStateName(state == TargetState::kStopped ? TargetState::kPaused : state);
  v["state.v2"] = TargetStateName(state);
  return {std::string(kTargetStatePrefix) + connector, v.dump()};
}
ConfigTopicRecord TargetStateTombstone(const std::string& connector) {
  return {std::string(kTargetStatePrefix) + connector, std::nullopt};
}
ConfigTopicRecord RestartRequestRecord(const std::string& connector, bool include_tasks, bool only_failed) {
  ConfigRecordJson v = ConfigRecordJson::object();
  v["include-tasks"] = include_tasks;
  v["only-failed"] = only_failed;
  return {std::string(kRestartPrefix) + connector, v.dump()};
}

ConfigUpdate ClusterConfigState::Apply(int64_t offset, const ConfigTopicRecord& record) {
  assert(offset >= offset_ && "the config topic is read in order");
  offset_ = offset + 1;  // the position: the next record to read
  const std::string& key = record.key;
  // The target-state prefix is checked before the connector prefix, as Kafka does.
  if (key.starts_with(kTargetStatePrefix)) return ApplyTargetState(key.substr(kTargetStatePrefix.size()), record.value);
  if (key.starts_with(kConnectorPrefix)) return ApplyConnector(key.substr(kConnectorPrefix.size()), record.value);
  if (key.starts_with(kTaskPrefix)) return ApplyTask(key, record.value);
  if (key.starts_with(kCommitPrefix)) return ApplyCommit(key.substr(kCommitPrefix.size()), record.value);
  if (key.starts_with(kRestartPrefix)) {
    ConfigUpdate u{.kind = ConfigUpdate::Kind::kRestartRequest, .connector = key.substr(kRestartPrefix.size())};
    auto v = record.value ? ObjectValue(*record.value) : std::nullopt;
    if (!v) return {.error = "Ignoring restart request because the value is not a Map"};
    // Missing or non-boolean fields default as Kafka's do: only-failed false, include-tasks false.
    u.include_tasks = v->contains("include-tasks") && (*v)["include-tasks"].is_boolean() && (*v)["include-tasks"].get<bool>();
    u.only_failed = v->contains("only-failed") && (*v)["only-failed"].is_boolean() && (*v)["only-failed"].get<bool>();
    return u;
  }
  return {.error = "Discarding config update record with invalid key: " + key};
}

ConfigUpdate ClusterConfigState::ApplyConnector(const std::string& connector, const std::optional<std::string>& value) {
  if (!value) {
    connector_configs_.erase(connector);
    task_counts_.erase(connector);
    std::erase_if(task_configs_, [&](const auto& kv) { return kv.first.connector == connector; });
    deferred_tasks_.erase(connector);
    return {.kind = ConfigUpdate::Kind::kConnectorRemoved, .connector = connector};
  }
  auto v = ObjectValue(*value);
  if (!v || !v->contains("properties") || !(*v)["properties"].is_object()) {
    return {.error = fmt::format("Invalid data for config for connector '{}': 'properties' field should be a Map", connector)};
  }
  connector_configs_[connector] = (*v)["properties"];
  target_states_.try_emplace(connector, TargetState::kStarted);
  return {.kind = ConfigUpdate::Kind::kConnectorConfig, .connector = connector};
}

ConfigUpdate ClusterConfigState::ApplyTargetState(const std::string& connector, const std::optional<std::string>& value) {
  if (!value) {
    target_states_.erase(connector);
    // A connector that still has a config always has a target state.
    if (connector_configs_.contains(connector)) target_states_[connector] = TargetState::kStarted;
    return {};  // the connector's own tombstone tells the herder
  }
  auto v = ObjectValue(*value);
  if (!v) return {.error = fmt::format("Ignoring target state for connector '{}' because it is in the wrong format", connector)};
  std::optional<TargetState> state;
  if (v->contains("state.v2") && (*v)["state.v2"].is_string()) state = TargetStateFromName((*v)["state.v2"].get<std::string>());
  if (!state && v->contains("state") && (*v)["state"].is_string()) state = TargetStateFromName((*v)["state"].get<std::string>());
  if (!state) return {.error = fmt::format("Invalid target state for connector '{}'", connector)};
  auto [it, inserted] = target_states_.try_emplace(connector, *state);
  const bool changed = inserted || it->second != *state;
  it->second = *state;
  // A target state written before its connector's config (an initial state given at creation)
  // is kept, but tells nobody yet.
  if (!changed || !connector_configs_.contains(connector)) return {};
  return {.kind = ConfigUpdate::Kind::kTargetState, .connector = connector};
}

// task-<connector>-<n>: the connector's name may itself hold dashes; the number is the last part.
ConfigUpdate ClusterConfigState::ApplyTask(const std::string& key, const std::optional<std::string>& value) {
  const size_t dash = key.rfind('-');
  const std::string connector = dash > kTaskPrefix.size() ? key.substr(kTaskPrefix.size(), dash - kTaskPrefix.size()) : "";
  int32_t task = -1;
  const char* first = key.data() + dash + 1;
  auto [ptr, ec] = std::from_chars(first, key.data() + key.size(), task);
  if (connector.empty() || ec != std::errc() || ptr != key.data() + key.size()) {
    return {.error = fmt::format("Ignoring task configuration because {} couldn't be parsed as a task config key", key)};
  }
  if (!value) return {.error = fmt::format("Ignoring task configuration for task {}-{} because it is unexpectedly null", connector, task)};
  auto v = ObjectValue(*value);
  if (!v || !v->contains("properties") || !(*v)["properties"].is_object()) {
    return {.error = fmt::format("Invalid data for config of task {}-{} 'properties' field should be a Map", connector, task)};
  }
  deferred_tasks_[connector][task] = (*v)["properties"];
  return {};  // takes effect with the commit record
}

ConfigUpdate ClusterConfigState::ApplyCommit(const std::string& connector, const std::optional<std::string>& value) {
  auto v = value ? ObjectValue(*value) : std::nullopt;
  if (!v || !v->contains("tasks") || !(*v)["tasks"].is_number_integer()) {
    return {.error = fmt::format("Ignoring connector tasks configuration commit for connector '{}' because it is in the "
                                 "wrong format",
                                 connector)};
  }
  const int32_t count = (*v)["tasks"].get<int32_t>();
  std::map<int32_t, ConfigJson>& deferred = deferred_tasks_[connector];
  bool complete = true;
  for (int32_t t = 0; t < count; ++t) complete = complete && deferred.contains(t);
  ConfigUpdate u{.kind = ConfigUpdate::Kind::kTaskConfigs, .connector = connector};
  if (!complete) {
    inconsistent_.insert(connector);
  } else {
    for (auto& [t, config] : deferred) {
      task_configs_[ConnectorTaskId{connector, t}] = std::move(config);
      u.tasks.push_back({connector, t});
    }
    inconsistent_.erase(connector);
  }
  deferred.clear();
  task_counts_[connector] = count;
  return u;
}

std::vector<std::string> ClusterConfigState::connectors() const {
  std::vector<std::string> out;
  for (const auto& [c, config] : connector_configs_) out.push_back(c);
  return out;
}

const ConfigJson* ClusterConfigState::connector_config(const std::string& connector) const {
  auto it = connector_configs_.find(connector);
  return it == connector_configs_.end() ? nullptr : &it->second;
}

TargetState ClusterConfigState::target_state(const std::string& connector) const {
  auto it = target_states_.find(connector);
  return it == target_states_.end() ? TargetState::kStarted : it->second;
}

int32_t ClusterConfigState::task_count(const std::string& connector) const {
  auto it = task_counts_.find(connector);
  return it == task_counts_.end() ? 0 : it->second;
}

const ConfigJson* ClusterConfigState::task_config(const ConnectorTaskId& task) const {
  auto it = task_configs_.find(task);
  return it == task_configs_.end() ? nullptr : &it->second;
}

std::map<std::string, int32_t> ClusterConfigState::TaskCounts() const {
  std::map<std::string, int32_t> out;
  for (const auto& [c, config] : connector_configs_) out[c] = inconsistent(c) ? 0 : task_count(c);
  return out;
}

}  // namespace kafkasim
