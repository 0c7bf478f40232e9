#include "sim/client/consumer_coordinator.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/core/domain_event.h"
#include "sim/protocol/consumer_protocol.h"

namespace kafkasim {
namespace {

std::string Join(const std::vector<TopicPartition>& tps) {
  if (tps.empty()) return "nothing";
  std::vector<std::string> parts;
  for (const TopicPartition& tp : tps) parts.push_back(ToString(tp));
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::vector<TopicPartition> Minus(const std::vector<TopicPartition>& a, const std::vector<TopicPartition>& b) {
  std::vector<TopicPartition> out;
  for (const TopicPartition& tp : a) {
    if (std::find(b.begin(), b.end(), tp) == b.end()) out.push_back(tp);
  }
  return out;
}

bool IsCoordinatorError(ErrorCode e) {
  return e == ErrorCode::kCoordinatorNotAvailable || e == ErrorCode::kNotCoordinator;
}

}  // namespace

ConsumerCoordinator::ConsumerCoordinator(Simulation& sim, NodeId self, const BrokerDirectory& directory,
                                         NetworkClient& network, ClientMetadata& metadata, GroupConfig config,
                                         Hooks hooks)
    : sim_(sim), self_(self), directory_(directory), network_(network), metadata_(metadata),
      config_(std::move(config)), hooks_(std::move(hooks)) {
  for (const std::string& name : config_.assignors) {
    if (auto a = MakeAssignor(name)) assignors_.push_back(std::move(a));
  }
  assert(!assignors_.empty() && "the config parser admits only modelled assignors");
  rebalance_protocol_ = CommonRebalanceProtocol(assignors_);
}

void ConsumerCoordinator::Narrate(const std::string& kind, std::string narration, std::string rule) {
  EmitDomainEvent(sim_, self_,
                  {.kind = kind, .narration = std::move(narration), .rule = std::move(rule),
                   .fields = {{"group", config_.group_id}, {"member", member_id_}, {"generation", generation_}}});
}

void ConsumerCoordinator::Subscribe(std::vector<std::string> topics) {
  std::sort(topics.begin(), topics.end());
  topics.erase(std::unique(topics.begin(), topics.end()), topics.end());
  if (topics == topics_) return;
  topics_ = std::move(topics);
  for (const std::string& t : topics_) metadata_.AddTopic(t);
  metadata_.RequestUpdate();
  RequestRejoin("subscription changed");
}

void ConsumerCoordinator::RequestRejoin(const std::string&) {
  rejoin_needed_ = true;
  hooks_.wake(sim_.now());
}

// --- the poll loop ---

void ConsumerCoordinator::Poll(Time now) {
  last_poll_ = now;
  if (topics_.empty() || closing_ || fenced_) return;
  if (coordinator_ == kNoLeader) return FindCoordinator(now);
  if (!CoordinatorReady()) return;
  if ((state_ == State::kCompletingRebalance || state_ == State::kStable) &&
      now - last_heartbeat_ok_ > config_.session_timeout) {
    // AbstractCoordinator: no successful heartbeat for a whole session — the coordinator has
    // surely dropped us; look for it again.
    MarkCoordinatorUnknown("Heartbeat session expired");
    return;
  }
  if (rejoin_needed_ && (state_ == State::kUnjoined || state_ == State::kStable)) {
    if (!join_prepared_) PrepareJoin();
    if (preparing_commit_) return;
    if (now < retry_join_at_) return hooks_.wake(retry_join_at_);
    return SendJoin();
  }
  if (state_ == State::kCompletingRebalance || state_ == State::kStable) {
    if (!heartbeat_in_flight_ && now >= next_heartbeat_) SendHeartbeat();
    hooks_.wake(next_heartbeat_);
  }
  if (state_ == State::kStable) MaybeAutoCommit(now);
}

template <typename Response>
void ConsumerCoordinator::SendToCoordinator(std::unique_ptr<KafkaMessage> request, Duration timeout,
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
        hooks_.wake(sim_.now());
      },
      [this, on_failure](ErrorCode, const std::string&) {
        on_failure();
        hooks_.wake(sim_.now());
      });
}

