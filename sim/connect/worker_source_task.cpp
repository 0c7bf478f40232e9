#include "sim/connect/worker_source_task.h"

#include <fmt/format.h>

#include "sim/client/producer.h"
#include "sim/connect/task_clients.h"
#include "sim/core/domain_event.h"

namespace kafkasim {
namespace {
constexpr Duration kFileStreamIdlePoll = Duration::Millis(1000);  // FileStreamSourceTask: this.wait(1000)
}

WorkerSourceTask::WorkerSourceTask(TaskContext context, ConnectorConfig config, int32_t index, int32_t task_count)
    : WorkerTask(std::move(context), std::move(config), index, task_count) {}

WorkerSourceTask::~WorkerSourceTask() { *alive_ = false; }

std::string WorkerSourceTask::OffsetKey(const std::string& connector, const std::string& filename) {
  return OffsetKeyOf(connector, {{"filename", filename}});
}

std::string WorkerSourceTask::OffsetKeyOf(const std::string& connector, const nlohmann::ordered_json& partition) {
  return nlohmann::ordered_json::array({connector, partition}).dump();
}

void WorkerSourceTask::Fail(const std::string& trace) {
  running_ = false;
  context_.sim.Cancel(poll_timer_);
  auto on_failure = context_.on_failure;  // may destroy this task: copy first
  on_failure(trace);
}

uint32_t WorkerSourceTask::PartitionSlot(const nlohmann::ordered_json& partition) {
  std::string key = OffsetKeyOf(config_.name, partition);
  for (uint32_t i = 0; i < partition_keys_.size(); ++i) {
    if (partition_keys_[i] == key) return i;
  }
  partition_keys_.push_back(std::move(key));
  return static_cast<uint32_t>(partition_keys_.size() - 1);
}

void WorkerSourceTask::Start() {
  Simulation& sim = context_.sim;
  const WorkerConfig& worker = context_.disk.config;
  auto pc = TaskProducerConfig(worker, "connector-producer-" + id());
  if (auto* e = std::get_if<std::string>(&pc)) {
    return Fail("org.apache.kafka.common.KafkaException: Failed to construct kafka producer\nCaused by: " + *e);
  }
  auto self = std::make_shared<NodeId>(kNoNode);
  const BrokerDirectory& directory = context_.directory;
  producer_node_ = StartNode("connector-producer-" + id(), "producer", self,
                             [&sim, self, &directory, config = std::get<ProducerConfig>(pc)] {
                               return std::make_unique<Producer>(sim, *self, directory, config);
                             });
  errors_ = ParseErrorsConfig(config_.raw, *config_.plugin);
  transforms_ = MakeTransformationChain(config_.raw);
  running_ = true;
  paused_ = false;
  if (config_.plugin->kind == ConnectorKind::kFileStreamSource && transforms_.empty()) {
    file_ = std::make_unique<FileStreamSource>(*config_.file, config_.batch_size);
    const uint32_t slot = PartitionSlot({{"filename", *config_.file}});
    if (auto stored = context_.disk.offsets->Get(partition_keys_[slot])) {
      auto value = nlohmann::json::parse(*stored, nullptr, false);
      if (value.is_object() && value.contains("position") && value["position"].is_number_integer()) {
        const int64_t position = value["position"].get<int64_t>();
        file_->Seek(position);
        committed_[slot] = *stored;
        EmitDomainEvent(sim, context_.worker,
                        {.kind = "connect.task_seek",
                         .narration = fmt::format("task {} resumes {} at byte {}: its last committed source offset",
                                                  id(), *config_.file, position),
                         .rule = "offset.storage.file.filename=" + worker.offset_storage_file});
      }
    }
  } else {
    task_ = MakeSourceTask(config_, TaskEnvironment{.task_id = id(), .task_index = index_, .seed = sim.seed(),
                                                    .print = context_.print});
    auto reader = [this](const nlohmann::ordered_json& partition) {
      const uint32_t slot = PartitionSlot(partition);
      auto stored = context_.disk.offsets->Get(partition_keys_[slot]);
      if (!stored) return nlohmann::ordered_json();
      committed_[slot] = *stored;
      EmitDomainEvent(context_.sim, context_.worker,
                      {.kind = "connect.task_seek",
                       .narration = fmt::format("task {} resumes {} at {}: its last committed source offset", id(),
                                                partition.dump(), *stored),
                       .rule = "offset.storage.file.filename=" + context_.disk.config.offset_storage_file});
      return nlohmann::ordered_json::parse(*stored, nullptr, false);
    };
    if (auto error = task_->Start(reader)) return Fail(*error);
  }
  SchedulePoll(Duration());
}

Producer* WorkerSourceTask::producer() {
  if (producer_node_ == kNoNode || !context_.sim.node(producer_node_).running()) return nullptr;
  return static_cast<Producer*>(context_.sim.node(producer_node_).process());
}

void WorkerSourceTask::SchedulePoll(Duration delay) {
  context_.sim.Cancel(poll_timer_);
  poll_timer_ = context_.sim.Schedule(delay, context_.worker, [this, alive = alive_] {
    if (*alive) Poll();
  });
}

void WorkerSourceTask::Poll() {
  if (!running_ || paused_) return;
  Producer* p = producer();
  if (p == nullptr) return;
  if (file_) return PollFile(p);
  PollTask(p);
}

void WorkerSourceTask::Send(Producer* p, ProducerRecord record, uint32_t partition, int64_t position,
                            std::string offset) {
  const uint64_t seq = front_seq_ + submitted_.size();
  submitted_.push_back(Submitted{.partition = partition, .position = position, .offset = std::move(offset)});
  p->Send(std::move(record), [this, alive = alive_, seq](const DeliveryReport& report) {
    if (!*alive) return;
    OnAck(seq, report.ok(), report.ok() ? std::string() : report.error->ToString());
  });
}

void WorkerSourceTask::PollFile(Producer* p) {
  std::vector<FileStreamSource::Line> lines;
  const auto status = file_->Poll(lines);
  if (status == FileStreamSource::PollStatus::kMissing) {
    if (!missing_logged_) {
      missing_logged_ = true;
      EmitDomainEvent(context_.sim, context_.worker,
                      {.kind = "connect.source_file_missing",
                       .narration = fmt::format("Couldn't find file {} for FileStreamSourceTask, sleeping to wait for "
                                                "it to be created",
                                                *config_.file)});
    }
    return SchedulePoll(kFileStreamIdlePoll);
  }
  if (lines.empty()) return SchedulePoll(kFileStreamIdlePoll);
  const ConverterConfig& conv = config_.value_converter ? *config_.value_converter : context_.disk.config.value_converter;
  for (FileStreamSource::Line& line : lines) {
    Send(p, ProducerRecord{.topic = config_.topic, .value = StringValueToBytes(conv, line.text)}, 0, line.position, {});
  }
  EmitDomainEvent(context_.sim, context_.worker, "connect.source_poll", [&] {
    return DomainEvent{.narration = fmt::format("task {} read {} line(s) of {} and sent them to {}", id(),
                                                lines.size(), *config_.file, config_.topic),
                       .rule = fmt::format("batch.size={}", config_.batch_size),
                       .fields = {{"task", id()}, {"records", lines.size()}, {"position", lines.back().position}}};
  });
  SchedulePoll(Duration());
}

std::variant<std::optional<ProducerRecord>, ProcessingFailure> WorkerSourceTask::Prepare(SourceRecord record) {
  std::optional<ConnectRecord> r = ConnectRecord{.topic = std::move(record.topic),
                                                 .key = std::move(record.key),
                                                 .value = std::move(record.value),
                                                 .timestamp_ms = record.timestamp_ms};
  for (const auto& t : transforms_) {
    auto result = t->Apply(std::move(*r));
    if (auto* e = std::get_if<TransformError>(&result)) {
      return ProcessingFailure{ErrorStage::kTransformation, t->class_name(), e->trace};
    }
    r = std::get<std::optional<ConnectRecord>>(std::move(result));
    if (!r) return std::optional<ProducerRecord>();
  }
  const WorkerConfig& worker = context_.disk.config;
  const ConverterConfig& value_conv = config_.value_converter ? *config_.value_converter : worker.value_converter;
  const ConverterConfig& key_conv = config_.key_converter ? *config_.key_converter : worker.key_converter;
  ProducerRecord out{.topic = r->topic, .partition = r->kafka_partition, .timestamp_ms = r->timestamp_ms};
  if (!r->key.value.is_null() || !r->key.schema.is_null()) out.key = FromConnectData(key_conv, r->key);
  out.value = FromConnectData(value_conv, r->value);
  return std::optional<ProducerRecord>(std::move(out));
}

void WorkerSourceTask::PollTask(Producer* p) {
  SourcePoll poll = task_->Poll(context_.sim.now());
  if (poll.failure) return Fail(*poll.failure);
  size_t sent = 0;
  std::string topic;
  for (SourceRecord& record : poll.records) {
    const uint32_t slot = PartitionSlot(record.source_partition);
    std::string offset = record.source_offset.dump();
    auto prepared = Prepare(std::move(record));
    if (auto* failure = std::get_if<ProcessingFailure>(&prepared)) {
      if (!errors_.tolerate_all) return Fail(ToleranceExceededTrace(*failure));
      if (errors_.log_enable) {
        EmitDomainEvent(context_.sim, context_.worker,
                        {.kind = "connect.error_logged",
                         .narration = ErrorLogLine(id(), *failure, nullptr, false),
                         .rule = "errors.tolerance=all, errors.log.enable=true"});
      }
      continue;
    }
    auto& out = std::get<std::optional<ProducerRecord>>(prepared);
    if (!out) continue;  // dropped by a transform
    topic = out->topic;
    Send(p, std::move(*out), slot, 0, std::move(offset));
    ++sent;
  }
  if (!poll.records.empty()) {
    EmitDomainEvent(context_.sim, context_.worker, "connect.source_poll", [&] {
      return DomainEvent{.narration = fmt::format("task {} {} and sent {} record(s){}", id(), poll.what, sent,
                                                  topic.empty() ? std::string() : " to " + topic),
                         .fields = {{"task", id()}, {"records", sent}}};
    });
  }
  SchedulePoll(poll.next_poll);
}

void WorkerSourceTask::OnAck(uint64_t seq, bool ok, const std::string& error) {
  if (!running_) return;
  if (!ok) {
    return Fail(fmt::format("org.apache.kafka.connect.errors.ConnectException: Unrecoverable exception from producer "
                            "send callback\nCaused by: {}",
                            error));
  }
  if (seq < front_seq_) return;
  submitted_[seq - front_seq_].acked = true;
  while (!submitted_.empty() && submitted_.front().acked) {
    Submitted& s = submitted_.front();
    committable_[s.partition] = {s.position, std::move(s.offset)};
    submitted_.pop_front();
    ++front_seq_;
  }
}

void WorkerSourceTask::CommitOffsets() {
  std::map<std::string, std::string> entries;
  std::string list;
  for (const auto& [slot, offset] : committable_) {
    std::string value = offset.second.empty() ? nlohmann::ordered_json{{"position", offset.first}}.dump() : offset.second;
    auto it = committed_.find(slot);
    if (it != committed_.end() && it->second == value) continue;
    committed_[slot] = value;
    list += fmt::format("{}{}", list.empty() ? "" : ", ", value);
    entries[partition_keys_[slot]] = std::move(value);
  }
  if (entries.empty()) return;
  context_.disk.offsets->Set(entries);
  const std::string what = file_ ? " for " + *config_.file : "";
  EmitDomainEvent(context_.sim, context_.worker,
                  {.kind = "connect.offset_commit",
                   .narration = fmt::format("task {} committed source offset {}{}", id(), list, what),
                   .rule = fmt::format("offset.flush.interval.ms={}", context_.disk.config.offset_flush_interval.millis())});
}

void WorkerSourceTask::Pause() { paused_ = true; }

void WorkerSourceTask::Resume() {
  if (!paused_) return;
  paused_ = false;
  if (running_) SchedulePoll(Duration());
}

void WorkerSourceTask::Stop() {
  if (running_) CommitOffsets();
  running_ = false;
  context_.sim.Cancel(poll_timer_);
  StopNode(producer_node_, /*crash=*/false);
}

void WorkerSourceTask::Abandon() {
  running_ = false;
  StopNode(producer_node_, /*crash=*/true);
}

}  // namespace kafkasim
