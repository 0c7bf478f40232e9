#pragma once
// One partition replica on a broker (kafka.cluster.Partition): its log, its role for the
// current leader epoch, and — on the leader — what it knows of its followers, from which it
// derives the high watermark and proposes ISR changes.
//
// Leader rules (Kafka 3.7):
//  - a follower's log end offset (LEO) is learned from the offset it fetches at: the leader knows
//    a record reached a follower only one fetch later;
//  - high watermark = the minimum LEO over the ISR, never moving backwards; while the ISR is
//    smaller than min.insync.replicas it does not advance;
//  - a follower is caught up when it fetches at the leader's LEO; one not caught up for
//    replica.lag.time.max.ms leaves the ISR (checked every half of it);
//  - a follower outside the ISR rejoins once its LEO reaches the high watermark and the start of
//    the leader's epoch;
//  - ISR changes go to the controller as AlterPartition; one is in flight at a time, and the ISR
//    the leader uses to advance the high watermark is the committed one plus (for a shrink) the
//    members it is removing — the "maximal ISR" that keeps the HW safe meanwhile.
// Follower rules: append what the leader sends; high watermark = min(leader's, own LEO).

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/admin/topic_config.h"
#include "sim/broker/producer_state_manager.h"
#include "sim/core/time.h"
#include "sim/protocol/controller_requests.h"
#include "sim/protocol/data_requests.h"
#include "sim/storage/log.h"

namespace kafkasim {

class Broker;

struct FollowerState {
  Offset log_end_offset = kUndefinedOffset;
  Time last_caught_up;
  Time last_fetch;
  Offset leader_leo_at_last_fetch = kUndefinedOffset;
  // The log start the follower reported in its last fetch: unknown until it fetches.
  Offset log_start_offset = kUndefinedOffset;
};

class Partition {
 public:
  // `config` is the topic's effective config, shared by every partition of the topic on the
  // broker (a parsed config holds every key: a copy per replica would dwarf an empty log).
  Partition(Broker& broker, TopicPartition tp, Log& log, std::shared_ptr<const TopicConfig> config);

  const TopicPartition& tp() const { return tp_; }
  bool is_leader() const { return is_leader_; }
  const LeaderAndIsr& state() const { return state_; }
  const std::vector<BrokerId>& replicas() const { return replicas_; }
  const std::string& topic_id() const { return topic_id_; }
  Offset high_watermark() const { return high_watermark_; }
  Offset log_end_offset() const { return log_.log_end_offset(); }
  const Log& log() const { return log_; }
  Log& log() { return log_; }
  const TopicConfig& config() const { return *config_; }
  // A topic config change the broker read from ZooKeeper (TopicConfigHandler): min.insync.replicas
  // and the other topic-level rules apply from the next request on.
  void set_config(std::shared_ptr<const TopicConfig> config) { config_ = std::move(config); }
  const std::map<BrokerId, FollowerState>& followers() const { return followers_; }

  // A partition created on a (re)started broker: its high watermark starts at `checkpointed`,
  // the value in the log.dir's replication-offset-checkpoint (0 without one), bounded by the log
  // start and end offsets (UnifiedLog.updateHighWatermark). Returns the value it took.
  Offset InitializeHighWatermark(Offset checkpointed);

  // LeaderAndIsr for this partition.
  void MakeLeader(const PartitionState& state);
  void MakeFollower(const PartitionState& state);
  // StopReplica without deletion (a controlled shutdown): a follower stops fetching, its log
  // kept, until a LeaderAndIsr gives it a role again.
  void Stop() { stopped_ = true; }
  bool stopped() const { return stopped_; }

