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

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "sim/broker/partition.h"
#include "sim/core/simulation.h"
#include "sim/protocol/controller_requests.h"
#include "sim/protocol/data_requests.h"
#include "sim/protocol/delete_records_requests.h"
#include "sim/storage/log_types.h"

namespace kafkasim {

class Broker;
class LogManager;

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
  // A leader's high watermark moved: waiting produces and fetches may complete.
  void OnHighWatermarkAdvanced(const TopicPartition& tp);

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
  // For the group coordinator, which appends its own records to __consumer_offsets.
  Partition* FindPartition(const TopicPartition& tp);
  const std::map<TopicPartition, std::unique_ptr<Partition>>& partitions() const { return partitions_; }
  int32_t controller_epoch() const { return controller_epoch_; }

 private:
  void StartLogSchedules();
  void Every(Duration period, std::function<void()> task);
  void Narrate(const LogEvents& events);
  struct DelayedProduce;
  struct DelayedFetch;
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
    bool in_flight = false;
    uint64_t generation = 0;               // a timeout only acts on the fetch it was set for
    std::set<TopicPartition> truncating;  // waiting for OffsetsForLeaderEpoch
  };

  Partition* GetOrCreate(const PartitionState& state);
  void TryCompleteProduces();
  void TryCompleteFetches(bool expired_only_if_due);
  bool FetchReady(const DelayedFetch& fetch) const;
  void AnswerFetch(DelayedFetch& fetch);
  // --- follower side (replica_fetcher.cpp) ---
  void UpdateFetchers();
  void SendFetch(BrokerId leader);
  void StartTruncation(BrokerId leader, const std::vector<TopicPartition>& partitions);

  Broker& broker_;
  LogManager& logs_;
  int32_t controller_epoch_ = -1;
  std::map<TopicPartition, std::unique_ptr<Partition>> partitions_;
  std::vector<std::unique_ptr<DelayedProduce>> produces_;
  std::vector<std::unique_ptr<DelayedFetch>> fetches_;
  std::vector<DelayedDeleteRecords> delete_records_;
  std::map<BrokerId, std::unique_ptr<FetcherState>> fetchers_;  // by leader
};

}  // namespace kafkasim
