#pragma once
// WorkerSourceTask running a FileStreamSource: poll the file, convert each line (a string with
// Schema.STRING_SCHEMA, no key) with the value converter, send it with the task's producer, and
// every offset.flush.interval.ms commit the source offset {"position":N} of the last line
// whose record — and every record before it — the brokers acknowledged (Kafka 3.x
// SubmittedRecords). A poll that finds nothing waits a second before the next, as
// FileStreamSourceTask.poll does.
//
// A failed send fails the task: "Unrecoverable exception from producer send callback".

#include <deque>
#include <memory>
#include <optional>

#include "sim/connect/file_stream_source.h"
#include "sim/connect/worker_task.h"

namespace kafkasim {

class Producer;

class WorkerSourceTask : public WorkerTask {
 public:
  WorkerSourceTask(TaskContext context, ConnectorConfig config, int32_t index, int32_t task_count);
  ~WorkerSourceTask() override;

  void Start() override;
  void Pause() override;
  void Resume() override;
  void Stop() override;
  void Abandon() override;
  void CommitOffsets() override;

  // The source partition's key as the offset store holds it: ["<connector>",{"filename":"F"}].
  static std::string OffsetKey(const std::string& connector, const std::string& filename);

 private:
  struct Submitted {
    int64_t position;
    bool acked = false;
  };
  void SchedulePoll(Duration delay);
  void Poll();
  Producer* producer();
  void OnAck(uint64_t seq, bool ok, const std::string& error);

  std::unique_ptr<FileStreamSource> file_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // callbacks outliving the task see false
  NodeId producer_node_ = kNoNode;
  TimerId poll_timer_;
  bool paused_ = false;
  bool missing_logged_ = false;
  // Records sent and not yet committable, in send order; front_seq_ numbers the first.
  std::deque<Submitted> submitted_;
  uint64_t front_seq_ = 0;
  std::optional<int64_t> committable_;  // the position to commit at the next flush
  std::optional<int64_t> committed_;
};

}  // namespace kafkasim
