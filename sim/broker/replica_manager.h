#pragma once
// The replicas a broker hosts (ReplicaManager in Kafka): it turns the controller's LeaderAndIsr
// into leaders and followers, answers Produce and Fetch, keeps the requests that must wait — a
// produce with acks=all until the high watermark passes its records, a fetch until there is data
// or its max wait passed (Kafka's purgatory) — and runs the follower side: a fetcher per leader
// that pulls records, and on a new leader epoch first asks the leader where its own history
// diverged (OffsetsForLeaderEpoch) and truncates to it (KIP-101, KIP-279).
//
// A LeaderAndIsr from an older controller epoch is refused, and one with an older leader epoch
// than the partition already knows is ignored: a late message never undoes a newer decision.
//
// Fetches go through incremental fetch sessions (KIP-227, fetch_session.h) on both sides. A fetch
// that must wait is parked in the delayed-fetch purgatory (delayed_fetch.cpp) and watched under
// each partition it reads, as Kafka's DelayedOperationPurgatory watches TopicPartition keys: an
// append, a high watermark or log start change, or a lost leadership checks only the fetches
// watching that partition, and each parked fetch expires on its own timer.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/broker/fetch_session.h"
#include "sim/broker/partition.h"
#include "sim/core/simulation.h"
#include "sim/protocol/controller_requests.h"
#include "sim/protocol/data_requests.h"
#include "sim/protocol/delete_records_requests.h"
#include "sim/protocol/fetch_session_handler.h"
#include "sim/storage/log_types.h"

namespace kafkasim {

class Broker;
class LogManager;
struct DelayedFetch;

// A partition's entry on the fetch path of one broker: the replica, if the broker holds it, and
// the delayed-fetch purgatory's watch list for it (Kafka's Watchers under a TopicPartition key).
// Made the first time a fetch names the partition and never erased, so a fetch or a session
// holds a pointer to it instead of looking the name up again.
struct PartitionSlot {
  Partition* partition = nullptr;  // null while the partition is not on this broker
  // The parked fetches reading it, in park order. As in Kafka's Watchers, an answered fetch is
  // not searched out of every list it is in: its entry is dropped the next time the list is
  // walked or added to (a fetch's storage is reused, so an entry names the fetch by its id too).
  struct Watcher {
    DelayedFetch* fetch;
    uint64_t id;
  };
  std::vector<Watcher> fetch_watchers;
  // The parked produces (acks=all) waiting for its high watermark, by id, in park order; an
  // answered one is dropped the next time the list is walked or a long one grows.
  std::vector<uint64_t> produce_watchers;
};

// A fetch parked until it has min_bytes to read or its max wait passed (DelayedFetch).
struct DelayedFetch {
  uint64_t id = 0;     // while parked; ids grow in park order, 0 when not parked
  uint32_t place = 0;  // where it is parked (ReplicaManager::parked_)
  NodeId client;
  int32_t correlation_id = 0;
  int32_t replica_id = kConsumerReplicaId;
  int32_t min_bytes = 1;
  Time deadline;
  // Every read's slot is resolved once, as the fetch arrives: the checks while it is parked and
  // its answer look nothing up again.
  FetchContext context;
};

class ReplicaManager {
 public:
  ReplicaManager(Broker& broker, LogManager& logs);
  ~ReplicaManager();

  void Start();  // the ISR check and the log schedules (log_schedules.cpp)

  // Applies a LeaderAndIsr request; STALE_CONTROLLER_EPOCH when it comes from an older
  // controller than one already heard.
  ErrorCode BecomeLeaderOrFollower(const LeaderAndIsrRequest& request);
  // Returns the partitions it stopped (and, for a deleted topic, removed with their logs).
  std::vector<TopicPartition> StopReplicas(const StopReplicaRequest& request);

  void HandleProduce(const Envelope& envelope);
  void HandleFetch(const Envelope& envelope);
  void HandleListOffsets(const Envelope& envelope);
  void HandleOffsetsForLeaderEpoch(const Envelope& envelope);
  void HandleFetchResponse(const Envelope& envelope);
  void HandleOffsetsForLeaderEpochResponse(const Envelope& envelope);
  void HandleAlterPartitionResponse(const Envelope& envelope);
  // DeleteRecords (delete_records.cpp): each partition's log start moves up on this leader; the
  // answer waits until the followers report theirs moved too (or the request's timeout).
  void HandleDeleteRecords(const Envelope& envelope);
  // ReplicaManager.appendRecords: append each batch to this broker's leader replica of its
  // partition, then wake the fetches parked on the partitions written (the followers replicate
  // at once instead of after replica.fetch.wait.max.ms). Every leader append goes through here:
  // a producer's, and the group coordinator's to __consumer_offsets.
  struct LeaderAppend {
    PartitionProduceResponse response;
    Offset last_offset = kUndefinedOffset;  // of the batch, once written
  };
  std::map<TopicPartition, LeaderAppend> AppendRecords(const std::map<TopicPartition, RecordBatch>& batches,
                                                       int16_t acks);
  // ReplicaManager.checkpointHighWatermarks (high_watermark_checkpoint.cpp): every hosted
  // partition's high watermark to its log.dir's replication-offset-checkpoint. Runs every
  // replica.high.watermark.checkpoint.interval.ms once the first LeaderAndIsr came, and on a
  // clean shutdown.
  void CheckpointHighWatermarks();

