#pragma once
// Kafka's partition leader election rules (PartitionLeaderElectionAlgorithms in the ZooKeeper
// controller), as pure functions so that each rule can be tested on its own.

#include <optional>
#include <vector>

#include "sim/protocol/types.h"

namespace kafkasim {

struct ElectionResult {
  BrokerId leader = kNoLeader;
  std::vector<BrokerId> isr;
  bool unclean = false;  // the leader came from outside the ISR: acknowledged records may be lost
};

// A partition without a live leader: the first replica in assignment order that is alive and
// in the ISR; failing that, with unclean.leader.election.enable, the first live replica (the
// ISR becomes just that replica); otherwise none. Returns nullopt when nobody can lead.
std::optional<ElectionResult> ElectOfflinePartitionLeader(const std::vector<BrokerId>& assignment,
                                                          const std::vector<BrokerId>& isr,
                                                          const std::vector<BrokerId>& live,
                                                          bool unclean_leader_election_enable);

// A new partition: the first live replica leads and every live replica is in the ISR.
std::optional<ElectionResult> InitialLeader(const std::vector<BrokerId>& assignment, const std::vector<BrokerId>& live);

// kafka-leader-election.sh --election-type preferred: the first replica of the assignment, if it
// is alive and in the ISR.
std::optional<ElectionResult> ElectPreferredLeader(const std::vector<BrokerId>& assignment,
                                                   const std::vector<BrokerId>& isr, const std::vector<BrokerId>& live);

// A broker shutting down cleanly: the first live ISR member that is not shutting down; the
// ISR loses the brokers shutting down.
std::optional<ElectionResult> ElectControlledShutdownLeader(const std::vector<BrokerId>& assignment,
                                                            const std::vector<BrokerId>& isr,
                                                            const std::vector<BrokerId>& live,
                                                            const std::vector<BrokerId>& shutting_down);

}  // namespace kafkasim
