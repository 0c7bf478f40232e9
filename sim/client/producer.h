#pragma once
// A KafkaProducer as a simulated process: the application's Send() partitions a record and
// appends it to the RecordAccumulator; the Sender (producer_sender.cpp) turns ready batches into
// Produce requests to the partitions' leaders, handles the answers, retries what may be retried
// and reports every record's outcome to its callback — the offset the leader gave it, or the
// exception Kafka would hand the application.
//
//   bootstrap   the first Metadata request goes to bootstrap.servers (in order, skipping those
//               that refuse the connection); later ones to any known broker.
//   metadata    refreshed every metadata.max.age.ms, and at once when a leader is unknown or a
//               broker answers NOT_LEADER_OR_FOLLOWER / UNKNOWN_TOPIC_OR_PARTITION. A record for
//               a topic not yet in the metadata waits up to max.block.ms, then fails with
//               "Topic T not present in metadata after N ms.".
//   sending     at most max.in.flight.requests.per.connection unanswered requests per broker;
//               with acks=0 a record counts as sent once it is on the wire (offset -1).
//   retries     a retriable error puts the batch back at the front of its queue, after
//               retry.backoff.ms (doubling up to retry.backoff.max.ms), while fewer than
//               `retries` retries were made and delivery.timeout.ms has not passed since the
//               batch was created; otherwise the records fail.
//
// Idempotence (enable.idempotence, on by default with acks=all): before its first Produce the
// producer asks a broker for a producer id (InitProducerId); every batch then carries that id,
// the epoch and a per-partition sequence number (transaction_manager.h), so that a leader writes
// a retried batch once and in order. Without it, a retry can duplicate a batch the leader had
// written but could not acknowledge, and with max.in.flight > 1 land behind later batches.

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/client/client_metadata.h"
#include "sim/client/network_client.h"
#include "sim/client/producer_config.h"
#include "sim/client/producer_record.h"
#include "sim/client/record_accumulator.h"
#include "sim/client/transaction_manager.h"
#include "sim/core/domain_event.h"
#include "sim/core/simulation.h"
#include "sim/core/wake_timer.h"
#include "sim/protocol/data_requests.h"

namespace kafkasim {

struct ProducerStats {
  uint64_t sent = 0;     // records handed to Send()
  uint64_t acked = 0;    // acknowledged (or, with acks=0, written to the wire)
  uint64_t failed = 0;   // reported with an exception
  uint64_t retries = 0;  // batches sent again
};

class Producer : public Process {
 public:
  // `stats` may be shared with whoever wants to read them after the process is gone (queries);
  // a fresh set is made when it is null.
  Producer(Simulation& sim, NodeId self, const BrokerDirectory& directory, ProducerConfig config,
           std::shared_ptr<ProducerStats> stats = nullptr);
  ~Producer() override;

  void OnStart() override;
  void OnMessage(const Envelope& envelope) override;
  // close(): sends what is queued without waiting for linger.ms, then stops once every record
  // has its outcome.
  void Shutdown(std::function<void()> done) override;

  // KafkaProducer.send(record, callback). Returns the record's id (1, 2, ...), which its
  // DeliveryReport repeats. As in Kafka, the record is serialized into its batch during the call
  // and the application keeps its own record (a copy is made only for a record that must wait
  // for its topic's metadata).
  uint64_t Send(const ProducerRecord& record, SendCallback callback);
  // flush(): `done` runs once every record sent so far has its outcome.
  void Flush(std::function<void()> done);

  const ProducerConfig& config() const { return config_; }
  const ProducerStats& stats() const { return *stats_; }
  const ClientMetadata& metadata() const { return metadata_; }
  const TransactionManager& transactions() const { return transactions_; }
  // Kafka's log lines (WARN and above, as the tools' log4j config prints them).
  std::vector<std::string> TakeLog() { return network_.TakeLog(); }
  // Where log lines go as they are logged (a tool's stderr); without one they are kept for TakeLog.
  void SetLogSink(std::function<void(const std::string&)> sink) { network_.SetLogSink(std::move(sink)); }
  bool idle() const;

