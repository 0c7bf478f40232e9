// StickyAssignor (eager): what a member owned travels in its subscription's user data, written by
// the member from its last assignment and generation (KIP-54; generation added by KIP-341).

#include <set>

#include "sim/admin/hashing.h"
#include "sim/client/abstract_sticky_assignor.h"
#include "sim/protocol/wire_codec.h"

namespace kafkasim {

std::string StickyAssignor::EncodeUserData(const StickyMemberData& data) {
  // CollectionUtils.groupPartitionsByTopic: a HashMap by topic, so topics in its hash order.
  std::vector<std::string> topics;
  std::map<std::string, std::vector<int32_t>> by_topic;
  for (const TopicPartition& tp : data.partitions) {
    if (!by_topic.contains(tp.topic)) topics.push_back(tp.topic);
    by_topic[tp.topic].push_back(tp.partition);
  }
  topics = JavaHashMapOrder(std::move(topics), JavaHashMapTableSize(topics.size()));
  ByteWriter w;
  w.Int32(static_cast<int32_t>(topics.size()));
  for (const std::string& t : topics) {
    w.String(t).Int32(static_cast<int32_t>(by_topic[t].size()));
    for (int32_t p : by_topic[t]) w.Int32(p);
  }
  w.Int32(data.generation.value_or(kDefaultGeneration));
  return w.Take();
}

std::optional<StickyMemberData> StickyAssignor::DecodeUserData(const std::string& bytes) {
  ByteReader r(bytes);
  StickyMemberData out;
  const int32_t topics = r.ArrayCount();
  for (int32_t i = 0; i < topics && r.ok(); ++i) {
    std::string topic = r.String();
    const int32_t n = r.ArrayCount();
    for (int32_t j = 0; j < n && r.ok(); ++j) out.partitions.push_back({topic, r.Int32()});
  }
  if (!r.ok()) return std::nullopt;
  // Version 0 (before KIP-341) ends here, without a generation.
  if (!r.at_end()) out.generation = r.Int32();
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return out;
}

std::optional<std::string> StickyAssignor::SubscriptionUserData() const {
  if (!member_assignment_) return std::nullopt;
  return EncodeUserData(StickyMemberData{.partitions = *member_assignment_, .generation = generation_});
}

void StickyAssignor::OnAssignment(const std::vector<TopicPartition>& partitions, int32_t generation) {
  member_assignment_ = partitions;
  generation_ = generation;
}

StickyMemberData StickyAssignor::MemberData(const ConsumerSubscription& subscription) const {
  // Always from the user data: the member revoked everything before joining (eager), so its
  // owned partitions are empty; the user data remembers what it had.
  if (!subscription.user_data || subscription.user_data->empty()) return {};
  return DecodeUserData(*subscription.user_data).value_or(StickyMemberData{});
}

}  // namespace kafkasim
