#include "sim/client/abstract_coordinator.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/core/domain_event.h"

namespace kafkasim {
namespace {

bool IsGroupCoordinatorError(ErrorCode e) {
  return e == ErrorCode::kCoordinatorNotAvailable || e == ErrorCode::kNotCoordinator;
}

}  // namespace

AbstractCoordinator::AbstractCoordinator(Simulation& sim, NodeId self, const BrokerDirectory& directory,
                                         NetworkClient& network, ClientMetadata& metadata,
                                         GroupMembershipConfig membership)
    : sim_(sim), self_(self), directory_(directory), network_(network), metadata_(metadata),
      membership_(std::move(membership)) {}

std::string AbstractCoordinator::Actor() const {
  const std::string& node = sim_.node(self_).name();
  return node == membership_.client_id ? node : fmt::format("{} (client.id {})", node, membership_.client_id);
}

void AbstractCoordinator::Narrate(const std::string& kind, std::string narration, std::string rule) {
  EmitDomainEvent(sim_, self_,
                  {.kind = kind, .narration = std::move(narration), .rule = std::move(rule),
                   .fields = {{"group", membership_.group_id}, {"member", member_id_}, {"generation", generation_}}});
}

void AbstractCoordinator::RequestRejoin(const std::string&) {
  rejoin_needed_ = true;
  Wake(sim_.now());
}

// --- the poll loop ---

void AbstractCoordinator::Poll(Time now) {
  last_poll_ = now;
  if (!active() || closing_ || fenced_) return;
  if (coordinator_ == kNoLeader) return FindCoordinator(now);
  if (!CoordinatorReady()) return;
  if ((state_ == State::kCompletingRebalance || state_ == State::kStable) &&
      now - last_heartbeat_ok_ > membership_.session_timeout) {
    // No successful heartbeat for a whole session — the coordinator has surely dropped us; look
    // for it again.
    MarkCoordinatorUnknown("Heartbeat session expired");
    return;
  }
  if (rejoin_needed_ && (state_ == State::kUnjoined || state_ == State::kStable)) {
    if (!join_prepared_) {
      join_prepared_ = true;
      OnJoinPrepare();
    }
    if (!JoinPrepared()) return;
    if (now < retry_join_at_) return Wake(retry_join_at_);
    return SendJoin();
  }
  if (state_ == State::kCompletingRebalance || state_ == State::kStable) {
    if (!heartbeat_in_flight_ && now >= next_heartbeat_) SendHeartbeat();
    Wake(next_heartbeat_);
  }
  if (state_ == State::kStable) OnPollStable(now);
}

void AbstractCoordinator::FindCoordinator(Time now) {
  if (finding_) return;
  if (now < retry_find_at_) return Wake(retry_find_at_);
  // The least loaded node: any broker we know of that is up, else a bootstrap server.
  NodeId node = kNoNode;
  for (const BrokerMetadata& b : metadata_.brokers()) {
    const NodeId n = directory_.NodeOf(b.id);
    if (n != kNoNode && sim_.node(n).running()) {
      node = n;
      break;
    }
  }
  if (node == kNoNode) return;  // the client's metadata refresh finds the cluster first
  auto request = std::make_unique<FindCoordinatorRequest>();
  request->key = membership_.group_id;
  finding_ = true;
  network_.Send(
      node, std::move(request), membership_.request_timeout,
      [this](const Envelope& e) {
        finding_ = false;
        const auto* r = e.As<FindCoordinatorResponse>();
        if (r != nullptr && r->error == ErrorCode::kNone) {
          coordinator_ = r->node_id;
          // Narrated when it changes, not on every rediscovery of the same broker.
          if (std::exchange(last_found_, r->node_id) != r->node_id) {
            Narrate(fmt::format("{}.coordinator_found", event_prefix()),
                    fmt::format("{} found the coordinator of group {}: broker {}, the leader of its __consumer_offsets "
                                "partition",
                                Actor(), membership_.group_id, r->node_id.value()));
          }
        } else {
          retry_find_at_ = sim_.now() + membership_.retry_backoff;
        }
        Wake(sim_.now());
      },
      [this](ErrorCode, const std::string&) {
        finding_ = false;
        retry_find_at_ = sim_.now() + membership_.retry_backoff;
        Wake(sim_.now());
      });
}

bool AbstractCoordinator::CoordinatorReady() {
  const NodeId node = directory_.NodeOf(coordinator_);
  // Kafka names the coordinator's connection "node 2147483647 - id" to keep it apart.
  if (node != kNoNode && network_.Connectable(node, [&] { return NodeLabel(2147483647 - coordinator_.value(), directory_, node); })) {
    return true;
  }
  MarkCoordinatorUnknown("the coordinator refused the connection");
  return false;
}

void AbstractCoordinator::MarkCoordinatorUnknown(const std::string&) {
  if (coordinator_ == kNoLeader) return;
  coordinator_ = kNoLeader;
  heartbeat_in_flight_ = false;
  if (state_ == State::kPreparingRebalance || state_ == State::kCompletingRebalance) {
    state_ = State::kUnjoined;
    rejoin_needed_ = true;
  }
  retry_find_at_ = sim_.now() + membership_.retry_backoff;
  Wake(sim_.now());
}

// --- joining ---

void AbstractCoordinator::SendJoin() {
  auto request = std::make_unique<JoinGroupRequest>();
  request->group_id = membership_.group_id;
  request->session_timeout = membership_.session_timeout;
  request->rebalance_timeout = membership_.rebalance_timeout;
  request->member_id = member_id_;
  request->group_instance_id = membership_.group_instance_id;
  request->client_id = membership_.client_id;
  request->protocol_type = std::string(protocol_type());
  request->protocols = JoinMetadata();
  state_ = State::kPreparingRebalance;
  // A JoinGroup may wait a whole rebalance: its timeout is the rebalance timeout plus 5 s.
  const Duration timeout =
      std::max(membership_.request_timeout, membership_.rebalance_timeout + Duration::Millis(5000));
  SendToCoordinator<JoinGroupResponse>(
      std::move(request), timeout, [this](const JoinGroupResponse& r) { OnJoinResponse(r); },
      [this] { MarkCoordinatorUnknown("JoinGroup failed"); });
}

void AbstractCoordinator::OnJoinResponse(const JoinGroupResponse& r) {
  if (state_ != State::kPreparingRebalance) return;
  switch (r.error) {
    case ErrorCode::kNone:
      break;
    case ErrorCode::kMemberIdRequired:
      member_id_ = r.member_id;
      state_ = State::kUnjoined;
      return;
    case ErrorCode::kUnknownMemberId:
    case ErrorCode::kIllegalGeneration:
      state_ = State::kUnjoined;
      return ResetGeneration(true, fmt::format("JoinGroup answered {}", ToString(r.error)));
    case ErrorCode::kFencedInstanceId:
      return Fence("JoinGroup");
    case ErrorCode::kCoordinatorNotAvailable:
    case ErrorCode::kNotCoordinator:
      return MarkCoordinatorUnknown(std::string(ToString(r.error)));
    case ErrorCode::kCoordinatorLoadInProgress:
    case ErrorCode::kRebalanceInProgress:
      state_ = State::kUnjoined;
      retry_join_at_ = sim_.now() + membership_.retry_backoff;
      return;
    default:
      // INCONSISTENT_GROUP_PROTOCOL, INVALID_SESSION_TIMEOUT, ...: poll() would throw; stop trying.
      state_ = State::kUnjoined;
      rejoin_needed_ = false;
      network_.Log("ERROR", fmt::format("JoinGroup failed: {}", DefaultMessage(r.error)), logger());
      return;
  }
  member_id_ = r.member_id;
  generation_ = r.generation_id;
  protocol_ = r.protocol_name;
  state_ = State::kCompletingRebalance;
  last_heartbeat_ok_ = sim_.now();
  next_heartbeat_ = sim_.now() + membership_.heartbeat_interval;
  if (r.leader == member_id_ && r.skip_assignment) {
    // JoinGroup v9: a static leader that came back to a stable group leads, but must not assign.
    Narrate(fmt::format("{}.assignment_skipped", event_prefix()),
            fmt::format("{} is told it leads group {} but to skip the assignment: it is a static member back in a "
                        "stable group, whose assignment stays as it is",
                        Actor(), membership_.group_id),
            "KIP-345: a returning static leader does not reassign");
    return SendSync({});
  }
  SendSync(r.leader == member_id_ ? OnLeaderElected(r) : std::vector<SyncGroupAssignment>{});
}

void AbstractCoordinator::Fence(const std::string& request) {
  // FencedInstanceIdException is fatal: poll() throws it and the member is done.
  fenced_ = true;
  rejoin_needed_ = false;
  state_ = State::kUnjoined;
  Narrate(fmt::format("{}.fenced", event_prefix()),
          fmt::format("{}'s {} is answered FENCED_INSTANCE_ID: another {} took group.instance.id={} in group {}, "
                      "so this one stops for good",
                      Actor(), request, member_noun(), membership_.group_instance_id.value_or(""),
                      membership_.group_id),
          "KIP-345: two live members may not share a group.instance.id; the newer one wins");
  network_.Log("ERROR", "Received fatal exception: group.instance.id gets fenced", logger());
  OnFenced();
}

void AbstractCoordinator::SendSync(std::vector<SyncGroupAssignment> assignments) {
  auto request = std::make_unique<SyncGroupRequest>();
  request->group_id = membership_.group_id;
  request->generation_id = generation_;
  request->member_id = member_id_;
  request->group_instance_id = membership_.group_instance_id;
  request->protocol_type = std::string(protocol_type());
  request->protocol_name = protocol_;
  request->assignments = std::move(assignments);
  SendToCoordinator<SyncGroupResponse>(
      std::move(request), membership_.request_timeout, [this](const SyncGroupResponse& r) { OnSyncResponse(r); },
      [this] { MarkCoordinatorUnknown("SyncGroup failed"); });
}

void AbstractCoordinator::OnSyncResponse(const SyncGroupResponse& r) {
  if (state_ != State::kCompletingRebalance) return;
  switch (r.error) {
    case ErrorCode::kNone: break;
    case ErrorCode::kRebalanceInProgress:
      state_ = State::kUnjoined;
      join_prepared_ = false;
      return RequestRejoin("SyncGroup answered REBALANCE_IN_PROGRESS");
    case ErrorCode::kUnknownMemberId:
    case ErrorCode::kIllegalGeneration:
      state_ = State::kUnjoined;
      return ResetGeneration(true, fmt::format("SyncGroup answered {}", ToString(r.error)));
    case ErrorCode::kFencedInstanceId:
      return Fence("SyncGroup");
    default:
      if (IsGroupCoordinatorError(r.error)) return MarkCoordinatorUnknown(std::string(ToString(r.error)));
      state_ = State::kUnjoined;
      join_prepared_ = false;
      retry_join_at_ = sim_.now() + membership_.retry_backoff;
      return RequestRejoin("SyncGroup failed");
  }
  state_ = State::kStable;
  rejoin_needed_ = false;
  join_prepared_ = false;
  OnJoinComplete(r.assignment);
}

void AbstractCoordinator::ResetGeneration(bool reset_member_id, const std::string& why) {
  Narrate(fmt::format("{}.generation_reset", event_prefix()),
          fmt::format("{} lost its place in group {} ({}): it rejoins{}", Actor(),
                      membership_.group_id, why, reset_member_id ? " as a new member" : ""));
  generation_ = kNoGeneration;
  protocol_.reset();
  if (reset_member_id) member_id_.clear();
  if (state_ == State::kStable) state_ = State::kUnjoined;
  join_prepared_ = false;
  RequestRejoin(why);
}

// --- heartbeats ---

void AbstractCoordinator::SendHeartbeat() {
  auto request = std::make_unique<HeartbeatRequest>();
  request->group_id = membership_.group_id;
  request->generation_id = generation_;
  request->member_id = member_id_;
  request->group_instance_id = membership_.group_instance_id;
  heartbeat_in_flight_ = true;
  next_heartbeat_ = sim_.now() + membership_.heartbeat_interval;
  const int32_t generation = generation_;
  SendToCoordinator<HeartbeatResponse>(
      std::move(request), membership_.request_timeout,
      [this, generation](const HeartbeatResponse& r) {
        heartbeat_in_flight_ = false;
        if (generation != generation_) return;  // an answer about a generation we already left
        if (r.error == ErrorCode::kNone) {
          last_heartbeat_ok_ = sim_.now();
          return;
        }
        OnHeartbeatError(r.error);
      },
      [this] {
        heartbeat_in_flight_ = false;
        MarkCoordinatorUnknown("the heartbeat timed out");
      });
}

void AbstractCoordinator::OnHeartbeatError(ErrorCode error) {
  switch (error) {
    case ErrorCode::kRebalanceInProgress:
      last_heartbeat_ok_ = sim_.now();
      if (state_ != State::kStable) return;  // ignored while completing (AbstractCoordinator)
      if (rejoin_needed_) return;  // known already: the application is processing, it rejoins when it polls
      Narrate(fmt::format("{}.rebalance_noticed", event_prefix()),
              fmt::format("{}'s heartbeat is answered REBALANCE_IN_PROGRESS: group {} is rebalancing, so it rejoins",
                          Actor(), membership_.group_id),
              "heartbeats carry the news of a rebalance");
      return RequestRejoin("group is already rebalancing");
    case ErrorCode::kFencedInstanceId:
      return Fence("heartbeat");
    case ErrorCode::kIllegalGeneration:
    case ErrorCode::kUnknownMemberId:
      if (state_ != State::kStable) return;
      return ResetGeneration(true, fmt::format("its heartbeat was answered {}", ToString(error)));
    default:
      if (IsGroupCoordinatorError(error)) MarkCoordinatorUnknown(std::string(ToString(error)));
  }
}

// --- the poll timer ---

void AbstractCoordinator::PollHeartbeatThread(Time now) {
  // Kafka's heartbeat thread runs once the member has joined: COMPLETING_REBALANCE or STABLE.
  if (!active() || closing_ || (state_ != State::kCompletingRebalance && state_ != State::kStable)) return;
  if (coordinator_ == kNoLeader) return FindCoordinator(now);
  if (!CoordinatorReady()) return;
  if (now - last_heartbeat_ok_ > membership_.session_timeout) {
    return MarkCoordinatorUnknown("session timed out without receiving a heartbeat response");
  }
  const Time poll_deadline = last_poll_ + membership_.rebalance_timeout;
  if (now >= poll_deadline) return HandlePollTimeoutExpiry();
  if (!heartbeat_in_flight_ && now >= next_heartbeat_) SendHeartbeat();
  Wake(std::min(next_heartbeat_, poll_deadline));
}

void AbstractCoordinator::HandlePollTimeoutExpiry() {
  network_.Log("WARN",
               "consumer poll timeout has expired. This means the time between subsequent calls to poll() was longer "
               "than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too "
               "much time processing messages. You can address this either by increasing max.poll.interval.ms or by "
               "reducing the maximum size of batches returned in poll() with max.poll.records.",
               logger());
  Narrate(fmt::format("{}.poll_timeout", event_prefix()),
          fmt::format("{} has not called poll() for {} ms: its heartbeat thread leaves group {} (LeaveGroup), so the "
                      "group rebalances without it while it is still processing",
                      Actor(), membership_.rebalance_timeout.millis(), membership_.group_id),
          fmt::format("{}={}", poll_timeout_setting(), membership_.rebalance_timeout.millis()));
  // maybeLeaveGroup: a dynamic member tells the coordinator, once, without retrying; a static
  // member (group.instance.id) leaves it to its session timeout.
  if (!membership_.group_instance_id && !member_id_.empty()) {
    auto request = std::make_unique<LeaveGroupRequest>();
    request->group_id = membership_.group_id;
    request->members.push_back({member_id_, membership_.group_instance_id, "consumer poll timeout has expired."});
    SendToCoordinator<LeaveGroupResponse>(
        std::move(request), membership_.request_timeout, [](const LeaveGroupResponse&) {}, [] {});
  }
  // resetGenerationOnLeaveGroup: UNJOINED without a generation or member id; the next poll()
  // finds what it owned lost and joins as a new member.
  state_ = State::kUnjoined;
  ResetGeneration(true, "consumer pro-actively leaving the group");
}

// --- close ---

void AbstractCoordinator::LeaveGroup(const std::string& reason, std::function<void()> done) {
  closing_ = true;
  if (coordinator_ == kNoLeader || member_id_.empty() || !CoordinatorReady()) return done();
  if (membership_.group_instance_id) {
    // maybeLeaveGroup: only dynamic members leave. A static member's place waits
    // session.timeout.ms for it to come back (KIP-345).
    OnStaticClose();
    return done();
  }
  auto request = std::make_unique<LeaveGroupRequest>();
  request->group_id = membership_.group_id;
  request->members.push_back({member_id_, membership_.group_instance_id, reason});
  SendToCoordinator<LeaveGroupResponse>(std::move(request), membership_.request_timeout,
                                        [done](const LeaveGroupResponse&) { done(); }, [done] { done(); });
}

}  // namespace kafkasim
