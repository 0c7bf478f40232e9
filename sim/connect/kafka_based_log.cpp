#include "sim/connect/kafka_based_log.h"

#include "sim/connect/worker_task.h"

namespace kafkasim {
namespace {
// How often a pending ReadToEnd looks at the consumer's progress.
constexpr Duration kReadToEndCheck = Duration::Millis(10);
}  // namespace

KafkaBasedLog::KafkaBasedLog(Simulation& sim, const BrokerDirectory& directory, KafkaBasedLogOptions options,
                             Callback on_record)
    : sim_(sim), directory_(directory), options_(std::move(options)), on_record_(std::move(on_record)) {
  options_.consumer.auto_offset_reset = OffsetResetStrategy::kEarliest;
}

KafkaBasedLog::~KafkaBasedLog() { *alive_ = false; }

Consumer* KafkaBasedLog::consumer() const {
  if (consumer_node_ == kNoNode) return nullptr;
  return static_cast<Consumer*>(sim_.node(consumer_node_).process());
}

Producer* KafkaBasedLog::producer() const {
  if (producer_node_ == kNoNode) return nullptr;
  return static_cast<Producer*>(sim_.node(producer_node_).process());
}

void KafkaBasedLog::Start() {
  Simulation& sim = sim_;
  const BrokerDirectory& directory = directory_;
  auto producer_self = std::make_shared<NodeId>(kNoNode);
  producer_node_ = StartClientNode(sim, options_.node_prefix + "-producer", "producer", producer_self,
                                   [&sim, producer_self, &directory, config = options_.producer] {
                                     return std::make_unique<Producer>(sim, *producer_self, directory, config);
                                   });
  auto consumer_self = std::make_shared<NodeId>(kNoNode);
  consumer_node_ = StartClientNode(sim, options_.node_prefix + "-consumer", "consumer", consumer_self,
                                   [&sim, consumer_self, &directory, config = options_.consumer] {
                                     return std::make_unique<Consumer>(sim, *consumer_self, directory, config);
                                   });
  Consumer* c = consumer();
  assert(c != nullptr && "a started node has a process");
  c->SetHandlers(
      [this, alive = alive_](const std::vector<ConsumerRecord>& records) {
        if (!*alive) return;
        for (const ConsumerRecord& r : records) {
          ++records_read_;
          on_record_(r);
          if (!*alive) return;  // the callback may end the worker
        }
      },
      [](const std::string&) {});
  c->AssignAllPartitions(options_.topic);
}

bool KafkaBasedLog::CaughtUp() const {
  const Consumer* c = consumer();
  if (c == nullptr) return false;
  const std::vector<TopicPartition> assigned = c->assignment();
  if (assigned.empty() || c->buffered() > 0) return false;
  for (const TopicPartition& tp : assigned) {
    const auto hw = c->HighWatermark(tp);
    const auto position = c->Position(tp);
    if (!hw || !position || *position < *hw) return false;
  }
  return true;
}

void KafkaBasedLog::ReadToEnd(std::function<void()> done) {
  read_waiters_.push_back(std::move(done));
  if (!checking_) CheckReadToEnd();
}

void KafkaBasedLog::CheckReadToEnd() {
  checking_ = false;
  if (read_waiters_.empty()) return;
  if (!CaughtUp()) {
    checking_ = true;
    sim_.Schedule(kReadToEndCheck, options_.worker, [this, alive = alive_] {
      if (*alive) CheckReadToEnd();
    });
    return;
  }
  for (auto& done : std::exchange(read_waiters_, {})) {
    done();
    if (!*alive_) return;
  }
}

void KafkaBasedLog::Send(std::string key, std::optional<std::string> value, SendCallback done) {
  Producer* p = producer();
  if (p == nullptr) return;
  p->Send(ProducerRecord{.topic = options_.topic, .key = std::move(key), .value = std::move(value)},
          [alive = alive_, done = std::move(done)](const DeliveryReport& report) {
            if (*alive && done) done(report);
          });
}

void KafkaBasedLog::Stop() {
  *alive_ = false;
  StopClientNode(sim_, producer_node_, /*crash=*/false);
  StopClientNode(sim_, consumer_node_, /*crash=*/false);
}

void KafkaBasedLog::Halt() {
  *alive_ = false;
  sim_.Schedule(Duration(), kNoNode, [&sim = sim_, producer = producer_node_, consumer = consumer_node_] {
    StopClientNode(sim, producer, /*crash=*/true);
    StopClientNode(sim, consumer, /*crash=*/true);
  });
}

}  // namespace kafkasim