 private:
  struct WaitingRecord {  // a record whose topic is not in the metadata yet
    ProducerRecord record;
    uint64_t id;
    int64_t timestamp_ms;
    SendCallback callback;
    Time deadline;  // max.block.ms
  };
  struct InFlightRequest {
    BrokerId broker;
    std::vector<std::unique_ptr<ProducerBatch>> batches;
    // When the first of its batches not yet expired reaches delivery.timeout.ms.
    Time expires;
  };

  // --- producer.cpp: the application's side and metadata ---
  void AppendWaiting(Time now);
  // Appends a record whose topic the metadata knows (false: it does not yet).
  bool Append(const ProducerRecord& record, uint64_t id, int64_t timestamp_ms, SendCallback& callback, Time now);
  void MaybeUpdateMetadata(Time now);
  void HandleMetadata(const MetadataResponse& response);
  void MaybeInitProducerId(Time now);
  NodeId MetadataTarget(std::string* label);
  void Wake(Time at) { wake_.At(at); }
  void CheckFlushed();
  void TraceSend(const ProducerRecord& record, uint64_t id, int32_t partition);
  // A record that never got a partition fails: its report names partition -1.
  void FailUnpartitioned(const ProducerRecord& record, uint64_t id, SendCallback& callback, const ProducerError& error);

  // --- producer_sender.cpp: the Sender ---
  void RunSender();
  void SendProduce(BrokerId broker, NodeId node, std::vector<std::unique_ptr<ProducerBatch>> batches);
  void HandleProduceResponse(int32_t correlation_id, const ProduceResponse& response);
  void HandleProduceFailure(int32_t correlation_id, ErrorCode error, const std::string& message);
  void CompleteBatch(std::unique_ptr<ProducerBatch> batch, ErrorCode error, const std::string& message, Offset base,
                     int32_t correlation_id);
  void FailBatch(ProducerBatch& batch, const ProducerError& error);
  void AckBatch(ProducerBatch& batch, Offset base);
  void ExpireBatches(Time now);
  std::string ExpiryMessage(const ProducerBatch& batch, Time now) const;

  Simulation& sim_;
  NodeId self_;
  const BrokerDirectory& directory_;
  ProducerConfig config_;
  NetworkClient network_;
  ClientMetadata metadata_;
  TransactionManager transactions_;  // before the accumulator, which points at it
  RecordAccumulator accumulator_;
  std::deque<WaitingRecord> waiting_;
  std::map<int32_t, InFlightRequest> in_flight_;  // by correlation id
  // (expires, correlation id) of each request in flight with a batch still to expire: the Sender
  // runs once a record, and looks at a request's batches only when one of them is due.
  // A sorted vector: a few entries (max.in.flight.requests.per.connection per broker), added and
  // removed once a request, without allocating.
  std::vector<std::pair<Time, int32_t>> expiries_;
  // Out of in_flight_ and expiries_, to be answered.
  InFlightRequest Take(std::map<int32_t, InFlightRequest>::iterator flight);
  // Files a request in flight under when its first unexpired batch is due (Max: none is).
  void WatchExpiry(Time expires, int32_t id);
  std::shared_ptr<ProducerStats> stats_;
  uint64_t next_record_id_ = 1;
  std::optional<std::string> last_sent_topic_;  // the topic of the record Send() took last
  bool metadata_in_flight_ = false;
  bool init_producer_id_in_flight_ = false;
  size_t next_bootstrap_ = 0;
  WakeTimer wake_{sim_, self_, [this] { RunSender(); }};
  std::vector<std::function<void()>> flush_waiters_;
  std::function<void()> on_closed_;
  // The events of every record and every batch.
  RecurringKind send_kind_{"producer.send"};
  RecurringKind ack_kind_{"producer.ack"};
};

}  // namespace kafkasim
