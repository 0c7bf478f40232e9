#pragma once
// The sticky assignors (Kafka 3.7's AbstractStickyAssignor, without racks), shared by
// StickyAssignor (eager) and CooperativeStickyAssignor. Both aim, in this order, for
//  1. balance: members' partition counts differ by at most one (or no partition could move to a
//     member with two fewer without breaking the first rule), and
//  2. stickiness: each partition stays with the member that owned it in the previous generation.
//
// Where a member's previous ownership comes from (MemberData): StickyAssignor reads it from the
// subscription's user data (its own encoding, written by the member from its last assignment);
// CooperativeStickyAssignor from the subscription's owned partitions and generation id, which
// the consumer fills in for every assignor.
//
// Two algorithms, as Kafka picks them:
//  - constrained (every member subscribes to the same topics): each member keeps up to its quota
//    (⌊P/C⌋, and ⌈P/C⌉ for the first P mod C members that owned that many) of what it owned, the
//    rest is dealt round robin to the members under quota, members sorted by id;
//  - general (subscriptions differ): keep what is still valid, give each unassigned partition to
//    the member with the fewest (able to take it), then move partitions one at a time while that
//    improves the balance, preferring to move a partition back to its previous owner.
// Ownership claims conflict when two members say they own the same partition: the higher
// generation wins, and in the same generation neither keeps it.
//
// Kafka iterates some java.util.HashMaps here (which member keeps a quota's extra partition,
// which partition goes back first); kafkasim walks them in the same order (hashing.h), so the
// result is the one Kafka computes for the same input.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/client/partition_assignor.h"

namespace kafkasim {

// AbstractStickyAssignor.MemberData: what a member owned and in which generation (none: -1).
struct StickyMemberData {
  std::vector<TopicPartition> partitions;
  std::optional<int32_t> generation;
};

// Partition → the member it is being given to, while its previous owner still holds it (set by
// the constrained algorithm; the general one leaves it to the cooperative assignor to compute).
using PartitionsTransferringOwnership = std::map<TopicPartition, std::string>;

class AbstractStickyAssignor : public PartitionAssignor {
 public:
  static constexpr int32_t kDefaultGeneration = -1;

  GroupAssignment Assign(const PartitionsPerTopic& partitions,
                         const std::vector<MemberSubscription>& members) const override;

 protected:
  virtual StickyMemberData MemberData(const ConsumerSubscription& subscription) const = 0;
  // The assignment, and the partitions transferring ownership (nullopt after the general case).
  GroupAssignment AssignSticky(const PartitionsPerTopic& partitions, const std::vector<MemberSubscription>& members,
                               std::optional<PartitionsTransferringOwnership>* transferring) const;
};

class StickyAssignor : public AbstractStickyAssignor {
 public:
  std::string_view name() const override { return "sticky"; }
  std::optional<std::string> SubscriptionUserData() const override;
  void OnAssignment(const std::vector<TopicPartition>& partitions, int32_t generation) override;

  // StickyAssignor's user data (STICKY_ASSIGNOR_USER_DATA_V1): previous_assignment
  // [topic STRING, partitions [INT32]], generation INT32. Nullopt for malformed bytes.
  static std::string EncodeUserData(const StickyMemberData& data);
  static std::optional<StickyMemberData> DecodeUserData(const std::string& bytes);

 protected:
  StickyMemberData MemberData(const ConsumerSubscription& subscription) const override;

 private:
  std::optional<std::vector<TopicPartition>> member_assignment_;  // null until the first assignment
  int32_t generation_ = kDefaultGeneration;
};

class CooperativeStickyAssignor : public AbstractStickyAssignor {
 public:
  std::string_view name() const override { return "cooperative-sticky"; }
  std::vector<RebalanceProtocol> SupportedProtocols() const override {
    return {RebalanceProtocol::kCooperative, RebalanceProtocol::kEager};
  }
  // The sticky assignment minus each partition that changes owner: its new owner gets it in the
  // next rebalance, once the old one has revoked it.
  GroupAssignment Assign(const PartitionsPerTopic& partitions,
                         const std::vector<MemberSubscription>& members) const override;
  // The generation as 4 bytes, for leaders older than subscription v2 (Kafka does the same).
  std::optional<std::string> SubscriptionUserData() const override;
  void OnAssignment(const std::vector<TopicPartition>& partitions, int32_t generation) override;

 protected:
  StickyMemberData MemberData(const ConsumerSubscription& subscription) const override;

 private:
  int32_t generation_ = kDefaultGeneration;
};

// --- the two algorithms (abstract_sticky_assignor.cpp, sticky_general_assignment.cpp) ---

// Members in the order Kafka's HashMap<String, Subscription> of them iterates.
std::vector<const MemberSubscription*> StickySubscriptionOrder(const std::vector<MemberSubscription>& members);

// Member id → its owned, still-subscribed partitions after resolving conflicting claims, in the
// order of `ordered`; the member ids are the keys of `owned_order` (same order).
struct StickyOwnership {
  std::vector<std::string> member_order;                    // HashMap iteration order
  std::map<std::string, std::vector<TopicPartition>> owned;  // member → owned partitions
  std::vector<TopicPartition> claimed_by_several;           // same generation, two claimants
  int32_t max_generation = AbstractStickyAssignor::kDefaultGeneration;
};

GroupAssignment StickyGeneralAssign(const PartitionsPerTopic& partitions,
                                    const std::vector<const MemberSubscription*>& ordered,
                                    const std::map<std::string, StickyMemberData>& member_data,
                                    StickyOwnership ownership);

}  // namespace kafkasim
