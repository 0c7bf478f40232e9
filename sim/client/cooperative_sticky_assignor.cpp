// CooperativeStickyAssignor (KIP-429): the sticky assignment, minus every partition that changes
// owner. The old owner sees the partition missing from its assignment and revokes it, then
// rejoins; in that next rebalance nobody owns it any more, and its new owner gets it.

#include <set>

#include "sim/client/abstract_sticky_assignor.h"
#include "sim/protocol/wire_codec.h"

namespace kafkasim {
namespace {

// computePartitionsTransferringOwnership, for the general algorithm: partitions assigned to a
// member that did not own them, and owned by a member no longer assigned them.
PartitionsTransferringOwnership ComputeTransferring(const std::vector<MemberSubscription>& members,
                                                    const GroupAssignment& assignment) {
  PartitionsTransferringOwnership added;
  std::set<TopicPartition> revoked;
  for (const MemberSubscription& m : members) {
    const std::vector<TopicPartition>& owned = m.subscription.owned_partitions;
    auto it = assignment.find(m.member_id);
    const std::vector<TopicPartition> none;
    const std::vector<TopicPartition>& assigned = it == assignment.end() ? none : it->second;
    const std::set<TopicPartition> owned_set(owned.begin(), owned.end()), assigned_set(assigned.begin(), assigned.end());
    for (const TopicPartition& tp : assigned) {
      if (!owned_set.contains(tp)) added[tp] = m.member_id;
    }
    for (const TopicPartition& tp : owned) {
      if (!assigned_set.contains(tp)) revoked.insert(tp);
    }
  }
  std::erase_if(added, [&](const auto& kv) { return !revoked.contains(kv.first); });
  return added;
}

}  // namespace

GroupAssignment CooperativeStickyAssignor::Assign(const PartitionsPerTopic& partitions,
                                                  const std::vector<MemberSubscription>& members) const {
  std::optional<PartitionsTransferringOwnership> transferring;
  GroupAssignment out = AssignSticky(partitions, members, &transferring);
  if (!transferring) transferring = ComputeTransferring(members, out);
  for (const auto& [tp, member] : *transferring) {
    std::vector<TopicPartition>& tps = out[member];
    tps.erase(std::remove(tps.begin(), tps.end(), tp), tps.end());
  }
  return out;
}

std::optional<std::string> CooperativeStickyAssignor::SubscriptionUserData() const {
  ByteWriter w;
  w.Int32(generation_);
  return w.Take();
}

void CooperativeStickyAssignor::OnAssignment(const std::vector<TopicPartition>&, int32_t generation) {
  generation_ = generation;
}

StickyMemberData CooperativeStickyAssignor::MemberData(const ConsumerSubscription& subscription) const {
  StickyMemberData out{.partitions = subscription.owned_partitions, .generation = std::nullopt};
  // Subscription v2+ carries the generation; older members encoded it in the user data.
  if (subscription.generation_id >= 0) {
    out.generation = subscription.generation_id;
  } else if (subscription.user_data && subscription.user_data->size() >= 4) {
    ByteReader r(*subscription.user_data);
    out.generation = r.Int32();
  }
  return out;
}

}  // namespace kafkasim
