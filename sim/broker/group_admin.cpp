// Finding a group's coordinator (creating __consumer_offsets on first use) and the admin requests
// behind kafka-consumer-groups.sh: ListGroups, DescribeGroups, DeleteGroups.

#include <fmt/format.h>

#include "sim/broker/admin_manager.h"
#include "sim/broker/broker.h"
#include "sim/broker/group_coordinator.h"

namespace kafkasim {

void GroupCoordinator::HandleFindCoordinator(const Envelope& e) {
  const auto& request = *e.As<FindCoordinatorRequest>();
  auto r = std::make_unique<FindCoordinatorResponse>();
  const PendingReply reply{e.from, request.correlation_id};
  auto fail = [&](ErrorCode error) {
    r->error = error;
    r->error_message = std::string(DefaultMessage(error));
    Send(reply, std::move(r));
  };
  if (request.key_type != 0) return fail(ErrorCode::kInvalidRequest);  // transactions are not simulated
  const MetadataCache& cache = broker_.metadata();
  if (!cache.HasTopic(kOffsetsTopic)) {
    // KafkaApis.getCoordinator: the offsets topic does not exist yet; ask for it and let the
    // client retry.
    MaybeCreateOffsetsTopic();
    return fail(ErrorCode::kCoordinatorNotAvailable);
  }
  const PartitionState* p = cache.Partition(TopicPartition{kOffsetsTopic, manager_.PartitionFor(request.key)});
  if (p == nullptr || p->state.leader == kNoLeader || !cache.IsLive(p->state.leader)) {
    return fail(ErrorCode::kCoordinatorNotAvailable);
  }
  for (const LiveBroker& b : cache.live_brokers()) {
    if (b.id != p->state.leader) continue;
    r->node_id = b.id;
    r->host = b.host;
    r->port = b.port;
    r->error_message = "NONE";
    return Send(reply, std::move(r));
  }
  fail(ErrorCode::kCoordinatorNotAvailable);
}

void GroupCoordinator::MaybeCreateOffsetsTopic() {
  // The same path as any auto-created topic (AutoTopicCreationManager), with the offsets topic's
  // partition count, replication factor and compaction (sim/admin/create_topic.h); created even
  // when auto.create.topics.enable is off.
  const ErrorCode result = broker_.admin().AutoCreate(kOffsetsTopic);
  if (result == ErrorCode::kLeaderNotAvailable) return;  // being created
  broker_.Emit({.kind = "group.offsets_topic_unavailable",
                .narration = fmt::format("{} cannot create {} yet ({}): group coordinators stay unavailable until "
                                         "offsets.topic.replication.factor={} brokers are alive",
                                         broker_.name(), kOffsetsTopic, ToString(result),
                                         broker_.config().offsets_topic_replication_factor),
                .rule = fmt::format("offsets.topic.replication.factor={}",
                                    broker_.config().offsets_topic_replication_factor),
                .fields = {{"error", std::string(ToString(result))}}});
}

void GroupCoordinator::HandleListGroups(const Envelope& e) {
  const auto& request = *e.As<ListGroupsRequest>();
  auto r = std::make_unique<ListGroupsResponse>();
  for (const auto& [id, group] : manager_.groups()) {
    const std::string state(ToString(group->state()));
    if (!request.states_filter.empty() &&
        std::find(request.states_filter.begin(), request.states_filter.end(), state) == request.states_filter.end()) {
      continue;
    }
    r->groups.push_back(ListedGroup{id, group->protocol_type().value_or(""), state});
  }
  Send(PendingReply{e.from, request.correlation_id}, std::move(r));
}

void GroupCoordinator::HandleDescribeGroups(const Envelope& e) {
  const auto& request = *e.As<DescribeGroupsRequest>();
  auto r = std::make_unique<DescribeGroupsResponse>();
  for (const std::string& id : request.groups) {
    DescribedGroup d{.group_id = id, .state = "Dead"};
    if (auto error = ValidateGroupStatus(id)) {
      d.error = *error;
    } else if (const GroupMetadata* group = manager_.Get(id)) {
      // GroupMetadata.summary: subscriptions and assignments only while Stable.
      const bool stable = group->Is(GroupState::kStable);
      d.state = std::string(ToString(group->state()));
      d.protocol_type = group->protocol_type().value_or("");
      d.protocol_data = stable ? group->protocol_name().value_or("") : "";
      for (const MemberMetadata* m : group->MembersInJoinOrder()) {
        d.members.push_back(DescribedGroupMember{
            .member_id = m->member_id, .group_instance_id = m->group_instance_id, .client_id = m->client_id,
            .client_host = m->client_host, .metadata = stable ? m->Metadata(*group->protocol_name()) : "",
            .assignment = stable ? m->assignment : ""});
      }
    }
    r->groups.push_back(std::move(d));
  }
  Send(PendingReply{e.from, request.correlation_id}, std::move(r));
}

void GroupCoordinator::HandleDeleteGroups(const Envelope& e) {
  const auto& request = *e.As<DeleteGroupsRequest>();
  auto response = std::make_shared<std::unique_ptr<DeleteGroupsResponse>>(std::make_unique<DeleteGroupsResponse>());
  const PendingReply reply{e.from, request.correlation_id};
  std::vector<std::string> eligible;
  for (const std::string& id : request.groups) {
    ErrorCode& result = (*response)->results[id];
    if (auto error = ValidateGroupStatus(id)) {
      result = *error;
      continue;
    }
    GroupMetadata* group = manager_.Get(id);
    if (group == nullptr || group->Is(GroupState::kDead)) {
      result = ErrorCode::kGroupIdNotFound;
    } else if (!group->Is(GroupState::kEmpty)) {
      result = ErrorCode::kNonEmptyGroup;
    } else {
      eligible.push_back(id);
    }
  }
  if (eligible.empty()) return Send(reply, std::move(*response));
  auto remaining = std::make_shared<size_t>(eligible.size());
  for (const std::string& id : eligible) {
    GroupMetadata& group = *manager_.Get(id);
    group.TransitionTo(GroupState::kDead, broker_.sim().now());
    Narrate("group.deleted", group,
            fmt::format("group {} is deleted: tombstones for its metadata and {} committed offset(s) go to {}-{}", id,
                        group.offsets().size(), kOffsetsTopic, manager_.PartitionFor(id)));
    manager_.StoreTombstones(group, [this, id, response, remaining, reply](ErrorCode error) {
      (*response)->results[id] = error;
      manager_.Remove(id);
      if (--*remaining == 0) Send(reply, std::move(*response));
    });
  }
}

}  // namespace kafkasim