  // A leader's high watermark moved: waiting produces and fetches may complete.
  void OnHighWatermarkAdvanced(const TopicPartition& tp);
  // DelayedOperationPurgatory.checkAndComplete for a partition's key: the parked fetches watching
  // `tp` that can now be answered are (records appended, log start moved, leadership lost).
  void CompleteDelayedFetches(const TopicPartition& tp);

  // TopicConfigHandler.processConfigChanges → LogManager.updateTopicConfig: the topic's new
  // overrides (as read from /config/topics/<t>) become the config of every log of the topic this
  // broker holds, and of their partitions. Returns the logs updated and what changed in them
  // ("retention.ms: 604800000 -> 60000"); nothing when the broker holds no log of the topic.
  struct TopicConfigUpdate {
    std::vector<std::string> logs;     // "orders-0"
    std::vector<std::string> changes;  // the keys whose effective value changed
    std::string error;                 // the stored config is not valid: nothing applied
  };
  TopicConfigUpdate UpdateTopicConfig(const std::string& topic, const std::map<std::string, std::string>& overrides);

  const Partition* Find(const TopicPartition& tp) const;
  Partition* FindPartition(const TopicPartition& tp);
  const std::map<TopicPartition, std::unique_ptr<Partition>>& partitions() const { return partitions_; }
  int32_t controller_epoch() const { return controller_epoch_; }
  const FetchSessionCache& fetch_sessions() const { return fetch_sessions_; }
  size_t parked_fetches() const { return parked_.size() - free_places_.size(); }
  // How many times a parked fetch was checked because its partition changed (the purgatory's
  // work: checking fetches that watch other partitions would be wasted).
  uint64_t delayed_fetch_checks() const { return delayed_fetch_checks_; }
  // The follower's session with `leader`'s broker, or null without a fetcher for it.
  const FetchSessionHandler* fetch_session_with(BrokerId leader) const;

 private:
  void StartLogSchedules();
  // --- the high watermark checkpoint (high_watermark_checkpoint.cpp) ---
  void StartHighWatermarkCheckpointThread();
  // A partition just created on this broker starts from its log.dir's checkpoint.
  void LoadHighWatermark(Partition& p);
  // Runs `task` after `first`, then every `period` (Duration::Max(): once only).
  void Every(Duration first, Duration period, std::function<void()> task);
  void Narrate(const LogEvents& events);
  struct DelayedProduce;
  // A DeleteRecords waiting for its partitions' low watermarks (DelayedDeleteRecords).
  struct DelayedDeleteRecords {
    NodeId client;
    int32_t correlation_id = 0;
    Time deadline;
    std::map<TopicPartition, PartitionDeleteRecordsResponse> results;
    std::map<TopicPartition, Offset> required;  // the low watermark each partition must reach
  };
  void TryCompleteDeleteRecords();
  // One fetcher per leader broker (ReplicaFetcherThread).
  struct FetcherState {
    uint64_t serial = 0;                   // this fetcher, among all this broker ever had
    bool in_flight = false;                // a fetch awaits its answer, or the backoff runs
    bool awaiting = false;                 // a fetch awaits its answer
    uint64_t generation = 0;               // a backoff only acts on the round it was set for
    int32_t correlation_id = 0;            // of the fetch in flight: a late answer is ignored
    Time request_deadline;                 // replica.socket.timeout.ms after the fetch was sent
    NodeId node = kNoNode;                 // the leader's
    bool timeout_armed = false;            // one timer a fetcher, moved to the latest deadline
    std::set<TopicPartition> truncating;  // waiting for OffsetsForLeaderEpoch
    std::vector<Partition*> partitions;   // those this broker follows on the leader, by name
    FetchSessionHandler session;
  };
  struct TopicPartitionHash {
    size_t operator()(const TopicPartition& tp) const {
      return std::hash<std::string>{}(tp.topic) * 31 + static_cast<size_t>(tp.partition);
    }
  };

