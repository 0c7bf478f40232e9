// AbstractStickyAssignor's general algorithm (GeneralAssignmentBuilder, without racks) for
// members with different subscriptions, and the partition-movement bookkeeping that keeps it
// sticky (PartitionMovements), as Kafka 3.7 runs them.

#include <algorithm>
#include <cassert>
#include <set>

#include "sim/admin/hashing.h"
#include "sim/client/abstract_sticky_assignor.h"

namespace kafkasim {
namespace {

// A java.util.HashSet<TopicPartition>'s iteration order: bucket (at the table size it grew to),
// then insertion order within the bucket. Only the first element is ever asked for.
class JavaTopicPartitionSet {
 public:
  void Add(const TopicPartition& tp) {
    if (std::any_of(entries_.begin(), entries_.end(), [&](const auto& e) { return e.first == tp; })) return;
    entries_.push_back({tp, next_seq_++});
    while (static_cast<double>(entries_.size()) > 0.75 * table_) table_ *= 2;
  }
  void Remove(const TopicPartition& tp) {
    std::erase_if(entries_, [&](const auto& e) { return e.first == tp; });
  }
  bool empty() const { return entries_.empty(); }
  TopicPartition First() const {
    assert(!entries_.empty());
    auto bucket = [&](const TopicPartition& tp) {
      const auto h = static_cast<uint32_t>(JavaTopicPartitionHashCode(tp.topic, tp.partition));
      return (h ^ (h >> 16)) & static_cast<uint32_t>(table_ - 1);
    };
    return std::min_element(entries_.begin(), entries_.end(), [&](const auto& a, const auto& b) {
             const uint32_t ba = bucket(a.first), bb = bucket(b.first);
             return ba != bb ? ba < bb : a.second < b.second;
           })->first;
  }

 private:
  std::vector<std::pair<TopicPartition, uint64_t>> entries_;
  uint64_t next_seq_ = 0;
  int32_t table_ = 16;
};

using ConsumerPair = std::pair<std::string, std::string>;  // (source, destination)

// PartitionMovements: where each moved partition came from, so that a partition moving between
// two members in both directions is swapped for one that already moved the other way.
class PartitionMovements {
 public:
  TopicPartition ActualPartitionToBeMoved(const TopicPartition& partition, std::string old_consumer,
                                          const std::string& new_consumer) const {
    auto topic = by_topic_.find(partition.topic);
    if (topic == by_topic_.end()) return partition;
    if (auto it = movements_.find(partition); it != movements_.end()) {
      assert(old_consumer == it->second.second);
      old_consumer = it->second.first;
    }
    auto reverse = topic->second.find({new_consumer, old_consumer});
    if (reverse == topic->second.end()) return partition;
    return reverse->second.First();
  }

  void MovePartition(const TopicPartition& partition, const std::string& old_consumer, const std::string& new_consumer) {
    auto it = movements_.find(partition);
    if (it == movements_.end()) return AddRecord(partition, {old_consumer, new_consumer});
    const ConsumerPair existing = RemoveRecord(partition);
    assert(existing.second == old_consumer);
    // Back to where it came from: no movement left to remember.
    if (existing.first != new_consumer) AddRecord(partition, {existing.first, new_consumer});
  }

 private:
  ConsumerPair RemoveRecord(const TopicPartition& partition) {
    const ConsumerPair pair = movements_.at(partition);
    movements_.erase(partition);
    auto& topic = by_topic_.at(partition.topic);
    topic.at(pair).Remove(partition);
    if (topic.at(pair).empty()) topic.erase(pair);
    if (topic.empty()) by_topic_.erase(partition.topic);
    return pair;
  }
  void AddRecord(const TopicPartition& partition, const ConsumerPair& pair) {
    movements_[partition] = pair;
    by_topic_[partition.topic][pair].Add(partition);
  }

