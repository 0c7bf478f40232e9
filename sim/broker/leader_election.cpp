#include "sim/broker/leader_election.h"

namespace kafkasim {
namespace {

std::vector<BrokerId> Filter(const std::vector<BrokerId>& ids, const std::vector<BrokerId>& keep) {
  std::vector<BrokerId> out;
  for (BrokerId id : ids) {
    if (Contains(keep, id)) out.push_back(id);
  }
  return out;
}

}  // namespace

std::optional<ElectionResult> ElectOfflinePartitionLeader(const std::vector<BrokerId>& assignment,
                                                          const std::vector<BrokerId>& isr,
                                                          const std::vector<BrokerId>& live,
                                                          bool unclean_leader_election_enable) {
  const std::vector<BrokerId> live_isr = Filter(isr, live);
  for (BrokerId r : assignment) {
    if (Contains(live, r) && Contains(isr, r)) return ElectionResult{.leader = r, .isr = live_isr};
  }
  if (!unclean_leader_election_enable) return std::nullopt;
  for (BrokerId r : assignment) {
    if (Contains(live, r)) return ElectionResult{.leader = r, .isr = {r}, .unclean = true};
  }
  return std::nullopt;
}

std::optional<ElectionResult> InitialLeader(const std::vector<BrokerId>& assignment, const std::vector<BrokerId>& live) {
  const std::vector<BrokerId> live_replicas = Filter(assignment, live);
  if (live_replicas.empty()) return std::nullopt;
  return ElectionResult{.leader = live_replicas.front(), .isr = live_replicas};
}

std::optional<ElectionResult> ElectPreferredLeader(const std::vector<BrokerId>& assignment,
                                                   const std::vector<BrokerId>& isr, const std::vector<BrokerId>& live) {
  if (assignment.empty()) return std::nullopt;
  const BrokerId preferred = assignment.front();
  if (!Contains(live, preferred) || !Contains(isr, preferred)) return std::nullopt;
  return ElectionResult{.leader = preferred, .isr = isr};
}

std::optional<ElectionResult> ElectControlledShutdownLeader(const std::vector<BrokerId>& assignment,
                                                            const std::vector<BrokerId>& isr,
                                                            const std::vector<BrokerId>& live,
                                                            const std::vector<BrokerId>& shutting_down) {
  std::vector<BrokerId> new_isr;
  for (BrokerId r : isr) {
    if (!Contains(shutting_down, r)) new_isr.push_back(r);
  }
  for (BrokerId r : assignment) {
    if (Contains(live, r) && Contains(new_isr, r)) return ElectionResult{.leader = r, .isr = new_isr};
  }
  return std::nullopt;
}

}  // namespace kafkasim
