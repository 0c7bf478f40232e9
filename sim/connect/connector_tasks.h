#pragma once
// The connector's own task code, as the worker's WorkerSourceTask / WorkerSinkTask run it
// (Kafka's SourceTask and SinkTask), and the factory that builds it from the connector class:
//
//   FileStreamSource   file_stream_tasks.cpp  (WorkerSourceTask also has a fast path for it)
//   FileStreamSink     file_stream_tasks.cpp
//   JdbcSource         jdbc_source_task.cpp   (SQLite files, Confluent's JDBC connector's keys)
//   JdbcSink           jdbc_sink_task.cpp
//   DatagenConnector   datagen_task.cpp
//
// Records are Connect data (converter.h); a source record names its source partition and offset
// (JSON, as the offset store keeps them) — the worker commits the offset of the last record the
// brokers acknowledged for each partition.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/connect/connector_config.h"
#include "sim/connect/transforms/transformation.h"
#include "sim/core/time.h"

namespace kafkasim {

struct SourceRecord {
  nlohmann::ordered_json source_partition;
  nlohmann::ordered_json source_offset;
  std::string topic;
  SchemaAndValue key, value;
  std::optional<int64_t> timestamp_ms;
};

struct SourcePoll {
  std::vector<SourceRecord> records;
  Duration next_poll;                  // when to poll again
  std::optional<std::string> failure;  // the exception that fails the task
  std::string what;                    // narration: "read 3 row(s) of users"
};

class SourceTask {
 public:
  using OffsetReader = std::function<nlohmann::ordered_json(const nlohmann::ordered_json& partition)>;
  virtual ~SourceTask() = default;
  // Reads the committed offsets it resumes from (null: none); the ConnectException trace when it
  // cannot start.
  virtual std::optional<std::string> Start(const OffsetReader& offsets) = 0;
  virtual SourcePoll Poll(Time now) = 0;
};

class SinkTask {
 public:
  virtual ~SinkTask() = default;
  virtual std::optional<std::string> Start() = 0;
  // Writes the records; the ConnectException trace when it cannot (put errors fail the task
  // whatever errors.tolerance says, as in Kafka).
  virtual std::optional<std::string> Put(const std::vector<ConnectRecord>& records) = 0;
  // Where it writes, for the narration ("test.sink.txt", "sink.db").
  virtual std::string target() const = 0;
};

struct TaskEnvironment {
  std::string task_id;  // "datagen-users-0"
  int32_t task_index = 0;
  uint64_t seed = 0;    // the simulation's seed: random streams derive from it and the task id
  std::function<void(const std::string&)> print;  // the worker's standard output
};

std::unique_ptr<SourceTask> MakeSourceTask(const ConnectorConfig& config, const TaskEnvironment& env);
std::unique_ptr<SinkTask> MakeSinkTask(const ConnectorConfig& config, const TaskEnvironment& env);

}  // namespace kafkasim

namespace kafkasim {
// Each connector's task, built by MakeSourceTask / MakeSinkTask (connector_plugins.cpp).
std::unique_ptr<SourceTask> MakeFileStreamSourceTask(const ConnectorConfig& config);
std::unique_ptr<SinkTask> MakeFileStreamSinkTask(const ConnectorConfig& config,
                                                 std::function<void(const std::string&)> print);
std::unique_ptr<SourceTask> MakeJdbcSourceTask(const ConnectorConfig& config, const TaskEnvironment& env);
std::unique_ptr<SinkTask> MakeJdbcSinkTask(const ConnectorConfig& config, const TaskEnvironment& env);
std::unique_ptr<SourceTask> MakeDatagenTask(const ConnectorConfig& config, const TaskEnvironment& env);
}  // namespace kafkasim