void ConsumerCoordinator::FindCoordinator(Time now) {
  if (finding_) return;
  if (now < retry_find_at_) return hooks_.wake(retry_find_at_);
  // The least loaded node: any broker we know of that is up, else a bootstrap server.
  NodeId node = kNoNode;
  for (const BrokerMetadata& b : metadata_.brokers()) {
    const NodeId n = directory_.NodeOf(b.id);
    if (n != kNoNode && sim_.node(n).running()) {
      node = n;
      break;
    }
  }
  if (node == kNoNode) return;  // the consumer's metadata refresh finds the cluster first
  auto request = std::make_unique<FindCoordinatorRequest>();
  request->key = config_.group_id;
  finding_ = true;
  network_.Send(
      node, std::move(request), config_.request_timeout,
      [this](const Envelope& e) {
        finding_ = false;
        const auto* r = e.As<FindCoordinatorResponse>();
        if (r != nullptr && r->error == ErrorCode::kNone) {
          coordinator_ = r->node_id;
          // Narrated when it changes, not on every rediscovery of the same broker.
          if (std::exchange(last_found_, r->node_id) != r->node_id) Narrate("consumer.coordinator_found",
                  fmt::format("{} found the coordinator of group {}: broker {}, the leader of its __consumer_offsets "
                              "partition",
                              config_.client_id, config_.group_id, r->node_id.value()));
        } else {
          retry_find_at_ = sim_.now() + config_.retry_backoff;
        }
        hooks_.wake(sim_.now());
      },
      [this](ErrorCode, const std::string&) {
        finding_ = false;
        retry_find_at_ = sim_.now() + config_.retry_backoff;
        hooks_.wake(sim_.now());
      });
}

bool ConsumerCoordinator::CoordinatorReady() {
  const NodeId node = directory_.NodeOf(coordinator_);
  if (node != kNoNode && network_.Connectable(node, fmt::format("node {}", 2147483647 - coordinator_.value()))) {
    return true;
  }
  MarkCoordinatorUnknown("the coordinator refused the connection");
  return false;
}

void ConsumerCoordinator::MarkCoordinatorUnknown(const std::string& why) {
  if (coordinator_ == kNoLeader) return;
  coordinator_ = kNoLeader;
  heartbeat_in_flight_ = false;
  if (state_ == State::kPreparingRebalance || state_ == State::kCompletingRebalance) {
    state_ = State::kUnjoined;
    rejoin_needed_ = true;
  }
  retry_find_at_ = sim_.now() + config_.retry_backoff;
  hooks_.wake(sim_.now());
}

// --- joining ---

void ConsumerCoordinator::Revoke(bool lost) {
  if (assignment_.empty()) return;
  const std::vector<TopicPartition> revoked = std::exchange(assignment_, {});
  Narrate(lost ? "consumer.partitions_lost" : "consumer.partitions_revoked",
          lost ? fmt::format("{} lost {}: its generation is gone, so it may not commit them", config_.client_id,
                             Join(revoked))
               : fmt::format("{} gives up {} before rejoining: with the eager protocol every member revokes "
                             "everything, so the whole group stops consuming until the new assignment",
                             config_.client_id, Join(revoked)),
          lost ? "" : "eager rebalance: revoke all before JoinGroup");
  if (!lost) NarratePaused(revoked, "the eager protocol revokes everything before rejoining");
  hooks_.on_revoked(revoked, lost);
}

void ConsumerCoordinator::NarratePaused(const std::vector<TopicPartition>& revoked, const std::string& why) {
  // One event a partition, so that a scenario can count how many partitions a rebalance paused.
  for (const TopicPartition& tp : revoked) {
    EmitDomainEvent(sim_, self_,
                    {.kind = "consumer.partition_revoked",
                     .narration = fmt::format("{} stops consuming {}: {}", config_.client_id, ToString(tp), why),
                     .fields = {{"group", config_.group_id}, {"partition", ToString(tp)}, {"generation", generation_}}});
  }
}

void ConsumerCoordinator::RevokeCooperatively() {
  // onJoinPrepare, COOPERATIVE: only partitions of topics no longer subscribed go now.
  std::vector<TopicPartition> gone;
  for (const TopicPartition& tp : assignment_) {
    if (!std::binary_search(topics_.begin(), topics_.end(), tp.topic)) gone.push_back(tp);
  }
  if (!gone.empty()) {
    assignment_ = Minus(assignment_, gone);
    Narrate("consumer.partitions_revoked",
            fmt::format("{} gives up {}: it no longer subscribes to their topics", config_.client_id, Join(gone)),
            "cooperative rebalance: revoke only what must go");
    NarratePaused(gone, "it no longer subscribes to the topic");
    hooks_.on_revoked(gone, false);
  }
  if (assignment_.empty()) return;
  Narrate("consumer.partitions_kept",
          fmt::format("{} rejoins group {} keeping {}: with the cooperative protocol it goes on consuming them during "
                      "the rebalance and tells the leader it owns them",
                      config_.client_id, config_.group_id, Join(assignment_)),
          "cooperative rebalance (KIP-429): owned partitions are kept across a rebalance");
}

