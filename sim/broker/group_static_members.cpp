// Static membership (KIP-345, Kafka 3.7's GroupCoordinator.doStaticNewMemberJoinGroup and
// updateStaticMemberAndRebalance): a member with a group.instance.id keeps its place in the
// group across a restart. When it joins again without a member id (a new process), the
// coordinator gives its existing place a new member id instead of adding a member:
//  - group Stable and the group's protocol unchanged: no rebalance. The group record is stored
//    with the new id and the member gets the current generation back; SyncGroup then hands it
//    its old assignment. (A returning leader is told it leads but to skip the assignment,
//    JoinGroup v9, so that it does not compute one the stable group would ignore.)
//  - CompletingRebalance: the old id may already be in the leader's assignment, so rebalance.
//  - PreparingRebalance: it simply counts as rejoined.
// The old member id is fenced: its requests get FENCED_INSTANCE_ID, so a second live process
// with the same group.instance.id is shut out rather than sharing the partitions.

#include <cassert>

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/group_coordinator.h"

namespace kafkasim {

void GroupCoordinator::DoStaticNewMemberJoin(GroupMetadata& group, const JoinGroupRequest& request,
                                             const std::string& new_member_id, PendingReply reply) {
  const std::string& instance = *request.group_instance_id;
  if (auto old_member_id = group.StaticMemberId(instance)) {
    return UpdateStaticMemberAndRebalance(group, *old_member_id, new_member_id, request, reply);
  }
  Narrate("group.static_member_joined", group,
          fmt::format("{} joins group {} as a static member (group.instance.id={}): it gets member id {} at once, "
                      "without MEMBER_ID_REQUIRED",
                      request.client_id, group.group_id(), instance, new_member_id),
          "KIP-345: a static member is known by its group.instance.id");
  AddMemberAndRebalance(group, request, new_member_id, reply);
}

void GroupCoordinator::FenceReplacedMember(MemberMetadata& member) {
  if (auto to = std::exchange(member.awaiting_join, std::nullopt)) {
    ReplyJoinError(*to, member.member_id, ErrorCode::kFencedInstanceId);
  }
  if (auto to = std::exchange(member.awaiting_sync, std::nullopt)) {
    ReplySync(*to, ErrorCode::kFencedInstanceId, nullptr, "");
  }
}

void GroupCoordinator::UpdateStaticMemberAndRebalance(GroupMetadata& group, const std::string& old_member_id,
                                                      const std::string& new_member_id,
                                                      const JoinGroupRequest& request, PendingReply reply) {
  const std::string& instance = *request.group_instance_id;
  const std::optional<std::string> current_leader = group.leader();
  FenceReplacedMember(group.Get(old_member_id));
  pending_sync_[group.group_id()].erase(old_member_id);
  MemberMetadata& member = group.ReplaceStaticMember(old_member_id, new_member_id);
  // The old id's session timer finds no member any more; the new id gets a fresh session.
  CompleteAndScheduleNextHeartbeat(group, member);
  const std::vector<JoinGroupProtocol> old_protocols = member.protocols;
  const Duration old_rebalance_timeout = member.rebalance_timeout, old_session_timeout = member.session_timeout;
  member.protocols = request.protocols;
  member.rebalance_timeout = request.rebalance_timeout;
  member.session_timeout = request.session_timeout;
  member.awaiting_join = reply;
  const std::string why = fmt::format("static member {} (group.instance.id={}) rejoined as {}", old_member_id,
                                      instance, new_member_id);
  switch (group.state()) {
    case GroupState::kStable:
      break;
    case GroupState::kCompletingRebalance:
      // The leader may have been given the old id to assign to: start over.
      return PrepareRebalance(group, why + " while the group was completing a rebalance");
    case GroupState::kPreparingRebalance:
      return;  // it counts as rejoined; the caller tries to complete the join
    case GroupState::kEmpty:
    case GroupState::kDead:
      assert(false && "a group with a static member is neither Empty nor Dead");
      return;
  }
  if (group.protocol_name() != group.SelectProtocol()) {
    return MaybePrepareRebalance(group, why + " with protocols that change the group's choice");
  }
  Narrate("group.static_member_rejoined", group,
          fmt::format("{} ({}) restarted and rejoins group {} within session.timeout.ms: the coordinator gives its "
                      "place the new member id {} and keeps generation {} and its partitions — no rebalance",
                      request.client_id, instance, group.group_id(), new_member_id, group.generation()),
          "KIP-345: a static member that returns within the session timeout does not trigger a rebalance");
  const std::string group_id = group.group_id();
  manager_.StoreGroup(group, nullptr, [this, group_id, instance, old_member_id, new_member_id, current_leader,
                                       old_protocols, old_rebalance_timeout, old_session_timeout](ErrorCode error) {
    GroupMetadata* g = manager_.Get(group_id);
    if (g == nullptr || !g->Has(new_member_id)) return;
    MemberMetadata& m = g->Get(new_member_id);
    const std::optional<PendingReply> to = std::exchange(m.awaiting_join, std::nullopt);
    if (!to) return;
    if (error != ErrorCode::kNone) {
      // Persisting the new id failed: the old member keeps the place.
      m.protocols = old_protocols;
      m.rebalance_timeout = old_rebalance_timeout;
      m.session_timeout = old_session_timeout;
      CompleteAndScheduleNextHeartbeat(*g, g->ReplaceStaticMember(new_member_id, old_member_id));
      auto r = std::make_unique<JoinGroupResponse>();
      r->error = error;
      r->generation_id = g->generation();
      r->protocol_type = g->protocol_type().value_or("");
      r->protocol_name = g->protocol_name();
      r->leader = current_leader.value_or("");
      return ReplyJoin(*to, std::move(r));
    }
    auto r = JoinResult(*g, new_member_id);
    r->skip_assignment = g->IsLeader(new_member_id);
    ReplyJoin(*to, std::move(r));
  });
}

}  // namespace kafkasim
