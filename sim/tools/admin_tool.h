#pragma once
// What every admin tool (kafka-topics.sh, kafka-leader-election.sh, ...) does first: start a
// short-lived AdminClient node of its own, bootstrapped from --bootstrap-server.

#include <string>
#include <string_view>
#include <vector>

#include "sim/core/simulation.h"

namespace kafkasim {

class Session;

// "localhost:9092,localhost:9093" -> its servers; empty entries are skipped.
std::vector<std::string> SplitServers(const std::string& list);

// Starts an AdminClient node named `<prefix>-N` (the first free N) and returns it.
NodeId StartAdminClient(Session& session, std::string_view prefix, const std::string& bootstrap_servers);

}  // namespace kafkasim
