#include "sim/client/consumer_coordinator.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/core/domain_event.h"
#include "sim/protocol/consumer_protocol.h"

namespace kafkasim {
namespace {

std::string Join(const std::vector<TopicPartition>& tps) {
  if (tps.empty()) return "nothing";
  std::vector<std::string> parts;
  for (const TopicPartition& tp : tps) parts.push_back(ToString(tp));
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::vector<TopicPartition> Minus(const std::vector<TopicPartition>& a, const std::vector<TopicPartition>& b) {
  std::vector<TopicPartition> out;
  for (const TopicPartition& tp : a) {
    if (std::find(b.begin(), b.end(), tp) == b.end()) out.push_back(tp);
  }
  return out;
}

bool IsCoordinatorError(ErrorCode e) {
  return e == ErrorCode::kCoordinatorNotAvailable || e == ErrorCode::kNotCoordinator;
}

}  // namespace

ConsumerCoordinator::ConsumerCoordinator(Simulation& sim, NodeId self, const BrokerDirectory& directory,
                                         NetworkClient& network, ClientMetadata& metadata, GroupConfig config,
                                         Hooks hooks)
    : AbstractCoordinator(sim, self, directory, network, metadata,
                          GroupMembershipConfig{.group_id = config.group_id,
                                                .group_instance_id = config.group_instance_id,
                                                .client_id = config.client_id,
                                                .session_timeout = config.session_timeout,
                                                .heartbeat_interval = config.heartbeat_interval,
                                                .rebalance_timeout = config.max_poll_interval,
                                                .request_timeout = config.request_timeout,
                                                .retry_backoff = config.retry_backoff}),
      config_(std::move(config)), hooks_(std::move(hooks)) {
  for (const std::string& name : config_.assignors) {
    if (auto a = MakeAssignor(name)) assignors_.push_back(std::move(a));
  }
  assert(!assignors_.empty() && "the config parser admits only modelled assignors");
  rebalance_protocol_ = CommonRebalanceProtocol(assignors_);
}

void ConsumerCoordinator::Subscribe(std::vector<std::string> topics) {
  std::sort(topics.begin(), topics.end());
  topics.erase(std::unique(topics.begin(), topics.end()), topics.end());
  if (topics == topics_) return;
  topics_ = std::move(topics);
  for (const std::string& t : topics_) metadata_.AddTopic(t);
  metadata_.RequestUpdate();
  RequestRejoin("subscription changed");
}

// --- joining ---

void ConsumerCoordinator::Revoke(bool lost) {
  if (assignment_.empty()) return;
  const std::vector<TopicPartition> revoked = std::exchange(assignment_, {});
  Narrate(lost ? "consumer.partitions_lost" : "consumer.partitions_revoked",
          lost ? fmt::format("{} lost {}: its generation is gone, so it may not commit them", config_.client_id,
                             Join(revoked))
               : fmt::format("{} gives up {} before rejoining: with the eager protocol every member revokes "
                             "everything, so the whole group stops consuming until the new assignment",
                             config_.client_id, Join(revoked)),
          lost ? "" : "eager rebalance: revoke all before JoinGroup");
  if (!lost) NarratePaused(revoked, "the eager protocol revokes everything before rejoining");
  hooks_.on_revoked(revoked, lost);
}

void ConsumerCoordinator::NarratePaused(const std::vector<TopicPartition>& revoked, const std::string& why) {
  // One event a partition, so that a scenario can count how many partitions a rebalance paused.
  for (const TopicPartition& tp : revoked) {
    EmitDomainEvent(sim_, self_,
                    {.kind = "consumer.partition_revoked",
                     .narration = fmt::format("{} stops consuming {}: {}", config_.client_id, ToString(tp), why),
                     .fields = {{"group", config_.group_id}, {"partition", ToString(tp)}, {"generation", generation()}}});
  }
}

void ConsumerCoordinator::RevokeCooperatively() {
  // onJoinPrepare, COOPERATIVE: only partitions of topics no longer subscribed go now.
  std::vector<TopicPartition> gone;
  for (const TopicPartition& tp : assignment_) {
    if (!std::binary_search(topics_.begin(), topics_.end(), tp.topic)) gone.push_back(tp);
  }
  if (!gone.empty()) {
    assignment_ = Minus(assignment_, gone);
    Narrate("consumer.partitions_revoked",
            fmt::format("{} gives up {}: it no longer subscribes to their topics", config_.client_id, Join(gone)),
            "cooperative rebalance: revoke only what must go");
    NarratePaused(gone, "it no longer subscribes to the topic");
    hooks_.on_revoked(gone, false);
  }
  if (assignment_.empty()) return;
  Narrate("consumer.partitions_kept",
          fmt::format("{} rejoins group {} keeping {}: with the cooperative protocol it goes on consuming them during "
                      "the rebalance and tells the leader it owns them",
                      config_.client_id, config_.group_id, Join(assignment_)),
          "cooperative rebalance (KIP-429): owned partitions are kept across a rebalance");
}

void ConsumerCoordinator::OnJoinPrepare() {
  if (generation() == kNoGeneration) return Revoke(true);
  if (config_.enable_auto_commit && !assignment_.empty()) {
    // ConsumerCoordinator.onJoinPrepare: commit what was consumed before giving it up.
    preparing_commit_ = true;
    CommitAsync(hooks_.consumed(), [this](ErrorCode) {
      preparing_commit_ = false;
      RevokeBeforeJoin();
      Wake(sim_.now());
    });
    return;
  }
  RevokeBeforeJoin();
}

void ConsumerCoordinator::RevokeBeforeJoin() {
  if (generation() == kNoGeneration) return Revoke(true);  // lost while the commit was in flight
  if (rebalance_protocol_ == RebalanceProtocol::kCooperative) return RevokeCooperatively();
  Revoke(false);
}

std::vector<JoinGroupProtocol> ConsumerCoordinator::JoinMetadata() {
  std::vector<JoinGroupProtocol> protocols;
  for (const auto& assignor : assignors_) {
    // ConsumerCoordinator.metadata(): the owned partitions and generation go to every assignor
    // (empty after an eager revoke); each assignor adds its own user data.
    protocols.push_back(
        {std::string(assignor->name()),
         EncodeSubscription(ConsumerSubscription{.topics = topics_,
                                                 .user_data = assignor->SubscriptionUserData(),
                                                 .owned_partitions = assignment_,
                                                 .generation_id = generation()})});
  }
  return protocols;
}

void ConsumerCoordinator::OnFenced() {
  Revoke(true);
  if (hooks_.on_fatal) {
    hooks_.on_fatal(fmt::format("org.apache.kafka.common.errors.FencedInstanceIdException: {}",
                                DefaultMessage(ErrorCode::kFencedInstanceId)));
  }
}

std::vector<SyncGroupAssignment> ConsumerCoordinator::OnLeaderElected(const JoinGroupResponse& r) {
  const PartitionAssignor* assignor = nullptr;
  for (const auto& a : assignors_) {
    if (a->name() == r.protocol_name.value_or("")) assignor = a.get();
  }
  if (assignor == nullptr) return {};
  std::vector<MemberSubscription> members;
  PartitionsPerTopic partitions;
  for (const JoinGroupMember& m : r.members) {
    auto s = DecodeSubscription(m.metadata);
    if (!s) continue;
    for (const std::string& t : s->topics) {
      metadata_.AddTopic(t);
      if (auto n = metadata_.PartitionCount(t)) partitions[t] = *n;
    }
    members.push_back(MemberSubscription{m.member_id, m.group_instance_id, std::move(*s)});
  }
  const GroupAssignment assignment = assignor->Assign(partitions, members);
  std::vector<SyncGroupAssignment> out;
  std::vector<std::string> lines;
  std::vector<TopicPartition> assigned, withheld;
  for (const auto& [member, tps] : assignment) {
    out.push_back({member, EncodeAssignment(ConsumerAssignment{.partitions = tps})});
    lines.push_back(fmt::format("{} → {}", member, Join(tps)));
    assigned.insert(assigned.end(), tps.begin(), tps.end());
  }
  for (const MemberSubscription& m : members) {
    for (const TopicPartition& tp : Minus(m.subscription.owned_partitions, assigned)) withheld.push_back(tp);
  }
  std::sort(withheld.begin(), withheld.end());
  Narrate("consumer.assignment_computed",
          fmt::format("{} leads group {} in generation {}: the {} assignor gives {}{}", config_.client_id,
                      config_.group_id, generation(), assignor->name(), fmt::join(lines, "; "),
                      withheld.empty() ? ""
                                       : fmt::format(". {} change owner: nobody gets them in this generation; their "
                                                     "owners revoke them and rejoin, and the next rebalance hands them "
                                                     "over",
                                                     Join(withheld))),
          withheld.empty() ? "the group leader computes the assignment (partition.assignment.strategy)"
                           : "cooperative rebalance: a partition that moves is first revoked, then assigned");
  return out;
}

void ConsumerCoordinator::OnJoinComplete(const std::string& bytes) {
  auto decoded = DecodeAssignment(bytes);
  std::vector<TopicPartition> assigned = decoded ? decoded->partitions : std::vector<TopicPartition>{};
  std::sort(assigned.begin(), assigned.end());
  for (const auto& a : assignors_) {
    if (a->name() == protocol().value_or("")) a->OnAssignment(assigned, generation());
  }
  next_auto_commit_ = sim_.now() + config_.auto_commit_interval;
  if (rebalance_protocol_ == RebalanceProtocol::kCooperative) return CompleteCooperativeJoin(std::move(assigned));
  assignment_ = std::move(assigned);
  Narrate("consumer.assigned",
          fmt::format("{} is assigned {} in generation {} of group {}", config_.client_id, Join(assignment_),
                      generation(), config_.group_id));
  hooks_.on_assigned(assignment_);
}

void ConsumerCoordinator::CompleteCooperativeJoin(std::vector<TopicPartition> assigned) {
  // onJoinComplete, COOPERATIVE: revoke what is owned but no longer assigned, start what is new.
  const std::vector<TopicPartition> revoked = Minus(assignment_, assigned);
  const std::vector<TopicPartition> added = Minus(assigned, assignment_);
  const std::vector<TopicPartition> kept = Minus(assigned, added);
  assignment_ = std::move(assigned);
  std::vector<std::string> news;
  if (!kept.empty()) news.push_back(fmt::format("it kept consuming {} throughout the rebalance", Join(kept)));
  if (!added.empty()) news.push_back(fmt::format("{} is new", Join(added)));
  if (!revoked.empty()) {
    news.push_back(fmt::format("{} {} to another member", Join(revoked), revoked.size() == 1 ? "moves" : "move"));
  }
  Narrate("consumer.assigned",
          fmt::format("{} is assigned {} in generation {} of group {}{}{}", config_.client_id, Join(assignment_),
                      generation(), config_.group_id, news.empty() ? "" : ": ", fmt::join(news, "; ")),
          "cooperative rebalance: only partitions that move pause");
  if (!revoked.empty()) {
    Narrate("consumer.partitions_revoked",
            fmt::format("{} revokes {}: generation {} gives them to another member, who can only get them once they "
                        "are released. It rejoins at once, so a second rebalance hands them over",
                        config_.client_id, Join(revoked), generation()),
            "cooperative rebalance (KIP-429): revoke what moved, then rejoin");
    NarratePaused(revoked, "it moves to another member (cooperative: only moved partitions pause)");
    hooks_.on_revoked(revoked, false);
    RequestRejoin(fmt::format("need to revoke partitions {} as indicated by the current assignment and re-join",
                              Join(revoked)));
  }
  hooks_.on_assigned(assignment_);
}

// --- offsets ---

void ConsumerCoordinator::MaybeAutoCommit(Time now) {
  if (!config_.enable_auto_commit) return;
  if (now < next_auto_commit_) return hooks_.wake(next_auto_commit_);
  next_auto_commit_ = now + config_.auto_commit_interval;
  hooks_.wake(next_auto_commit_);
  auto offsets = hooks_.consumed();
  if (offsets.empty()) return;
  CommitAsync(std::move(offsets), [this](ErrorCode error) {
    if (error != ErrorCode::kNone) {
      network_.Log("WARN", fmt::format("Asynchronous auto-commit of offsets failed: {}", DefaultMessage(error)),
                   "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator");
    }
  });
}

void ConsumerCoordinator::CommitAsync(std::map<TopicPartition, Offset> offsets, CommitCallback done) {
  if (offsets.empty()) return done(ErrorCode::kNone);
  // sendOffsetCommitRequest: a subscribed member commits only while Stable. Out of the group
  // (after a poll timeout) the commit fails without a request, CommitFailedException; during a
  // rebalance with RebalanceInProgressException.
  if (!topics_.empty() && state_ != State::kStable) {
    return done(state_ == State::kUnjoined ? ErrorCode::kUnknownMemberId : ErrorCode::kRebalanceInProgress);
  }
  if (coordinator() == kNoLeader) return done(ErrorCode::kCoordinatorNotAvailable);
  auto request = std::make_unique<OffsetCommitRequest>();
  request->group_id = config_.group_id;
  request->generation_id = generation();
  request->member_id = member_id();
  request->group_instance_id = config_.group_instance_id;
  std::vector<std::string> parts;
  for (const auto& [tp, o] : offsets) {
    request->offsets[tp] = OffsetCommitPartition{.offset = o.value()};
    parts.push_back(fmt::format("{}={}", ToString(tp), o.value()));
  }
  const std::string what = fmt::format("{}", fmt::join(parts, ", "));
  SendToCoordinator<OffsetCommitResponse>(
      std::move(request), config_.request_timeout,
      [this, done, what](const OffsetCommitResponse& r) {
        ErrorCode error = ErrorCode::kNone;
        for (const auto& [tp, e] : r.partitions) {
          if (e != ErrorCode::kNone) error = e;
        }
        if (error == ErrorCode::kNone) {
          Narrate("consumer.committed", fmt::format("{} committed {} for group {}", config_.client_id, what,
                                                    config_.group_id));
        } else if (IsCoordinatorError(error)) {
          MarkCoordinatorUnknown(std::string(ToString(error)));
        } else if (error == ErrorCode::kFencedInstanceId) {
          Fence("OffsetCommit");
        } else if (error == ErrorCode::kRebalanceInProgress) {
          RequestRejoin("a commit found the group rebalancing");
        } else if (error == ErrorCode::kIllegalGeneration || error == ErrorCode::kUnknownMemberId) {
          network_.Log("ERROR",
                       "Offset commit failed: Commit cannot be completed since the group has already rebalanced and "
                       "assigned the partitions to another member.",
                       "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator");
          ResetGeneration(true, fmt::format("a commit was answered {}", ToString(error)));
        }
        done(error);
      },
      [this, done] {
        MarkCoordinatorUnknown("OffsetCommit timed out");
        done(ErrorCode::kRequestTimedOut);
      });
}

void ConsumerCoordinator::FetchCommitted(
    std::vector<TopicPartition> partitions,
    std::function<void(ErrorCode, const std::map<TopicPartition, OffsetFetchPartition>&)> done) {
  if (coordinator() == kNoLeader) return done(ErrorCode::kCoordinatorNotAvailable, {});
  auto request = std::make_unique<OffsetFetchRequest>();
  request->group_id = config_.group_id;
  request->partitions = std::move(partitions);
  SendToCoordinator<OffsetFetchResponse>(
      std::move(request), config_.request_timeout,
      [this, done](const OffsetFetchResponse& r) {
        if (IsCoordinatorError(r.error)) MarkCoordinatorUnknown(std::string(ToString(r.error)));
        done(r.error, r.partitions);
      },
      [this, done] {
        MarkCoordinatorUnknown("OffsetFetch timed out");
        done(ErrorCode::kRequestTimedOut, {});
      });
}

void ConsumerCoordinator::OnStaticClose() {
  Narrate("consumer.static_close",
          fmt::format("{} closes without LeaveGroup: it is a static member (group.instance.id={}), so the group "
                      "keeps its partitions for session.timeout.ms={} in case it comes back",
                      config_.client_id, config_.group_instance_id.value_or(""), config_.session_timeout.millis()),
          "KIP-345: static members do not leave the group on close");
}

void ConsumerCoordinator::Close(std::function<void()> done) {
  auto leave = [this, done] { LeaveGroup("the consumer is being closed", done); };
  if (config_.enable_auto_commit && state_ == State::kStable && coordinator() != kNoLeader) {
    closing_ = true;
    return CommitAsync(hooks_.consumed(), [leave](ErrorCode) { leave(); });
  }
  leave();
}

}  // namespace kafkasim
