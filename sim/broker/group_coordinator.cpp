// Membership and rebalances: JoinGroup and the rebalance it starts (the delayed join, the initial
// delay, completing a generation, the pending sync), as GroupCoordinator.scala runs them.

#include "sim/broker/group_coordinator.h"

#include <algorithm>
#include <cassert>

#include <fmt/format.h>

#include "sim/broker/broker.h"

namespace kafkasim {
namespace {

// GroupCoordinator.NewMemberJoinTimeoutMs: a new member's JoinGroup waits at most this long.
constexpr Duration kNewMemberJoinTimeout = Duration::Millis(5 * 60 * 1000);

// The client setting a member's rebalance timeout (JoinGroup's rebalance_timeout_ms) comes from:
// a consumer sends its max.poll.interval.ms, a Connect worker its rebalance.timeout.ms.
std::string_view RebalanceTimeoutSetting(const GroupMetadata& group) {
  return group.protocol_type() == "connect" ? "rebalance.timeout.ms" : "max.poll.interval.ms";
}

}  // namespace

GroupCoordinator::GroupCoordinator(Broker& broker) : broker_(broker), manager_(broker) { ScheduleOffsetExpiry(); }
GroupCoordinator::~GroupCoordinator() = default;

bool GroupCoordinator::OnMessage(const Envelope& e) {
  if (e.As<HeartbeatRequest>()) return HandleHeartbeat(e), true;
  if (e.As<OffsetCommitRequest>()) return HandleOffsetCommit(e), true;
  if (e.As<OffsetFetchRequest>()) return HandleOffsetFetch(e), true;
  if (e.As<JoinGroupRequest>()) return HandleJoinGroup(e), true;
  if (e.As<SyncGroupRequest>()) return HandleSyncGroup(e), true;
  if (e.As<LeaveGroupRequest>()) return HandleLeaveGroup(e), true;
  if (e.As<FindCoordinatorRequest>()) return HandleFindCoordinator(e), true;
  if (e.As<ListGroupsRequest>()) return HandleListGroups(e), true;
  if (e.As<DescribeGroupsRequest>()) return HandleDescribeGroups(e), true;
  if (e.As<DeleteGroupsRequest>()) return HandleDeleteGroups(e), true;
  if (e.As<OffsetDeleteRequest>()) return HandleOffsetDelete(e), true;
  return false;
}

void GroupCoordinator::Send(PendingReply to, std::unique_ptr<KafkaMessage> response) {
  response->correlation_id = to.correlation_id;
  broker_.sim().network().Send(broker_.node(), to.client, std::move(response));
}

void GroupCoordinator::Narrate(const std::string& kind, const GroupMetadata& group, std::string narration,
                               std::string rule) {
  broker_.Emit({.kind = kind,
                .narration = std::move(narration),
                .rule = std::move(rule),
                .fields = {{"group", group.group_id()},
                           {"state", std::string(ToString(group.state()))},
                           {"generation", group.generation()},
                           {"members", group.members().size()}}});
}

std::optional<ErrorCode> GroupCoordinator::ValidateGroupStatus(const std::string& group_id) const {
  if (group_id.empty()) return ErrorCode::kInvalidGroupId;
  if (!broker_.registered()) return ErrorCode::kCoordinatorNotAvailable;
  if (!manager_.IsLocal(group_id)) return ErrorCode::kNotCoordinator;
  return std::nullopt;
}

std::string GroupCoordinator::NewMemberId(const std::string& prefix) {
  // java.util.UUID.randomUUID().toString(): version 4, variant 2, lowercase 8-4-4-4-12 hex.
  Random& random = broker_.sim().node(broker_.node()).random();
  uint64_t hi = random.Next(), lo = random.Next();
  hi = (hi & ~0xF000ULL) | 0x4000ULL;
  lo = (lo & ~(3ULL << 62)) | (2ULL << 62);
  return fmt::format("{}-{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", prefix, hi >> 32, (hi >> 16) & 0xFFFF, hi & 0xFFFF,
                     lo >> 48, lo & 0xFFFFFFFFFFFFULL);
}

Duration GroupCoordinator::RebalanceTimeout(const GroupMetadata& group) const {
  Duration max;
  for (const auto& [id, m] : group.members()) max = std::max(max, m.rebalance_timeout);
  return max;
}

// --- JoinGroup ---

void GroupCoordinator::ReplyJoin(PendingReply to, std::unique_ptr<JoinGroupResponse> response) {
  Send(to, std::move(response));
}

void GroupCoordinator::ReplyJoinError(PendingReply to, const std::string& member_id, ErrorCode error) {
  auto r = std::make_unique<JoinGroupResponse>();
  r->error = error;
  r->member_id = member_id;
  Send(to, std::move(r));
}

std::unique_ptr<JoinGroupResponse> GroupCoordinator::JoinResult(const GroupMetadata& group,
                                                                const std::string& member_id) const {
  auto r = std::make_unique<JoinGroupResponse>();
  r->generation_id = group.generation();
  r->protocol_type = group.protocol_type().value_or("");
  r->protocol_name = group.protocol_name();
  r->leader = group.leader().value_or("");
  r->member_id = member_id;
  if (group.IsLeader(member_id)) {
    for (const MemberMetadata* m : group.MembersInJoinOrder()) {
      r->members.push_back(JoinGroupMember{m->member_id, m->group_instance_id, m->Metadata(*group.protocol_name())});
    }
  }
  return r;
}

void GroupCoordinator::HandleJoinGroup(const Envelope& e) {
  const auto& request = *e.As<JoinGroupRequest>();
  const PendingReply reply{e.from, request.correlation_id};
  if (auto error = ValidateGroupStatus(request.group_id)) return ReplyJoinError(reply, request.member_id, *error);
  const BrokerConfig& config = broker_.config();
  if (request.session_timeout < config.group_min_session_timeout ||
      request.session_timeout > config.group_max_session_timeout) {
    return ReplyJoinError(reply, request.member_id, ErrorCode::kInvalidSessionTimeout);
  }
  const bool unknown_member = request.member_id.empty();
  GroupMetadata* group = manager_.Get(request.group_id);
  if (group == nullptr) {
    // A group is created by its first joiner; a member id for a group we do not know is stale.
    if (!unknown_member) return ReplyJoinError(reply, request.member_id, ErrorCode::kUnknownMemberId);
    group = &manager_.Add(std::make_unique<GroupMetadata>(request.group_id, GroupState::kEmpty, broker_.sim().now()));
  }
  if (unknown_member) {
    DoNewMemberJoin(*group, request, reply);
  } else {
    DoCurrentMemberJoin(*group, request, reply);
  }
  if (group->Is(GroupState::kPreparingRebalance)) TryCompleteJoin(*group);
}

void GroupCoordinator::DoNewMemberJoin(GroupMetadata& group, const JoinGroupRequest& request, PendingReply reply) {
  if (group.Is(GroupState::kDead)) return ReplyJoinError(reply, request.member_id, ErrorCode::kCoordinatorNotAvailable);
  if (!group.SupportsProtocols(request.protocol_type, request.protocols)) {
    return ReplyJoinError(reply, request.member_id, ErrorCode::kInconsistentGroupProtocol);
  }
  const std::string member_id = NewMemberId(request.group_instance_id.value_or(request.client_id));
  // A static member needs no second round trip: its group.instance.id already identifies it.
  if (request.group_instance_id) return DoStaticNewMemberJoin(group, request, member_id, reply);
  // KIP-394: a dynamic member must come back with the id it is given, so that a client that
  // retries a lost JoinGroup does not leave ghost members behind.
  group.pending_members().insert(member_id);
  const std::string group_id = group.group_id();
  broker_.sim().Schedule(request.session_timeout, broker_.node(), [this, group_id, member_id] {
    GroupMetadata* g = manager_.Get(group_id);
    if (g != nullptr && g->pending_members().contains(member_id)) RemovePendingMember(*g, member_id);
  });
  Narrate("group.member_id_required", group,
          fmt::format("{} asks to join group {} without a member id: the coordinator gives it {} and asks it to join "
                      "again with it (MEMBER_ID_REQUIRED)",
                      request.client_id, group.group_id(), member_id),
          "KIP-394: new members must rejoin with their assigned member id");
  ReplyJoinError(reply, member_id, ErrorCode::kMemberIdRequired);
}

void GroupCoordinator::DoCurrentMemberJoin(GroupMetadata& group, const JoinGroupRequest& request, PendingReply reply) {
  const std::string& member_id = request.member_id;
  if (group.Is(GroupState::kDead)) return ReplyJoinError(reply, member_id, ErrorCode::kCoordinatorNotAvailable);
  if (!group.SupportsProtocols(request.protocol_type, request.protocols)) {
    return ReplyJoinError(reply, member_id, ErrorCode::kInconsistentGroupProtocol);
  }
  if (group.pending_members().contains(member_id)) return AddMemberAndRebalance(group, request, member_id, reply);
  if (group.IsStaticMemberFenced(request.group_instance_id, member_id)) {
    return ReplyJoinError(reply, member_id, ErrorCode::kFencedInstanceId);
  }
  const bool instance_unknown = request.group_instance_id && !group.StaticMemberId(*request.group_instance_id);
  if (!group.Has(member_id) || instance_unknown) return ReplyJoinError(reply, member_id, ErrorCode::kUnknownMemberId);
  MemberMetadata& member = group.Get(member_id);
  switch (group.state()) {
    case GroupState::kPreparingRebalance:
      return UpdateMemberAndRebalance(group, member, request, reply,
                                      fmt::format("{} rejoined during the rebalance", member_id));
    case GroupState::kCompletingRebalance:
      // Same metadata: it probably lost the JoinGroup answer; give it again.
      if (member.MatchesProtocols(request.protocols)) return ReplyJoin(reply, JoinResult(group, member_id));
      return UpdateMemberAndRebalance(group, member, request, reply,
                                      fmt::format("{} changed its subscription", member_id));
    case GroupState::kStable:
      // The leader may rejoin to force a rebalance (topic metadata changed); a follower whose
      // subscription did not change just gets the current generation back.
      if (group.IsLeader(member_id)) {
        return UpdateMemberAndRebalance(group, member, request, reply,
                                        fmt::format("the leader {} rejoined", member_id));
      }
      if (!member.MatchesProtocols(request.protocols)) {
        return UpdateMemberAndRebalance(group, member, request, reply,
                                        fmt::format("{} changed its subscription", member_id));
      }
      return ReplyJoin(reply, JoinResult(group, member_id));
    case GroupState::kEmpty:
    case GroupState::kDead:
      return ReplyJoinError(reply, member_id, ErrorCode::kUnknownMemberId);
  }
}

void GroupCoordinator::AddMemberAndRebalance(GroupMetadata& group, const JoinGroupRequest& request,
                                             const std::string& member_id, PendingReply reply) {
  MemberMetadata member{.member_id = member_id,
                        .group_instance_id = request.group_instance_id,
                        .client_id = request.client_id,
                        .client_host = request.client_host,
                        .rebalance_timeout = request.rebalance_timeout,
                        .session_timeout = request.session_timeout,
                        .protocol_type = request.protocol_type,
                        .protocols = request.protocols,
                        .awaiting_join = reply,
                        .is_new = true};
  // While the initial delay runs, each new member extends it (InitialDelayedJoin).
  if (group.Is(GroupState::kPreparingRebalance) && group.generation() == 0) group.set_new_member_added(true);
  MemberMetadata& added = group.Add(std::move(member));
  // A new member cannot heartbeat until it has its first generation: its JoinGroup itself expires.
  CompleteAndScheduleNextHeartbeat(group, added, kNewMemberJoinTimeout);
  Narrate("group.member_joined", group,
          fmt::format("{} joins group {} as {}{}", request.client_id, group.group_id(), member_id,
                      group.IsLeader(member_id) ? " — the first member, so it leads the group" : ""));
  MaybePrepareRebalance(group, fmt::format("{} joined", member_id));
}

void GroupCoordinator::UpdateMemberAndRebalance(GroupMetadata& group, MemberMetadata& member,
                                                const JoinGroupRequest& request, PendingReply reply,
                                                const std::string& reason) {
  member.protocols = request.protocols;
  member.rebalance_timeout = request.rebalance_timeout;
  member.session_timeout = request.session_timeout;
  member.awaiting_join = reply;
  MaybePrepareRebalance(group, reason);
}

void GroupCoordinator::MaybePrepareRebalance(GroupMetadata& group, const std::string& reason) {
  const GroupState s = group.state();
  if (s == GroupState::kStable || s == GroupState::kCompletingRebalance || s == GroupState::kEmpty) {
    PrepareRebalance(group, reason);
  }
}

void GroupCoordinator::PrepareRebalance(GroupMetadata& group, const std::string& reason) {
  if (group.Is(GroupState::kCompletingRebalance)) ResetAndPropagateAssignmentError(group, ErrorCode::kRebalanceInProgress);
  pending_sync_.erase(group.group_id());
  const bool initial = group.Is(GroupState::kEmpty);
  const Duration rebalance_timeout = RebalanceTimeout(group);
  group.TransitionTo(GroupState::kPreparingRebalance, broker_.sim().now());
  const Duration delay = broker_.config().group_initial_rebalance_delay;
  if (initial) {
    Narrate("group.rebalance", group,
            fmt::format("group {} rebalances ({}): it was empty, so the coordinator waits group.initial.rebalance."
                        "delay.ms={} for more members before forming generation {}",
                        group.group_id(), reason, delay.millis(), group.generation() + 1),
            fmt::format("group.initial.rebalance.delay.ms={}", delay.millis()));
    ScheduleJoin(group, delay, rebalance_timeout > delay ? rebalance_timeout - delay : Duration());
  } else if (group.empty()) {
    Narrate("group.rebalance", group,
            fmt::format("group {} rebalances: {}, and no member is left", group.group_id(), reason));
    ScheduleJoin(group, rebalance_timeout, std::nullopt);
  } else {
    Narrate("group.rebalance", group,
            fmt::format("group {} rebalances: {}. Every member must rejoin within the rebalance timeout ({} ms, the "
                        "largest {}) to stay in generation {}",
                        group.group_id(), reason, rebalance_timeout.millis(), RebalanceTimeoutSetting(group),
                        group.generation() + 1),
            "a join, leave or expired session starts a rebalance");
    ScheduleJoin(group, rebalance_timeout, std::nullopt);
  }
}

void GroupCoordinator::ScheduleJoin(GroupMetadata& group, Duration delay, std::optional<Duration> initial_remaining) {
  DelayedJoin& join = joins_[group.group_id()];
  broker_.sim().Cancel(join.timer);
  join.id = next_join_id_++;
  join.initial_remaining = initial_remaining;
  const std::string group_id = group.group_id();
  const uint64_t id = join.id;
  join.timer = broker_.sim().Schedule(delay, broker_.node(), [this, group_id, id] { OnJoinDeadline(group_id, id); });
}

void GroupCoordinator::OnJoinDeadline(const std::string& group_id, uint64_t join_id) {
  auto it = joins_.find(group_id);
  if (it == joins_.end() || it->second.id != join_id) return;
  GroupMetadata* group = manager_.Get(group_id);
  if (group == nullptr || !group->Is(GroupState::kPreparingRebalance)) return;
  if (auto remaining = it->second.initial_remaining) {
    // InitialDelayedJoin: new members arrived during the delay, so wait once more (never past
    // the rebalance timeout).
    if (group->new_member_added() && *remaining > Duration()) {
      group->set_new_member_added(false);
      const Duration delay = std::min(broker_.config().group_initial_rebalance_delay, *remaining);
      return ScheduleJoin(*group, delay, *remaining - delay);
    }
  }
  joins_.erase(it);
  OnCompleteJoin(*group);
}

void GroupCoordinator::TryCompleteJoin(GroupMetadata& group) {
  auto it = joins_.find(group.group_id());
  if (it == joins_.end() || it->second.initial_remaining) return;  // the initial delay always runs out
  if (!group.AllMembersJoined()) return;
  broker_.sim().Cancel(it->second.timer);
  joins_.erase(it);
  OnCompleteJoin(group);
}

void GroupCoordinator::OnCompleteJoin(GroupMetadata& group) {
  // Members that did not rejoin in time are out.
  for (const std::string& id : group.NotYetRejoinedMembers()) {
    broker_.sim().Cancel(group.Get(id).heartbeat_timer);
    group.Remove(id);
    Narrate("group.member_removed", group,
            fmt::format("{} did not rejoin group {} within the rebalance timeout: it is removed", id, group.group_id()),
            fmt::format("{} is the rebalance timeout", RebalanceTimeoutSetting(group)));
  }
  if (!group.MaybeElectNewJoinedLeader() && !group.empty()) {
    // Nobody rejoined but members remain: wait another rebalance timeout for their sessions to end.
    return ScheduleJoin(group, RebalanceTimeout(group), std::nullopt);
  }
  const Time now = broker_.sim().now();
  group.InitNextGeneration(now);
  if (group.Is(GroupState::kEmpty)) {
    Narrate("group.empty", group,
            fmt::format("group {} is empty at generation {}: no member is left", group.group_id(), group.generation()));
    manager_.StoreGroup(group, nullptr, [](ErrorCode) {});
    return;
  }
  std::vector<std::string> ids;
  for (const MemberMetadata* m : group.MembersInJoinOrder()) ids.push_back(m->member_id);
  Narrate("group.join_complete", group,
          fmt::format("group {} forms generation {} with {} member(s) [{}], protocol {}; leader {} will compute the "
                      "assignment",
                      group.group_id(), group.generation(), ids.size(), fmt::join(ids, ", "),
                      group.protocol_name().value_or(""), group.leader().value_or("")));
  for (MemberMetadata* m : group.MembersInJoinOrder()) {
    if (auto to = std::exchange(m->awaiting_join, std::nullopt)) ReplyJoin(*to, JoinResult(group, m->member_id));
    m->is_new = false;
    CompleteAndScheduleNextHeartbeat(group, *m);
  }
  SchedulePendingSync(group);
}

void GroupCoordinator::SchedulePendingSync(GroupMetadata& group) {
  std::set<std::string>& pending = pending_sync_[group.group_id()];
  pending.clear();
  for (const auto& [id, m] : group.members()) pending.insert(id);
  const std::string group_id = group.group_id();
  const int32_t generation = group.generation();
  broker_.sim().Schedule(RebalanceTimeout(group), broker_.node(), [this, group_id, generation] {
    GroupMetadata* g = manager_.Get(group_id);
    if (g == nullptr || g->generation() != generation) return;
    if (!g->Is(GroupState::kCompletingRebalance) && !g->Is(GroupState::kStable)) return;
    std::set<std::string> missing = std::exchange(pending_sync_[group_id], {});
    if (missing.empty()) return;
    for (const std::string& id : missing) {
      if (!g->Has(id)) continue;
      broker_.sim().Cancel(g->Get(id).heartbeat_timer);
      g->Remove(id);
    }
    PrepareRebalance(*g, fmt::format("{} member(s) never sent SyncGroup", missing.size()));
  });
}

}  // namespace kafkasim
