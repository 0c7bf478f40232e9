#pragma once
// WorkerSinkTask running a sink connector's task (FileStreamSink, JdbcSink): a member of the consumer group `connect-<connector>`
// subscribed to the connector's topics, it converts each record's key and value with the
// converters, hands the records to the connector's task, and every offset.flush.interval.ms commits
// the offsets of what it has put to __consumer_offsets (so kafka-consumer-groups.sh --describe
// --group connect-<connector> shows its lag). The group spreads the partitions over the
// connector's tasks; a restarted task resumes at the group's committed offsets, else at the
// earliest (Connect sets auto.offset.reset=earliest and enable.auto.commit=false).
//
// The consumer hands over one poll's records at a time (explicit polls, as the Java task's loop
// calls poll()). A paused task holds the batch it was handed and does not poll again until it is
// resumed; its member stays in the group, heartbeating. (Kafka's task goes on calling poll() with
// its partitions paused, so a pause longer than max.poll.interval.ms, 5 minutes, costs the
// simulated task its membership where Kafka's would keep it: it rejoins on resume.)
//
// Each record is converted (key, then value) and passed through the connector's transforms
// (`transforms=`, sim/connect/transforms/); a failure at any stage is handled as errors.tolerance
// says (error_handler.h): with none the task fails ("Tolerance exceeded in error handler") — the
// records before it in the same poll were already written; with all the record is skipped, logged
// when errors.log.enable, and produced to errors.deadletterqueue.topic.name when one is named.
// With a dead letter queue the task first creates its topic (one partition, replication factor
// errors.deadletterqueue.topic.replication.factor), as DeadLetterQueueReporter.createAndSetup
// does, and starts consuming once the topic exists; failing that, the task fails.
// Without transforms the FileStreamSink's values take a fast path that gives the same lines.
//
// Only partitions the member owns are committed: after a rebalance, what a task had put on a
// partition that moved and had not yet committed is read again by its new owner (at-least-once;
// Kafka commits in onPartitionsRevoked, which the simulated consumer does not call back).

#include <map>
#include <memory>
#include <vector>

#include "sim/client/consumer.h"
#include "sim/connect/connector_tasks.h"
#include "sim/connect/error_handler.h"
#include "sim/connect/file_stream_sink.h"
#include "sim/connect/transforms/transformation.h"
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
  uint64_t records_skipped() const { return records_skipped_; }
  // "connector-consumer-local-file-sink-0"
  std::string ConsumerName() const { return "connector-consumer-" + id(); }

 private:
  Consumer* consumer();
  void StartConsumer();
  // Creates the dead letter queue's topic, then `then`.
  void StartDeadLetterQueue(std::function<void()> then);
  // What a record becomes: the FileStreamSink's line (the fast path), a Connect record for the
  // connector's task, nothing (a transform dropped it), or the failure of one of its stages.
  using Converted = std::variant<std::monostate, std::string, ConnectRecord, ProcessingFailure>;
  Converted Convert(const ConsumerRecord& r);
  // Hands what converted to the connector's task; false when the task failed.
  bool PutConverted(std::vector<std::string>& lines, std::vector<ConnectRecord>& records);
  // A tolerated failure: log it, send the record to the dead letter queue.
  void Report(const ProcessingFailure& failure, const ConsumerRecord& r);
  void OnRecords(const std::vector<ConsumerRecord>& records);
  // Puts the records; false when the task failed on one of them.
  bool Process(const std::vector<ConsumerRecord>& records);
  void Fail(const std::string& trace);

  std::unique_ptr<FileStreamSink> fast_sink_;  // a FileStreamSink without transforms
  std::unique_ptr<SinkTask> task_;             // any other connector's task
  ErrorsConfig errors_;
  std::vector<std::unique_ptr<Transformation>> transforms_;
  NodeId dlq_producer_ = kNoNode;
  NodeId dlq_admin_ = kNoNode;
  uint64_t records_skipped_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  NodeId consumer_node_ = kNoNode;
  std::map<TopicPartition, Offset> consumed_;   // next offset to read, per partition put
  std::map<TopicPartition, Offset> committed_;  // what the last successful commit stored
  std::vector<ConsumerRecord> held_;            // handed over while paused
  bool paused_ = false;
  uint64_t records_put_ = 0;
};

}  // namespace kafkasim
