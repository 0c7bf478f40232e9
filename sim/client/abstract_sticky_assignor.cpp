// AbstractStickyAssignor: resolving ownership claims (allSubscriptionsEqual) and the constrained
// algorithm (ConstrainedAssignmentBuilder, without racks), as Kafka 3.7 runs them.

#include "sim/client/abstract_sticky_assignor.h"

#include <algorithm>
#include <cassert>
#include <list>
#include <set>

#include "sim/admin/hashing.h"

namespace kafkasim {
namespace {

bool SameTopicSet(const std::set<std::string>& a, const std::vector<std::string>& b) {
  return a.size() == b.size() && std::all_of(b.begin(), b.end(), [&](const std::string& t) { return a.contains(t); });
}

// allSubscriptionsEqual: fills each member's owned and still-subscribed partitions (a partition
// claimed by two members goes to the higher generation; in the same generation, to neither) and
// says whether every member subscribes to the same topics.
bool AllSubscriptionsEqual(const PartitionsPerTopic& partitions, const std::vector<const MemberSubscription*>& ordered,
                           const std::map<std::string, StickyMemberData>& member_data, StickyOwnership& out) {
  bool all_equal = true;
  std::set<std::string> subscribed_topics;
  std::map<TopicPartition, std::string> previous_owner;
  std::map<std::string, int32_t> subscription_generation;
  for (const MemberSubscription* m : ordered) {
    subscription_generation[m->member_id] = m->subscription.generation_id;
  }
  for (const MemberSubscription* m : ordered) {
    const std::string& consumer = m->member_id;
    if (subscribed_topics.empty()) {
      subscribed_topics.insert(m->subscription.topics.begin(), m->subscription.topics.end());
    } else if (all_equal && !SameTopicSet(subscribed_topics, m->subscription.topics)) {
      all_equal = false;
    }
    const StickyMemberData& data = member_data.at(consumer);
    const int32_t generation = data.generation.value_or(AbstractStickyAssignor::kDefaultGeneration);
    out.max_generation = std::max(out.max_generation, generation);
    out.member_order.push_back(consumer);
    std::vector<TopicPartition>& owned = out.owned[consumer];
    for (const TopicPartition& tp : data.partitions) {
      if (!partitions.contains(tp.topic)) continue;
      auto it = previous_owner.find(tp);
      if (it == previous_owner.end()) {
        owned.push_back(tp);
        previous_owner[tp] = consumer;
        continue;
      }
      const std::string other = it->second;
      // Kafka compares with the other claimant's subscription generation (-1 when absent).
      const int32_t other_generation = std::max(subscription_generation[other], AbstractStickyAssignor::kDefaultGeneration);
      std::vector<TopicPartition>& other_owned = out.owned[other];
      if (generation == other_generation) {
        out.claimed_by_several.push_back(tp);
        other_owned.erase(std::remove(other_owned.begin(), other_owned.end(), tp), other_owned.end());
        it->second = consumer;
      } else if (generation > other_generation) {
        owned.push_back(tp);
        other_owned.erase(std::remove(other_owned.begin(), other_owned.end(), tp), other_owned.end());
        it->second = consumer;
      }
    }
  }
  return all_equal;
}

// ConstrainedAssignmentBuilder.build.
class ConstrainedAssignment {
 public:
  ConstrainedAssignment(const PartitionsPerTopic& partitions, const StickyOwnership& ownership,
                        PartitionsTransferringOwnership& transferring)
      : partitions_(partitions), ownership_(ownership), transferring_(transferring) {
    for (const auto& [topic, count] : partitions) total_ += count;
    const int32_t members = static_cast<int32_t>(ownership.member_order.size());
    assert(members > 0);
    min_quota_ = total_ / members;
    max_quota_ = (total_ + members - 1) / members;
    expected_over_min_ = total_ % members;
    for (const std::string& m : ownership.member_order) assignment_[m];
  }

  GroupAssignment Build() {
    AssignOwnedPartitions();
    under_min_.sort();
    exactly_min_.sort();
    AssignRoundRobin(UnassignedPartitions());
    VerifyUnfilledMembers();
    return std::move(assignment_);
  }

 private:
  // Each member keeps up to its quota of what it owned, the first ones it lists.
  void AssignOwnedPartitions() {
    const std::set<TopicPartition> doubly(ownership_.claimed_by_several.begin(), ownership_.claimed_by_several.end());
    for (const std::string& consumer : ownership_.member_order) {
      // In the order the member listed them (3.7; KAFKA-16277 sorts them by partition from 3.8 on).
      std::vector<TopicPartition> owned = ownership_.owned.at(consumer);
      std::erase_if(owned, [&](const TopicPartition& tp) { return doubly.contains(tp); });
      const int32_t n = static_cast<int32_t>(owned.size());
      std::vector<TopicPartition>& mine = assignment_[consumer];
      if (n < min_quota_) {
        mine = owned;
        assigned_.insert(owned.begin(), owned.end());
        under_min_.push_back(consumer);
      } else if (n >= max_quota_ && over_min_ < expected_over_min_) {
        if (++over_min_ == expected_over_min_) exactly_min_.clear();
        Keep(consumer, owned, max_quota_);
      } else {
        Keep(consumer, owned, min_quota_);
        if (over_min_ < expected_over_min_) exactly_min_.push_back(consumer);
      }
    }
  }

