#pragma once
// The config topic of a distributed Connect cluster (Kafka 3.7 KafkaConfigBackingStore) and the
// snapshot every worker builds by reading it to its end (ClusterConfigState).
//
// Records, keyed by string, valued by JSON as the internal JsonConverter writes it with
// schemas.enable=false (Kafka's own setting for its internal topics); a null value is a tombstone:
//
//   connector-<c>       {"properties":{...}}     the connector's config; null: deleted
//   task-<c>-<n>        {"properties":{...}}     task n's config, held back until ...
//   commit-<c>          {"tasks":N}              ... the commit: tasks 0..N-1 take effect together
//   target-state-<c>    {"state":"PAUSED","state.v2":"STOPPED"}   STARTED | PAUSED | STOPPED
//                       (KIP-875: STOPPED is written as PAUSED for workers older than 3.5)
//   restart-connector-<c>  {"include-tasks":b,"only-failed":b}   a restart request
//
// Task configs wait for their commit record so that a worker never sees half of a connector's
// new tasks. A commit whose task configs are not all there (compaction ate some) leaves the
// connector "inconsistent": it runs no tasks until the leader writes them again. The snapshot's
// offset is the offset of the next record to read; the group's assignment is computed at the
// highest offset any member has read.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/protocol/connect_assignment.h"
#include "sim/connect/connect_state.h"
#include "sim/connect/connector_config.h"

namespace kafkasim {

struct ConfigTopicRecord {
  std::string key;
  std::optional<std::string> value;  // JSON text; nullopt: a tombstone
};

// What the leader (or a herder handling a REST write) appends.
ConfigTopicRecord ConnectorConfigRecord(const std::string& connector, const ConfigJson& properties);
ConfigTopicRecord ConnectorTombstone(const std::string& connector);
ConfigTopicRecord TaskConfigRecord(const ConnectorTaskId& task, const ConfigJson& properties);
ConfigTopicRecord TaskCommitRecord(const std::string& connector, int32_t task_count);
ConfigTopicRecord TargetStateRecord(const std::string& connector, TargetState state);
ConfigTopicRecord TargetStateTombstone(const std::string& connector);
ConfigTopicRecord RestartRequestRecord(const std::string& connector, bool include_tasks, bool only_failed);

std::string_view TargetStateName(TargetState s);

// What reading one record changed, for the herder to act on (KafkaConfigBackingStore's
// UpdateListener callbacks).
struct ConfigUpdate {
  enum class Kind { kNone, kConnectorConfig, kConnectorRemoved, kTaskConfigs, kTargetState, kRestartRequest };
  Kind kind = Kind::kNone;
  std::string connector;
  std::vector<ConnectorTaskId> tasks;  // kTaskConfigs: the tasks whose configs took effect
  bool include_tasks = false, only_failed = false;  // kRestartRequest
  std::string error;  // a record Kafka logs and ignores: why
};

class ClusterConfigState {
 public:
  // Applies the record at `offset` (offsets only grow).
  ConfigUpdate Apply(int64_t offset, const ConfigTopicRecord& record);

  int64_t offset() const { return offset_; }
  // Configured connectors, sorted.
  std::vector<std::string> connectors() const;
  bool contains(const std::string& connector) const { return connector_configs_.contains(connector); }
  const ConfigJson* connector_config(const std::string& connector) const;
  TargetState target_state(const std::string& connector) const;
  // The committed task count (0 before the first commit).
  int32_t task_count(const std::string& connector) const;
  const ConfigJson* task_config(const ConnectorTaskId& task) const;
  bool inconsistent(const std::string& connector) const { return inconsistent_.contains(connector); }
  // connector → committed task count, for the assignor (inconsistent connectors run no tasks).
  std::map<std::string, int32_t> TaskCounts() const;

 private:
  ConfigUpdate ApplyConnector(const std::string& connector, const std::optional<std::string>& value);
  ConfigUpdate ApplyTargetState(const std::string& connector, const std::optional<std::string>& value);
  ConfigUpdate ApplyTask(const std::string& key, const std::optional<std::string>& value);
  ConfigUpdate ApplyCommit(const std::string& connector, const std::optional<std::string>& value);

  int64_t offset_ = 0;
  std::map<std::string, ConfigJson> connector_configs_;
  std::map<std::string, TargetState> target_states_;
  std::map<std::string, int32_t> task_counts_;
  std::map<ConnectorTaskId, ConfigJson> task_configs_;
  std::map<std::string, std::map<int32_t, ConfigJson>> deferred_tasks_;
  std::set<std::string> inconsistent_;
};

}  // namespace kafkasim
