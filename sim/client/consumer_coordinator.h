#pragma once
// A consumer's side of the classic group protocol (Kafka's ConsumerCoordinator over
// AbstractCoordinator, 3.7), driven by the consumer's poll loop:
//
//   find the coordinator (FindCoordinator to any broker; COORDINATOR_NOT_AVAILABLE while
//   __consumer_offsets is being created: retry after retry.backoff.ms)
//   → before (re)joining: commit what was consumed (enable.auto.commit) and, with the eager
//     protocol (any listed assignor eager-only, e.g. range), revoke every partition; with the
//     cooperative one (only cooperative-sticky listed) keep them and consume on
//   → cooperative: after SyncGroup revoke only what is no longer assigned, and if anything was
//     revoked rejoin at once: the second rebalance hands those partitions to their new owner
//   → JoinGroup (the first answer is MEMBER_ID_REQUIRED with our member id: join again with it)
//   → the leader runs the chosen assignor over the members' subscriptions; SyncGroup
//   → the assignment: fetch the committed offsets (OffsetFetch), resume there, or reset by
//     auto.offset.reset where nothing was committed
//   → heartbeats every heartbeat.interval.ms from the JoinGroup answer on; REBALANCE_IN_PROGRESS
//     means rejoin, ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID mean our generation is gone (the
//     partitions are lost: rejoin from scratch), NOT_COORDINATOR means find it again
//   → auto commit every auto.commit.interval.ms; commitSync/commitAsync on request
//   → close: commit, then LeaveGroup so the group rebalances at once rather than after
//     session.timeout.ms — unless the member is static (group.instance.id): it just goes.
//
// The coordinator owns no partitions itself: it tells the consumer what it was assigned and
// what it lost, through ConsumerCoordinator::Hooks, and asks it for the positions to commit.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/client/client_metadata.h"
#include "sim/client/network_client.h"
#include "sim/client/partition_assignor.h"
#include "sim/core/simulation.h"
#include "sim/protocol/group_requests.h"
#include "sim/storage/offset.h"

namespace kafkasim {

struct GroupConfig {
  std::string group_id;
  std::optional<std::string> group_instance_id;
  std::string client_id;
  Duration session_timeout = Duration::Millis(45000);
  Duration heartbeat_interval = Duration::Millis(3000);
  Duration max_poll_interval = Duration::Millis(300000);
  bool enable_auto_commit = true;
  Duration auto_commit_interval = Duration::Millis(5000);
  std::vector<std::string> assignors = {"range"};  // partition.assignment.strategy, modelled ones
  Duration request_timeout = Duration::Millis(30000);
  Duration retry_backoff = Duration::Millis(100);
};

// A commit's outcome: NONE, or the error Kafka's CommitFailedException / RetriableCommitFailedException carries.
using CommitCallback = std::function<void(ErrorCode)>;

class ConsumerCoordinator {
 public:
  struct Hooks {
    // The new assignment (SyncGroup); the partitions need their committed offsets.
    std::function<void(const std::vector<TopicPartition>& assigned)> on_assigned;
    // Partitions taken away (revoked before a rebalance, or lost with the generation).
    std::function<void(const std::vector<TopicPartition>& revoked, bool lost)> on_revoked;
    // Positions to commit: the next offset the application will see, per assigned partition.
    std::function<std::map<TopicPartition, Offset>()> consumed;
    std::function<void(Time)> wake;
    // poll() would throw this (a fatal error such as FencedInstanceIdException): the consumer is done.
    std::function<void(const std::string& exception_line)> on_fatal;
  };
  enum class State { kUnjoined, kPreparingRebalance, kCompletingRebalance, kStable };

  ConsumerCoordinator(Simulation& sim, NodeId self, const BrokerDirectory& directory, NetworkClient& network,
                      ClientMetadata& metadata, GroupConfig config, Hooks hooks);

