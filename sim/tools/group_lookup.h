#pragma once
// A consumer group as its coordinator holds it: the running broker that coordinates the group
// (the leader of its __consumer_offsets partition) and the group's metadata there. Shared by the
// `group` queries and the consumer apps' narration, which read the committed offsets.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "sim/broker/broker.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/group_coordinator.h"
#include "sim/script/session.h"

namespace kafkasim {

// The coordinating broker and the group (null when it does not know the group); both null when
// no running broker coordinates it.
inline std::pair<const Broker*, const GroupMetadata*> FindCoordinatedGroup(Session& s, const std::string& group) {
  BrokerPart& part = s.part<BrokerPart>();
  for (const auto& [id, node] : part.brokers()) {
    const Broker* b = part.Running(id);
    if (b == nullptr || !b->group_coordinator().manager().IsLocal(group)) continue;
    return {b, b->group_coordinator().Find(group)};
  }
  return {nullptr, nullptr};
}

// The group's committed offsets (the next offset to read), or nullopt when no coordinator runs.
inline std::optional<std::map<TopicPartition, int64_t>> CommittedOffsets(Session& s, const std::string& group) {
  const auto [broker, metadata] = FindCoordinatedGroup(s, group);
  if (broker == nullptr) return std::nullopt;
  std::map<TopicPartition, int64_t> committed;
  if (metadata != nullptr) {
    for (const auto& [tp, o] : metadata->offsets()) committed[tp] = o.offset;
  }
  return committed;
}

}  // namespace kafkasim