  std::map<std::string, std::map<ConsumerPair, JavaTopicPartitionSet>> by_topic_;
  std::map<TopicPartition, ConsumerPair> movements_;
};

class GeneralAssignment {
 public:
  GeneralAssignment(const PartitionsPerTopic& partitions, const std::vector<const MemberSubscription*>& ordered,
                    const std::map<std::string, StickyMemberData>& member_data, StickyOwnership ownership)
      : partitions_(partitions), member_data_(member_data), max_generation_(ownership.max_generation),
        current_(std::move(ownership.owned)), sorted_subscriptions_(SubscriptionLess{&current_}) {
    for (const auto& [topic, count] : partitions) {
      total_ += count;
      topic_consumers_[topic];
    }
    for (const MemberSubscription* m : ordered) {
      subscriptions_[m->member_id] = m;
      std::vector<std::string>& topics = consumer_topics_[m->member_id];
      for (const std::string& t : m->subscription.topics) {
        if (!partitions.contains(t)) continue;
        topics.push_back(t);
        topic_consumers_[t].push_back(m->member_id);
      }
      current_[m->member_id];
    }
    for (const auto& [consumer, tps] : current_) {
      for (const TopicPartition& tp : tps) partition_consumer_[tp] = consumer;
    }
    std::vector<std::string> topics;
    for (const auto& [topic, consumers] : topic_consumers_) topics.push_back(topic);
    // TopicComparator: fewest potential consumers first, then by name.
    std::stable_sort(topics.begin(), topics.end(), [&](const std::string& a, const std::string& b) {
      const size_t na = topic_consumers_.at(a).size(), nb = topic_consumers_.at(b).size();
      return na != nb ? na < nb : a < b;
    });
    for (const std::string& t : topics) {
      for (int32_t p = 0; p < partitions.at(t); ++p) sorted_all_.push_back({t, p});
    }
  }

  GroupAssignment Build() {
    PrepopulatePreviousAssignment();
    const std::set<TopicPartition> assigned = AssignOwnedPartitions();
    std::vector<TopicPartition> unassigned;
    for (const TopicPartition& tp : sorted_all_) {
      if (!assigned.contains(tp)) unassigned.push_back(tp);
    }
    for (const auto& [consumer, tps] : current_) sorted_subscriptions_.insert(consumer);
    Balance(std::move(unassigned));
    return std::move(current_);
  }

 private:
  // SubscriptionComparator: fewest partitions first, then by member id.
  struct SubscriptionLess {
    const GroupAssignment* current;
    bool operator()(const std::string& a, const std::string& b) const {
      const size_t na = current->at(a).size(), nb = current->at(b).size();
      return na != nb ? na < nb : a < b;
    }
  };
  struct PreviousOwner {
    std::string consumer;
    int32_t generation;
  };

  // Partitions owned in an older generation remember their owner, to move back to it.
  void PrepopulatePreviousAssignment() {
    for (const auto& [consumer, m] : subscriptions_) {
      const StickyMemberData& data = member_data_.at(consumer);
      std::optional<int32_t> generation;
      if (data.generation && *data.generation < max_generation_) generation = *data.generation;
      if (!data.generation && max_generation_ > AbstractStickyAssignor::kDefaultGeneration) {
        generation = AbstractStickyAssignor::kDefaultGeneration;
      }
      if (!generation) continue;
      for (const TopicPartition& tp : data.partitions) {
        auto it = previous_.find(tp);
        if (it == previous_.end() || *generation > it->second.generation) previous_[tp] = {consumer, *generation};
      }
    }
  }

  // Keeps each member's still-valid owned partitions; drops departed members and topics.
  std::set<TopicPartition> AssignOwnedPartitions() {
    std::set<TopicPartition> assigned;
    for (auto it = current_.begin(); it != current_.end();) {
      auto sub = subscriptions_.find(it->first);
      if (sub == subscriptions_.end()) {
        for (const TopicPartition& tp : it->second) partition_consumer_.erase(tp);
        it = current_.erase(it);
        continue;
      }
      const std::vector<std::string>& topics = sub->second->subscription.topics;
      std::vector<TopicPartition>& tps = it->second;
      for (auto p = tps.begin(); p != tps.end();) {
        if (!topic_consumers_.contains(p->topic)) {
          partition_consumer_.erase(*p);
          p = tps.erase(p);
        } else if (std::find(topics.begin(), topics.end(), p->topic) == topics.end()) {
          p = tps.erase(p);
          revocation_required_ = true;
        } else {
          assigned.insert(*p++);
        }
      }
      ++it;
    }
    return assigned;
  }

