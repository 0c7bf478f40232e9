// OffsetCommit, OffsetFetch and OffsetDelete at the coordinator (GroupCoordinator.handleCommitOffsets,
// handleFetchOffsets, handleDeleteOffsets). A committed offset is the next offset the group will read.

#include <set>

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/group_coordinator.h"
#include "sim/protocol/consumer_protocol.h"

namespace kafkasim {

std::optional<std::set<std::string>> ConsumerGroupSubscribedTopics(const GroupMetadata& group) {
  std::set<std::string> subscribed;
  if (!group.protocol_name()) return subscribed;
  for (const MemberMetadata* m : group.MembersInJoinOrder()) {
    if (!m->Supports(*group.protocol_name())) return std::nullopt;
    auto s = DecodeSubscription(m->Metadata(*group.protocol_name()));
    if (!s) return std::nullopt;
    subscribed.insert(s->topics.begin(), s->topics.end());
  }
  return subscribed;
}

std::optional<ErrorCode> GroupCoordinator::ValidateOffsetCommit(const GroupMetadata& group,
                                                                const OffsetCommitRequest& request) const {
  if (group.Is(GroupState::kDead)) return ErrorCode::kCoordinatorNotAvailable;
  if (request.generation_id >= 0 || !request.member_id.empty() || request.group_instance_id) {
    if (group.IsStaticMemberFenced(request.group_instance_id, request.member_id)) return ErrorCode::kFencedInstanceId;
    if (!group.Has(request.member_id)) return ErrorCode::kUnknownMemberId;
    if (request.generation_id != group.generation()) return ErrorCode::kIllegalGeneration;
    return std::nullopt;
  }
  // A committer outside group management may commit only while the group has no members.
  if (!group.Is(GroupState::kEmpty)) return ErrorCode::kUnknownMemberId;
  return std::nullopt;
}

void GroupCoordinator::HandleOffsetCommit(const Envelope& e) {
  const auto& request = *e.As<OffsetCommitRequest>();
  const PendingReply reply{e.from, request.correlation_id};
  auto fail_all = [&](ErrorCode error) {
    auto r = std::make_unique<OffsetCommitResponse>();
    for (const auto& [tp, o] : request.offsets) r->partitions[tp] = error;
    Send(reply, std::move(r));
  };
  if (auto error = ValidateGroupStatus(request.group_id)) return fail_all(*error);
  GroupMetadata* group = manager_.Get(request.group_id);
  if (group == nullptr) {
    // Not relying on group management (generation -1): the commit creates an Empty group. A
    // positive generation for a group we do not know comes from an older incarnation.
    if (request.generation_id >= 0) return fail_all(ErrorCode::kIllegalGeneration);
    group = &manager_.Add(std::make_unique<GroupMetadata>(request.group_id, GroupState::kEmpty, broker_.sim().now()));
  }
  DoCommitOffsets(*group, request, reply);
}

void GroupCoordinator::DoCommitOffsets(GroupMetadata& group, const OffsetCommitRequest& request, PendingReply reply) {
  auto fail_all = [&](ErrorCode error) {
    auto r = std::make_unique<OffsetCommitResponse>();
    for (const auto& [tp, o] : request.offsets) r->partitions[tp] = error;
    Send(reply, std::move(r));
  };
  if (auto error = ValidateOffsetCommit(group, request)) {
    broker_.Emit({.kind = "group.commit_refused",
                  .narration = fmt::format("group {} refuses a commit from {} (generation {}): {} — the group is at "
                                           "generation {}",
                                           group.group_id(), request.member_id.empty() ? "a group-less client" : request.member_id,
                                           request.generation_id, ToString(*error), group.generation()),
                  .rule = "only members of the current generation may commit",
                  .fields = {{"group", group.group_id()}, {"error", std::string(ToString(*error))}}});
    return fail_all(*error);
  }
  // The member has its generation from a JoinGroup answer but no assignment yet.
  if (group.Is(GroupState::kCompletingRebalance)) return fail_all(ErrorCode::kRebalanceInProgress);
  std::map<TopicPartition, CommittedOffset> offsets;
  for (const auto& [tp, o] : request.offsets) {
    offsets[tp] = CommittedOffset{.offset = o.offset, .leader_epoch = o.leader_epoch, .metadata = o.metadata,
                                  .commit_timestamp_ms = broker_.sim().now().millis()};
  }
  const std::string group_id = group.group_id();
  manager_.StoreOffsets(group_id, offsets, [this, group_id, offsets, reply](ErrorCode error) {
    auto r = std::make_unique<OffsetCommitResponse>();
    GroupMetadata* g = manager_.Get(group_id);
    for (const auto& [tp, o] : offsets) {
      r->partitions[tp] = error;
      if (error == ErrorCode::kNone && g != nullptr && !g->Is(GroupState::kDead)) g->offsets()[tp] = o;
    }
    if (error == ErrorCode::kNone && g != nullptr) {
      broker_.Emit("group.offsets_committed", [&] {
        std::vector<std::string> parts;
        for (const auto& [tp, o] : offsets) parts.push_back(fmt::format("{}={}", ToString(tp), o.offset));
        return DomainEvent{.narration = fmt::format("group {} committed {}: the next offsets it will read", group_id,
                                                    fmt::join(parts, ", ")),
                           .fields = {{"group", group_id}, {"partitions", offsets.size()}}};
      });
    }
    Send(reply, std::move(r));
  });
}

void GroupCoordinator::HandleOffsetFetch(const Envelope& e) {
  const auto& request = *e.As<OffsetFetchRequest>();
  auto r = std::make_unique<OffsetFetchResponse>();
  const PendingReply reply{e.from, request.correlation_id};
  if (auto error = ValidateGroupStatus(request.group_id)) {
    r->error = *error;
    return Send(reply, std::move(r));
  }
  const GroupMetadata* group = manager_.Get(request.group_id);
  const bool known = group != nullptr && !group->Is(GroupState::kDead);
  if (request.partitions) {
    for (const TopicPartition& tp : *request.partitions) {
      OffsetFetchPartition& p = r->partitions[tp];
      if (!known) continue;
      if (auto it = group->offsets().find(tp); it != group->offsets().end()) {
        p.offset = it->second.offset;
        p.leader_epoch = it->second.leader_epoch;
        p.metadata = it->second.metadata;
      }
    }
  } else if (known) {
    for (const auto& [tp, o] : group->offsets()) {
      r->partitions[tp] = OffsetFetchPartition{.offset = o.offset, .leader_epoch = o.leader_epoch, .metadata = o.metadata};
    }
  }
  Send(reply, std::move(r));
}

void GroupCoordinator::HandleOffsetDelete(const Envelope& e) {
  const auto& request = *e.As<OffsetDeleteRequest>();
  auto r = std::make_unique<OffsetDeleteResponse>();
  const PendingReply reply{e.from, request.correlation_id};
  if (auto error = ValidateGroupStatus(request.group_id)) {
    r->error = *error;
    return Send(reply, std::move(r));
  }
  GroupMetadata* group = manager_.Get(request.group_id);
  if (group == nullptr || group->Is(GroupState::kDead)) {
    r->error = ErrorCode::kGroupIdNotFound;
    return Send(reply, std::move(r));
  }
  // KafkaApis.handleOffsetDeleteRequest: partitions the broker does not know are answered first.
  std::vector<TopicPartition> known;
  for (const TopicPartition& tp : request.partitions) {
    if (broker_.metadata().Partition(tp) == nullptr) {
      r->partitions[tp] = ErrorCode::kUnknownTopicOrPartition;
    } else {
      known.push_back(tp);
    }
  }
  std::vector<TopicPartition> eligible;
  if (group->Is(GroupState::kEmpty)) {
    eligible = known;
  } else if (group->protocol_type() == "consumer") {
    // A live consumer group keeps the offsets of the topics its members subscribe to: they would
    // be committed again at once (GroupMetadata.isSubscribedToTopic).
    // A subscription that cannot be read counts as subscribed to everything.
    const std::optional<std::set<std::string>> subscribed = ConsumerGroupSubscribedTopics(*group);
    for (const TopicPartition& tp : known) {
      if (!subscribed || subscribed->contains(tp.topic)) {
        r->partitions[tp] = ErrorCode::kGroupSubscribedToTopic;
      } else {
        eligible.push_back(tp);
      }
    }
  } else {
    r->error = ErrorCode::kNonEmptyGroup;
    return Send(reply, std::move(r));
  }
  if (eligible.empty()) return Send(reply, std::move(r));
  size_t removed = 0;
  for (const TopicPartition& tp : eligible) {
    removed += group->offsets().erase(tp);
    r->partitions[tp] = ErrorCode::kNone;
  }
  // cleanupGroupMetadata: an Empty group left without offsets is gone.
  const bool group_too = group->Is(GroupState::kEmpty) && group->offsets().empty();
  Narrate("group.offsets_deleted", *group,
          fmt::format("group {} drops {} committed offset(s){}: tombstones go to {}-{}", group->group_id(), removed,
                      group_too ? " and, empty with no offsets left, the group itself" : "", kOffsetsTopic,
                      manager_.PartitionFor(group->group_id())));
  const std::string group_id = group->group_id();
  if (group_too) group->TransitionTo(GroupState::kDead, broker_.sim().now());
  auto response = std::make_shared<std::unique_ptr<OffsetDeleteResponse>>(std::move(r));
  manager_.StoreOffsetTombstones(group_id, eligible, group_too,
                                 [this, group_id, group_too, response, reply](ErrorCode) {
                                   if (group_too) manager_.Remove(group_id);
                                   Send(reply, std::move(*response));
                                 });
}

}  // namespace kafkasim