  void Subscribe(std::vector<std::string> topics);
  const std::vector<std::string>& subscription() const { return topics_; }
  // One turn of the poll loop: discover, join, heartbeat, auto-commit as due.
  void Poll(Time now);
  // Whether fetching may go on (not in the middle of a join).
  bool stable() const { return state_ == State::kStable; }
  // The heartbeat thread's turn, while the application is away from poll() processing what the
  // last poll returned (Poll above is the application's call): heartbeats go on, and once the
  // application has not polled for max.poll.interval.ms the member sends LeaveGroup ("consumer
  // poll timeout has expired.") and gives up its generation: its partitions go to the others,
  // its commits fail, and its next poll() joins again (AbstractCoordinator.HeartbeatThread).
  void PollHeartbeatThread(Time now);

  void CommitAsync(std::map<TopicPartition, Offset> offsets, CommitCallback done);
  void FetchCommitted(std::vector<TopicPartition> partitions,
                      std::function<void(ErrorCode, const std::map<TopicPartition, OffsetFetchPartition>&)> done);
  // close(): commit (with auto commit on), then LeaveGroup; `done` when answered or timed out.
  void Close(std::function<void()> done);

  const std::string& member_id() const { return member_id_; }
  int32_t generation() const { return generation_; }
  State state() const { return state_; }
  bool fenced() const { return fenced_; }
  BrokerId coordinator() const { return coordinator_; }
  const std::vector<TopicPartition>& assignment() const { return assignment_; }
  const GroupConfig& config() const { return config_; }
  // EAGER or COOPERATIVE: the highest protocol every configured assignor supports.
  RebalanceProtocol rebalance_protocol() const { return rebalance_protocol_; }

 private:
  void FindCoordinator(Time now);
  void MarkCoordinatorUnknown(const std::string& why);
  bool CoordinatorReady();
  void PrepareJoin();
  void SendJoin();
  void OnJoinResponse(const JoinGroupResponse& r);
  void SendSync(std::vector<SyncGroupAssignment> assignments);
  void OnSyncResponse(const SyncGroupResponse& r);
  std::vector<SyncGroupAssignment> PerformAssignment(const JoinGroupResponse& r);
  void SendHeartbeat();
  void OnHeartbeatError(ErrorCode error);
  void ResetGeneration(bool reset_member_id, const std::string& why);
  // FENCED_INSTANCE_ID: another process took our group.instance.id; the coordinator stops.
  void Fence(const std::string& request);
  void RequestRejoin(const std::string& why);
  void Revoke(bool lost);
  // Cooperative (KIP-429): keep the owned partitions while rejoining, except unsubscribed ones.
  void RevokeCooperatively();
  void RevokeBeforeJoin();
  // consumer.partition_revoked, one event a partition that stops being consumed.
  void NarratePaused(const std::vector<TopicPartition>& revoked, const std::string& why);
  void CompleteCooperativeJoin(std::vector<TopicPartition> assigned);
  void MaybeAutoCommit(Time now);
  void HandlePollTimeoutExpiry();
  void Narrate(const std::string& kind, std::string narration, std::string rule = "");
  template <typename Response>
  void SendToCoordinator(std::unique_ptr<KafkaMessage> request, Duration timeout,
                         std::function<void(const Response&)> on_response, std::function<void()> on_failure);

  Simulation& sim_;
  NodeId self_;
  const BrokerDirectory& directory_;
  NetworkClient& network_;
  ClientMetadata& metadata_;
  GroupConfig config_;
  Hooks hooks_;
  std::vector<std::unique_ptr<PartitionAssignor>> assignors_;
  RebalanceProtocol rebalance_protocol_ = RebalanceProtocol::kEager;

  std::vector<std::string> topics_;
  BrokerId coordinator_ = kNoLeader;
  BrokerId last_found_ = kNoLeader;
  bool finding_ = false;
  Time retry_find_at_;
  State state_ = State::kUnjoined;
  bool rejoin_needed_ = false;
  bool join_prepared_ = false;
  bool preparing_commit_ = false;
  std::string member_id_;
  int32_t generation_ = kNoGeneration;
  std::optional<std::string> protocol_;
  std::vector<TopicPartition> assignment_;
  Time next_heartbeat_;
  Time last_heartbeat_ok_;
  bool heartbeat_in_flight_ = false;
  Time next_auto_commit_;
  Time retry_join_at_;
  bool closing_ = false;
  Time last_poll_;  // the application's last poll() (Kafka's Heartbeat.pollTimer)
  bool fenced_ = false;
};

}  // namespace kafkasim