void ConsumerCoordinator::PrepareJoin() {
  join_prepared_ = true;
  if (generation_ == kNoGeneration) return Revoke(true);
  if (config_.enable_auto_commit && !assignment_.empty()) {
    // ConsumerCoordinator.onJoinPrepare: commit what was consumed before giving it up.
    preparing_commit_ = true;
    CommitAsync(hooks_.consumed(), [this](ErrorCode) {
      preparing_commit_ = false;
      RevokeBeforeJoin();
      hooks_.wake(sim_.now());
    });
    return;
  }
  RevokeBeforeJoin();
}

void ConsumerCoordinator::RevokeBeforeJoin() {
  if (generation_ == kNoGeneration) return Revoke(true);  // lost while the commit was in flight
  if (rebalance_protocol_ == RebalanceProtocol::kCooperative) return RevokeCooperatively();
  Revoke(false);
}

void ConsumerCoordinator::SendJoin() {
  auto request = std::make_unique<JoinGroupRequest>();
  request->group_id = config_.group_id;
  request->session_timeout = config_.session_timeout;
  request->rebalance_timeout = config_.max_poll_interval;
  request->member_id = member_id_;
  request->group_instance_id = config_.group_instance_id;
  request->client_id = config_.client_id;
  for (const auto& assignor : assignors_) {
    // ConsumerCoordinator.metadata(): the owned partitions and generation go to every assignor
    // (empty after an eager revoke); each assignor adds its own user data.
    request->protocols.push_back(
        {std::string(assignor->name()),
         EncodeSubscription(ConsumerSubscription{.topics = topics_,
                                                 .user_data = assignor->SubscriptionUserData(),
                                                 .owned_partitions = assignment_,
                                                 .generation_id = generation_})});
  }
  state_ = State::kPreparingRebalance;
  // A JoinGroup may wait a whole rebalance: its timeout is the rebalance timeout plus 5 s.
  const Duration timeout = std::max(config_.request_timeout, config_.max_poll_interval + Duration::Millis(5000));
  SendToCoordinator<JoinGroupResponse>(
      std::move(request), timeout, [this](const JoinGroupResponse& r) { OnJoinResponse(r); },
      [this] { MarkCoordinatorUnknown("JoinGroup failed"); });
}

void ConsumerCoordinator::OnJoinResponse(const JoinGroupResponse& r) {
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
      retry_join_at_ = sim_.now() + config_.retry_backoff;
      return;
    default:
      // INCONSISTENT_GROUP_PROTOCOL, INVALID_SESSION_TIMEOUT, ...: poll() would throw; stop trying.
      state_ = State::kUnjoined;
      rejoin_needed_ = false;
      network_.Log("ERROR", fmt::format("JoinGroup failed: {}", DefaultMessage(r.error)),
                   "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator");
      return;
  }
  member_id_ = r.member_id;
  generation_ = r.generation_id;
  protocol_ = r.protocol_name;
  state_ = State::kCompletingRebalance;
  last_heartbeat_ok_ = sim_.now();
  next_heartbeat_ = sim_.now() + config_.heartbeat_interval;
  if (r.leader == member_id_ && r.skip_assignment) {
    // JoinGroup v9: a static leader that came back to a stable group leads, but must not assign.
    Narrate("consumer.assignment_skipped",
            fmt::format("{} is told it leads group {} but to skip the assignment: it is a static member back in a "
                        "stable group, whose assignment stays as it is",
                        config_.client_id, config_.group_id),
            "KIP-345: a returning static leader does not reassign");
    return SendSync({});
  }
  SendSync(r.leader == member_id_ ? PerformAssignment(r) : std::vector<SyncGroupAssignment>{});
}

