#pragma once
// A consumer's side of the classic group protocol (Kafka's ConsumerCoordinator over
// AbstractCoordinator, 3.7), driven by the consumer's poll loop. The membership itself (finding
// the coordinator, JoinGroup/SyncGroup, heartbeats, the poll timer, LeaveGroup) is
// AbstractCoordinator's; what is the consumer's own:
//
//   → before (re)joining: commit what was consumed (enable.auto.commit) and, with the eager
//     protocol (any listed assignor eager-only, e.g. range), revoke every partition; with the
//     cooperative one (only cooperative-sticky listed) keep them and consume on
//   → JoinGroup carries one subscription per configured assignor (protocol type "consumer")
//   → the leader runs the chosen assignor over the members' subscriptions
//   → cooperative: after SyncGroup revoke only what is no longer assigned, and if anything was
//     revoked rejoin at once: the second rebalance hands those partitions to their new owner
//   → the assignment: fetch the committed offsets (OffsetFetch), resume there, or reset by
//     auto.offset.reset where nothing was committed
//   → auto commit every auto.commit.interval.ms; commitSync/commitAsync on request
//   → close: commit, then leave (AbstractCoordinator::LeaveGroup).
//
// The coordinator owns no partitions itself: it tells the consumer what it was assigned and
// what it lost, through ConsumerCoordinator::Hooks, and asks it for the positions to commit.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/client/abstract_coordinator.h"
#include "sim/client/partition_assignor.h"
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

class ConsumerCoordinator : public AbstractCoordinator {
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

  ConsumerCoordinator(Simulation& sim, NodeId self, const BrokerDirectory& directory, NetworkClient& network,
                      ClientMetadata& metadata, GroupConfig config, Hooks hooks);

  void Subscribe(std::vector<std::string> topics);
  const std::vector<std::string>& subscription() const { return topics_; }

  void CommitAsync(std::map<TopicPartition, Offset> offsets, CommitCallback done);
  void FetchCommitted(std::vector<TopicPartition> partitions,
                      std::function<void(ErrorCode, const std::map<TopicPartition, OffsetFetchPartition>&)> done);
  // close(): commit (with auto commit on), then LeaveGroup; `done` when answered or timed out.
  void Close(std::function<void()> done);

  const std::vector<TopicPartition>& assignment() const { return assignment_; }
  const GroupConfig& config() const { return config_; }
  // EAGER or COOPERATIVE: the highest protocol every configured assignor supports.
  RebalanceProtocol rebalance_protocol() const { return rebalance_protocol_; }

 protected:
  std::string_view protocol_type() const override { return "consumer"; }
  std::string_view event_prefix() const override { return "consumer"; }
  std::string_view member_noun() const override { return "consumer"; }
  std::string_view logger() const override { return "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator"; }
  std::string_view poll_timeout_setting() const override { return "max.poll.interval.ms"; }
  bool active() const override { return !topics_.empty(); }
  std::vector<JoinGroupProtocol> JoinMetadata() override;
  void OnJoinPrepare() override;
  bool JoinPrepared() const override { return !preparing_commit_; }
  std::vector<SyncGroupAssignment> OnLeaderElected(const JoinGroupResponse& r) override;
  void OnJoinComplete(const std::string& assignment) override;
  void OnFenced() override;
  void OnPollStable(Time now) override { MaybeAutoCommit(now); }
  void OnStaticClose() override;
  void Wake(Time at) override { hooks_.wake(at); }

 private:
  void Revoke(bool lost);
  // Cooperative (KIP-429): keep the owned partitions while rejoining, except unsubscribed ones.
  void RevokeCooperatively();
  void RevokeBeforeJoin();
  // consumer.partition_revoked, one event a partition that stops being consumed.
  void NarratePaused(const std::vector<TopicPartition>& revoked, const std::string& why);
  void CompleteCooperativeJoin(std::vector<TopicPartition> assigned);
  void MaybeAutoCommit(Time now);

  GroupConfig config_;
  Hooks hooks_;
  std::vector<std::unique_ptr<PartitionAssignor>> assignors_;
  RebalanceProtocol rebalance_protocol_ = RebalanceProtocol::kEager;

  std::vector<std::string> topics_;
  bool preparing_commit_ = false;
  std::vector<TopicPartition> assignment_;
  Time next_auto_commit_;
};

}  // namespace kafkasim
