// SyncGroup, heartbeats and session expiry, LeaveGroup, and failover (loading and unloading a
// partition's groups), as GroupCoordinator.scala runs them.

#include <cassert>

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/group_coordinator.h"
#include "sim/protocol/connect_protocol.h"
#include "sim/protocol/consumer_protocol.h"

namespace kafkasim {
namespace {

// "connector src, tasks snk-0, snk-2" (revoking snk-1) for a Connect worker's assignment.
std::string DescribeConnect(const ConnectAssignment& a) {
  std::vector<std::string> parts;
  if (!a.assigned.connectors.empty()) {
    parts.push_back(fmt::format("connector{} {}", a.assigned.connectors.size() > 1 ? "s" : "",
                                fmt::join(a.assigned.connectors, ", ")));
  }
  if (!a.assigned.tasks.empty()) {
    std::vector<std::string> tasks;
    for (const ConnectorTaskId& t : a.assigned.tasks) tasks.push_back(t.ToString());
    parts.push_back(fmt::format("task{} {}", tasks.size() > 1 ? "s" : "", fmt::join(tasks, ", ")));
  }
  std::string out = parts.empty() ? "nothing" : fmt::format("{}", fmt::join(parts, ", "));
  if (!a.revoked.empty()) out += fmt::format(" (revoking {})", FormatConnectorsAndTasks(a.revoked));
  return out;
}

// What a member was given, from the assignment's bytes in its protocol type's format (the
// coordinator only stores them; reading them here is for the narration): "orders-0, orders-1".
std::string Describe(const std::optional<std::string>& protocol_type, const std::string& assignment_bytes) {
  if (protocol_type == "connect") {
    auto a = DecodeConnectAssignment(assignment_bytes);
    return a ? DescribeConnect(*a) : "nothing";
  }
  auto a = DecodeAssignment(assignment_bytes);
  if (!a || a->partitions.empty()) return "nothing";
  std::vector<std::string> parts;
  for (const TopicPartition& tp : a->partitions) parts.push_back(ToString(tp));
  return fmt::format("{}", fmt::join(parts, ", "));
}

// A member as the narration names it: its client.id, but a Connect worker by its REST address,
// since every worker's client.id is connect-1 (one herder per JVM).
std::string Who(const GroupMetadata& group, const MemberMetadata& m) {
  if (group.protocol_type() == "connect" && group.protocol_name()) {
    if (auto state = DecodeConnectMetadata(m.Metadata(*group.protocol_name()))) {
      std::string url = state->url;
      if (url.starts_with("http://")) url.erase(0, 7);
      if (url.ends_with("/")) url.pop_back();
      return fmt::format("the worker at {}", url);
    }
  }
  return m.client_id;
}

}  // namespace

// --- SyncGroup ---

void GroupCoordinator::ReplySync(PendingReply to, ErrorCode error, const GroupMetadata* group, std::string assignment) {
  auto r = std::make_unique<SyncGroupResponse>();
  r->error = error;
  if (group != nullptr) {
    r->protocol_type = group->protocol_type();
    r->protocol_name = group->protocol_name();
  }
  r->assignment = std::move(assignment);
  Send(to, std::move(r));
}

void GroupCoordinator::HandleSyncGroup(const Envelope& e) {
  const auto& request = *e.As<SyncGroupRequest>();
  const PendingReply reply{e.from, request.correlation_id};
  if (auto error = ValidateGroupStatus(request.group_id)) return ReplySync(reply, *error, nullptr, "");
  GroupMetadata* group = manager_.Get(request.group_id);
  if (group == nullptr) return ReplySync(reply, ErrorCode::kUnknownMemberId, nullptr, "");
  if (group->Is(GroupState::kDead)) return ReplySync(reply, ErrorCode::kCoordinatorNotAvailable, nullptr, "");
  if (group->IsStaticMemberFenced(request.group_instance_id, request.member_id)) {
    return ReplySync(reply, ErrorCode::kFencedInstanceId, nullptr, "");
  }
  if (!group->Has(request.member_id)) return ReplySync(reply, ErrorCode::kUnknownMemberId, nullptr, "");
  if (request.generation_id != group->generation()) return ReplySync(reply, ErrorCode::kIllegalGeneration, nullptr, "");
  if ((request.protocol_type && group->protocol_type() != request.protocol_type) ||
      (request.protocol_name && group->protocol_name() != request.protocol_name)) {
    return ReplySync(reply, ErrorCode::kInconsistentGroupProtocol, nullptr, "");
  }
  switch (group->state()) {
    case GroupState::kEmpty: return ReplySync(reply, ErrorCode::kUnknownMemberId, nullptr, "");
    case GroupState::kPreparingRebalance: return ReplySync(reply, ErrorCode::kRebalanceInProgress, nullptr, "");
    case GroupState::kDead: return ReplySync(reply, ErrorCode::kCoordinatorNotAvailable, nullptr, "");
    case GroupState::kStable: {
      pending_sync_[group->group_id()].erase(request.member_id);
      MemberMetadata& m = group->Get(request.member_id);
      ReplySync(reply, ErrorCode::kNone, group, m.assignment);
      return CompleteAndScheduleNextHeartbeat(*group, m);
    }
    case GroupState::kCompletingRebalance: break;
  }
  group->Get(request.member_id).awaiting_sync = reply;
  pending_sync_[group->group_id()].erase(request.member_id);
  if (!group->IsLeader(request.member_id)) return;
  // The leader's assignment; members it left out get an empty one.
  auto assignment = std::make_shared<std::map<std::string, std::string>>();
  for (const SyncGroupAssignment& a : request.assignments) {
    if (group->Has(a.member_id)) (*assignment)[a.member_id] = a.assignment;
  }
  for (const auto& [id, m] : group->members()) assignment->try_emplace(id, "");
  const std::string group_id = group->group_id();
  const int32_t generation = group->generation();
  manager_.StoreGroup(*group, assignment.get(), [this, group_id, generation, assignment](ErrorCode error) {
    GroupMetadata* g = manager_.Get(group_id);
    // Another member may have joined meanwhile: act only on the same generation, still completing.
    if (g == nullptr || !g->Is(GroupState::kCompletingRebalance) || g->generation() != generation) return;
    if (error != ErrorCode::kNone) {
      ResetAndPropagateAssignmentError(*g, error);
      return MaybePrepareRebalance(*g, fmt::format("storing the assignment failed with {}", ToString(error)));
    }
    std::vector<std::string> lines;
    for (MemberMetadata* m : g->MembersInJoinOrder()) {
      m->assignment = assignment->at(m->member_id);
      lines.push_back(fmt::format("{} → {}", Who(*g, *m), Describe(g->protocol_type(), m->assignment)));
    }
    g->TransitionTo(GroupState::kStable, broker_.sim().now());
    Narrate("group.stable", *g,
            fmt::format("group {} is Stable in generation {}: {} gives {}", g->group_id(), g->generation(),
                        g->protocol_name().value_or(""), fmt::join(lines, "; ")),
            "the leader assigns; the coordinator stores and hands out the assignment");
    PropagateAssignment(*g, ErrorCode::kNone);
  });
}

void GroupCoordinator::ResetAndPropagateAssignmentError(GroupMetadata& group, ErrorCode error) {
  assert(group.Is(GroupState::kCompletingRebalance));
  for (MemberMetadata* m : group.MembersInJoinOrder()) m->assignment.clear();
  PropagateAssignment(group, error);
}

void GroupCoordinator::PropagateAssignment(GroupMetadata& group, ErrorCode error) {
  for (MemberMetadata* m : group.MembersInJoinOrder()) {
    if (auto to = std::exchange(m->awaiting_sync, std::nullopt)) {
      ReplySync(*to, error, &group, error == ErrorCode::kNone ? m->assignment : "");
    }
    // A member whose session would have expired while it waited gets a fresh one now.
    CompleteAndScheduleNextHeartbeat(group, *m);
  }
}

// --- Heartbeat and session expiry ---

void GroupCoordinator::CompleteAndScheduleNextHeartbeat(GroupMetadata& group, MemberMetadata& member,
                                                        std::optional<Duration> timeout) {
  member.last_heartbeat = broker_.sim().now();
  broker_.sim().Cancel(member.heartbeat_timer);
  const std::string group_id = group.group_id(), member_id = member.member_id;
  member.heartbeat_timer = broker_.sim().Schedule(timeout.value_or(member.session_timeout), broker_.node(),
                                                  [this, group_id, member_id] { OnHeartbeatExpired(group_id, member_id); });
}

void GroupCoordinator::OnHeartbeatExpired(const std::string& group_id, const std::string& member_id) {
  GroupMetadata* group = manager_.Get(group_id);
  if (group == nullptr || !group->Has(member_id)) return;
  const MemberMetadata& m = group->Get(member_id);
  // Members waiting in a rebalance need no heartbeat (MemberMetadata.hasSatisfiedHeartbeat).
  if (!m.is_new && (m.awaiting_join || m.awaiting_sync)) return;
  Narrate("group.session_expired", *group,
          fmt::format("{} ({}) sent no heartbeat for session.timeout.ms={}: the coordinator removes it from group {}",
                      member_id, m.client_id, m.session_timeout.millis(), group_id),
          fmt::format("session.timeout.ms={}", m.session_timeout.millis()));
  RemoveMemberAndUpdateGroup(*group, member_id, fmt::format("{}'s session expired", m.client_id));
}

void GroupCoordinator::RemoveMemberAndUpdateGroup(GroupMetadata& group, const std::string& member_id,
                                                  const std::string& reason) {
  MemberMetadata& m = group.Get(member_id);
  // A new member timing out while its JoinGroup waits: tell it, so a live client retries.
  if (auto to = std::exchange(m.awaiting_join, std::nullopt)) ReplyJoinError(*to, "", ErrorCode::kUnknownMemberId);
  broker_.sim().Cancel(m.heartbeat_timer);
  group.Remove(member_id);
  switch (group.state()) {
    case GroupState::kDead:
    case GroupState::kEmpty: return;
    case GroupState::kStable:
    case GroupState::kCompletingRebalance: return MaybePrepareRebalance(group, reason);
    case GroupState::kPreparingRebalance: return TryCompleteJoin(group);
  }
}

void GroupCoordinator::RemovePendingMember(GroupMetadata& group, const std::string& member_id) {
  group.pending_members().erase(member_id);
  if (group.Is(GroupState::kPreparingRebalance)) TryCompleteJoin(group);
}

void GroupCoordinator::HandleHeartbeat(const Envelope& e) {
  const auto& request = *e.As<HeartbeatRequest>();
  auto reply = [&](ErrorCode error) {
    auto r = std::make_unique<HeartbeatResponse>();
    r->error = error;
    Send(PendingReply{e.from, request.correlation_id}, std::move(r));
  };
  if (auto error = ValidateGroupStatus(request.group_id)) return reply(*error);
  GroupMetadata* group = manager_.Get(request.group_id);
  if (group == nullptr) return reply(ErrorCode::kUnknownMemberId);
  if (group->Is(GroupState::kDead)) return reply(ErrorCode::kCoordinatorNotAvailable);
  if (group->IsStaticMemberFenced(request.group_instance_id, request.member_id)) {
    return reply(ErrorCode::kFencedInstanceId);
  }
  if (!group->Has(request.member_id)) return reply(ErrorCode::kUnknownMemberId);
  if (request.generation_id != group->generation()) return reply(ErrorCode::kIllegalGeneration);
  switch (group->state()) {
    case GroupState::kEmpty: return reply(ErrorCode::kUnknownMemberId);
    case GroupState::kDead: return reply(ErrorCode::kCoordinatorNotAvailable);
    case GroupState::kCompletingRebalance:
    case GroupState::kStable:
      CompleteAndScheduleNextHeartbeat(*group, group->Get(request.member_id));
      return reply(ErrorCode::kNone);
    case GroupState::kPreparingRebalance:
      CompleteAndScheduleNextHeartbeat(*group, group->Get(request.member_id));
      return reply(ErrorCode::kRebalanceInProgress);
  }
}

// --- LeaveGroup ---

void GroupCoordinator::HandleLeaveGroup(const Envelope& e) {
  const auto& request = *e.As<LeaveGroupRequest>();
  auto response = std::make_unique<LeaveGroupResponse>();
  const PendingReply reply{e.from, request.correlation_id};
  if (auto error = ValidateGroupStatus(request.group_id)) {
    response->error = *error;
    return Send(reply, std::move(response));
  }
  GroupMetadata* group = manager_.Get(request.group_id);
  for (const LeavingMember& leaving : request.members) {
    // KIP-345: a static member may be named by its group.instance.id alone (admin removal).
    std::string member_id = leaving.member_id;
    if (group != nullptr && member_id.empty() && leaving.group_instance_id) {
      member_id = group->StaticMemberId(*leaving.group_instance_id).value_or("");
    }
    ErrorCode& result = response->members[leaving.member_id];
    if (group == nullptr || group->Is(GroupState::kDead)) {
      result = group == nullptr ? ErrorCode::kUnknownMemberId : ErrorCode::kCoordinatorNotAvailable;
    } else if (group->pending_members().contains(member_id)) {
      RemovePendingMember(*group, member_id);
    } else if (group->IsStaticMemberFenced(leaving.group_instance_id, member_id)) {
      result = ErrorCode::kFencedInstanceId;
    } else if (!group->Has(member_id)) {
      result = ErrorCode::kUnknownMemberId;
    } else {
      Narrate("group.member_left", *group,
              fmt::format("{} leaves group {} (LeaveGroup{})", member_id, group->group_id(),
                          leaving.reason.empty() ? "" : ": " + leaving.reason));
      RemoveMemberAndUpdateGroup(*group, member_id, fmt::format("{} left", member_id));
    }
  }
  Send(reply, std::move(response));
}

// --- failover ---

void GroupCoordinator::OnLeaderAndIsr(const LeaderAndIsrRequest& request) {
  for (const PartitionState& s : request.partitions) {
    if (s.tp.topic != kOffsetsTopic) continue;
    const Partition* p = broker_.replicas().Find(s.tp);
    const bool leads = p != nullptr && p->is_leader();
    if (leads && !manager_.Owns(s.tp.partition)) {
      for (const std::string& id : manager_.OnElection(s.tp.partition)) {
        GroupMetadata& g = *manager_.Get(id);
        for (MemberMetadata* m : g.MembersInJoinOrder()) CompleteAndScheduleNextHeartbeat(g, *m);
        Narrate("group.loaded", g,
                fmt::format("{} now coordinates group {}: it leads {}-{} and read the group back from it — {}, "
                            "generation {}, {} member(s), {} committed offset(s)",
                            broker_.name(), id, kOffsetsTopic, s.tp.partition, ToString(g.state()), g.generation(),
                            g.members().size(), g.offsets().size()),
                "the coordinator of a group is the leader of its __consumer_offsets partition");
      }
    } else if (!leads && manager_.Owns(s.tp.partition)) {
      for (auto& group : manager_.OnResignation(s.tp.partition)) OnGroupUnloaded(*group);
    }
  }
}

void GroupCoordinator::OnGroupUnloaded(GroupMetadata& group) {
  joins_.erase(group.group_id());
  pending_sync_.erase(group.group_id());
  for (MemberMetadata* m : group.MembersInJoinOrder()) {
    broker_.sim().Cancel(m->heartbeat_timer);
    if (auto to = std::exchange(m->awaiting_join, std::nullopt)) ReplyJoinError(*to, m->member_id, ErrorCode::kNotCoordinator);
    if (auto to = std::exchange(m->awaiting_sync, std::nullopt)) ReplySync(*to, ErrorCode::kNotCoordinator, nullptr, "");
  }
  Narrate("group.unloaded", group,
          fmt::format("{} no longer coordinates group {}: it lost the leadership of its __consumer_offsets partition",
                      broker_.name(), group.group_id()));
}

}  // namespace kafkasim
