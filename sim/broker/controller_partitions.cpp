// The controller's partition state machine: first leaders for new partitions, new leaders for
// partitions whose leader died, ISR removal of dead brokers, and the conditional ZooKeeper
// writes behind every change (PartitionStateMachine, ReplicaStateMachine, KafkaZkClient).

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/controller.h"
#include "sim/broker/countdown.h"
#include "sim/broker/leader_election.h"
#include "sim/broker/zk_data.h"

namespace kafkasim {

using zk::CheckOp;
using zk::CreateMode;
using zk::CreateOp;
using zk::OpResult;
using zk::SetDataOp;

namespace {

std::string LeaderName(BrokerId id) { return id == kNoLeader ? "none" : std::to_string(id.value()); }

}  // namespace

void KafkaController::InitializePartitions(const std::vector<TopicPartition>& partitions, Done done) {
  auto created = std::make_shared<std::vector<TopicPartition>>();
  auto next = Countdown(partitions.size(), Guard([this, created, done] {
    SendLeaderAndIsrToReplicas(*created);
    SendUpdateMetadata(*created);
    done();
  }));
  for (const TopicPartition& tp : partitions) {
    auto elected = InitialLeader(context_.Replicas(tp), LiveIds());
    if (!elected) {
      broker_.Emit({.kind = "partition.offline",
                    .narration = fmt::format("{} has no live replica among [{}]: it stays offline until one of "
                                             "them comes back",
                                             ToString(tp), JoinIds(context_.Replicas(tp))),
                    .fields = {{"topic", tp.topic}, {"partition", tp.partition}}});
      next();
      continue;
    }
    const LeaderAndIsr state{.leader = elected->leader, .leader_epoch = 0, .isr = elected->isr,
                             .controller_epoch = context_.epoch};
    // The parents first (their creation may race with nothing but an earlier partition).
    broker_.zk().Create(zkdata::PartitionsPath(tp.topic), "", CreateMode::kPersistent, [](const OpResult&) {});
    broker_.zk().Create(fmt::format("{}/{}", zkdata::PartitionsPath(tp.topic), tp.partition), "",
                        CreateMode::kPersistent, [](const OpResult&) {});
    std::vector<zk::MultiStep> steps = {
        CheckOp{.path = std::string(zkdata::kControllerEpoch), .version = context_.epoch_zk_version},
        CreateOp{.path = zkdata::PartitionStatePath(tp), .data = zkdata::EncodePartitionState(state)}};
    broker_.zk().Multi(std::move(steps), Guard([this, tp, state, created, next](const OpResult& r) {
      if (r.ok()) {
        LeaderAndIsr s = state;
        s.zk_version = 0;
        context_.states[tp] = s;
        created->push_back(tp);
        broker_.Emit({.kind = "partition.online",
                      .narration = fmt::format("{} is online: the first live replica leads", Describe(tp, s)),
                      .rule = "a new partition's leader is its first live replica; every live replica is in the ISR",
                      .fields = {{"topic", tp.topic}, {"partition", tp.partition}, {"leader", s.leader.value()},
                                 {"leader_epoch", s.leader_epoch}, {"isr", JoinIds(s.isr)}}});
      }
      next();
    }));
  }
}

void KafkaController::ElectOfflinePartitions(Done done) {
  StateChanges changes;
  const std::vector<BrokerId> live = LiveIds();
  for (const auto& [tp, state] : context_.states) {
    if (context_.deleting.contains(tp.topic)) continue;
    if (state.leader != kNoLeader && Contains(live, state.leader)) continue;
    const std::vector<BrokerId>& assignment = context_.Replicas(tp);
    const bool unclean = UncleanLeaderElectionEnabled(tp.topic);
    auto elected = ElectOfflinePartitionLeader(assignment, state.isr, live, unclean);
    if (!elected) {
      const bool any_live = std::any_of(assignment.begin(), assignment.end(),
                                        [&](BrokerId r) { return Contains(live, r); });
      broker_.Emit({.kind = "partition.offline",
                    .narration = any_live
                                     ? fmt::format("{} has no leader: no replica of its ISR [{}] is alive, and the "
                                                   "live out-of-sync replicas may not lead because they may miss "
                                                   "acknowledged records",
                                                   ToString(tp), JoinIds(state.isr))
                                     : fmt::format("{} has no leader: none of its replicas [{}] is alive", ToString(tp),
                                                   JoinIds(assignment)),
                    .rule = fmt::format("unclean.leader.election.enable={}", unclean),
                    .fields = {{"topic", tp.topic}, {"partition", tp.partition}}});
      continue;
    }
    const LeaderAndIsr next = AfterElection(state, *elected);
    if (elected->unclean) {
      broker_.Emit({.kind = "partition.unclean_election",
                    .narration = fmt::format("UNCLEAN election for {}: broker {} was not in the ISR [{}] but leads "
                                             "now; records only the old ISR had are lost",
                                             ToString(tp), elected->leader.value(), JoinIds(state.isr)),
                    .rule = "unclean.leader.election.enable=true",
                    .fields = {{"topic", tp.topic}, {"partition", tp.partition}, {"leader", elected->leader.value()}}});
    }
    changes.emplace_back(tp, next);
  }
  WriteStates(std::move(changes), "its leader is not alive: the first live replica of the ISR in assignment order leads",
              done);
}

void KafkaController::RemoveFromIsr(const std::vector<BrokerId>& brokers, Done done) {
  StateChanges changes;
  for (const auto& [tp, state] : context_.states) {
    LeaderAndIsr next = state;
    for (BrokerId b : brokers) {
      if (!Contains(next.isr, b)) continue;
      if (next.leader == b) next.leader = kNoLeader;
      // The last ISR member stays: it is the only one known to have every acknowledged record.
      if (next.isr.size() > 1) std::erase(next.isr, b);
    }
    if (next.leader == state.leader && next.isr == state.isr) continue;
    ++next.leader_epoch;
    next.controller_epoch = context_.epoch;
    changes.emplace_back(tp, next);
  }
  WriteStates(std::move(changes), [brokers](const LeaderAndIsr& before, const LeaderAndIsr& after) {
    std::vector<BrokerId> left, stayed;
    for (BrokerId b : before.isr) {
      if (!Contains(brokers, b)) continue;
      (Contains(after.isr, b) ? stayed : left).push_back(b);
    }
    std::vector<std::string> parts;
    if (!left.empty()) {
      parts.push_back(fmt::format("broker {} is dead: it leaves the ISR at once (replica.lag.time.max.ms is for slow "
                                  "followers, not dead ones)",
                                  JoinIds(left)));
    }
    if (!stayed.empty()) {
      parts.push_back(fmt::format("broker {} is dead but stays in the ISR as its last member, the only replica known "
                                  "to have every acknowledged record",
                                  JoinIds(stayed)));
    }
    if (after.leader == kNoLeader && before.leader != kNoLeader) {
      parts.push_back("no live in-sync replica can lead, so the partition is offline until one returns (or "
                      "unclean.leader.election.enable=true lets an out-of-sync replica lead)");
    }
    return fmt::format("{}", fmt::join(parts, "; "));
  }, done);
}

void KafkaController::RemoveShuttingDownFollower(BrokerId leaving, std::vector<TopicPartition> followed, Done done) {
  StateChanges changes;
  for (const TopicPartition& tp : followed) {
    const LeaderAndIsr& state = context_.states.at(tp);
    if (!Contains(state.isr, leaving) || state.isr.size() < 2) continue;
    LeaderAndIsr next = state;
    std::erase(next.isr, leaving);
    ++next.leader_epoch;
    next.controller_epoch = context_.epoch;
    changes.emplace_back(tp, next);
  }
  if (!followed.empty()) SendStopReplica(leaving, followed, /*delete_partitions=*/false);
  WriteStates(std::move(changes),
              fmt::format("broker {} is shutting down cleanly: it stops fetching the partitions it follows "
                          "(StopReplica, its log kept) and leaves their ISRs",
                          leaving.value()),
              done, leaving);
}

LeaderAndIsr KafkaController::AfterElection(const LeaderAndIsr& state, const ElectionResult& elected) const {
  LeaderAndIsr next = state;
  next.leader = elected.leader;
  next.isr = elected.isr;
  ++next.leader_epoch;
  next.controller_epoch = context_.epoch;
  return next;
}

bool KafkaController::UncleanLeaderElectionEnabled(const std::string& topic) const {
  const auto& config = context_.topics.at(topic).config;
  const auto it = config.find("unclean.leader.election.enable");
  if (it == config.end()) return broker_.config().unclean_leader_election_enable;
  return it->second == "true";
}

void KafkaController::WriteStates(StateChanges changes, Reason why, Done done, BrokerId not_told) {
  auto written = std::make_shared<std::vector<TopicPartition>>();
  auto next = Countdown(changes.size(), Guard([this, written, done, not_told] {
    // As ControllerBrokerRequestBatch does: every LeaderAndIsr goes with an UpdateMetadata to
    // every live broker, so that clients asking any broker find the new leader.
    SendLeaderAndIsrToReplicas(*written, not_told);
    SendUpdateMetadata(*written);
    done();
  }));
  for (auto& [tp, state] : changes) {
    const LeaderAndIsr before = context_.states.at(tp);
    std::vector<zk::MultiStep> steps = {
        CheckOp{.path = std::string(zkdata::kControllerEpoch), .version = context_.epoch_zk_version},
        SetDataOp{.path = zkdata::PartitionStatePath(tp), .data = zkdata::EncodePartitionState(state),
                  .version = before.zk_version}};
    broker_.zk().Multi(std::move(steps), Guard([this, tp, state, before, why, written, next](const OpResult& r) {
      if (!r.ok()) {
        if (!r.steps.empty() && r.steps[0].code != zk::ErrorCode::kOk) {
          Resign("/controller_epoch changed: another broker is the controller now (ControllerMovedException)");
          return;
        }
        next();
        return;
      }
      LeaderAndIsr s = state;
      s.zk_version = r.steps.size() > 1 ? r.steps[1].stat.version : before.zk_version + 1;
      context_.states[tp] = s;
      written->push_back(tp);
      const bool leader_changed = s.leader != before.leader;
      broker_.Emit({.kind = leader_changed ? "partition.leader_change" : "partition.isr_shrink",
                    .narration = fmt::format("{} (was leader {}, ISR [{}]): {}", Describe(tp, s),
                                             LeaderName(before.leader), JoinIds(before.isr), why(before, s)),
                    .fields = {{"topic", tp.topic}, {"partition", tp.partition}, {"leader", s.leader.value()},
                               {"leader_epoch", s.leader_epoch}, {"isr", JoinIds(s.isr)},
                               {"old_leader", before.leader.value()}, {"old_isr", JoinIds(before.isr)}}});
      next();
    }));
  }
}

}  // namespace kafkasim