void ConsumerCoordinator::Fence(const std::string& request) {
  // FencedInstanceIdException is fatal: poll() throws it and the consumer is done.
  fenced_ = true;
  rejoin_needed_ = false;
  state_ = State::kUnjoined;
  Narrate("consumer.fenced",
          fmt::format("{}'s {} is answered FENCED_INSTANCE_ID: another consumer took group.instance.id={} in group {}, "
                      "so this one stops for good",
                      config_.client_id, request, config_.group_instance_id.value_or(""), config_.group_id),
          "KIP-345: two live members may not share a group.instance.id; the newer one wins");
  network_.Log("ERROR", "Received fatal exception: group.instance.id gets fenced",
               "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator");
  Revoke(true);
  if (hooks_.on_fatal) {
    hooks_.on_fatal(fmt::format("org.apache.kafka.common.errors.FencedInstanceIdException: {}",
                                DefaultMessage(ErrorCode::kFencedInstanceId)));
  }
}

std::vector<SyncGroupAssignment> ConsumerCoordinator::PerformAssignment(const JoinGroupResponse& r) {
  const PartitionAssignor* assignor = nullptr;
  for (const auto& a : assignors_) {
    if (a->name() == r.protocol_name.value_or("")) assignor = a.get();
  }
  if (assignor == nullptr) return {};
  std::vector<MemberSubscription> members;
  PartitionsPerTopic partitions;
  for (const JoinGroupMember& m : r.members) {
    auto s = DecodeSubscription(m.metadata);
    if (!s) continue;
    for (const std::string& t : s->topics) {
      metadata_.AddTopic(t);
      if (auto n = metadata_.PartitionCount(t)) partitions[t] = *n;
    }
    members.push_back(MemberSubscription{m.member_id, m.group_instance_id, std::move(*s)});
  }
  const GroupAssignment assignment = assignor->Assign(partitions, members);
  std::vector<SyncGroupAssignment> out;
  std::vector<std::string> lines;
  std::vector<TopicPartition> assigned, withheld;
  for (const auto& [member, tps] : assignment) {
    out.push_back({member, EncodeAssignment(ConsumerAssignment{.partitions = tps})});
    lines.push_back(fmt::format("{} → {}", member, Join(tps)));
    assigned.insert(assigned.end(), tps.begin(), tps.end());
  }
  for (const MemberSubscription& m : members) {
    for (const TopicPartition& tp : Minus(m.subscription.owned_partitions, assigned)) withheld.push_back(tp);
  }
  std::sort(withheld.begin(), withheld.end());
  Narrate("consumer.assignment_computed",
          fmt::format("{} leads group {} in generation {}: the {} assignor gives {}{}", config_.client_id,
                      config_.group_id, generation_, assignor->name(), fmt::join(lines, "; "),
                      withheld.empty() ? ""
                                       : fmt::format(". {} change owner: nobody gets them in this generation; their "
                                                     "owners revoke them and rejoin, and the next rebalance hands them "
                                                     "over",
                                                     Join(withheld))),
          withheld.empty() ? "the group leader computes the assignment (partition.assignment.strategy)"
                           : "cooperative rebalance: a partition that moves is first revoked, then assigned");
  return out;
}

void ConsumerCoordinator::SendSync(std::vector<SyncGroupAssignment> assignments) {
  auto request = std::make_unique<SyncGroupRequest>();
  request->group_id = config_.group_id;
  request->generation_id = generation_;
  request->member_id = member_id_;
  request->group_instance_id = config_.group_instance_id;
  request->protocol_type = "consumer";
  request->protocol_name = protocol_;
  request->assignments = std::move(assignments);
  SendToCoordinator<SyncGroupResponse>(
      std::move(request), config_.request_timeout, [this](const SyncGroupResponse& r) { OnSyncResponse(r); },
      [this] { MarkCoordinatorUnknown("SyncGroup failed"); });
}

