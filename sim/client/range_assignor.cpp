// RangeAssignor (Kafka 3.7, without racks): for each topic, its subscribers sorted; each gets
// ⌊P/C⌋ contiguous partitions and the first P mod C one more. Topics are independent, so with
// two topics of 3 partitions and 2 members the first member gets two of each.

#include <algorithm>

#include "sim/client/partition_assignor.h"

namespace kafkasim {

bool MemberInfoLess(const MemberSubscription& a, const MemberSubscription& b) {
  if (a.group_instance_id && b.group_instance_id) return *a.group_instance_id < *b.group_instance_id;
  if (a.group_instance_id) return true;
  if (b.group_instance_id) return false;
  return a.member_id < b.member_id;
}

GroupAssignment RangeAssignor::Assign(const PartitionsPerTopic& partitions,
                                      const std::vector<MemberSubscription>& members) const {
  GroupAssignment out;
  std::map<std::string, std::vector<const MemberSubscription*>> consumers_per_topic;
  for (const MemberSubscription& m : members) {
    out[m.member_id];
    for (const std::string& topic : m.subscription.topics) consumers_per_topic[topic].push_back(&m);
  }
  for (auto& [topic, consumers] : consumers_per_topic) {
    auto it = partitions.find(topic);
    if (it == partitions.end()) continue;  // no metadata: skipped, as Kafka logs and skips it
    std::sort(consumers.begin(), consumers.end(), [](auto* a, auto* b) { return MemberInfoLess(*a, *b); });
    const int32_t total = it->second;
    const int32_t count = static_cast<int32_t>(consumers.size());
    const int32_t per_consumer = total / count;
    const int32_t with_extra = total % count;
    for (int32_t i = 0; i < count; ++i) {
      const int32_t start = per_consumer * i + std::min(i, with_extra);
      const int32_t length = per_consumer + (i + 1 > with_extra ? 0 : 1);
      for (int32_t p = start; p < start + length; ++p) out[consumers[i]->member_id].push_back({topic, p});
    }
  }
  return out;
}

}  // namespace kafkasim
