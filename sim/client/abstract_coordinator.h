#pragma once
// A member of a classic-protocol group (Kafka's AbstractCoordinator, 3.7): what the consumer and
// the Connect worker share, written once.
//
//   find the coordinator (FindCoordinator to any broker; COORDINATOR_NOT_AVAILABLE while
//   __consumer_offsets is being created: retry after retry.backoff.ms)
//   → before (re)joining, the subclass prepares (onJoinPrepare: the consumer commits and revokes)
//   → JoinGroup (the first answer is MEMBER_ID_REQUIRED with our member id: join again with it)
//   → the leader computes the assignment (onLeaderElected); SyncGroup
//   → the assignment goes to the subclass (onJoinComplete)
//   → heartbeats every heartbeat.interval.ms from the JoinGroup answer on; REBALANCE_IN_PROGRESS
//     means rejoin, ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID mean our generation is gone (rejoin
//     as a new member), NOT_COORDINATOR means find it again, FENCED_INSTANCE_ID is fatal
//   → the heartbeat thread: once the member has not polled for the rebalance timeout
//     (max.poll.interval.ms for a consumer, rebalance.timeout.ms for a worker) it leaves the group
//   → close: LeaveGroup so the group rebalances at once rather than after session.timeout.ms —
//     unless the member is static (group.instance.id): it just goes.
//
// What differs between a consumer and a worker is virtual: the protocol type and the metadata
// sent in JoinGroup, the leader's assignment, what to do before joining and with the assignment,
// and the names its events and log lines carry.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/client/client_metadata.h"
#include "sim/client/network_client.h"
#include "sim/core/simulation.h"
#include "sim/protocol/group_requests.h"

namespace kafkasim {

// Kafka's GroupRebalanceConfig: what every group member is configured with.
struct GroupMembershipConfig {
  std::string group_id;
  std::optional<std::string> group_instance_id;
  std::string client_id;
  Duration session_timeout = Duration::Millis(45000);
  Duration heartbeat_interval = Duration::Millis(3000);
  // max.poll.interval.ms (consumer) or rebalance.timeout.ms (worker): both how long the
  // coordinator waits for the member to rejoin, and how long the member may go without polling.
  Duration rebalance_timeout = Duration::Millis(300000);
  Duration request_timeout = Duration::Millis(30000);
  Duration retry_backoff = Duration::Millis(100);
};

class AbstractCoordinator {
 public:
  enum class State { kUnjoined, kPreparingRebalance, kCompletingRebalance, kStable };

  AbstractCoordinator(Simulation& sim, NodeId self, const BrokerDirectory& directory, NetworkClient& network,
                      ClientMetadata& metadata, GroupMembershipConfig membership);
  virtual ~AbstractCoordinator() = default;
  AbstractCoordinator(const AbstractCoordinator&) = delete;
  AbstractCoordinator& operator=(const AbstractCoordinator&) = delete;

  // One turn of the member's poll loop: discover, join, heartbeat as due.
  void Poll(Time now);
  // The heartbeat thread's turn, while the application is away from Poll(): heartbeats go on,
  // and once it has not polled for the rebalance timeout the member sends LeaveGroup and gives
  // up its generation; its next Poll() joins again (AbstractCoordinator.HeartbeatThread).
  void PollHeartbeatThread(Time now);
  // Asks for a rebalance: the next Poll() rejoins.
  void RequestRejoin(const std::string& why);

  bool stable() const { return state_ == State::kStable; }
  const std::string& member_id() const { return member_id_; }
  int32_t generation() const { return generation_; }
  State state() const { return state_; }
  bool fenced() const { return fenced_; }
  BrokerId coordinator() const { return coordinator_; }
  const std::optional<std::string>& protocol() const { return protocol_; }
  const GroupMembershipConfig& membership() const { return membership_; }

 protected:
  // --- what a subclass says about itself ---
  virtual std::string_view protocol_type() const = 0;  // "consumer", "connect"
  virtual std::string_view event_prefix() const = 0;   // events are "<prefix>.coordinator_found", ...
  virtual std::string_view member_noun() const = 0;    // "consumer", "worker": for narration
  // Who the narration names: the node, with its client.id when that differs ("connect-2
  // (client.id connect-1)": every Connect worker's herder is connect-1 in its own JVM).
  std::string Actor() const;
  virtual std::string_view logger() const = 0;         // the log4j logger of its log lines
  // The setting behind the poll timeout, for narration: "max.poll.interval.ms".
  virtual std::string_view poll_timeout_setting() const = 0;
  // Whether the member wants to be in the group at all (a consumer: it subscribed).
  virtual bool active() const = 0;

