#pragma once
// A KafkaConsumer without a group, as a simulated process: the application assigns partitions
// (assign) and may seek; the consumer finds each partition's leader, sets a missing position by
// auto.offset.reset (ListOffsets: earliest, latest, or an error for none), and fetches from the
// leaders, which answer with records below the high watermark only — what every in-sync replica
// has. Fetches wait on the broker for fetch.min.bytes up to fetch.max.wait.ms (long polling).
// Records reach the application in polls of at most max.poll.records.
//
//   NOT_LEADER_OR_FOLLOWER / UNKNOWN_TOPIC_OR_PARTITION   refresh metadata, fetch from the new leader
//   OFFSET_OUT_OF_RANGE                                   reset by auto.offset.reset (none: an error)
//
// With a group.id, subscribe() hands partition ownership to the group (ConsumerCoordinator,
// sim/client/consumer_coordinator.h): the consumer fetches what the group assigned it, starting
// at the committed offsets, commits as enable.auto.commit or the application says, and leaves
// the group when it is stopped (Shutdown). Without one, assign() decides.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/admin/admin_error.h"
#include "sim/client/client_metadata.h"
#include "sim/client/consumer_coordinator.h"
#include "sim/client/network_client.h"
#include "sim/core/simulation.h"
#include "sim/core/wake_timer.h"
#include "sim/protocol/data_requests.h"
#include "sim/protocol/fetch_session_handler.h"

namespace kafkasim {

enum class OffsetResetStrategy { kEarliest, kLatest, kNone };

struct ConsumerConfig {
  std::vector<std::string> bootstrap_servers;
  std::string client_id = "consumer-1";
  OffsetResetStrategy auto_offset_reset = OffsetResetStrategy::kLatest;
  int32_t max_poll_records = 500;
  int32_t fetch_min_bytes = 1;
  Duration fetch_max_wait = Duration::Millis(500);
  int32_t fetch_max_bytes = 52428800;
  int32_t max_partition_fetch_bytes = 1048576;
  Duration request_timeout = Duration::Millis(30000);
  Duration retry_backoff = Duration::Millis(100);
  Duration metadata_max_age = Duration::Millis(300000);
  // Set when group.id is: the group membership settings (group.id, session.timeout.ms, ...).
  std::optional<GroupConfig> group;
};

struct ParsedConsumerConfig {
  ConsumerConfig config;
  std::vector<std::string> unknown;
};
// ConsumerConfig's keys kafkasim models, with Kafka 3.7's defaults and validators.
AdminResult<ParsedConsumerConfig> ParseConsumerConfig(const std::map<std::string, std::string, std::less<>>& props);

// A record as poll() hands it over. Its key and value are views into the bytes of the fetched
// batch, which the record keeps alive: a fetch copies no record (batch bytes never change once
// written; the record holds them however long the application keeps it).
struct ConsumerRecord {
  TopicPartition tp;
  int64_t offset = 0;
  int64_t timestamp_ms = -1;
  bool log_append_time = false;
  std::optional<std::string_view> key, value;
  RecordBatch::Buffer bytes;  // what key and value view
};
// A record's key or value as a string of its own (to produce it again, say).
inline std::optional<std::string> OwnedCopy(const std::optional<std::string_view>& bytes) {
  return bytes ? std::optional<std::string>(*bytes) : std::nullopt;
}

class Consumer : public Process {
 public:
  // A poll's records, in fetch order (per partition, offset order).
  using RecordHandler = std::function<void(const std::vector<ConsumerRecord>&)>;
  // An error the application's poll() would throw ("org.apache.kafka.clients.consumer.NoOffsetForPartitionException: ...").
  using ErrorHandler = std::function<void(const std::string& exception_line)>;

  Consumer(Simulation& sim, NodeId self, const BrokerDirectory& directory, ConsumerConfig config);
  ~Consumer() override;

  void OnStart() override;
  void OnMessage(const Envelope& envelope) override;

