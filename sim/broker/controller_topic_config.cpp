// A topic's config changed in ZooKeeper while this broker is the controller.

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/controller.h"

namespace kafkasim {

void KafkaController::OnTopicConfigChanged(const std::string& topic, const std::map<std::string, std::string>& config) {
  if (!active_) return;
  Enqueue([this, topic, config](Done done) {
    auto it = context_.topics.find(topic);
    if (it == context_.topics.end()) return done();
    it->second.config = config;
    if (!UncleanLeaderElectionEnabled(topic)) return done();
    broker_.Emit({.kind = "controller.unclean_enabled",
                  .narration = fmt::format("controller {} saw unclean.leader.election.enable=true for {}: it elects "
                                           "leaders for the topic's leaderless partitions now, out-of-sync replicas "
                                           "included",
                                           broker_.name(), topic),
                  .rule = "unclean.leader.election.enable=true",
                  .fields = {{"topic", topic}}});
    ElectOfflinePartitions(done);
  });
}

}  // namespace kafkasim
