#include "sim/broker/group_metadata_manager.h"

#include <cassert>

#include <fmt/format.h>

#include "sim/admin/hashing.h"
#include "sim/broker/broker.h"
#include "sim/storage/record_batch_builder.h"

namespace kafkasim {
namespace {

// offsets.commit.timeout.ms: how long a commit or group write waits for replication.
constexpr Duration kOffsetsCommitTimeout = Duration::Millis(5000);

// GroupMetadataManager.storeGroup / storeOffsets: what a member is told when the append failed.
ErrorCode CoordinatorError(ErrorCode append_error, bool offsets) {
  switch (append_error) {
    case ErrorCode::kNone: return ErrorCode::kNone;
    case ErrorCode::kUnknownTopicOrPartition:
    case ErrorCode::kNotEnoughReplicas:
    case ErrorCode::kNotEnoughReplicasAfterAppend:
    case ErrorCode::kRequestTimedOut: return ErrorCode::kCoordinatorNotAvailable;
    case ErrorCode::kNotLeaderOrFollower: return ErrorCode::kNotCoordinator;
    case ErrorCode::kCorruptMessage:
    case ErrorCode::kInvalidRecord: return offsets ? ErrorCode::kInvalidCommitOffsetSize : ErrorCode::kUnknownServerError;
    default: return ErrorCode::kUnknownServerError;
  }
}

}  // namespace

GroupMetadataValue ToRecordValue(const GroupMetadata& group, const std::map<std::string, std::string>* assignment) {
  GroupMetadataValue v{.protocol_type = group.protocol_type().value_or(""),
                       .generation = group.generation(),
                       .protocol = group.protocol_name(),
                       .leader = group.leader(),
                       .current_state_timestamp_ms = group.state_since().millis()};
  for (const MemberMetadata* m : group.MembersInJoinOrder()) {
    v.members.push_back(GroupMemberValue{
        .member_id = m->member_id,
        .group_instance_id = m->group_instance_id,
        .client_id = m->client_id,
        .client_host = m->client_host,
        .rebalance_timeout_ms = static_cast<int32_t>(m->rebalance_timeout.millis()),
        .session_timeout_ms = static_cast<int32_t>(m->session_timeout.millis()),
        .subscription = group.protocol_name() && m->Supports(*group.protocol_name()) ? m->Metadata(*group.protocol_name())
                                                                                    : std::string(),
        .assignment = assignment ? assignment->at(m->member_id) : m->assignment});
  }
  return v;
}

GroupMetadataManager::GroupMetadataManager(Broker& broker) : broker_(broker) {}

int32_t GroupMetadataManager::num_partitions() const {
  // The topic's real partition count once it exists (an operator may have created it by hand).
  if (const int32_t n = broker_.metadata().PartitionCount(kOffsetsTopic); n > 0) return n;
  return broker_.config().offsets_topic_num_partitions;
}

int32_t GroupMetadataManager::PartitionFor(const std::string& group_id) const {
  return PartitionForGroup(group_id, num_partitions());
}

bool GroupMetadataManager::IsLocal(const std::string& group_id) const { return owned_.contains(PartitionFor(group_id)); }

GroupMetadata* GroupMetadataManager::Get(const std::string& group_id) {
  auto it = groups_.find(group_id);
  return it == groups_.end() ? nullptr : it->second.get();
}

const GroupMetadata* GroupMetadataManager::Get(const std::string& group_id) const {
  auto it = groups_.find(group_id);
  return it == groups_.end() ? nullptr : it->second.get();
}

GroupMetadata& GroupMetadataManager::Add(std::unique_ptr<GroupMetadata> group) {
  assert(!groups_.contains(group->group_id()));
  GroupMetadata& g = *group;
  groups_[g.group_id()] = std::move(group);
  return g;
}

void GroupMetadataManager::Remove(const std::string& group_id) { groups_.erase(group_id); }

void GroupMetadataManager::StoreGroup(const GroupMetadata& group, const std::map<std::string, std::string>* assignment,
                                      Done done) {
  Append(PartitionFor(group.group_id()),
         {{GroupMetadataKey{group.group_id()}, EncodeValue(ToRecordValue(group, assignment))}},
         false, std::move(done));
}

void GroupMetadataManager::StoreOffsets(const std::string& group_id,
                                        const std::map<TopicPartition, CommittedOffset>& offsets, Done done) {
  std::vector<KeyValue> records;
  for (const auto& [tp, o] : offsets) {
    records.emplace_back(OffsetCommitKey{group_id, tp},
                         EncodeValue(OffsetCommitValue{.offset = o.offset, .leader_epoch = o.leader_epoch,
                                                       .metadata = o.metadata,
                                                       .commit_timestamp_ms = o.commit_timestamp_ms}));
  }
  Append(PartitionFor(group_id), records, true, std::move(done));
}

void GroupMetadataManager::StoreTombstones(const GroupMetadata& group, Done done) {
  std::vector<KeyValue> records;
  for (const auto& [tp, o] : group.offsets()) records.emplace_back(OffsetCommitKey{group.group_id(), tp}, std::nullopt);
  records.emplace_back(GroupMetadataKey{group.group_id()}, std::nullopt);
  Append(PartitionFor(group.group_id()), records, false, std::move(done));
}

void GroupMetadataManager::StoreOffsetTombstones(const std::string& group_id,
                                                 const std::vector<TopicPartition>& partitions, bool group_too,
                                                 Done done) {
  std::vector<KeyValue> records;
  for (const TopicPartition& tp : partitions) records.emplace_back(OffsetCommitKey{group_id, tp}, std::nullopt);
  if (group_too) records.emplace_back(GroupMetadataKey{group_id}, std::nullopt);
  Append(PartitionFor(group_id), records, true, std::move(done));
}

void GroupMetadataManager::Append(int32_t partition, const std::vector<KeyValue>& records, bool offsets, Done done) {
  const TopicPartition tp{kOffsetsTopic, partition};
  Partition* p = broker_.replicas().FindPartition(tp);
  if (p == nullptr || !p->is_leader()) return done(ErrorCode::kNotCoordinator);
  RecordBatchBuilder builder({});
  std::vector<std::string> keys;
  keys.reserve(records.size());
  for (const auto& [key, value] : records) {
    keys.push_back(EncodeKey(key));
    builder.Append({.timestamp_ms = broker_.sim().now().millis(),
                    .key = AsBytes(keys.back()),
                    .value = value ? NullableBytes(AsBytes(*value)) : std::nullopt});
  }
  const ReplicaManager::LeaderAppend appended = broker_.replicas().AppendRecords({{tp, builder.Build()}}, -1).at(tp);
  if (appended.response.error != ErrorCode::kNone) return done(CoordinatorError(appended.response.error, offsets));
  pending_.push_back(PendingAppend{.partition = partition, .required = appended.last_offset + 1,
                                   .deadline = broker_.sim().now() + kOffsetsCommitTimeout,
                                   .done = [done = std::move(done), offsets](ErrorCode e) {
                                     done(CoordinatorError(e, offsets));
                                   }});
  broker_.sim().Schedule(kOffsetsCommitTimeout, broker_.node(), [this] { TryCompleteAppends(); });
  TryCompleteAppends();
}

void GroupMetadataManager::OnHighWatermarkAdvanced(const TopicPartition& tp) {
  if (tp.topic == kOffsetsTopic && !pending_.empty()) TryCompleteAppends();
}

void GroupMetadataManager::TryCompleteAppends() {
  const Time now = broker_.sim().now();
  std::vector<std::pair<Done, ErrorCode>> ready;
  std::erase_if(pending_, [&](PendingAppend& a) {
    const Partition* p = broker_.replicas().Find(TopicPartition{kOffsetsTopic, a.partition});
    ErrorCode error = ErrorCode::kNone;
    if (p == nullptr || !p->is_leader()) {
      error = ErrorCode::kNotLeaderOrFollower;
    } else if (p->high_watermark() < a.required) {
      if (now < a.deadline) return false;
      error = ErrorCode::kRequestTimedOut;
    }
    ready.emplace_back(std::move(a.done), error);
    return true;
  });
  // Callbacks may append again: run them once the pending list is consistent.
  for (auto& [done, error] : ready) done(error);
}

std::vector<std::string> GroupMetadataManager::OnElection(int32_t partition) {
  owned_.insert(partition);
  const Partition* p = broker_.replicas().Find(TopicPartition{kOffsetsTopic, partition});
  assert(p != nullptr && p->is_leader());
  const Log& log = p->log();
  // The latest record per key wins, as compaction would leave it (doLoadGroupsAndOffsets reads
  // from the log start to the log end offset).
  std::map<std::string, std::optional<GroupMetadataValue>> metadata;  // nullopt: deleted
  std::map<std::string, std::map<TopicPartition, std::optional<CommittedOffset>>> offsets;
  Offset next = log.log_start_offset();
  while (next < log.log_end_offset()) {
    LogReadInfo read = log.Read(next, 1 << 20);
    if (!read.ok() || read.batches.empty()) break;
    for (const RecordBatch& batch : read.batches) {
      for (const RecordView& r : batch.view()) {
        if (r.offset < next.value()) continue;
        next = Offset(r.offset + 1);
        if (!r.key) continue;
        auto key = DecodeKey(AsString(*r.key));
        assert(key && "__consumer_offsets holds only records its coordinators wrote");
        if (!key) continue;
        if (const auto* k = std::get_if<OffsetCommitKey>(&*key)) {
          std::optional<CommittedOffset> value;
          if (r.value) {
            if (auto v = DecodeOffsetCommitValue(AsString(*r.value))) {
              value = CommittedOffset{.offset = v->offset, .leader_epoch = v->leader_epoch, .metadata = v->metadata,
                                      .commit_timestamp_ms = v->commit_timestamp_ms};
            }
          }
          offsets[k->group][k->tp] = value;
        } else {
          const std::string& group = std::get<GroupMetadataKey>(*key).group;
          metadata[group] = r.value ? DecodeGroupMetadataValue(AsString(*r.value)) : std::nullopt;
          if (!r.value) offsets.erase(group);  // a deleted group takes its offsets with it
        }
      }
      next = std::max(next, Offset(batch.view().last_offset() + 1));
    }
  }
  std::vector<std::string> loaded;
  const Time now = broker_.sim().now();
  std::set<std::string> names;
  for (const auto& [g, _] : metadata) names.insert(g);
  for (const auto& [g, _] : offsets) names.insert(g);
  for (const std::string& g : names) {
    if (PartitionFor(g) != partition || groups_.contains(g)) continue;
    auto group = std::make_unique<GroupMetadata>(g, GroupState::kEmpty, now);
    auto m = metadata.find(g);
    const bool has_metadata = m != metadata.end() && m->second;
    if (has_metadata) {
      const GroupMetadataValue& v = *m->second;
      for (const GroupMemberValue& mv : v.members) {
        MemberMetadata member{.member_id = mv.member_id, .group_instance_id = mv.group_instance_id,
                              .client_id = mv.client_id, .client_host = mv.client_host,
                              .rebalance_timeout = Duration::Millis(mv.rebalance_timeout_ms),
                              .session_timeout = Duration::Millis(mv.session_timeout_ms),
                              .protocol_type = v.protocol_type,
                              .protocols = {JoinGroupProtocol{v.protocol.value_or(""), mv.subscription}},
                              .assignment = mv.assignment, .last_heartbeat = now};
        group->Add(std::move(member));
      }
      // currentStateTimestamp comes back with the group: an Empty group's offsets expire counted
      // from when it became Empty, whichever broker coordinates it by then (KIP-211).
      const Time since = v.current_state_timestamp_ms >= 0 ? Time::FromMicros(v.current_state_timestamp_ms * 1000) : now;
      group->Restore(v.generation, v.protocol_type.empty() ? std::nullopt : std::optional(v.protocol_type), v.protocol,
                     v.leader, since);
    }
    bool any_offset = false;
    if (auto o = offsets.find(g); o != offsets.end()) {
      for (const auto& [tp, value] : o->second) {
        if (value) {
          group->offsets()[tp] = *value;
          any_offset = true;
        }
      }
    }
    if (!has_metadata && !any_offset) continue;  // deleted
    loaded.push_back(g);
    groups_[g] = std::move(group);
  }
  return loaded;
}

std::vector<std::unique_ptr<GroupMetadata>> GroupMetadataManager::OnResignation(int32_t partition) {
  owned_.erase(partition);
  std::vector<std::unique_ptr<GroupMetadata>> out;
  for (auto it = groups_.begin(); it != groups_.end();) {
    if (PartitionFor(it->first) == partition) {
      out.push_back(std::move(it->second));
      it = groups_.erase(it);
    } else {
      ++it;
    }
  }
  return out;
}

}  // namespace kafkasim