  void SetHandlers(RecordHandler records, ErrorHandler errors);
  // ConsumerRebalanceListener: told the partitions the group assigned (all of them, after each
  // SyncGroup) and those it took away (revoked, or lost with the generation), after the consumer
  // itself took or dropped them.
  struct RebalanceListener {
    std::function<void(const std::vector<TopicPartition>&)> on_assigned;
    std::function<void(const std::vector<TopicPartition>&)> on_revoked;
  };
  void SetRebalanceListener(RebalanceListener listener) { listener_ = std::move(listener); }
  // close(): with a group, commit (auto commit) and LeaveGroup before the process ends.
  void Shutdown(std::function<void()> done) override;
  // subscribe(): the group decides the partitions (a group.id is required).
  void Subscribe(std::vector<std::string> topics);
  // commitSync()/commitAsync(): the consumed positions of every assigned partition, or `offsets`.
  void Commit(std::optional<std::map<TopicPartition, Offset>> offsets, CommitCallback done);
  // The position the application has reached on `tp`: the next offset poll() will return.
  std::map<TopicPartition, Offset> ConsumedPositions() const;
  const ConsumerCoordinator* coordinator() const { return coordinator_.get(); }
  std::vector<TopicPartition> assignment() const;
  void SetLogSink(std::function<void(const std::string&)> sink) { network_.SetLogSink(std::move(sink)); }
  // assign(): exactly these partitions. `AssignAllPartitions` takes every partition of a topic
  // once its metadata arrives (what the console consumer does without a group, for now).
  void Assign(std::vector<TopicPartition> partitions);
  void AssignAllPartitions(const std::string& topic);
  // seek(): the next offset to read; seekToBeginning / seekToEnd go through ListOffsets.
  void Seek(const TopicPartition& tp, Offset offset);
  void SeekToBeginning(const TopicPartition& tp);
  void SeekToEnd(const TopicPartition& tp);

  // An application that processes what poll() returned takes time before it polls again. With
  // explicit polls the consumer hands over one poll's records, then waits for Poll(): meanwhile
  // only the heartbeat thread works (heartbeats, and max.poll.interval.ms running out), and
  // nothing joins, auto-commits, fetches or is handed over, as between two calls of Kafka's
  // poll(). Without (the console consumer) the application is always inside poll().
  void EnableExplicitPoll() { explicit_poll_ = true; }
  // poll(): the application is ready for the next records.
  void Poll();
  bool in_poll() const { return !explicit_poll_ || in_poll_; }

  std::optional<Offset> Position(const TopicPartition& tp) const;
  std::optional<Offset> HighWatermark(const TopicPartition& tp) const;
  uint64_t records_consumed() const { return consumed_; }
  // Fetched records not yet handed to the application.
  size_t buffered() const { return buffered_.size(); }

 private:
  struct PartitionState {
    std::optional<Offset> position;
    std::optional<int64_t> reset_to;  // a pending ListOffsets: kEarliest/kLatestTimestamp
    Offset high_watermark = kUndefinedOffset;
    bool listing = false;  // a ListOffsets is in flight
    bool need_committed = false;  // assigned by the group: ask the coordinator where to start
    bool fetching_committed = false;
  };

  void Wake(Time at) { wake_.At(at); }
  void Run();
  void MaybeUpdateMetadata(Time now);
  void ResetPositions();
  void FetchCommittedOffsets();
  void OnAssigned(const std::vector<TopicPartition>& partitions);
  void OnRevoked(const std::vector<TopicPartition>& partitions, bool lost);
  void SendFetches();
  void HandleFetch(BrokerId broker, const FetchResponse& response);
  void Deliver();
  void Fail(const std::string& exception_line);
  int64_t ResetTimestamp() const;

  Simulation& sim_;
  NodeId self_;
  const BrokerDirectory& directory_;
  ConsumerConfig config_;
  NetworkClient network_;
  ClientMetadata metadata_;
  std::map<TopicPartition, PartitionState> assigned_;
  std::optional<std::string> assign_all_of_;
  std::map<BrokerId, bool> fetching_;  // a fetch to that leader is in flight
  std::map<BrokerId, FetchSessionHandler> fetch_sessions_;  // KIP-227, one per broker fetched from
  std::vector<ConsumerRecord> buffered_;
  std::unique_ptr<ConsumerCoordinator> coordinator_;
  RecordHandler on_records_;
  ErrorHandler on_error_;
  RebalanceListener listener_;
  bool metadata_in_flight_ = false;
  size_t next_bootstrap_ = 0;
  WakeTimer wake_{sim_, self_, [this] { Run(); }};
  uint64_t consumed_ = 0;
  bool failed_ = false;
  bool explicit_poll_ = false;
  bool in_poll_ = true;  // with explicit polls: between Poll() and the records it returns
};

}  // namespace kafkasim
