#include "sim/broker/group_metadata.h"

#include <algorithm>
#include <cassert>

namespace kafkasim {

std::string_view ToString(GroupState state) {
  switch (state) {
    case GroupState::kEmpty: return "Empty";
    case GroupState::kPreparingRebalance: return "PreparingRebalance";
    case GroupState::kCompletingRebalance: return "CompletingRebalance";
    case GroupState::kStable: return "Stable";
    case GroupState::kDead: return "Dead";
  }
  return "Dead";
}

const std::string& MemberMetadata::Metadata(const std::string& protocol) const {
  for (const JoinGroupProtocol& p : protocols) {
    if (p.name == protocol) return p.metadata;
  }
  assert(false && "a member's metadata is asked only for a protocol it supports");
  return protocols.front().metadata;
}

bool MemberMetadata::Supports(const std::string& protocol) const {
  return std::any_of(protocols.begin(), protocols.end(), [&](const JoinGroupProtocol& p) { return p.name == protocol; });
}

bool MemberMetadata::MatchesProtocols(const std::vector<JoinGroupProtocol>& other) const {
  if (other.size() != protocols.size()) return false;
  for (size_t i = 0; i < other.size(); ++i) {
    if (other[i].name != protocols[i].name || other[i].metadata != protocols[i].metadata) return false;
  }
  return true;
}

std::vector<const MemberMetadata*> GroupMetadata::MembersInJoinOrder() const {
  std::vector<const MemberMetadata*> out;
  for (const auto& [id, m] : members_) out.push_back(&m);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->join_order < b->join_order; });
  return out;
}

std::vector<MemberMetadata*> GroupMetadata::MembersInJoinOrder() {
  std::vector<MemberMetadata*> out;
  for (auto& [id, m] : members_) out.push_back(&m);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->join_order < b->join_order; });
  return out;
}

MemberMetadata& GroupMetadata::Get(const std::string& member_id) {
  auto it = members_.find(member_id);
  assert(it != members_.end() && "callers check Has() first");
  return it->second;
}

MemberMetadata& GroupMetadata::Add(MemberMetadata member) {
  assert(!members_.contains(member.member_id));
  if (members_.empty()) protocol_type_ = member.protocol_type;
  if (!leader_) leader_ = member.member_id;
  member.join_order = next_join_order_++;
  pending_members_.erase(member.member_id);
  const std::string id = member.member_id;
  return members_[id] = std::move(member);
}

void GroupMetadata::Remove(const std::string& member_id) {
  members_.erase(member_id);
  pending_members_.erase(member_id);
  if (IsLeader(member_id)) {
    auto order = MembersInJoinOrder();
    leader_ = order.empty() ? std::nullopt : std::optional<std::string>(order.front()->member_id);
  }
}

std::optional<std::string> GroupMetadata::StaticMemberId(const std::string& instance) const {
  for (const auto& [id, m] : members_) {
    if (m.group_instance_id == instance) return id;
  }
  return std::nullopt;
}

bool GroupMetadata::IsStaticMemberFenced(const std::optional<std::string>& instance,
                                         const std::string& member_id) const {
  if (!instance) return false;
  const std::optional<std::string> current = StaticMemberId(*instance);
  return current && *current != member_id;
}

MemberMetadata& GroupMetadata::ReplaceStaticMember(const std::string& old_id, const std::string& new_id) {
  auto node = members_.extract(old_id);
  assert(!node.empty() && "the static member being replaced is a member");
  assert(!members_.contains(new_id));
  node.key() = new_id;
  node.mapped().member_id = new_id;
  if (IsLeader(old_id)) leader_ = new_id;
  return members_.insert(std::move(node)).position->second;
}

bool GroupMetadata::MaybeElectNewJoinedLeader() {
  if (!leader_) return false;
  auto it = members_.find(*leader_);
  if (it != members_.end() && it->second.awaiting_join) return true;
  for (const MemberMetadata* m : MembersInJoinOrder()) {
    if (m->awaiting_join) {
      leader_ = m->member_id;
      return true;
    }
  }
  return false;
}

