// The producer's Sender (Kafka's Sender.runOnce): metadata, ready batches into Produce requests,
// responses into acknowledgements, retries and failures, expiry after delivery.timeout.ms.

#include <algorithm>
#include <cassert>

#include <fmt/format.h>

#include "sim/client/producer.h"
#include "sim/core/domain_event.h"

namespace kafkasim {

void Producer::RunSender() {
  const Time now = sim_.now();
  MaybeUpdateMetadata(now);
  MaybeInitProducerId(now);
  AppendWaiting(now);
  const ReadyCheck ready = accumulator_.Ready(metadata_, now);
  if (!ready.unknown_leader_topics.empty()) {
    metadata_.RequestUpdate();
    MaybeUpdateMetadata(now);
  }
  for (BrokerId broker : ready.ready_nodes) {
    const NodeId node = directory_.NodeOf(broker);
    if (!network_.Connectable(node, [&] { return NodeLabel(broker.value(), directory_, node); })) {
      // Kafka's NetworkClient asks for fresh metadata when a connection fails: the leader may have moved.
      metadata_.RequestUpdate();
      Wake(now + kReconnectBackoff);
      continue;
    }
    if (network_.InFlight(node) >= static_cast<size_t>(config_.max_in_flight)) continue;
    auto batches = accumulator_.Drain(metadata_, broker, now);
    if (!batches.empty()) SendProduce(broker, node, std::move(batches));
  }
  ExpireBatches(now);
  if (ready.next_check) Wake(*ready.next_check);
  CheckFlushed();
}

void Producer::SendProduce(BrokerId broker, NodeId node, std::vector<std::unique_ptr<ProducerBatch>> batches) {
  auto request = std::make_unique<ProduceRequest>();
  request->acks = config_.acks;
  request->timeout = config_.request_timeout;
  for (auto& b : batches) {
    request->batches.emplace(b->tp(), b->Built());
    // max.in.flight.requests.per.connection=1 keeps a partition's order by sending one batch of
    // it at a time (Kafka's guaranteeMessageOrder).
    if (config_.max_in_flight == 1) accumulator_.Mute(b->tp());
  }
  if (config_.acks == 0) {
    // acks=0: nobody answers; the records count as sent, with offset -1.
    network_.Send(node, std::move(request), config_.request_timeout, nullptr, nullptr, /*expect_response=*/false);
    for (auto& b : batches) {
      accumulator_.Unmute(b->tp());
      AckBatch(*b, kUndefinedOffset);
    }
    return;
  }
  InFlightRequest flight{.broker = broker, .batches = std::move(batches), .expires = Time::Max()};
  for (const auto& b : flight.batches) flight.expires = std::min(flight.expires, b->created() + config_.delivery_timeout);
  // The failure callback runs after a timer, by when the id below is known.
  auto id_holder = std::make_shared<int32_t>(-1);
  const int32_t id = network_.Send(
      node, std::move(request), config_.request_timeout,
      [this](const Envelope& e) {
        const auto* r = e.As<ProduceResponse>();
        if (r != nullptr) HandleProduceResponse(r->correlation_id, *r);
      },
      [this, id_holder](ErrorCode error, const std::string& message) {
        HandleProduceFailure(*id_holder, error, message);
      });
  *id_holder = id;
  WatchExpiry(flight.expires, id);
  in_flight_.emplace(id, std::move(flight));
}

void Producer::HandleProduceResponse(int32_t correlation_id, const ProduceResponse& response) {
  auto it = in_flight_.find(correlation_id);
  if (it == in_flight_.end()) return;
  InFlightRequest flight = Take(it);
  for (auto& batch : flight.batches) {
    accumulator_.Unmute(batch->tp());
    if (batch->done()) continue;  // expired while in flight
    auto p = response.partitions.find(batch->tp());
    if (p == response.partitions.end()) {
      CompleteBatch(std::move(batch), ErrorCode::kUnknownServerError, "", kUndefinedOffset, correlation_id);
    } else {
      CompleteBatch(std::move(batch), p->second.error, p->second.error_message, p->second.base_offset, correlation_id);
    }
  }
  Wake(sim_.now());
}

void Producer::HandleProduceFailure(int32_t correlation_id, ErrorCode error, const std::string& message) {
  auto it = in_flight_.find(correlation_id);
  if (it == in_flight_.end()) return;
  InFlightRequest flight = Take(it);
  metadata_.RequestUpdate();
  for (auto& batch : flight.batches) {
    accumulator_.Unmute(batch->tp());
    if (batch->done()) continue;
    CompleteBatch(std::move(batch), error, message, kUndefinedOffset, correlation_id);
  }
  Wake(sim_.now());
}

Producer::InFlightRequest Producer::Take(std::map<int32_t, InFlightRequest>::iterator flight) {
  const auto entry = std::find(expiries_.begin(), expiries_.end(), std::pair(flight->second.expires, flight->first));
  if (entry != expiries_.end()) expiries_.erase(entry);
  InFlightRequest taken = std::move(flight->second);
  in_flight_.erase(flight);
  return taken;
}

void Producer::WatchExpiry(Time expires, int32_t id) {
  if (expires == Time::Max()) return;
  const std::pair entry(expires, id);
  expiries_.insert(std::upper_bound(expiries_.begin(), expiries_.end(), entry), entry);
}

void Producer::CompleteBatch(std::unique_ptr<ProducerBatch> batch, ErrorCode error, const std::string& message,
                             Offset base, int32_t correlation_id) {
  const Time now = sim_.now();
  if (error == ErrorCode::kNone) return AckBatch(*batch, base);
  const bool within_timeout = now - batch->created() < config_.delivery_timeout;
  // TransactionManager.canRetry: an idempotent producer retries OUT_OF_ORDER_SEQUENCE_NUMBER — an
  // earlier batch of the partition failed or is late, and the retries go in sequence order.
  const bool retriable =
      IsRetriable(error) || (config_.idempotence && error == ErrorCode::kOutOfOrderSequenceNumber);
  if (retriable && within_timeout && batch->attempts() < config_.retries) {
    const std::string what = message.empty() ? std::string(ToString(error))
                                             : fmt::format("{}. Error Message: {}", ToString(error), message);
    network_.Log("WARN",
                 fmt::format("Got error produce response with correlation id {} on topic-partition {}, retrying ({} "
                             "attempts left). Error: {}",
                             correlation_id, ToString(batch->tp()), config_.retries - batch->attempts() - 1, what),
                 "org.apache.kafka.clients.producer.internals.Sender");
    if (IsInvalidMetadata(error)) {
      if (error == ErrorCode::kUnknownTopicOrPartition) {
        network_.Log("WARN",
                     fmt::format("Received unknown topic or partition error in produce request on partition {}. The "
                                 "topic-partition may not exist or the user may not have Describe access to it",
                                 ToString(batch->tp())),
                     "org.apache.kafka.clients.producer.internals.Sender");
      } else {
        network_.Log("WARN",
                     fmt::format("Received invalid metadata error in produce request on partition {} due to {}. "
                                 "Going to request metadata update now",
                                 ToString(batch->tp()), ProducerErrorFor(error, message).ToString()),
                     "org.apache.kafka.clients.producer.internals.Sender");
      }
      metadata_.RequestUpdate();
    }
    ++stats_->retries;
    const bool may_reorder = config_.max_in_flight > 1 && !config_.idempotence;
    EmitDomainEvent(
        sim_, self_,
        {.kind = "producer.retry",
         .narration = fmt::format(
             "{} to {} got {}: retrying after {} (attempt {}){}", batch->DescribeRecords(), ToString(batch->tp()),
             ToString(error), FormatDuration(accumulator_.RetryBackoff(batch->attempts() + 1)), batch->attempts() + 2,
             may_reorder ? fmt::format("; with max.in.flight.requests.per.connection={} and no idempotence, batches "
                                       "sent after this one may be written first, so the partition's order can "
                                       "differ from the send order",
                                       config_.max_in_flight)
                         : std::string()),
         .rule = fmt::format("retries={}", config_.retries),
         .fields = {{"partition", ToString(batch->tp())}, {"error", ToString(error)}, {"records", batch->record_count()}}});
    accumulator_.Reenqueue(std::move(batch), now);
    return;
  }
  ProducerError failure = ProducerErrorFor(error, message);
  if (!within_timeout) failure = ProducerError{.code = ErrorCode::kRequestTimedOut,
                                               .exception = "org.apache.kafka.common.errors.TimeoutException",
                                               .message = ExpiryMessage(*batch, now)};
  FailBatch(*batch, failure);
}

void Producer::AckBatch(ProducerBatch& batch, Offset base) {
  stats_->acked += batch.record_count();
  // One a batch: built only when a sink wants it.
  EmitDomainEvent(sim_, self_, ack_kind_, [&] {
    const std::string where =
        base == kUndefinedOffset ? std::string("unacknowledged (acks=0)")
        : batch.record_count() == 1
            ? fmt::format("at offset {}", base.value())
            : fmt::format("at offsets {}-{}", base.value(), base.value() + batch.record_count() - 1);
    return DomainEvent{
        .narration = fmt::format("{} written to {} {}{}", batch.DescribeRecords(), ToString(batch.tp()), where,
                                 config_.acks == -1  ? " (acks=all: every in-sync replica has them)"
                                 : config_.acks == 1 ? " (acks=1: the leader has them)"
                                                     : ""),
        .rule = fmt::format("acks={}", config_.acks == -1 ? std::string("all") : std::to_string(config_.acks)),
        .fields = {{"partition", ToString(batch.tp())}, {"offset", base.value()}, {"records", batch.record_count()}}};
  });
  transactions_.OnAcked(batch);
  batch.Complete(base, std::nullopt);
}

void Producer::FailBatch(ProducerBatch& batch, const ProducerError& error) {
  stats_->failed += batch.record_count();
  EmitDomainEvent(sim_, self_,
                  {.kind = "producer.error",
                   .narration = fmt::format("{} to {} failed: {}", batch.DescribeRecords(), ToString(batch.tp()),
                                            error.ToString()),
                   .fields = {{"partition", ToString(batch.tp())}, {"error", error.ToString()},
                              {"records", batch.record_count()}}});
  transactions_.OnFailed(batch);
  batch.Complete(kUndefinedOffset, error);
}

std::string Producer::ExpiryMessage(const ProducerBatch& batch, Time now) const {
  return fmt::format("Expiring {} record(s) for {}:{} ms has passed since batch creation", batch.record_count(),
                     ToString(batch.tp()), (now - batch.created()).millis());
}

void Producer::ExpireBatches(Time now) {
  for (auto& batch : accumulator_.ExpiredBatches(now)) {
    FailBatch(*batch, ProducerError{.code = ErrorCode::kRequestTimedOut,
                                    .exception = "org.apache.kafka.common.errors.TimeoutException",
                                    .message = ExpiryMessage(*batch, now)});
  }
  // The requests with a batch due, looked at in the order they were sent.
  const auto first_not_due = std::find_if(expiries_.begin(), expiries_.end(), [now](const auto& e) { return e.first > now; });
  std::vector<int32_t> due;
  for (auto e = expiries_.begin(); e != first_not_due; ++e) due.push_back(e->second);
  expiries_.erase(expiries_.begin(), first_not_due);
  std::sort(due.begin(), due.end());
  for (int32_t id : due) {
    InFlightRequest& flight = in_flight_.at(id);
    flight.expires = Time::Max();
    for (auto& batch : flight.batches) {
      if (batch->done()) continue;
      const Time expires = batch->created() + config_.delivery_timeout;
      if (now >= expires) {
        FailBatch(*batch, ProducerError{.code = ErrorCode::kRequestTimedOut,
                                        .exception = "org.apache.kafka.common.errors.TimeoutException",
                                        .message = ExpiryMessage(*batch, now)});
      } else {
        flight.expires = std::min(flight.expires, expires);
      }
    }
    WatchExpiry(flight.expires, id);
  }
  if (!expiries_.empty()) Wake(expiries_.begin()->first);
}

}  // namespace kafkasim
