#pragma once
// WorkerSinkTask running a FileStreamSink: consume the connector's topics, convert each record's
// value with the value converter (and key with the key converter), hand the values to the
// FileStreamSink, and every offset.flush.interval.ms commit the offsets consumed.
//
// A record the converter cannot read fails the task (errors.tolerance=none, the default):
// "Tolerance exceeded in error handler", caused by the converter's DataException — the records
// before it in the same poll were already written.
//
// Until consumer groups land, the seam below stands in for the group `connect-<connector>`: each
// topic is read by a group-less consumer assigned all its partitions, a task keeps the partitions
// p with p % tasks == its index (a fixed, balanced split instead of the group's assignment),
// and committed offsets are kept on the worker's disk (WorkerDisk::sink_offsets) instead of in
// __consumer_offsets. Positions start at the committed offset, else at the earliest (Connect
// sets auto.offset.reset=earliest for sink consumers).

#include <map>
#include <memory>
#include <vector>

#include "sim/client/consumer.h"
#include "sim/connect/file_stream_sink.h"
#include "sim/connect/worker_task.h"

namespace kafkasim {

class WorkerSinkTask : public WorkerTask {
 public:
  WorkerSinkTask(TaskContext context, ConnectorConfig config, int32_t index, int32_t task_count);
  ~WorkerSinkTask() override;

  void Start() override;
  void Pause() override;
  void Resume() override;
  void Stop() override;
  void Abandon() override;
  void CommitOffsets() override;

  uint64_t records_put() const { return records_put_; }

 private:
  // The stand-in for subscribe(): one consumer per topic, positioned at `from`.
  void StartConsumers(const std::map<TopicPartition, int64_t>& from);
  void StopConsumers(bool crash);
  void OnRecords(const std::vector<ConsumerRecord>& records);
  std::string ConsumerName(const std::string& topic) const;

  std::unique_ptr<FileStreamSink> sink_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  std::vector<NodeId> consumers_;
  std::map<TopicPartition, int64_t> consumed_;  // next offset to read, per partition
  bool paused_ = false;
  uint64_t records_put_ = 0;
};

}  // namespace kafkasim
