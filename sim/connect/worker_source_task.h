#pragma once
// WorkerSourceTask: polls its connector's task (FileStreamSource, JdbcSource, Datagen) for
// records, passes each through the connector's transforms (`transforms=`), converts its key and
// value with the converters, sends it with the task's producer, and every
// offset.flush.interval.ms commits, per source partition, the source offset of the last record
// whose send — and every send before it — the brokers acknowledged (Kafka 3.x
// SubmittedRecords). A poll that finds nothing waits as the connector's task says (a second for a
// file, poll.interval.ms for a table).
//
// A record that fails a transform or a converter is handled as errors.tolerance says
// (error_handler.h; sources have no dead letter queue). A failed send fails the task:
// "Unrecoverable exception from producer send callback".
//
// A FileStreamSource without transforms takes a fast path (lines straight to the converter's
// bytes) that sends exactly what the general path would.

#include <deque>
#include <map>
#include <memory>
#include <optional>

#include "sim/client/producer_record.h"
#include "sim/connect/connector_tasks.h"
#include "sim/connect/error_handler.h"
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
  static std::string OffsetKeyOf(const std::string& connector, const nlohmann::ordered_json& partition);

 private:
  struct Submitted {
    uint32_t partition;  // index into partition_keys_
    int64_t position;    // the fast path's offset ({"position":N})
    std::string offset;  // the general path's offset JSON
    bool acked = false;
  };
  void SchedulePoll(Duration delay);
  void Poll();
  void PollFile(Producer* p);
  void PollTask(Producer* p);
  // The producer record of a task's record (transformed and converted), nullopt when a transform
  // dropped it; a failure otherwise.
  std::variant<std::optional<ProducerRecord>, ProcessingFailure> Prepare(SourceRecord record);
  void Send(Producer* p, ProducerRecord record, uint32_t partition, int64_t position, std::string offset);
  uint32_t PartitionSlot(const nlohmann::ordered_json& partition);
  Producer* producer();
  void OnAck(uint64_t seq, bool ok, const std::string& error);
  void Fail(const std::string& trace);

  std::unique_ptr<FileStreamSource> file_;  // the fast path
  std::unique_ptr<SourceTask> task_;        // the general path
  std::vector<std::unique_ptr<Transformation>> transforms_;
  ErrorsConfig errors_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // callbacks outliving the task see false
  NodeId producer_node_ = kNoNode;
  TimerId poll_timer_;
  bool paused_ = false;
  bool missing_logged_ = false;
  std::vector<std::string> partition_keys_;  // offset store keys of the source partitions seen
  // Records sent and not yet committable, in send order; front_seq_ numbers the first.
  std::deque<Submitted> submitted_;
  uint64_t front_seq_ = 0;
  // partition → the offset to commit at the next flush: (position, "") on the fast path, else (0, JSON).
  std::map<uint32_t, std::pair<int64_t, std::string>> committable_;
  std::map<uint32_t, std::string> committed_;
};

}  // namespace kafkasim
