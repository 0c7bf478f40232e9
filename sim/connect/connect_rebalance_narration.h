#pragma once
// What a Connect group rebalance says to a student, one line per worker and one for lost work:
//
//   connect-1 (leader) runs src, src-0; starts src-0
//   connect-2 runs snk, snk-0; stops snk-1 (it moves once stopped: revoked first, assigned in the next rebalance)
//   src-1 lost with its worker: held back 30s (scheduled.rebalance.max.delay.ms) in case it returns
//
// `names` maps group member ids to worker names ("connect-2"); a member without a name is shown
// by its id.

#include <map>
#include <string>
#include <vector>

#include "sim/protocol/connect_assignment.h"

namespace kafkasim {

std::vector<std::string> NarrateConnectAssignment(const ConnectClusterAssignment& a, const std::string& leader,
                                                  const std::map<std::string, std::string>& names);

}  // namespace kafkasim
