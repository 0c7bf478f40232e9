#include "sim/connect/status_topic.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kafkasim {
namespace {

std::optional<ConnectState> ConnectStateFromName(const std::string& s) {
  for (ConnectState c : {ConnectState::kUnassigned, ConnectState::kRunning, ConnectState::kPaused,
                         ConnectState::kStopped, ConnectState::kFailed, ConnectState::kRestarting}) {
    if (ToString(c) == s) return c;
  }
  return std::nullopt;
}

}  // namespace

std::string ConnectorStatusKey(const std::string& connector) { return "status-connector-" + connector; }
std::string TaskStatusKey(const ConnectorTaskId& task) {
  return fmt::format("status-task-{}-{}", task.connector, task.task);
}

std::string EncodeStatusValue(const ConnectStatusEntry& s) {
  nlohmann::ordered_json v = nlohmann::ordered_json::object();
  v["state"] = ToString(s.state);
  v["trace"] = s.trace.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s.trace);
  v["worker_id"] = s.worker_id;
  v["generation"] = s.generation;
  return v.dump();
}

std::optional<ConnectStatusEntry> DecodeStatusValue(const std::string& value) {
  auto v = nlohmann::json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (v.is_discarded() || !v.is_object() || !v.contains("state") || !v["state"].is_string() ||
      !v.contains("worker_id") || !v["worker_id"].is_string() || !v.contains("generation") ||
      !v["generation"].is_number_integer()) {
    return std::nullopt;
  }
  auto state = ConnectStateFromName(v["state"].get<std::string>());
  if (!state) return std::nullopt;
  ConnectStatusEntry s{.state = *state, .worker_id = v["worker_id"].get<std::string>(),
                         .generation = v["generation"].get<int32_t>()};
  if (v.contains("trace") && v["trace"].is_string()) s.trace = v["trace"].get<std::string>();
  return s;
}

bool StatusStore::CanWriteSafely(const std::string& key, const ConnectStatusEntry& s) const {
  auto it = statuses_.find(key);
  return it == statuses_.end() || it->second.worker_id == s.worker_id || it->second.generation <= s.generation;
}

bool StatusStore::Read(const std::string& key, const std::optional<std::string>& value) {
  if (!value) return statuses_.erase(key) > 0;
  auto s = DecodeStatusValue(*value);
  if (!s) return false;  // Kafka logs "Failed to deserialize ... status" and skips it
  auto it = statuses_.find(key);
  if (it != statuses_.end() && key.starts_with("status-task-") && s->state == ConnectState::kUnassigned &&
      it->second.state == ConnectState::kRunning && it->second.generation > s->generation) {
    return false;  // KAFKA-12525: a stale UNASSIGNED from an older generation
  }
  if (it != statuses_.end() && it->second == *s) return false;
  statuses_[key] = *s;
  return true;
}

std::optional<ConnectStatusEntry> StatusStore::connector(const std::string& c) const {
  auto it = statuses_.find(ConnectorStatusKey(c));
  return it == statuses_.end() ? std::nullopt : std::optional(it->second);
}

std::optional<ConnectStatusEntry> StatusStore::task(const ConnectorTaskId& t) const {
  auto it = statuses_.find(TaskStatusKey(t));
  return it == statuses_.end() ? std::nullopt : std::optional(it->second);
}

}  // namespace kafkasim
