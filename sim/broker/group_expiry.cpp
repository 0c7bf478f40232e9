// Offset expiry at the coordinator (GroupMetadataManager.cleanupGroupMetadata and
// GroupMetadata.removeExpiredOffsets, Kafka 3.7, KIP-211). Every
// offsets.retention.check.interval.ms (10 min) the coordinator looks at each group it holds:
//
//   a group with a protocol type that is Empty    its offsets expire offsets.retention.minutes
//                                                 (7 days) after the group became Empty
//                                                 (currentStateTimestamp), however old the commits
//   a consumer group that is Stable               only offsets of topics no member subscribes to
//                                                 expire, retention after their commit
//   no protocol type (a standalone committer      each offset expires retention after its commit
//   that never joined: assign() + commitSync)
//   any other state (a rebalance under way)       nothing expires
//
// Expired offsets become tombstones in the group's __consumer_offsets partition (written without
// waiting for replication: a lost tombstone is written again at the next check). An Empty group
// left without offsets is Dead and removed; a group that ever had a generation also gets a
// tombstone for its metadata record. A consumer of the group that starts later finds no
// committed offset and starts where auto.offset.reset says.

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/group_coordinator.h"
#include "sim/broker/replica_manager.h"

namespace kafkasim {
namespace {

std::string JoinPartitions(const std::vector<TopicPartition>& tps) {
  std::vector<std::string> parts;
  parts.reserve(tps.size());
  for (const TopicPartition& tp : tps) parts.push_back(ToString(tp));
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string MinutesText(int64_t ms) {
  if (ms % 60000 == 0) return fmt::format("{} min", ms / 60000);
  return fmt::format("{:.1f} min", static_cast<double>(ms) / 60000.0);
}

}  // namespace

void GroupCoordinator::ScheduleOffsetExpiry() {
  const Duration period = Duration::Millis(broker_.config().values.GetLong("offsets.retention.check.interval.ms"));
  broker_.sim().Schedule(period, broker_.node(), [this] {
    CleanupGroupMetadata();
    ScheduleOffsetExpiry();
  });
}

std::vector<TopicPartition> GroupCoordinator::RemoveExpiredOffsets(GroupMetadata& group, int64_t now_ms,
                                                                   int64_t retention_ms, std::string& why) const {
  std::vector<TopicPartition> expired;
  auto collect = [&](auto base_ms, const std::set<std::string>& keep_topics) {
    for (const auto& [tp, o] : group.offsets()) {
      if (keep_topics.contains(tp.topic)) continue;
      if (now_ms - base_ms(o) >= retention_ms) expired.push_back(tp);
    }
  };
  const std::string retention = fmt::format("offsets.retention.minutes={}", retention_ms / 60000);
  if (group.protocol_type() && group.Is(GroupState::kEmpty)) {
    const int64_t empty_since = group.state_since().millis();
    collect([&](const CommittedOffset&) { return empty_since; }, {});
    why = fmt::format("the group has been Empty since {} s, {} ago, and {} counts from then (KIP-211: offsets "
                      "of an empty group expire retention after it became empty, however recent the commits)",
                      empty_since / 1000, MinutesText(now_ms - empty_since), retention);
  } else if (group.protocol_type() == "consumer" && group.Is(GroupState::kStable)) {
    if (const std::optional<std::set<std::string>> subscribed = ConsumerGroupSubscribedTopics(group)) {
      collect([](const CommittedOffset& o) { return o.commit_timestamp_ms; }, *subscribed);
      why = fmt::format("no member subscribes to their topics any more and their last commit is older than {}",
                        retention);
    }
  } else if (!group.protocol_type()) {
    collect([](const CommittedOffset& o) { return o.commit_timestamp_ms; }, {});
    why = fmt::format("the group never used group management (standalone commits), so each offset expires {} "
                      "after its last commit",
                      retention);
  }
  for (const TopicPartition& tp : expired) group.offsets().erase(tp);
  return expired;
}

void GroupCoordinator::CleanupGroupMetadata() {
  const int64_t now_ms = broker_.sim().now().millis();
  const int64_t retention_ms = broker_.config().values.GetLong("offsets.retention.minutes") * 60'000;
  std::vector<std::string> dead;
  size_t removed = 0;
  for (const auto& [group_id, group_ptr] : manager_.groups()) {
    GroupMetadata& group = *group_ptr;
    if (group.Is(GroupState::kDead)) continue;
    std::string why;
    const std::vector<TopicPartition> expired = RemoveExpiredOffsets(group, now_ms, retention_ms, why);
    removed += expired.size();
    const bool is_dead = group.Is(GroupState::kEmpty) && group.offsets().empty();
    if (expired.empty() && !is_dead) continue;
    const int32_t partition = manager_.PartitionFor(group_id);
    if (!expired.empty()) {
      Narrate("group.offsets_expired", group,
              fmt::format("group {}'s committed offsets of {} expire: {}. Tombstones go to {}-{}; a consumer of the "
                          "group that starts now finds no committed offset there and starts where auto.offset.reset "
                          "says",
                          group_id, JoinPartitions(expired), why, kOffsetsTopic, partition),
              "offsets.retention.minutes (KIP-211)");
    }
    // The generation is read before the transition: a group that never had one (offsets only)
    // leaves no metadata record behind, so it needs no tombstone for it.
    const bool metadata_tombstone = is_dead && group.generation() > 0;
    if (is_dead) {
      group.TransitionTo(GroupState::kDead, broker_.sim().now());
      dead.push_back(group_id);
      Narrate("group.dead", group,
              fmt::format("group {} is Empty and has no committed offsets left: it is Dead and {} forgets it{}",
                          group_id, broker_.name(),
                          metadata_tombstone ? fmt::format(" (a tombstone for its metadata goes to {}-{})",
                                                           kOffsetsTopic, partition)
                                             : ""),
              "cleanupGroupMetadata: an empty group without offsets is removed");
    }
    // requiredAcks = 0: nobody waits for these; a lost tombstone is written again next time.
    if (!expired.empty() || metadata_tombstone) {
      manager_.StoreOffsetTombstones(group_id, expired, metadata_tombstone, [](ErrorCode) {});
    }
  }
  for (const std::string& group_id : dead) {
    joins_.erase(group_id);
    pending_sync_.erase(group_id);
    manager_.Remove(group_id);
  }
  if (removed > 0) {
    broker_.Emit({.kind = "group.expiry_check",
                  .narration = fmt::format("{}'s group coordinator removed {} expired offset(s)", broker_.name(),
                                           removed),
                  .rule = fmt::format("every offsets.retention.check.interval.ms={}",
                                      broker_.config().values.GetLong("offsets.retention.check.interval.ms"))});
  }
}

}  // namespace kafkasim
