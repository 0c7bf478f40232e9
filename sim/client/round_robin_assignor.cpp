// RoundRobinAssignor: every partition of every subscribed topic, sorted by (topic, partition),
// dealt to the sorted members in a circle, skipping members not subscribed to its topic.

#include <algorithm>
#include <set>

#include "sim/client/partition_assignor.h"

namespace kafkasim {

GroupAssignment RoundRobinAssignor::Assign(const PartitionsPerTopic& partitions,
                                           const std::vector<MemberSubscription>& members) const {
  GroupAssignment out;
  if (members.empty()) return out;
  std::vector<const MemberSubscription*> sorted;
  std::set<std::string> topics;
  for (const MemberSubscription& m : members) {
    out[m.member_id];
    sorted.push_back(&m);
    topics.insert(m.subscription.topics.begin(), m.subscription.topics.end());
  }
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return MemberInfoLess(*a, *b); });
  auto subscribed = [](const MemberSubscription& m, const std::string& topic) {
    return std::find(m.subscription.topics.begin(), m.subscription.topics.end(), topic) != m.subscription.topics.end();
  };
  size_t next = 0;  // the circular iterator's position
  for (const std::string& topic : topics) {
    auto it = partitions.find(topic);
    if (it == partitions.end()) continue;
    for (int32_t p = 0; p < it->second; ++p) {
      // Someone is subscribed to `topic` (it came from a subscription), so this ends.
      while (!subscribed(*sorted[next], topic)) next = (next + 1) % sorted.size();
      out[sorted[next]->member_id].push_back({topic, p});
      next = (next + 1) % sorted.size();
    }
  }
  return out;
}

}  // namespace kafkasim
