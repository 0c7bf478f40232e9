#pragma once
// What a broker keeps on disk, which outlives its process: kept by BrokerPart and handed to
// every incarnation of the broker. The partition logs join it with the replication work.

#include <string>

namespace kafkasim {

struct BrokerDisk {
  // The last fatal startup error, as server.log has it: the start command prints it.
  std::string startup_error;
};

}  // namespace kafkasim
