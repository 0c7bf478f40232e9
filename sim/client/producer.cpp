#include "sim/client/producer.h"

#include <cassert>

#include <fmt/format.h>

#include "sim/client/last_hit.h"
#include "sim/core/domain_event.h"

namespace kafkasim {
namespace {

std::string Describe(const std::optional<std::string>& key) {
  return key ? fmt::format("key '{}'", *key) : std::string("no key");
}

}  // namespace

Producer::Producer(Simulation& sim, NodeId self, const BrokerDirectory& directory, ProducerConfig config,
                   std::shared_ptr<ProducerStats> stats)
    : sim_(sim), self_(self), directory_(directory), config_(std::move(config)),
      network_(sim, self, directory, fmt::format("[Producer clientId={}]", config_.client_id)),
      accumulator_(config_, config_.idempotence ? &transactions_ : nullptr), stats_(stats ? std::move(stats) : std::make_shared<ProducerStats>()) {}

Producer::~Producer() = default;

void Producer::OnStart() {
  // Like KafkaProducer, ask for metadata (and a producer id) only once there is a topic to ask about.
}

void Producer::MaybeInitProducerId(Time now) {
  if (!config_.idempotence || transactions_.has_producer_id() || init_producer_id_in_flight_) return;
  if (metadata_.topics().empty()) return;
  // Sender.maybeSendAndPollTransactionalRequest: to the least loaded node, like a metadata request.
  std::string label;
  const NodeId node = MetadataTarget(&label);
  if (!network_.Connectable(node, label)) return Wake(now + config_.retry_backoff);
  init_producer_id_in_flight_ = true;
  network_.Send(
      node, std::make_unique<InitProducerIdRequest>(), config_.request_timeout,
      [this](const Envelope& e) {
        init_producer_id_in_flight_ = false;
        const auto* r = e.As<InitProducerIdResponse>();
        if (r == nullptr || r->error != ErrorCode::kNone) return Wake(sim_.now() + config_.retry_backoff);
        transactions_.SetProducerIdAndEpoch(r->producer_id, r->producer_epoch);
        EmitDomainEvent(sim_, self_,
                        {.kind = "producer.init_producer_id",
                         .narration = fmt::format("the producer is idempotent as producer id {} epoch {}: each batch "
                                                  "carries a sequence number per partition, so a retry is written once",
                                                  r->producer_id, r->producer_epoch),
                         .rule = "enable.idempotence=true",
                         .fields = {{"producer_id", r->producer_id}, {"epoch", r->producer_epoch}}});
        Wake(sim_.now());
      },
      [this](ErrorCode, const std::string&) {
        init_producer_id_in_flight_ = false;
        Wake(sim_.now() + config_.retry_backoff);
      });
}

bool Producer::idle() const { return waiting_.empty() && in_flight_.empty() && !accumulator_.HasUndrained(); }

uint64_t Producer::Send(const ProducerRecord& record, SendCallback callback) {
  const Time now = sim_.now();
  const uint64_t id = next_record_id_++;
  const int64_t timestamp_ms = record.timestamp_ms.value_or(now.millis());
  ++stats_->sent;
  // The metadata's set of wanted topics never shrinks: a record to the topic of the one before
  // has nothing to add.
  if (!last_sent_topic_ || !SameName(*last_sent_topic_, record.topic)) {
    metadata_.AddTopic(record.topic);
    last_sent_topic_ = record.topic;
  }
  // Records wait behind earlier ones for metadata, so that one application thread's order holds.
  if (waiting_.empty() && Append(record, id, timestamp_ms, callback, now)) return id;
  waiting_.push_back(WaitingRecord{.record = record, .id = id, .timestamp_ms = timestamp_ms,
                                   .callback = std::move(callback), .deadline = now + config_.max_block});
  if (!metadata_.PartitionCount(record.topic)) metadata_.RequestUpdate();
  MaybeUpdateMetadata(now);
  Wake(waiting_.front().deadline);
  return id;
}

bool Producer::Append(const ProducerRecord& record, uint64_t id, int64_t timestamp_ms, SendCallback& callback,
                      Time now) {
  const std::optional<int32_t> count = metadata_.PartitionCount(record.topic);
  if (!count) return false;
  if (record.partition && (*record.partition < 0 || *record.partition >= *count)) {
    FailUnpartitioned(record, id, callback,
                      ProducerError{.code = ErrorCode::kUnknownTopicOrPartition,
                                    .exception = "org.apache.kafka.common.KafkaException",
                                    .message = fmt::format("Invalid partition given with record: {} is not in "
                                                           "the range [0...{}).",
                                                           *record.partition, *count)});
    return true;
  }
  const AppendResult result =
      accumulator_.Append(record, timestamp_ms, id, std::move(callback), metadata_, now, sim_.node(self_).random());
  TraceSend(record, id, result.partition);
  if (result.batch_is_full || result.new_batch_created) Wake(now);
  return true;
}

void Producer::FailUnpartitioned(const ProducerRecord& record, uint64_t id, SendCallback& callback,
                                 const ProducerError& error) {
  ++stats_->failed;
  if (!callback) return;
  // Filled in step by step: GCC 12 takes the designated-initialiser form of a report holding a
  // string for a read of uninitialised memory (-Wmaybe-uninitialized).
  DeliveryReport report;
  report.record_id = id;
  report.tp = TopicPartition{record.topic, -1};
  report.error = error;
  callback(report);
}

void Producer::TraceSend(const ProducerRecord& record, uint64_t id, int32_t partition) {
  // One a record: built only when a sink wants it.
  EmitDomainEvent(sim_, self_, send_kind_, [&] {
    std::string why;
    if (record.partition) {
      why = "the partition was given explicitly";
    } else if (config_.partitioner == PartitionerKind::kRoundRobin) {
      why = "RoundRobinPartitioner deals records to the partitions in turn";
    } else if (record.key && !config_.partitioner_ignore_keys) {
      why = fmt::format("toPositive(murmur2(key)) % {} = {}: the same key always lands here",
                        metadata_.PartitionCount(record.topic).value_or(0), partition);
    } else {
      why = "no key: the sticky partitioner keeps filling one partition's batch before it picks another";
    }
    return DomainEvent{.narration = fmt::format("record #{} ({}) goes to {}-{}: {}", id, Describe(record.key),
                                                record.topic, partition, why),
                       .rule = record.key && !record.partition ? "partition = toPositive(murmur2(key)) % partitions"
                                                                : "",
                       .fields = {{"record", id}, {"topic", record.topic}, {"partition", partition}}};
  });
}

void Producer::AppendWaiting(Time now) {
  while (!waiting_.empty()) {
    WaitingRecord& w = waiting_.front();
    if (!Append(w.record, w.id, w.timestamp_ms, w.callback, now)) {
      if (now < w.deadline) break;
      const ProducerError error{
          .code = ErrorCode::kRequestTimedOut, .exception = "org.apache.kafka.common.errors.TimeoutException",
          .message = fmt::format("Topic {} not present in metadata after {} ms.", w.record.topic,
                                 config_.max_block.millis())};
      EmitDomainEvent(sim_, self_,
                      {.kind = "producer.error",
                       .narration = fmt::format("record #{} fails: no broker described topic '{}' within max.block.ms",
                                                w.id, w.record.topic),
                       .rule = fmt::format("max.block.ms={}", config_.max_block.millis()),
                       .fields = {{"record", w.id}, {"error", error.ToString()}}});
      FailUnpartitioned(w.record, w.id, w.callback, error);
    }
    waiting_.pop_front();
  }
  if (!waiting_.empty()) Wake(waiting_.front().deadline);
}

NodeId Producer::MetadataTarget(std::string* label) {
  // Kafka's leastLoadedNode: a known broker that accepts connections with the fewest requests
  // in flight; before the first answer, the bootstrap servers in turn.
  NodeId best = kNoNode;
  for (const BrokerMetadata& b : metadata_.brokers()) {
    const NodeId node = directory_.NodeOf(b.id);
    if (node == kNoNode || !sim_.node(node).running()) continue;
    if (best == kNoNode || network_.InFlight(node) < network_.InFlight(best)) {
      best = node;
      *label = fmt::format("node {} ({})", b.id.value(), FormatAddress(b.host, b.port));
    }
  }
  if (best != kNoNode) return best;
  const size_t index = next_bootstrap_++ % config_.bootstrap_servers.size();
  *label = BootstrapNodeLabel(config_.bootstrap_servers, index);
  return directory_.Resolve(config_.bootstrap_servers[index]);
}

void Producer::MaybeUpdateMetadata(Time now) {
  if (metadata_in_flight_ || metadata_.topics().empty()) return;
  const Time due = metadata_.NextUpdateTime(config_.metadata_max_age, config_.retry_backoff);
  if (due > now) return Wake(due);
  std::string label;
  const NodeId node = MetadataTarget(&label);
  if (!network_.Connectable(node, label)) {
    metadata_.RequestUpdate();
    Wake(now + kReconnectBackoff);
    return;
  }
  auto request = std::make_unique<MetadataRequest>();
  request->topics = std::vector<std::string>(metadata_.topics().begin(), metadata_.topics().end());
  request->allow_auto_topic_creation = true;  // allow.auto.create.topics=true
  metadata_in_flight_ = true;
  network_.Send(
      node, std::move(request), config_.request_timeout,
      [this](const Envelope& e) {
        metadata_in_flight_ = false;
        if (const auto* m = e.As<MetadataResponse>()) HandleMetadata(*m);
      },
      [this](ErrorCode, const std::string&) {
        metadata_in_flight_ = false;
        metadata_.RequestUpdate();
        Wake(sim_.now());
      });
}

void Producer::HandleMetadata(const MetadataResponse& response) {
  const auto errors = metadata_.Update(response, sim_.now());
  if (!errors.empty()) {
    std::vector<std::string> parts;
    for (const auto& [topic, error] : errors) parts.push_back(fmt::format("{}={}", topic, ToString(error)));
    network_.Log("WARN",
                 fmt::format("Error while fetching metadata with correlation id {} : {{{}}}", response.correlation_id,
                             fmt::join(parts, ", ")),
                 "org.apache.kafka.clients.NetworkClient");
    // A topic being created (LEADER_NOT_AVAILABLE) is asked about again after retry.backoff.ms.
    metadata_.RequestUpdate();
  }
  Wake(sim_.now());
}

void Producer::Flush(std::function<void()> done) {
  flush_waiters_.push_back(std::move(done));
  accumulator_.BeginFlush();
  Wake(sim_.now());
  CheckFlushed();
}

void Producer::Shutdown(std::function<void()> done) {
  on_closed_ = std::move(done);
  accumulator_.BeginFlush();
  Wake(sim_.now());
  CheckFlushed();
}

void Producer::CheckFlushed() {
  if (!idle()) return;
  accumulator_.EndFlush();
  auto waiters = std::exchange(flush_waiters_, {});
  for (auto& w : waiters) w();
  if (on_closed_) std::exchange(on_closed_, nullptr)();
}

void Producer::OnMessage(const Envelope& envelope) { network_.Deliver(envelope); }

}  // namespace kafkasim
