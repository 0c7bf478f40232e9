// Leader elections an operator asks for (kafka-leader-election.sh through ElectLeaders): the
// controller's onReplicaElection in ZooKeeper mode. A preferred election gives the partition
// back to its first replica when that replica is alive and in sync; an unclean election gives a
// leaderless partition to a live replica even from outside the ISR, accepting the loss of
// acknowledged records it never had.

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/controller.h"
#include "sim/broker/leader_election.h"

namespace kafkasim {

namespace {

std::string_view StrategyName(ElectionType type) {
  return type == ElectionType::kPreferred ? "PreferredReplicaPartitionLeaderElectionStrategy"
                                          : "OfflinePartitionLeaderElectionStrategy(true)";
}

}  // namespace

void KafkaController::HandleElectLeaders(const Envelope& envelope) {
  const auto& request = *envelope.As<ElectLeadersRequest>();
  const NodeId from = envelope.from;
  const int32_t correlation = request.correlation_id;
  if (!active_) {
    auto response = std::make_unique<ElectLeadersResponse>();
    response->error = ErrorCode::kNotController;
    broker_.Reply(envelope, std::move(response));
    return;
  }
  Enqueue([this, type = request.type, wanted = request.partitions, from, correlation](Done done) {
    auto results = std::make_shared<std::map<TopicPartition, PartitionResult>>();
    const std::vector<BrokerId> live = LiveIds();
    StateChanges changes;
    for (const TopicPartition& tp : wanted ? *wanted : context_.AllPartitions()) {
      PartitionResult& result = (*results)[tp];
      const auto topic = context_.topics.find(tp.topic);
      if (topic == context_.topics.end() || !topic->second.assignment.contains(tp.partition) ||
          !context_.states.contains(tp)) {
        result.error = ErrorCode::kUnknownTopicOrPartition;
        result.message = DefaultMessage(result.error);
        continue;
      }
      if (context_.deleting.contains(tp.topic)) {
        result.error = ErrorCode::kInvalidTopicException;
        result.message = "The topic is being deleted";
        continue;
      }
      const LeaderAndIsr& state = context_.states.at(tp);
      const std::vector<BrokerId>& replicas = context_.Replicas(tp);
      const bool led = state.leader != kNoLeader && Contains(live, state.leader);
      if (type == ElectionType::kPreferred ? state.leader == replicas.front() : led) {
        result.error = ErrorCode::kElectionNotNeeded;
        result.message = DefaultMessage(result.error);
        continue;
      }
      auto elected = type == ElectionType::kPreferred ? ElectPreferredLeader(replicas, state.isr, live)
                                                      : ElectOfflinePartitionLeader(replicas, state.isr, live, true);
      if (!elected) {
        result.error = type == ElectionType::kPreferred ? ErrorCode::kPreferredLeaderNotAvailable
                                                        : ErrorCode::kEligibleLeadersNotAvailable;
        result.message = fmt::format("Failed to elect leader for partition {} under strategy {}", ToString(tp),
                                     StrategyName(type));
        continue;
      }
      if (elected->unclean) {
        broker_.Emit({.kind = "partition.unclean_election",
                      .narration = fmt::format("UNCLEAN election for {}, asked for by an operator: broker {} was not "
                                               "in the ISR [{}] but leads now; records only the old ISR had are lost",
                                               ToString(tp), elected->leader.value(), JoinIds(state.isr)),
                      .rule = "kafka-leader-election.sh --election-type unclean",
                      .fields = {{"topic", tp.topic}, {"partition", tp.partition},
                                 {"leader", elected->leader.value()}}});
      }
      changes.emplace_back(tp, AfterElection(state, *elected));
    }
    // KafkaApis: an election over every partition reports only the partitions it acted on.
    if (!wanted) std::erase_if(*results, [](const auto& r) { return r.second.error == ErrorCode::kElectionNotNeeded; });
    std::vector<std::pair<TopicPartition, BrokerId>> intended;
    for (const auto& [tp, state] : changes) intended.emplace_back(tp, state.leader);
    const std::string why = type == ElectionType::kPreferred
                                ? "an operator asked for a preferred leader election: the first replica leads again"
                                : "an operator asked for an unclean leader election";
    WriteStates(std::move(changes), why, Guard([this, results, intended, from, correlation, done] {
      for (const auto& [tp, leader] : intended) {
        if (context_.states.at(tp).leader != leader) {
          (*results)[tp].error = ErrorCode::kUnknownServerError;
          (*results)[tp].message = "The controller could not write the new leader to ZooKeeper.";
        }
      }
      auto response = std::make_unique<ElectLeadersResponse>();
      response->correlation_id = correlation;
      response->results = std::move(*results);
      broker_.Send(from, std::move(response));
      done();
    }));
  });
}

}  // namespace kafkasim