  Partition* GetOrCreate(const PartitionState& state);
  // A topic's effective configs for the overrides the controller sent, parsed once and shared
  // by its partitions; null when the overrides are not valid.
  struct TopicConfigs {
    std::map<std::string, std::string> overrides;
    std::shared_ptr<const TopicConfig> topic;
    LogConfig log;
  };
  const TopicConfigs* ConfigsFor(const std::string& topic, const std::map<std::string, std::string>& overrides);
  // --- the delayed-produce purgatory (Kafka's, keyed by partition) ---
  // Answers a produce whose every partition reached its high watermark (or is no longer led
  // here), or whose timeout passed; false while it must wait.
  bool TryCompleteProduce(DelayedProduce& produce);
  // Checks every parked produce (leadership or the ISR changed), in park order.
  void TryCompleteProduces();
  // Checks the produces waiting on one partition (its high watermark moved, it was stopped).
  void TryCompleteProducesOn(PartitionSlot& slot);
  void ExpireProduce(uint64_t id);
  // --- the delayed-fetch purgatory (delayed_fetch.cpp) ---
  bool FetchReady(const DelayedFetch& fetch) const;
  void AnswerFetch(DelayedFetch& fetch);
  void ParkFetch(std::unique_ptr<DelayedFetch> fetch);
  void ExpireFetch(uint32_t place, uint64_t id);
  // Takes a parked fetch out of the purgatory (its place and its watch lists), to be answered.
  std::unique_ptr<DelayedFetch> Unpark(DelayedFetch& fetch);
  // Done with a fetch: its storage serves the next one.
  void Recycle(std::unique_ptr<DelayedFetch> fetch);
  void CompleteAllDelayedFetches();  // after retention moved log starts
  // Takes each of the parked fetches out of the purgatory, then answers them in that order.
  void AnswerParked(const std::vector<DelayedFetch*>& ready);
  BrokerId LeaderOfNode(NodeId node);
  // The fetcher for `leader`, whose broker is `node`, or null (see fetcher_by_node_).
  struct FetcherState;
  FetcherState* FetcherOf(NodeId node, BrokerId leader);
  // --- follower side (replica_fetcher.cpp) ---
  void UpdateFetchers();
  void SendFetch(BrokerId leader);
  void SendFetch(BrokerId leader, FetcherState& fetcher);
  void ArmFetchTimeout(BrokerId leader, FetcherState& fetcher);
  void StartTruncation(BrokerId leader, const std::vector<TopicPartition>& partitions);

  Broker& broker_;
  LogManager& logs_;
  int32_t controller_epoch_ = -1;
  std::map<TopicPartition, std::unique_ptr<Partition>> partitions_;
  std::map<std::string, TopicConfigs> topic_configs_;
  // Parked, in park order, which is id order: a few at a time, so a sorted vector found by id
  // (kept beside each produce, so that a search reads none) without a node allocated per produce.
  using ParkedProduces = std::vector<std::pair<uint64_t, std::unique_ptr<DelayedProduce>>>;
  ParkedProduces produces_;
  ParkedProduces::iterator ParkedProduce(uint64_t id);
  uint64_t next_produce_id_ = 1;
  FetchSessionCache fetch_sessions_;
  // The parked fetches, each in the place it got when parked (a freed place is reused); its id
  // says which fetch a timer was set for. Ids grow in park order.
  std::vector<std::unique_ptr<DelayedFetch>> parked_;
  std::vector<uint32_t> free_places_;
  std::vector<std::unique_ptr<DelayedFetch>> spare_fetches_;
  uint64_t next_fetch_id_ = 1;
  // The fetch path's view of partitions_ (the ordered map is for iterating): one hashed lookup,
  // and the purgatory's watch list of the partition. Looked up by key only, never iterated, so
  // the hash order cannot reach an event. A slot, once made, is never erased: a fetch resolves
  // each partition it reads to its slot once, as it arrives, and holds the pointer while it is
  // parked (unordered_map nodes never move). A deleted partition leaves its slot with a null
  // partition, which a re-created one fills again.
  std::unordered_map<TopicPartition, PartitionSlot, TopicPartitionHash> slots_;
  Partition* Lookup(const TopicPartition& tp) const {
    auto it = slots_.find(tp);
    return it == slots_.end() ? nullptr : it->second.partition;
  }
  std::vector<BrokerId> leader_by_node_;  // the fetchers' leaders, by node id
  uint64_t delayed_fetch_checks_ = 0;
  uint64_t next_fetcher_serial_ = 1;
  bool high_watermark_checkpoint_started_ = false;
  std::vector<DelayedDeleteRecords> delete_records_;
  std::map<BrokerId, std::unique_ptr<FetcherState>> fetchers_;  // by leader
  // The fetchers by their leader's node id, filled as answers come in: each answer would
  // otherwise search fetchers_. Emptied whenever a fetcher is removed (a rare leadership move).
  std::vector<FetcherState*> fetcher_by_node_;
};

}  // namespace kafkasim
