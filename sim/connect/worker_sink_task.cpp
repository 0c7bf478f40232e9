#include "sim/connect/worker_sink_task.h"

#include <fmt/format.h>

#include "sim/core/domain_event.h"

namespace kafkasim {

WorkerSinkTask::WorkerSinkTask(TaskContext context, ConnectorConfig config, int32_t index, int32_t task_count)
    : WorkerTask(std::move(context), std::move(config), index, task_count) {}

WorkerSinkTask::~WorkerSinkTask() { *alive_ = false; }

std::string WorkerSinkTask::ConsumerName(const std::string& topic) const {
  const std::string base = "connector-consumer-" + id();
  return config_.topics.size() == 1 ? base : base + "-" + topic;
}

void WorkerSinkTask::Start() {
  std::optional<std::filesystem::path> path;
  if (config_.file) path = *config_.file;
  sink_ = std::make_unique<FileStreamSink>(path, context_.print);
  if (auto error = sink_->Start()) {
    auto on_failure = context_.on_failure;
    on_failure(*error);
    return;
  }
  running_ = true;
  paused_ = false;
  consumed_.clear();
  const auto& committed = context_.disk.sink_offsets[config_.name];
  for (const auto& [tp, offset] : committed) {
    if (tp.partition % task_count_ == index_) consumed_[tp] = offset;
  }
  StartConsumers(consumed_);
}

void WorkerSinkTask::StartConsumers(const std::map<TopicPartition, int64_t>& from) {
  Simulation& sim = context_.sim;
  const BrokerDirectory& directory = context_.directory;
  for (const std::string& topic : config_.topics) {
    std::map<std::string, std::string, std::less<>> props;
    props["bootstrap.servers"] = fmt::format("{}", fmt::join(context_.disk.config.bootstrap_servers, ","));
    props["client.id"] = ConsumerName(topic);
    props["auto.offset.reset"] = "earliest";  // Worker.baseConsumerConfigs
    auto parsed = ParseConsumerConfig(props);
    assert(std::holds_alternative<ParsedConsumerConfig>(parsed) && "the worker's consumer settings are valid");
    const ConsumerConfig cc = std::get<ParsedConsumerConfig>(parsed).config;
    auto self = std::make_shared<NodeId>(kNoNode);
    const NodeId node = StartNode(ConsumerName(topic), "consumer", self, [&sim, self, &directory, cc] {
      return std::make_unique<Consumer>(sim, *self, directory, cc);
    });
    consumers_.push_back(node);
    auto* consumer = static_cast<Consumer*>(sim.node(node).process());
    consumer->SetHandlers(
        [this, alive = alive_](const std::vector<ConsumerRecord>& records) {
          if (*alive) OnRecords(records);
        },
        [this, alive = alive_](const std::string& error) {
          if (!*alive || !running_) return;
          running_ = false;
          auto on_failure = context_.on_failure;
          on_failure(error);
        });
    for (const auto& [tp, offset] : from) {
      if (tp.topic == topic) consumer->Seek(tp, Offset(offset));
    }
    consumer->AssignAllPartitions(topic);
  }
}

void WorkerSinkTask::StopConsumers(bool crash) {
  for (NodeId node : consumers_) StopNode(node, crash);
  consumers_.clear();
}

void WorkerSinkTask::OnRecords(const std::vector<ConsumerRecord>& records) {
  if (!running_ || paused_) return;
  const WorkerConfig& worker = context_.disk.config;
  const ConverterConfig& value_conv = config_.value_converter ? *config_.value_converter : worker.value_converter;
  const ConverterConfig& key_conv = config_.key_converter ? *config_.key_converter : worker.key_converter;
  std::vector<std::string> lines;
  for (const ConsumerRecord& r : records) {
    if (r.tp.partition % task_count_ != index_) continue;  // another task's partition
    // The key is converted too (a bad key fails the task as a bad value does), though the
    // FileStreamSink prints values only.
    std::optional<ConversionError> error;
    if (r.key) {
      auto key = ToConnectData(key_conv, r.key);
      if (auto* e = std::get_if<ConversionError>(&key)) error = *e;
    }
    auto line = BytesToSinkLine(value_conv, r.value);
    if (!error) {
      if (auto* e = std::get_if<ConversionError>(&line)) error = *e;
    }
    if (error) {
      // What converted so far reaches the task before the failure, as in Kafka's batch.
      sink_->Put(lines);
      records_put_ += lines.size();
      running_ = false;
      auto on_failure = context_.on_failure;
      on_failure(fmt::format("org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler\n"
                             "Caused by: {}",
                             error->trace));
      return;
    }
    lines.push_back(std::get<std::string>(std::move(line)));
    consumed_[r.tp] = r.offset + 1;
  }
  if (lines.empty()) return;
  sink_->Put(lines);
  records_put_ += lines.size();
  EmitDomainEvent(context_.sim, context_.worker, "connect.sink_put", [&] {
    return DomainEvent{.narration = fmt::format("task {} wrote {} record(s) to {}", id(), lines.size(),
                                                config_.file ? *config_.file : std::string("standard output")),
                       .fields = {{"task", id()}, {"records", lines.size()}}};
  });
}

void WorkerSinkTask::CommitOffsets() {
  if (!running_) return;
  auto& committed = context_.disk.sink_offsets[config_.name];
  bool changed = false;
  for (const auto& [tp, offset] : consumed_) {
    auto [it, inserted] = committed.try_emplace(tp, offset);
    if (inserted || it->second != offset) changed = true;
    it->second = offset;
  }
  if (!changed) return;
  std::string list;
  for (const auto& [tp, offset] : consumed_) list += fmt::format("{}{}={}", list.empty() ? "" : ", ", ToString(tp), offset);
  EmitDomainEvent(context_.sim, context_.worker,
                  {.kind = "connect.offset_commit",
                   .narration = fmt::format("task {} committed consumer offsets {} (group connect-{})", id(), list,
                                            config_.name),
                   .rule = fmt::format("offset.flush.interval.ms={}", context_.disk.config.offset_flush_interval.millis())});
}

void WorkerSinkTask::Pause() {
  if (paused_ || !running_) return;
  // Kafka pauses the consumer's partitions and keeps its position; the stand-in closes the
  // consumer and reopens it at the same positions on resume.
  paused_ = true;
  StopConsumers(false);
}

void WorkerSinkTask::Resume() {
  if (!paused_) return;
  paused_ = false;
  if (running_) StartConsumers(consumed_);
}

void WorkerSinkTask::Stop() {
  CommitOffsets();  // WorkerSinkTask.close commits what was put
  running_ = false;
  StopConsumers(false);
}

void WorkerSinkTask::Abandon() {
  running_ = false;
  StopConsumers(true);
}

}  // namespace kafkasim