  void Keep(const std::string& consumer, const std::vector<TopicPartition>& owned, int32_t count) {
    std::vector<TopicPartition>& mine = assignment_[consumer];
    mine.assign(owned.begin(), owned.begin() + count);
    assigned_.insert(mine.begin(), mine.end());
    revoked_.insert(owned.begin() + count, owned.end());
  }

  // Every partition nobody kept, topics sorted then partition numbers.
  std::vector<TopicPartition> UnassignedPartitions() const {
    std::vector<TopicPartition> out;
    for (const auto& [topic, count] : partitions_) {
      for (int32_t p = 0; p < count; ++p) {
        if (!assigned_.contains({topic, p})) out.push_back({topic, p});
      }
    }
    return out;
  }

  // Round robin over the members under minQuota (Java's iterator over a LinkedList), then one
  // more each to members at minQuota until the expected number reached maxQuota.
  void AssignRoundRobin(const std::vector<TopicPartition>& unassigned) {
    auto next = under_min_.begin();
    auto last = under_min_.end();
    for (size_t i = 0; i < unassigned.size(); ++i) {
      const TopicPartition& tp = unassigned[i];
      std::string consumer;
      if (next != under_min_.end()) {
        last = next++;
        consumer = *last;
      } else if (under_min_.empty()) {
        assert(!exactly_min_.empty() && "No more unfilled consumers to be assigned.");
        consumer = exactly_min_.front();
        exactly_min_.pop_front();
        last = under_min_.end();
      } else {
        next = under_min_.begin();
        last = next++;
        consumer = *last;
      }
      const int32_t count = AssignNewPartition(tp, consumer);
      if (count == min_quota_) {
        assert(last != under_min_.end());
        under_min_.erase(last);
        last = under_min_.end();
        exactly_min_.push_back(consumer);
      } else if (count == max_quota_) {
        ++over_min_;
      }
    }
  }

  int32_t AssignNewPartition(const TopicPartition& tp, const std::string& consumer) {
    std::vector<TopicPartition>& mine = assignment_[consumer];
    mine.push_back(tp);
    // Owned partitions were all placed first, so this one is new to `consumer`: if someone else
    // held it, it changes owner.
    const bool doubly = std::find(ownership_.claimed_by_several.begin(), ownership_.claimed_by_several.end(), tp) !=
                        ownership_.claimed_by_several.end();
    if (revoked_.contains(tp) || doubly) transferring_[tp] = consumer;
    return static_cast<int32_t>(mine.size());
  }

  void VerifyUnfilledMembers() const {
    if (under_min_.empty()) return;
    assert(over_min_ == expected_over_min_ && "members under minQuota, yet partitions left to share");
    for ([[maybe_unused]] const std::string& m : under_min_) {
      assert(static_cast<int32_t>(assignment_.at(m).size()) == min_quota_ && "a member short of minQuota");
    }
  }

  const PartitionsPerTopic& partitions_;
  const StickyOwnership& ownership_;
  PartitionsTransferringOwnership& transferring_;
  int32_t total_ = 0, min_quota_ = 0, max_quota_ = 0, expected_over_min_ = 0, over_min_ = 0;
  GroupAssignment assignment_;
  std::set<TopicPartition> assigned_, revoked_;
  std::list<std::string> under_min_, exactly_min_;
};

}  // namespace

std::vector<const MemberSubscription*> StickySubscriptionOrder(const std::vector<MemberSubscription>& members) {
  std::vector<const MemberSubscription*> out;
  for (const MemberSubscription& m : members) out.push_back(&m);
  return JavaHashOrder(std::move(out), JavaHashMapTableSize(members.size()),
                       [](const MemberSubscription* m) { return JavaStringHashCode(m->member_id); });
}

GroupAssignment AbstractStickyAssignor::Assign(const PartitionsPerTopic& partitions,
                                               const std::vector<MemberSubscription>& members) const {
  return AssignSticky(partitions, members, nullptr);
}

GroupAssignment AbstractStickyAssignor::AssignSticky(const PartitionsPerTopic& partitions,
                                                     const std::vector<MemberSubscription>& members,
                                                     std::optional<PartitionsTransferringOwnership>* transferring) const {
  if (members.empty()) return {};
  const std::vector<const MemberSubscription*> ordered = StickySubscriptionOrder(members);
  std::map<std::string, StickyMemberData> member_data;
  for (const MemberSubscription* m : ordered) member_data[m->member_id] = MemberData(m->subscription);
  StickyOwnership ownership;
  if (AllSubscriptionsEqual(partitions, ordered, member_data, ownership)) {
    PartitionsTransferringOwnership moving;
    GroupAssignment out = ConstrainedAssignment(partitions, ownership, moving).Build();
    if (transferring != nullptr) *transferring = std::move(moving);
    return out;
  }
  if (transferring != nullptr) transferring->reset();
  return StickyGeneralAssign(partitions, ordered, member_data, std::move(ownership));
}

}  // namespace kafkasim