  // --- AbstractCoordinator's abstract methods ---
  // metadata(): the protocols offered in JoinGroup, best first, with their metadata bytes.
  virtual std::vector<JoinGroupProtocol> JoinMetadata() = 0;
  // onJoinPrepare: once before each join. JoinPrepared() false holds the join back (a commit in
  // flight); the next Poll() asks again.
  virtual void OnJoinPrepare() = 0;
  virtual bool JoinPrepared() const { return true; }
  // onLeaderElected: the leader's assignment, one entry a member (may be empty).
  virtual std::vector<SyncGroupAssignment> OnLeaderElected(const JoinGroupResponse& r) = 0;
  // onJoinComplete: the SyncGroup answer's bytes; state() is kStable already.
  virtual void OnJoinComplete(const std::string& assignment) = 0;
  // FENCED_INSTANCE_ID: the member stopped for good; what it owned is lost.
  virtual void OnFenced() = 0;
  // Called at the end of a Poll() that found the member stable (auto commit).
  virtual void OnPollStable(Time now) {}
  // A static member closing: it goes without LeaveGroup.
  virtual void OnStaticClose() {}
  virtual void Wake(Time at) = 0;

  // --- for subclasses ---
  void Narrate(const std::string& kind, std::string narration, std::string rule = "");
  // Kafka's rejoinNeeded starts true: a member that is active from the start (a worker) joins on
  // its first poll. (A consumer asks by subscribing.) Sets the flag only: no wake-up.
  void NeedRejoinFromStart() { rejoin_needed_ = true; }
  void MarkCoordinatorUnknown(const std::string& why);
  bool CoordinatorReady();
  void ResetGeneration(bool reset_member_id, const std::string& why);
  void Fence(const std::string& request);
  // maybeLeaveGroup on close: LeaveGroup (a dynamic member), then `done`, answered or not.
  void LeaveGroup(const std::string& reason, std::function<void()> done);
  template <typename Response>
  void SendToCoordinator(std::unique_ptr<KafkaMessage> request, Duration timeout,
                         std::function<void(const Response&)> on_response, std::function<void()> on_failure);

  Simulation& sim_;
  NodeId self_;
  const BrokerDirectory& directory_;
  NetworkClient& network_;
  ClientMetadata& metadata_;
  GroupMembershipConfig membership_;
  State state_ = State::kUnjoined;
  bool closing_ = false;

 private:
  void FindCoordinator(Time now);
  void SendJoin();
  void OnJoinResponse(const JoinGroupResponse& r);
  void SendSync(std::vector<SyncGroupAssignment> assignments);
  void OnSyncResponse(const SyncGroupResponse& r);
  void SendHeartbeat();
  void OnHeartbeatError(ErrorCode error);
  void HandlePollTimeoutExpiry();

  BrokerId coordinator_ = kNoLeader;
  BrokerId last_found_ = kNoLeader;
  bool finding_ = false;
  Time retry_find_at_;
  bool rejoin_needed_ = false;
  bool join_prepared_ = false;
  std::string member_id_;
  int32_t generation_ = kNoGeneration;
  std::optional<std::string> protocol_;
  Time next_heartbeat_;
  Time last_heartbeat_ok_;
  bool heartbeat_in_flight_ = false;
  Time retry_join_at_;
  Time last_poll_;  // the application's last poll() (Kafka's Heartbeat.pollTimer)
  bool fenced_ = false;
};

template <typename Response>
void AbstractCoordinator::SendToCoordinator(std::unique_ptr<KafkaMessage> request, Duration timeout,
                                            std::function<void(const Response&)> on_response,
                                            std::function<void()> on_failure) {
  const NodeId node = directory_.NodeOf(coordinator_);
  network_.Send(
      node, std::move(request), timeout,
      [this, on_response, on_failure](const Envelope& e) {
        if (const auto* r = e.As<Response>()) {
          on_response(*r);
        } else {
          on_failure();
        }
        Wake(sim_.now());
      },
      [this, on_failure](ErrorCode, const std::string&) {
        on_failure();
        Wake(sim_.now());
      });
}

}  // namespace kafkasim