void ConsumerCoordinator::OnSyncResponse(const SyncGroupResponse& r) {
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
      if (IsCoordinatorError(r.error)) return MarkCoordinatorUnknown(std::string(ToString(r.error)));
      state_ = State::kUnjoined;
      join_prepared_ = false;
      retry_join_at_ = sim_.now() + config_.retry_backoff;
      return RequestRejoin("SyncGroup failed");
  }
  auto decoded = DecodeAssignment(r.assignment);
  std::vector<TopicPartition> assigned = decoded ? decoded->partitions : std::vector<TopicPartition>{};
  std::sort(assigned.begin(), assigned.end());
  for (const auto& a : assignors_) {
    if (a->name() == protocol_.value_or("")) a->OnAssignment(assigned, generation_);
  }
  state_ = State::kStable;
  rejoin_needed_ = false;
  join_prepared_ = false;
  next_auto_commit_ = sim_.now() + config_.auto_commit_interval;
  if (rebalance_protocol_ == RebalanceProtocol::kCooperative) return CompleteCooperativeJoin(std::move(assigned));
  assignment_ = std::move(assigned);
  Narrate("consumer.assigned",
          fmt::format("{} is assigned {} in generation {} of group {}", config_.client_id, Join(assignment_),
                      generation_, config_.group_id));
  hooks_.on_assigned(assignment_);
}

void ConsumerCoordinator::CompleteCooperativeJoin(std::vector<TopicPartition> assigned) {
  // onJoinComplete, COOPERATIVE: revoke what is owned but no longer assigned, start what is new.
  const std::vector<TopicPartition> revoked = Minus(assignment_, assigned);
  const std::vector<TopicPartition> added = Minus(assigned, assignment_);
  const std::vector<TopicPartition> kept = Minus(assigned, added);
  assignment_ = std::move(assigned);
  std::vector<std::string> news;
  if (!kept.empty()) news.push_back(fmt::format("it kept consuming {} throughout the rebalance", Join(kept)));
  if (!added.empty()) news.push_back(fmt::format("{} is new", Join(added)));
  if (!revoked.empty()) {
    news.push_back(fmt::format("{} {} to another member", Join(revoked), revoked.size() == 1 ? "moves" : "move"));
  }
  Narrate("consumer.assigned",
          fmt::format("{} is assigned {} in generation {} of group {}{}{}", config_.client_id, Join(assignment_),
                      generation_, config_.group_id, news.empty() ? "" : ": ", fmt::join(news, "; ")),
          "cooperative rebalance: only partitions that move pause");
  if (!revoked.empty()) {
    Narrate("consumer.partitions_revoked",
            fmt::format("{} revokes {}: generation {} gives them to another member, who can only get them once they "
                        "are released. It rejoins at once, so a second rebalance hands them over",
                        config_.client_id, Join(revoked), generation_),
            "cooperative rebalance (KIP-429): revoke what moved, then rejoin");
    NarratePaused(revoked, "it moves to another member (cooperative: only moved partitions pause)");
    hooks_.on_revoked(revoked, false);
    RequestRejoin(fmt::format("need to revoke partitions {} as indicated by the current assignment and re-join",
                              Join(revoked)));
  }
  hooks_.on_assigned(assignment_);
}

void ConsumerCoordinator::ResetGeneration(bool reset_member_id, const std::string& why) {
  Narrate("consumer.generation_reset",
          fmt::format("{} lost its place in group {} ({}): it rejoins{}", config_.client_id, config_.group_id, why,
                      reset_member_id ? " as a new member" : ""));
  generation_ = kNoGeneration;
  protocol_.reset();
  if (reset_member_id) member_id_.clear();
  if (state_ == State::kStable) state_ = State::kUnjoined;
  join_prepared_ = false;
  RequestRejoin(why);
}

// --- heartbeats ---

