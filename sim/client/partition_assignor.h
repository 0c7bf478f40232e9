#pragma once
// The consumer-side assignors of the classic protocol (ConsumerPartitionAssignor): the group
// leader runs the group's chosen one over every member's subscription and the partition counts
// it knows, and sends the result in SyncGroup. Each assignor is one file, computing what Kafka's
// computes for the same input:
//   range        (RangeAssignor, the default first choice): per topic, members sorted, contiguous ranges
//   roundrobin   (RoundRobinAssignor): all partitions sorted, dealt in turn to subscribed members
//   sticky       (StickyAssignor): balanced, keeping what members owned (their user data); eager
//   cooperative-sticky (CooperativeStickyAssignor): the same, from the owned partitions, and a
//                partition that changes owner is withheld until its old owner revoked it
//   (the sticky pair shares AbstractStickyAssignor: abstract_sticky_assignor.h)
//
// Member order, as Kafka's MemberInfo sorts it: members with a group.instance.id first, by that
// id; then the others by member id.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/protocol/consumer_protocol.h"

namespace kafkasim {

struct MemberSubscription {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  ConsumerSubscription subscription;
};

// member id → its partitions.
using GroupAssignment = std::map<std::string, std::vector<TopicPartition>>;
// topic → partition count (topics the leader has no metadata for are absent).
using PartitionsPerTopic = std::map<std::string, int32_t>;

// ConsumerPartitionAssignor.RebalanceProtocol, ordered as Kafka's enum (the consumer uses the
// highest one every configured assignor supports).
enum class RebalanceProtocol { kEager, kCooperative };
std::string_view ToString(RebalanceProtocol protocol);  // "EAGER", "COOPERATIVE"

class PartitionAssignor {
 public:
  virtual ~PartitionAssignor() = default;
  // The protocol name in JoinGroup ("range").
  virtual std::string_view name() const = 0;
  virtual std::vector<RebalanceProtocol> SupportedProtocols() const { return {RebalanceProtocol::kEager}; }
  virtual GroupAssignment Assign(const PartitionsPerTopic& partitions,
                                 const std::vector<MemberSubscription>& members) const = 0;
  // ConsumerPartitionAssignor.subscriptionUserData: what this member adds to its subscription.
  virtual std::optional<std::string> SubscriptionUserData() const { return std::nullopt; }
  // ConsumerPartitionAssignor.onAssignment: the member's share of generation `generation`.
  virtual void OnAssignment(const std::vector<TopicPartition>& /*partitions*/, int32_t /*generation*/) {}
};

// By name ("range", "cooperative-sticky") or class name
// (org.apache.kafka.clients.consumer.RangeAssignor); null when kafkasim does not model it.
std::unique_ptr<PartitionAssignor> MakeAssignor(std::string_view name_or_class);

// ConsumerCoordinator's constructor: the highest rebalance protocol every configured assignor
// supports. Kafka's default [range, cooperative-sticky] is therefore EAGER; cooperative-sticky
// alone is COOPERATIVE.
RebalanceProtocol CommonRebalanceProtocol(const std::vector<std::unique_ptr<PartitionAssignor>>& assignors);

// MemberInfo.compareTo.
bool MemberInfoLess(const MemberSubscription& a, const MemberSubscription& b);

class RangeAssignor : public PartitionAssignor {
 public:
  std::string_view name() const override { return "range"; }
  GroupAssignment Assign(const PartitionsPerTopic& partitions,
                         const std::vector<MemberSubscription>& members) const override;
};

class RoundRobinAssignor : public PartitionAssignor {
 public:
  std::string_view name() const override { return "roundrobin"; }
  GroupAssignment Assign(const PartitionsPerTopic& partitions,
                         const std::vector<MemberSubscription>& members) const override;
};

}  // namespace kafkasim