  int32_t MaxAssignmentSize(const std::string& consumer) const {
    int32_t n = 0;
    for (const std::string& t : consumer_topics_.at(consumer)) n += partitions_.at(t);
    return n;
  }
  bool TopicCanParticipate(const std::string& topic) const { return topic_consumers_.at(topic).size() >= 2; }
  bool ConsumerCanParticipate(const std::string& consumer) const {
    const std::vector<TopicPartition>& tps = current_.at(consumer);
    if (static_cast<int32_t>(tps.size()) < MaxAssignmentSize(consumer)) return true;
    return std::any_of(tps.begin(), tps.end(), [&](const TopicPartition& tp) { return TopicCanParticipate(tp.topic); });
  }
  size_t Count(const std::string& consumer) const { return current_.at(consumer).size(); }

  bool IsBalanced() const {
    const size_t min = Count(*sorted_subscriptions_.begin()), max = Count(*sorted_subscriptions_.rbegin());
    if (min + 1 >= max) return true;
    for (const std::string& consumer : sorted_subscriptions_) {
      const size_t count = Count(consumer);
      if (static_cast<int32_t>(count) == MaxAssignmentSize(consumer)) continue;
      const std::vector<TopicPartition>& mine = current_.at(consumer);
      for (const std::string& topic : consumer_topics_.at(consumer)) {
        for (int32_t p = 0; p < partitions_.at(topic); ++p) {
          const TopicPartition tp{topic, p};
          if (std::find(mine.begin(), mine.end(), tp) != mine.end()) continue;
          auto owner = partition_consumer_.find(tp);
          if (owner != partition_consumer_.end() && current_.contains(owner->second) &&
              count + 1 < Count(owner->second)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  int32_t BalanceScore(const GroupAssignment& assignment) const {
    int32_t score = 0;
    for (auto a = assignment.begin(); a != assignment.end(); ++a) {
      for (auto b = std::next(a); b != assignment.end(); ++b) {
        score += std::abs(static_cast<int32_t>(a->second.size()) - static_cast<int32_t>(b->second.size()));
      }
    }
    return score;
  }

  void AssignToFewest(const TopicPartition& tp) {
    for (const std::string& candidate : sorted_subscriptions_) {
      const std::vector<std::string>& topics = consumer_topics_.at(candidate);
      if (std::find(topics.begin(), topics.end(), tp.topic) == topics.end()) continue;
      // A copy: erasing the set's element (to re-sort it by its new count) frees `candidate`.
      const std::string consumer = candidate;
      sorted_subscriptions_.erase(consumer);
      current_[consumer].push_back(tp);
      partition_consumer_[tp] = consumer;
      sorted_subscriptions_.insert(consumer);
      return;
    }
  }

  void Balance(std::vector<TopicPartition> unassigned) {
    const bool initializing = current_.at(*sorted_subscriptions_.rbegin()).empty();
    for (const TopicPartition& tp : unassigned) {
      if (!topic_consumers_.at(tp.topic).empty()) AssignToFewest(tp);
    }
    // Only partitions of topics with two or more potential consumers can move.
    auto fixed_partition = [&](const TopicPartition& tp) { return !TopicCanParticipate(tp.topic); };
    std::erase_if(sorted_all_, fixed_partition);
    std::erase_if(unassigned, fixed_partition);
    GroupAssignment fixed;
    for (const auto& [consumer, topics] : consumer_topics_) {
      if (ConsumerCanParticipate(consumer)) continue;
      sorted_subscriptions_.erase(consumer);
      fixed[consumer] = std::move(current_.at(consumer));
      current_.erase(consumer);
    }
    const GroupAssignment pre_balance = current_;
    const std::map<TopicPartition, std::string> pre_balance_owners = partition_consumer_;
    if (!revocation_required_) PerformReassignments(unassigned);
    const bool reassigned = PerformReassignments(sorted_all_);
    // A reshuffle that does not improve the balance is undone.
    if (!initializing && reassigned && BalanceScore(current_) >= BalanceScore(pre_balance)) {
      sorted_subscriptions_.clear();
      current_ = pre_balance;
      partition_consumer_ = pre_balance_owners;
    }
    for (auto& [consumer, tps] : fixed) current_[consumer] = std::move(tps);
  }

  bool PerformReassignments(const std::vector<TopicPartition>& reassignable) {
    bool performed = false, modified = false;
    do {
      modified = false;
      for (size_t i = 0; i < reassignable.size() && !IsBalanced(); ++i) {
        const TopicPartition& tp = reassignable[i];
        const std::string consumer = partition_consumer_.at(tp);
        auto prev = previous_.find(tp);
        if (prev != previous_.end() && current_.contains(prev->second.consumer) &&
            Count(consumer) > Count(prev->second.consumer) + 1) {
          Reassign(tp, prev->second.consumer);
          performed = modified = true;
          continue;
        }
        for (const std::string& other : topic_consumers_.at(tp.topic)) {
          if (Count(consumer) > Count(other) + 1) {
            ReassignToFewest(tp);
            performed = modified = true;
            break;
          }
        }
      }
    } while (modified);
    return performed;
  }

  void ReassignToFewest(const TopicPartition& tp) {
    for (const std::string& candidate : sorted_subscriptions_) {
      const std::vector<std::string>& topics = consumer_topics_.at(candidate);
      if (std::find(topics.begin(), topics.end(), tp.topic) != topics.end()) return Reassign(tp, candidate);
    }
    assert(false && "a movable partition has a potential consumer");
  }

  // `new_consumer` by value: callers pass elements of sorted_subscriptions_, which this re-sorts.
  void Reassign(const TopicPartition& tp, std::string new_consumer) {
    const std::string& consumer = partition_consumer_.at(tp);
    const TopicPartition moved = movements_.ActualPartitionToBeMoved(tp, consumer, new_consumer);
    const std::string old_consumer = partition_consumer_.at(moved);
    sorted_subscriptions_.erase(old_consumer);
    sorted_subscriptions_.erase(new_consumer);
    movements_.MovePartition(moved, old_consumer, new_consumer);
    std::vector<TopicPartition>& from = current_.at(old_consumer);
    from.erase(std::find(from.begin(), from.end(), moved));
    current_.at(new_consumer).push_back(moved);
    partition_consumer_[moved] = new_consumer;
    sorted_subscriptions_.insert(new_consumer);
    sorted_subscriptions_.insert(old_consumer);
  }

  const PartitionsPerTopic& partitions_;
  const std::map<std::string, StickyMemberData>& member_data_;
  int32_t max_generation_;
  int32_t total_ = 0;
  GroupAssignment current_;  // consumer → partitions, in the order they were assigned
  std::set<std::string, SubscriptionLess> sorted_subscriptions_;
  std::map<std::string, const MemberSubscription*> subscriptions_;
  std::map<std::string, std::vector<std::string>> topic_consumers_, consumer_topics_;
  std::map<TopicPartition, std::string> partition_consumer_;
  std::map<TopicPartition, PreviousOwner> previous_;
  std::vector<TopicPartition> sorted_all_;
  PartitionMovements movements_;
  bool revocation_required_ = false;
};

}  // namespace

GroupAssignment StickyGeneralAssign(const PartitionsPerTopic& partitions,
                                    const std::vector<const MemberSubscription*>& ordered,
                                    const std::map<std::string, StickyMemberData>& member_data,
                                    StickyOwnership ownership) {
  return GeneralAssignment(partitions, ordered, member_data, std::move(ownership)).Build();
}

}  // namespace kafkasim