void ConsumerCoordinator::SendHeartbeat() {
  auto request = std::make_unique<HeartbeatRequest>();
  request->group_id = config_.group_id;
  request->generation_id = generation_;
  request->member_id = member_id_;
  request->group_instance_id = config_.group_instance_id;
  heartbeat_in_flight_ = true;
  next_heartbeat_ = sim_.now() + config_.heartbeat_interval;
  const int32_t generation = generation_;
  SendToCoordinator<HeartbeatResponse>(
      std::move(request), config_.request_timeout,
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

void ConsumerCoordinator::OnHeartbeatError(ErrorCode error) {
  switch (error) {
    case ErrorCode::kRebalanceInProgress:
      last_heartbeat_ok_ = sim_.now();
      if (state_ != State::kStable) return;  // ignored while completing (AbstractCoordinator)
      if (rejoin_needed_) return;  // known already: the application is processing, it rejoins when it polls
      Narrate("consumer.rebalance_noticed",
              fmt::format("{}'s heartbeat is answered REBALANCE_IN_PROGRESS: group {} is rebalancing, so it rejoins",
                          config_.client_id, config_.group_id),
              "heartbeats carry the news of a rebalance");
      return RequestRejoin("group is already rebalancing");
    case ErrorCode::kFencedInstanceId:
      return Fence("heartbeat");
    case ErrorCode::kIllegalGeneration:
    case ErrorCode::kUnknownMemberId:
      if (state_ != State::kStable) return;
      return ResetGeneration(true, fmt::format("its heartbeat was answered {}", ToString(error)));
    default:
      if (IsCoordinatorError(error)) MarkCoordinatorUnknown(std::string(ToString(error)));
  }
}

// --- max.poll.interval.ms ---

void ConsumerCoordinator::PollHeartbeatThread(Time now) {
  // Kafka's heartbeat thread runs once the member has joined: COMPLETING_REBALANCE or STABLE.
  if (topics_.empty() || closing_ || (state_ != State::kCompletingRebalance && state_ != State::kStable)) return;
  if (coordinator_ == kNoLeader) return FindCoordinator(now);
  if (!CoordinatorReady()) return;
  if (now - last_heartbeat_ok_ > config_.session_timeout) {
    return MarkCoordinatorUnknown("session timed out without receiving a heartbeat response");
  }
  const Time poll_deadline = last_poll_ + config_.max_poll_interval;
  if (now >= poll_deadline) return HandlePollTimeoutExpiry();
  if (!heartbeat_in_flight_ && now >= next_heartbeat_) SendHeartbeat();
  hooks_.wake(std::min(next_heartbeat_, poll_deadline));
}

void ConsumerCoordinator::HandlePollTimeoutExpiry() {
  network_.Log("WARN",
               "consumer poll timeout has expired. This means the time between subsequent calls to poll() was longer "
               "than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too "
               "much time processing messages. You can address this either by increasing max.poll.interval.ms or by "
               "reducing the maximum size of batches returned in poll() with max.poll.records.",
               "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator");
  Narrate("consumer.poll_timeout",
          fmt::format("{} has not called poll() for {} ms: its heartbeat thread leaves group {} (LeaveGroup), so the "
                      "group rebalances without it while it is still processing",
                      config_.client_id, config_.max_poll_interval.millis(), config_.group_id),
          fmt::format("max.poll.interval.ms={}", config_.max_poll_interval.millis()));
  // maybeLeaveGroup: a dynamic member tells the coordinator, once, without retrying; a static
  // member (group.instance.id) leaves it to its session timeout.
  if (!config_.group_instance_id && !member_id_.empty()) {
    auto request = std::make_unique<LeaveGroupRequest>();
    request->group_id = config_.group_id;
    request->members.push_back({member_id_, config_.group_instance_id, "consumer poll timeout has expired."});
    SendToCoordinator<LeaveGroupResponse>(
        std::move(request), config_.request_timeout, [](const LeaveGroupResponse&) {}, [] {});
  }
  // resetGenerationOnLeaveGroup: UNJOINED without a generation or member id; the next poll()
  // finds its partitions lost and joins as a new member.
  state_ = State::kUnjoined;
  ResetGeneration(true, "consumer pro-actively leaving the group");
}

// --- offsets ---

void ConsumerCoordinator::MaybeAutoCommit(Time now) {
  if (!config_.enable_auto_commit) return;
  if (now < next_auto_commit_) return hooks_.wake(next_auto_commit_);
  next_auto_commit_ = now + config_.auto_commit_interval;
  hooks_.wake(next_auto_commit_);
  auto offsets = hooks_.consumed();
  if (offsets.empty()) return;
  CommitAsync(std::move(offsets), [this](ErrorCode error) {
    if (error != ErrorCode::kNone) {
      network_.Log("WARN", fmt::format("Asynchronous auto-commit of offsets failed: {}", DefaultMessage(error)),
                   "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator");
    }
  });
}

void ConsumerCoordinator::CommitAsync(std::map<TopicPartition, Offset> offsets, CommitCallback done) {
  if (offsets.empty()) return done(ErrorCode::kNone);
  // sendOffsetCommitRequest: a subscribed member commits only while Stable. Out of the group
  // (after a poll timeout) the commit fails without a request, CommitFailedException; during a
  // rebalance with RebalanceInProgressException.
  if (!topics_.empty() && state_ != State::kStable) {
    return done(state_ == State::kUnjoined ? ErrorCode::kUnknownMemberId : ErrorCode::kRebalanceInProgress);
  }
  if (coordinator_ == kNoLeader) return done(ErrorCode::kCoordinatorNotAvailable);
  auto request = std::make_unique<OffsetCommitRequest>();
  request->group_id = config_.group_id;
  request->generation_id = generation_;
  request->member_id = member_id_;
  request->group_instance_id = config_.group_instance_id;
  std::vector<std::string> parts;
  for (const auto& [tp, o] : offsets) {
    request->offsets[tp] = OffsetCommitPartition{.offset = o.value()};
    parts.push_back(fmt::format("{}={}", ToString(tp), o.value()));
  }
  const std::string what = fmt::format("{}", fmt::join(parts, ", "));
  SendToCoordinator<OffsetCommitResponse>(
      std::move(request), config_.request_timeout,
      [this, done, what](const OffsetCommitResponse& r) {
        ErrorCode error = ErrorCode::kNone;
        for (const auto& [tp, e] : r.partitions) {
          if (e != ErrorCode::kNone) error = e;
        }
        if (error == ErrorCode::kNone) {
          Narrate("consumer.committed", fmt::format("{} committed {} for group {}", config_.client_id, what,
                                                    config_.group_id));
        } else if (IsCoordinatorError(error)) {
          MarkCoordinatorUnknown(std::string(ToString(error)));
        } else if (error == ErrorCode::kFencedInstanceId) {
          Fence("OffsetCommit");
        } else if (error == ErrorCode::kRebalanceInProgress) {
          RequestRejoin("a commit found the group rebalancing");
        } else if (error == ErrorCode::kIllegalGeneration || error == ErrorCode::kUnknownMemberId) {
          network_.Log("ERROR",
                       "Offset commit failed: Commit cannot be completed since the group has already rebalanced and "
                       "assigned the partitions to another member.",
                       "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator");
          ResetGeneration(true, fmt::format("a commit was answered {}", ToString(error)));
        }
        done(error);
      },
      [this, done] {
        MarkCoordinatorUnknown("OffsetCommit timed out");
        done(ErrorCode::kRequestTimedOut);
      });
}

void ConsumerCoordinator::FetchCommitted(
    std::vector<TopicPartition> partitions,
    std::function<void(ErrorCode, const std::map<TopicPartition, OffsetFetchPartition>&)> done) {
  if (coordinator_ == kNoLeader) return done(ErrorCode::kCoordinatorNotAvailable, {});
  auto request = std::make_unique<OffsetFetchRequest>();
  request->group_id = config_.group_id;
  request->partitions = std::move(partitions);
  SendToCoordinator<OffsetFetchResponse>(
      std::move(request), config_.request_timeout,
      [this, done](const OffsetFetchResponse& r) {
        if (IsCoordinatorError(r.error)) MarkCoordinatorUnknown(std::string(ToString(r.error)));
        done(r.error, r.partitions);
      },
      [this, done] {
        MarkCoordinatorUnknown("OffsetFetch timed out");
        done(ErrorCode::kRequestTimedOut, {});
      });
}

void ConsumerCoordinator::Close(std::function<void()> done) {
  auto leave = [this, done] {
    closing_ = true;
    if (coordinator_ == kNoLeader || member_id_.empty() || !CoordinatorReady()) return done();
    if (config_.group_instance_id) {
      // AbstractCoordinator.maybeLeaveGroup: only dynamic members leave. A static member's place
      // waits session.timeout.ms for it to come back (KIP-345).
      Narrate("consumer.static_close",
              fmt::format("{} closes without LeaveGroup: it is a static member (group.instance.id={}), so the group "
                          "keeps its partitions for session.timeout.ms={} in case it comes back",
                          config_.client_id, *config_.group_instance_id, config_.session_timeout.millis()),
              "KIP-345: static members do not leave the group on close");
      return done();
    }
    auto request = std::make_unique<LeaveGroupRequest>();
    request->group_id = config_.group_id;
    request->members.push_back({member_id_, config_.group_instance_id, "the consumer is being closed"});
    SendToCoordinator<LeaveGroupResponse>(std::move(request), config_.request_timeout,
                                          [done](const LeaveGroupResponse&) { done(); }, [done] { done(); });
  };
  if (config_.enable_auto_commit && state_ == State::kStable && coordinator_ != kNoLeader) {
    closing_ = true;
    return CommitAsync(hooks_.consumed(), [leave](ErrorCode) { leave(); });
  }
  leave();
}

}  // namespace kafkasim
