#pragma once
// What a broker keeps on disk, which outlives its process: kept by BrokerPart and handed to
// every incarnation of the broker.

#include <memory>
#include <string>

#include "sim/storage/log_manager.h"

namespace kafkasim {

struct BrokerDisk {
  // Every partition log the broker holds: the page cache survives a crash, not a power loss.
  std::unique_ptr<LogManager> logs;
  // The last fatal startup error, as server.log has it: the start command prints it.
  std::string startup_error;
};

}  // namespace kafkasim
