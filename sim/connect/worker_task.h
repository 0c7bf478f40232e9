#pragma once
// A task as the worker runs it (WorkerTask): the connector's task code with its Kafka client
// and converters. A source task (WorkerSourceTask) polls its connector's task for records,
// converts them and hands them to its producer, and commits the source offsets of what the
// brokers acknowledged every offset.flush.interval.ms. A sink task (WorkerSinkTask) consumes,
// converts, puts the records to its connector's task and commits consumer offsets on the same
// interval.
//
// A task's Kafka client is a node of its own, named by the client.id Kafka gives it
// (connector-producer-<connector>-<task>, connector-consumer-<connector>-<task>), so the trace
// shows its requests; it lives and dies with the worker's process.
//
// Failures are values: the task reports the Java stack trace through `on_failure`, the worker
// marks it FAILED, and the task stays failed until restarted.

#include <functional>
#include <memory>
#include <string>

#include "sim/connect/connect_state.h"
#include "sim/connect/connector_config.h"
#include "sim/connect/worker_disk.h"
#include "sim/core/simulation.h"
#include "sim/protocol/broker_directory.h"

namespace kafkasim {

struct TaskContext {
  Simulation& sim;
  const BrokerDirectory& directory;
  WorkerDisk& disk;
  NodeId worker;
  // Called (in an event of the task's) with the stack trace when the task dies.
  std::function<void(const std::string& trace)> on_failure;
  // The worker's standard output (a FileStreamSink without a file prints there).
  std::function<void(const std::string& line)> print;
};

// A Kafka client a worker runs as a node of its own (a task's producer or consumer, an internal
// topic's log): started (or, when a node of that name exists, restarted) and ended. `self`
// (which the factory reads) is set to the node before its process is built.
NodeId StartClientNode(Simulation& sim, const std::string& name, const std::string& kind,
                       const std::shared_ptr<NodeId>& self, ProcessFactory factory);
// Ends `node` if it still runs: a crash (nothing flushed) or a clean stop.
void StopClientNode(Simulation& sim, NodeId node, bool crash);

class WorkerTask {
 public:
  WorkerTask(TaskContext context, ConnectorConfig config, int32_t index, int32_t task_count)
      : context_(std::move(context)), config_(std::move(config)), index_(index), task_count_(task_count) {}
  virtual ~WorkerTask() = default;

  int32_t index() const { return index_; }
  // "local-file-source-0" (ConnectorTaskId.toString).
  std::string id() const { return config_.name + "-" + std::to_string(index_); }

  virtual void Start() = 0;
  virtual void Pause() = 0;
  virtual void Resume() = 0;
  // A clean stop: commits what it can, then closes its client.
  virtual void Stop() = 0;
  // The worker's process died: from now on the task reacts to nothing (Halt, at once), and its
  // client dies with it, nothing committed (Abandon, in an event of the simulator's).
  void Halt() { running_ = false; }
  virtual void Abandon() = 0;
  virtual void CommitOffsets() = 0;

 protected:
  // StopClientNode / StartClientNode for the task's own clients.
  void StopNode(NodeId node, bool crash);
  NodeId StartNode(const std::string& name, const std::string& kind, const std::shared_ptr<NodeId>& self,
                   ProcessFactory factory);

  TaskContext context_;
  ConnectorConfig config_;
  int32_t index_;
  int32_t task_count_;
  bool running_ = false;  // started and not failed, stopped or halted
};

}  // namespace kafkasim
