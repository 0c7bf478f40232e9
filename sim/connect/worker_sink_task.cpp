#include "sim/connect/worker_sink_task.h"

#include <fmt/format.h>

#include "sim/client/admin_client.h"
#include "sim/client/producer.h"
#include "sim/connect/task_clients.h"
#include "sim/core/domain_event.h"
#include "sim/script/builtin_commands.h"

namespace kafkasim {

WorkerSinkTask::WorkerSinkTask(TaskContext context, ConnectorConfig config, int32_t index, int32_t task_count)
    : WorkerTask(std::move(context), std::move(config), index, task_count) {}

WorkerSinkTask::~WorkerSinkTask() { *alive_ = false; }

Consumer* WorkerSinkTask::consumer() {
  if (consumer_node_ == kNoNode || !context_.sim.node(consumer_node_).running()) return nullptr;
  return static_cast<Consumer*>(context_.sim.node(consumer_node_).process());
}

void WorkerSinkTask::Fail(const std::string& trace) {
  running_ = false;
  auto on_failure = context_.on_failure;  // may destroy this task's slot: copy first
  on_failure(trace);
}

void WorkerSinkTask::Start() {
  errors_ = ParseErrorsConfig(config_.raw, *config_.plugin);
  transforms_ = MakeTransformationChain(config_.raw);
  fast_sink_.reset();
  task_.reset();
  if (config_.plugin->kind == ConnectorKind::kFileStreamSink && transforms_.empty()) {
    std::optional<std::filesystem::path> path;
    if (config_.file) path = *config_.file;
    fast_sink_ = std::make_unique<FileStreamSink>(path, context_.print);
    if (auto error = fast_sink_->Start()) return Fail(*error);
  } else {
    task_ = MakeSinkTask(config_, TaskEnvironment{.task_id = id(), .task_index = index_, .seed = context_.sim.seed(),
                                                  .print = context_.print});
    if (auto error = task_->Start()) return Fail(*error);
  }
  running_ = true;
  paused_ = false;
  consumed_.clear();
  committed_.clear();
  held_.clear();
  if (errors_.dlq_topic.empty()) return StartConsumer();
  StartDeadLetterQueue([this, alive = alive_] {
    if (*alive && running_) StartConsumer();
  });
}

void WorkerSinkTask::StartDeadLetterQueue(std::function<void()> then) {
  Simulation& sim = context_.sim;
  const BrokerDirectory& directory = context_.directory;
  const WorkerConfig& worker = context_.disk.config;
  auto pc = TaskProducerConfig(worker, "connector-dlq-producer-" + id());
  if (auto* e = std::get_if<std::string>(&pc)) {
    return Fail("org.apache.kafka.common.KafkaException: Failed to construct kafka producer\nCaused by: " + *e);
  }
  auto producer_self = std::make_shared<NodeId>(kNoNode);
  dlq_producer_ = StartNode("connector-dlq-producer-" + id(), "producer", producer_self,
                            [&sim, producer_self, &directory, config = std::get<ProducerConfig>(pc)] {
                              return std::make_unique<Producer>(sim, *producer_self, directory, config);
                            });
  AdminClientOptions options{.bootstrap_servers = worker.bootstrap_servers,
                             .client_id = "connector-dlq-adminclient-" + id()};
  auto admin_self = std::make_shared<NodeId>(kNoNode);
  dlq_admin_ = StartNode(options.client_id, "admin", admin_self, [&sim, admin_self, &directory, options] {
    return std::make_unique<AdminClient>(sim, *admin_self, directory, options);
  });
  auto* admin = static_cast<AdminClient*>(sim.node(dlq_admin_).process());
  CreatableTopic topic{.name = errors_.dlq_topic, .num_partitions = 1,
                       .replication_factor = errors_.dlq_replication_factor};
  admin->Call(
      "createTopics", AdminClient::Target::kController,
      [topic] {
        auto r = std::make_unique<CreateTopicsRequest>();
        r->topics.push_back(topic);
        return r;
      },
      [this, alive = alive_, then = std::move(then)](const Envelope* response, const std::string& error) {
        if (!*alive || !running_) return;
        const NodeId admin_node = dlq_admin_;
        context_.sim.Schedule(Duration(), kNoNode, [&sim = context_.sim, admin_node] {
          if (sim.node(admin_node).running()) sim.Stop(admin_node);
        });
        std::string failure = error;
        if (response != nullptr) {
          const TopicResult& r = response->As<CreateTopicsResponse>()->results.at(0);
          if (r.error != ErrorCode::kNone && r.error != ErrorCode::kTopicAlreadyExists) {
            failure = ProducerErrorFor(r.error, r.message).ToString();
          }
        }
        if (!failure.empty()) {
          return Fail(fmt::format("org.apache.kafka.connect.errors.ConnectException: Could not initialize dead letter "
                                  "queue with topic={}\nCaused by: {}",
                                  errors_.dlq_topic, failure));
        }
        EmitDomainEvent(context_.sim, context_.worker,
                        {.kind = "connect.dlq_ready",
                         .narration = fmt::format("task {} will send the records it cannot process to the dead letter "
                                                  "queue {}",
                                                  id(), errors_.dlq_topic),
                         .rule = "errors.tolerance=all, errors.deadletterqueue.topic.name=" + errors_.dlq_topic});
        then();
      });
}

void WorkerSinkTask::StartConsumer() {
  auto cc = SinkTaskConsumerConfig(context_.disk.config, config_.name, ConsumerName());
  if (auto* e = std::get_if<std::string>(&cc)) {
    return Fail("org.apache.kafka.common.KafkaException: Failed to construct kafka consumer\nCaused by: " + *e);
  }
  Simulation& sim = context_.sim;
  const BrokerDirectory& directory = context_.directory;
  auto self = std::make_shared<NodeId>(kNoNode);
  consumer_node_ = StartNode(ConsumerName(), "consumer", self,
                             [&sim, self, &directory, config = std::get<ConsumerConfig>(cc)] {
                               return std::make_unique<Consumer>(sim, *self, directory, config);
                             });
  Consumer* c = consumer();
  c->EnableExplicitPoll();
  c->SetHandlers(
      [this, alive = alive_](const std::vector<ConsumerRecord>& records) {
        if (*alive) OnRecords(records);
      },
      [this, alive = alive_](const std::string& error) {
        if (*alive && running_) Fail(error);
      });
  c->Subscribe(config_.topics);
}

void WorkerSinkTask::OnRecords(const std::vector<ConsumerRecord>& records) {
  if (!running_) return;
  if (paused_) {
    held_.insert(held_.end(), records.begin(), records.end());
    return;
  }
  if (!Process(records)) return;
  if (Consumer* c = consumer()) c->Poll();
}

WorkerSinkTask::Converted WorkerSinkTask::Convert(const ConsumerRecord& r) {
  const WorkerConfig& worker = context_.disk.config;
  const ConverterConfig& value_conv = config_.value_converter ? *config_.value_converter : worker.value_converter;
  const ConverterConfig& key_conv = config_.key_converter ? *config_.key_converter : worker.key_converter;
  // The key is converted too (a bad key fails as a bad value does), though the FileStreamSink
  // prints values only.
  SchemaAndValue key;
  if (r.key) {
    auto k = ToConnectData(key_conv, r.key);
    if (auto* e = std::get_if<ConversionError>(&k)) {
      return ProcessingFailure{ErrorStage::kKeyConverter, ConverterClassName(key_conv.kind), e->trace};
    }
    key = std::get<SchemaAndValue>(std::move(k));
  }
  if (fast_sink_) {
    auto line = BytesToSinkLine(value_conv, r.value);
    if (auto* e = std::get_if<ConversionError>(&line)) {
      return ProcessingFailure{ErrorStage::kValueConverter, ConverterClassName(value_conv.kind), e->trace};
    }
    return std::get<std::string>(std::move(line));
  }
  auto value = ToConnectData(value_conv, r.value);
  if (auto* e = std::get_if<ConversionError>(&value)) {
    return ProcessingFailure{ErrorStage::kValueConverter, ConverterClassName(value_conv.kind), e->trace};
  }
  std::optional<ConnectRecord> record = ConnectRecord{.topic = r.tp.topic,
                                                      .kafka_partition = r.tp.partition,
                                                      .key = std::move(key),
                                                      .value = std::get<SchemaAndValue>(std::move(value)),
                                                      .timestamp_ms = r.timestamp_ms >= 0 ? std::optional(r.timestamp_ms)
                                                                                           : std::nullopt,
                                                      .kafka_offset = r.offset};
  for (const auto& t : transforms_) {
    auto result = t->Apply(std::move(*record));
    if (auto* e = std::get_if<TransformError>(&result)) {
      return ProcessingFailure{ErrorStage::kTransformation, t->class_name(), e->trace};
    }
    record = std::get<std::optional<ConnectRecord>>(std::move(result));
    if (!record) return std::monostate();
  }
  return std::move(*record);
}

bool WorkerSinkTask::PutConverted(std::vector<std::string>& lines, std::vector<ConnectRecord>& records) {
  const size_t count = lines.size() + records.size();
  if (count == 0) return true;
  if (fast_sink_) fast_sink_->Put(lines);
  if (task_ && !records.empty()) {
    if (auto error = task_->Put(records)) {
      Fail(*error);
      return false;
    }
  }
  records_put_ += count;
  EmitDomainEvent(context_.sim, context_.worker, "connect.sink_put", [&] {
    const std::string target = task_ ? task_->target() : config_.file ? *config_.file : std::string("standard output");
    return DomainEvent{.narration = fmt::format("task {} wrote {} record(s) to {}", id(), count, target),
                       .fields = {{"task", id()}, {"records", count}}};
  });
  lines.clear();
  records.clear();
  return true;
}

void WorkerSinkTask::Report(const ProcessingFailure& failure, const ConsumerRecord& r) {
  ++records_skipped_;
  if (errors_.log_enable) {
    EmitDomainEvent(context_.sim, context_.worker,
                    {.kind = "connect.error_logged",
                     .narration = ErrorLogLine(id(), failure, &r, errors_.log_include_messages),
                     .rule = "errors.tolerance=all, errors.log.enable=true"});
  }
  if (errors_.dlq_topic.empty() || dlq_producer_ == kNoNode || !context_.sim.node(dlq_producer_).running()) return;
  auto* producer = static_cast<Producer*>(context_.sim.node(dlq_producer_).process());
  ProducerRecord record{.topic = errors_.dlq_topic, .key = OwnedCopy(r.key), .value = OwnedCopy(r.value)};
  if (r.timestamp_ms >= 0) record.timestamp_ms = r.timestamp_ms;
  Simulation& sim = context_.sim;
  const NodeId worker = context_.worker;
  const std::string topic = errors_.dlq_topic;
  producer->Send(std::move(record), [&sim, worker, topic](const DeliveryReport& report) {
    if (report.ok()) return;
    EmitDomainEvent(sim, worker,
                    {.kind = "connect.dlq_failed",
                     .narration = fmt::format("Could not produce message to dead letter queue. topic={}: {}", topic,
                                              report.error->ToString())});
  });
  EmitDomainEvent(context_.sim, context_.worker,
                  {.kind = "connect.dlq_record",
                   .narration = fmt::format("task {} sent {}@{} to the dead letter queue {}: stage {} failed ({})", id(),
                                            ToString(r.tp), r.offset, topic, ToString(failure.stage),
                                            failure.trace.substr(0, failure.trace.find('\n'))),
                   .rule = "errors.deadletterqueue.topic.name=" + topic,
                   .fields = {{"task", id()}, {"stage", std::string(ToString(failure.stage))}}});
}

bool WorkerSinkTask::Process(const std::vector<ConsumerRecord>& records) {
  std::vector<std::string> lines;
  std::vector<ConnectRecord> converted;
  std::map<TopicPartition, Offset> before;
  if (task_) before = consumed_;  // a failed put leaves the batch's offsets uncommitted
  for (const ConsumerRecord& r : records) {
    Converted c = Convert(r);
    if (auto* failure = std::get_if<ProcessingFailure>(&c)) {
      if (!errors_.tolerate_all) {
        // What converted so far reaches the task before the failure.
        if (!PutConverted(lines, converted)) return false;
        Fail(ToleranceExceededTrace(*failure));
        return false;
      }
      Report(*failure, r);
    } else if (auto* line = std::get_if<std::string>(&c)) {
      lines.push_back(std::move(*line));
    } else if (auto* record = std::get_if<ConnectRecord>(&c)) {
      converted.push_back(std::move(*record));
    }
    consumed_[r.tp] = Offset(r.offset + 1);
  }
  if (!PutConverted(lines, converted)) {
    consumed_ = std::move(before);
    return false;
  }
  return true;
}

void WorkerSinkTask::CommitOffsets() {
  Consumer* c = consumer();
  if (c == nullptr || consumed_.empty()) return;
  // Only what this member owns: a partition the group moved belongs to another task now.
  std::map<TopicPartition, Offset> offsets;
  for (const TopicPartition& tp : c->assignment()) {
    auto it = consumed_.find(tp);
    if (it != consumed_.end() && committed_[tp] != it->second) offsets.emplace(tp, it->second);
  }
  if (offsets.empty()) return;
  std::string list;
  for (const auto& [tp, offset] : offsets) {
    list += fmt::format("{}{}={}", list.empty() ? "" : ", ", ToString(tp), offset.value());
  }
  Simulation& sim = context_.sim;
  const NodeId worker = context_.worker;
  const std::string task = id(), group = "connect-" + config_.name;
  const int64_t interval = context_.disk.config.offset_flush_interval.millis();
  c->Commit(offsets, [this, alive = alive_, &sim, worker, offsets, list, task, group, interval](ErrorCode error) {
    if (error != ErrorCode::kNone) {
      // WorkerSinkTask.onCommitCompleted logs the failure and tries again at the next flush.
      EmitDomainEvent(sim, worker,
                      {.kind = "connect.offset_commit_failed",
                       .narration = fmt::format("task {} could not commit consumer offsets {} (group {}): {}", task,
                                                list, group, ToString(error))});
      return;
    }
    if (*alive) {
      for (const auto& [tp, offset] : offsets) committed_[tp] = offset;
    }
    EmitDomainEvent(sim, worker,
                    {.kind = "connect.offset_commit",
                     .narration = fmt::format("task {} committed consumer offsets {} (group {})", task, list, group),
                     .rule = fmt::format("offset.flush.interval.ms={}", interval)});
  });
}

void WorkerSinkTask::Pause() {
  if (paused_ || !running_) return;
  paused_ = true;  // the next batch is held; the member stays in the group
}

void WorkerSinkTask::Resume() {
  if (!paused_) return;
  paused_ = false;
  if (!running_) return;
  std::vector<ConsumerRecord> held = std::move(held_);
  held_.clear();
  // A batch was held: process it and poll again. None: the consumer is still waiting in poll.
  if (!held.empty()) OnRecords(held);
}

void WorkerSinkTask::Stop() {
  // WorkerSinkTask.close: commit what was put, then close the consumer (LeaveGroup).
  CommitOffsets();
  running_ = false;
  if (consumer() != nullptr) StopGracefully(context_.sim, consumer_node_, [] {});
  StopNode(dlq_admin_, /*crash=*/false);
  if (dlq_producer_ != kNoNode && context_.sim.node(dlq_producer_).running()) {
    StopGracefully(context_.sim, dlq_producer_, [] {});  // close(): what was sent is flushed
  }
}

void WorkerSinkTask::Abandon() {
  running_ = false;
  StopNode(consumer_node_, /*crash=*/true);
  StopNode(dlq_producer_, /*crash=*/true);
  StopNode(dlq_admin_, /*crash=*/true);
}

}  // namespace kafkasim
