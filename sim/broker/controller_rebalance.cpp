// Automatic preferred-leader balancing (KafkaController.checkAndTriggerAutoLeaderRebalance):
// every leader.imbalance.check.interval.seconds the controller counts, per broker, the
// partitions whose preferred (first) replica it is but which another broker leads; above
// leader.imbalance.per.broker.percentage it moves those leaderships back to the preferred
// replica where that replica is alive and in sync. A broker that restarts thus gets its
// leaderships back — minutes later, not at once.

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/controller.h"
#include "sim/broker/leader_election.h"

namespace kafkasim {

void KafkaController::ScheduleLeaderRebalance(Duration delay) {
  if (!broker_.config().auto_leader_rebalance_enable) return;
  broker_.sim().Schedule(delay, broker_.node(),
                         Guard([this] {
                           Enqueue([this](Done done) { RebalanceLeaders(done); });
                           ScheduleLeaderRebalance(broker_.config().leader_imbalance_check_interval);
                         }),
                         "leader imbalance check");
}

void KafkaController::RebalanceLeaders(Done done) {
  std::map<BrokerId, std::vector<TopicPartition>> preferred_of;
  for (const auto& [tp, state] : context_.states) {
    if (context_.deleting.contains(tp.topic)) continue;
    const auto& replicas = context_.Replicas(tp);
    if (!replicas.empty()) preferred_of[replicas.front()].push_back(tp);
  }
  const std::vector<BrokerId> live = LiveIds();
  const int32_t threshold = broker_.config().leader_imbalance_per_broker_percentage;
  StateChanges changes;
  for (const auto& [preferred, partitions] : preferred_of) {
    std::vector<TopicPartition> elsewhere;
    for (const TopicPartition& tp : partitions) {
      if (context_.states.at(tp).leader != preferred) elsewhere.push_back(tp);
    }
    const double ratio = static_cast<double>(elsewhere.size()) / static_cast<double>(partitions.size());
    if (ratio * 100 <= threshold || !Contains(live, preferred)) continue;
    for (const TopicPartition& tp : elsewhere) {
      const LeaderAndIsr& state = context_.states.at(tp);
      auto elected = ElectPreferredLeader(context_.Replicas(tp), state.isr, live);
      if (!elected) continue;
      changes.emplace_back(tp, AfterElection(state, *elected));
    }
  }
  if (changes.empty()) return done();
  WriteStates(std::move(changes),
              fmt::format("the preferred replica leads again (leader.imbalance.per.broker.percentage={} was "
                          "exceeded)",
                          threshold),
              done);
}

}  // namespace kafkasim
