#pragma once
// The consumer-side assignors of the classic protocol (ConsumerPartitionAssignor): the group
// leader runs the group's chosen one over every member's subscription and the partition counts
// it knows, and sends the result in SyncGroup. Each assignor is one file, computing what Kafka's
// computes for the same input:
//   range        (RangeAssignor, the default first choice): per topic, members sorted, contiguous ranges
//   roundrobin   (RoundRobinAssignor): all partitions sorted, dealt in turn to subscribed members
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

enum class RebalanceProtocol { kEager, kCooperative };

class PartitionAssignor {
 public:
  virtual ~PartitionAssignor() = default;
  // The protocol name in JoinGroup ("range").
  virtual std::string_view name() const = 0;
  virtual RebalanceProtocol protocol() const { return RebalanceProtocol::kEager; }
  virtual GroupAssignment Assign(const PartitionsPerTopic& partitions,
                                 const std::vector<MemberSubscription>& members) const = 0;
};

// By name ("range") or class name (org.apache.kafka.clients.consumer.RangeAssignor); null when
// kafkasim does not model it.
std::unique_ptr<PartitionAssignor> MakeAssignor(std::string_view name_or_class);

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
