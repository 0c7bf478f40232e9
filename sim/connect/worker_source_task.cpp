#include "sim/connect/worker_source_task.h"

#include <fmt/format.h>

#include "sim/client/producer.h"
#include "sim/core/domain_event.h"

namespace kafkasim {
namespace {
constexpr Duration kIdlePoll = Duration::Millis(1000);  // FileStreamSourceTask: this.wait(1000)
}

WorkerSourceTask::WorkerSourceTask(TaskContext context, ConnectorConfig config, int32_t index, int32_t task_count)
    : WorkerTask(std::move(context), std::move(config), index, task_count) {}

WorkerSourceTask::~WorkerSourceTask() { *alive_ = false; }

std::string WorkerSourceTask::OffsetKey(const std::string& connector, const std::string& filename) {
  nlohmann::ordered_json key = nlohmann::ordered_json::array({connector, {{"filename", filename}}});
  return key.dump();
}

void WorkerSourceTask::Start() {
  Simulation& sim = context_.sim;
  const WorkerConfig& worker = context_.disk.config;
  std::map<std::string, std::string, std::less<>> props;
  props["bootstrap.servers"] = fmt::format("{}", fmt::join(worker.bootstrap_servers, ","));
  props["client.id"] = "connector-producer-" + id();
  // Worker.baseProducerConfigs: no loss, no reordering, never give up on a record.
  props["acks"] = "all";
  props["max.in.flight.requests.per.connection"] = "1";
  props["linger.ms"] = "0";
  props["delivery.timeout.ms"] = "2147483647";
  props["max.block.ms"] = "2147483647";  // Kafka: Long.MAX_VALUE; 24 days is forever here
  auto parsed = ParseProducerConfig(props);
  assert(std::holds_alternative<ParsedProducerConfig>(parsed) && "the worker's producer settings are valid");
  const ProducerConfig pc = std::get<ParsedProducerConfig>(parsed).config;
  auto self = std::make_shared<NodeId>(kNoNode);
  const BrokerDirectory& directory = context_.directory;
  producer_node_ = StartNode(props["client.id"], "producer", self, [&sim, self, &directory, pc] {
    return std::make_unique<Producer>(sim, *self, directory, pc);
  });

  file_ = std::make_unique<FileStreamSource>(*config_.file, config_.batch_size);
  const std::string key = OffsetKey(config_.name, *config_.file);
  if (auto stored = context_.disk.offsets->Get(key)) {
    auto value = nlohmann::json::parse(*stored, nullptr, false);
    if (value.is_object() && value.contains("position") && value["position"].is_number_integer()) {
      const int64_t position = value["position"].get<int64_t>();
      file_->Seek(position);
      committed_ = position;
      EmitDomainEvent(sim, context_.worker,
                      {.kind = "connect.task_seek",
                       .narration = fmt::format("task {} resumes {} at byte {}: its last committed source offset",
                                                id(), *config_.file, position),
                       .rule = "offset.storage.file.filename=" + worker.offset_storage_file});
    }
  }
  running_ = true;
  paused_ = false;
  SchedulePoll(Duration());
}

Producer* WorkerSourceTask::producer() {
  if (producer_node_ == kNoNode) return nullptr;
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
    return SchedulePoll(kIdlePoll);
  }
  if (lines.empty()) return SchedulePoll(kIdlePoll);
  const ConverterConfig& conv = config_.value_converter ? *config_.value_converter : context_.disk.config.value_converter;
  for (FileStreamSource::Line& line : lines) {
    const uint64_t seq = front_seq_ + submitted_.size();
    submitted_.push_back(Submitted{.position = line.position});
    ProducerRecord record{.topic = config_.topic, .value = StringValueToBytes(conv, line.text)};
    p->Send(std::move(record), [this, alive = alive_, seq](const DeliveryReport& report) {
      if (!*alive) return;
      OnAck(seq, report.ok(), report.ok() ? std::string() : report.error->ToString());
    });
  }
  EmitDomainEvent(context_.sim, context_.worker, "connect.source_poll", [&] {
    return DomainEvent{.narration = fmt::format("task {} read {} line(s) of {} and sent them to {}", id(),
                                                lines.size(), *config_.file, config_.topic),
                       .rule = fmt::format("batch.size={}", config_.batch_size),
                       .fields = {{"task", id()}, {"records", lines.size()}, {"position", lines.back().position}}};
  });
  SchedulePoll(Duration());
}

void WorkerSourceTask::OnAck(uint64_t seq, bool ok, const std::string& error) {
  if (!running_) return;
  if (!ok) {
    running_ = false;
    context_.sim.Cancel(poll_timer_);
    auto on_failure = context_.on_failure;
    on_failure(fmt::format("org.apache.kafka.connect.errors.ConnectException: Unrecoverable exception from producer "
                           "send callback\nCaused by: {}",
                           error));
    return;
  }
  if (seq < front_seq_) return;
  submitted_[seq - front_seq_].acked = true;
  while (!submitted_.empty() && submitted_.front().acked) {
    committable_ = submitted_.front().position;
    submitted_.pop_front();
    ++front_seq_;
  }
}

void WorkerSourceTask::CommitOffsets() {
  if (!committable_ || committable_ == committed_) return;
  committed_ = committable_;
  const std::string value = nlohmann::ordered_json{{"position", *committed_}}.dump();
  context_.disk.offsets->Set({{OffsetKey(config_.name, *config_.file), value}});
  EmitDomainEvent(context_.sim, context_.worker,
                  {.kind = "connect.offset_commit",
                   .narration = fmt::format("task {} committed source offset {} for {}", id(), value, *config_.file),
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