  // --- leader ---
  // A produce: NOT_ENOUGH_REPLICAS when acks=all and the ISR is below min.insync.replicas.
  PartitionProduceResponse AppendAsLeader(const RecordBatch& batch, int16_t acks, Offset* last_offset);
  // A follower's fetch as it arrives (Partition.updateFollowerFetchState): records its LEO, maybe
  // advances the HW and expands the ISR. Only the arrival counts: a fetch answered later from the
  // purgatory reads again but leaves the follower's state alone (readFromPurgatory in Kafka), so a
  // follower is caught up as of when it asked, not as of when it was answered.
  void UpdateFollowerFetchState(BrokerId follower, const FetchPartition& fetch);
  // A follower's fetch answered: up to the log end offset.
  PartitionFetchResponse ReadForFollower(const FetchPartition& fetch) const;
  // A consumer's fetch: up to the high watermark.
  PartitionFetchResponse ReadForConsumer(const FetchPartition& fetch) const;
  // Followers that lagged too long leave the ISR (called every replica.lag.time.max.ms / 2).
  void MaybeShrinkIsr();
  // The controller's answer to our AlterPartition.
  void OnAlterPartitionResponse(const AlterPartitionResponse& response);
  // DeleteRecords on the leader (Partition.deleteRecordsOnLeader): moves the log start offset up
  // to `offset` (kDeleteToHighWatermark: the high watermark). NOT_LEADER_OR_FOLLOWER,
  // POLICY_VIOLATION without cleanup.policy=delete, OFFSET_OUT_OF_RANGE above the high
  // watermark. `requested` is the offset the low watermark must reach before the answer.
  struct DeleteRecordsOutcome {
    ErrorCode error = ErrorCode::kNone;
    Offset requested = kUndefinedOffset;
  };
  DeleteRecordsOutcome DeleteRecordsOnLeader(int64_t offset);
  // Partition.lowWatermarkIfLeader: the lowest log start offset among this replica and the
  // followers on live brokers; a follower that has not fetched since we became leader counts as
  // unknown (-1), so it holds the low watermark down until it reports.
  Offset LowWatermark() const;
  bool under_min_isr() const { return static_cast<int32_t>(state_.isr.size()) < config_->min_insync_replicas; }

  // --- follower ---
  void AppendFromLeader(const PartitionFetchResponse& response);
  // The leader answered OFFSET_OUT_OF_RANGE with a log start above our log end: what we still
  // need was deleted there (retention, DeleteRecords). Returns whether we started over at it.
  bool StartAtLeaderLogStart(Offset leader_log_start);
  // A follower truncates its log to `offset` (OffsetsForLeaderEpoch's answer): the high
  // watermark comes down with it if it was above (UnifiedLog.truncateTo), and the producer state
  // is derived from what remains. Returns what the log did.
  LogEvents TruncateTo(Offset offset);

  const ProducerStateManager& producer_state() const { return producer_state_; }

 private:
  void MaybeIncrementHighWatermark();
  // FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH for a follower's fetch from another epoch.
  ErrorCode CheckFollowerLeaderEpoch(const FetchPartition& fetch) const;
  PartitionProduceResponse AnswerDuplicate(const RecordBatchView& batch, const ProducerBatchMetadata& original,
                                           Offset* last_offset);
  void ProposeIsr(std::vector<BrokerId> isr, std::string why, std::string rule);
  std::vector<BrokerId> MaximalIsr() const;
  bool InMaximalIsr(BrokerId b) const {  // Contains(MaximalIsr(), b), without building it
    return Contains(state_.isr, b) || (pending_isr_ && Contains(*pending_isr_, b));
  }

  Broker& broker_;
  TopicPartition tp_;
  Log& log_;
  std::shared_ptr<const TopicConfig> config_;
  std::string topic_id_;
  bool is_leader_ = false;
  bool stopped_ = false;
  LeaderAndIsr state_;
  std::vector<BrokerId> replicas_;
  Offset high_watermark_{0};
  Offset leader_epoch_start_offset_{0};
  std::map<BrokerId, FollowerState> followers_;
  std::optional<std::vector<BrokerId>> pending_isr_;  // an AlterPartition in flight
  ProducerStateManager producer_state_;  // rebuilt from the log, then kept with every append
};

}  // namespace kafkasim