size_t GroupMetadata::MembersAwaitingJoin() const {
  return static_cast<size_t>(
      std::count_if(members_.begin(), members_.end(), [](const auto& kv) { return kv.second.awaiting_join.has_value(); }));
}

bool GroupMetadata::AllMembersJoined() const {
  return members_.size() == MembersAwaitingJoin() && pending_members_.empty();
}

std::vector<std::string> GroupMetadata::NotYetRejoinedMembers() const {
  std::vector<std::string> out;
  for (const MemberMetadata* m : MembersInJoinOrder()) {
    if (!m->awaiting_join) out.push_back(m->member_id);
  }
  return out;
}

std::string GroupMetadata::SelectProtocol() const {
  assert(!members_.empty() && "Cannot select protocol for empty group");
  const auto order = MembersInJoinOrder();
  // Candidates: the protocols every member supports.
  std::vector<std::string> candidates;
  for (const JoinGroupProtocol& p : order.front()->protocols) {
    if (std::all_of(order.begin(), order.end(), [&](const MemberMetadata* m) { return m->Supports(p.name); })) {
      candidates.push_back(p.name);
    }
  }
  assert(!candidates.empty() && "members were admitted only with a common protocol");
  // Each member votes for its most preferred candidate; the most votes win (ties: the earliest
  // member's vote, where Kafka's hash map order decides).
  std::map<std::string, int> votes;
  std::vector<std::string> first_seen;
  for (const MemberMetadata* m : order) {
    for (const JoinGroupProtocol& p : m->protocols) {
      if (std::find(candidates.begin(), candidates.end(), p.name) == candidates.end()) continue;
      if (votes[p.name]++ == 0) first_seen.push_back(p.name);
      break;
    }
  }
  std::string best = first_seen.front();
  for (const std::string& name : first_seen) {
    if (votes[name] > votes[best]) best = name;
  }
  return best;
}

bool GroupMetadata::SupportsProtocols(const std::string& protocol_type,
                                      const std::vector<JoinGroupProtocol>& protocols) const {
  if (protocols.empty() || protocol_type.empty()) return false;
  if (members_.empty()) return true;
  if (protocol_type_ != protocol_type) return false;
  for (const JoinGroupProtocol& p : protocols) {
    if (std::all_of(members_.begin(), members_.end(), [&](const auto& kv) { return kv.second.Supports(p.name); })) {
      return true;
    }
  }
  return false;
}

void GroupMetadata::InitNextGeneration(Time now) {
  ++generation_;
  if (!members_.empty()) {
    protocol_name_ = SelectProtocol();
    TransitionTo(GroupState::kCompletingRebalance, now);
  } else {
    protocol_name_.reset();
    TransitionTo(GroupState::kEmpty, now);
  }
}

void GroupMetadata::TransitionTo(GroupState next, Time now) {
  // GroupMetadata.validPreviousStates.
  const GroupState s = state_;
  using enum GroupState;
  [[maybe_unused]] bool valid = false;
  switch (next) {
    case kDead: valid = true; break;
    case kCompletingRebalance: valid = s == kPreparingRebalance; break;
    case kStable: valid = s == kCompletingRebalance; break;
    case kPreparingRebalance: valid = s == kStable || s == kCompletingRebalance || s == kEmpty; break;
    case kEmpty: valid = s == kPreparingRebalance; break;
  }
  assert(valid && "group state transition Kafka forbids");
  state_ = next;
  state_since_ = now;
  assert(next != kEmpty || members_.empty());
  assert(!(next == kStable || next == kCompletingRebalance) || (leader_ && members_.contains(*leader_)));
}

void GroupMetadata::Restore(int32_t generation, std::optional<std::string> protocol_type,
                            std::optional<std::string> protocol, std::optional<std::string> leader, Time since) {
  generation_ = generation;
  protocol_type_ = std::move(protocol_type);
  protocol_name_ = std::move(protocol);
  leader_ = std::move(leader);
  state_ = members_.empty() ? GroupState::kEmpty : GroupState::kStable;
  state_since_ = since;
}

}  // namespace kafkasim
