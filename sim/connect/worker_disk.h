#pragma once
// What a Connect worker keeps outside its process, on its machine: the command line it was
// started with (the worker config and the connector files, read again when it restarts), the
// standalone offset file. (Sink tasks' consumer offsets live in the group `connect-<connector>`
// on the brokers, as in Kafka.) Owned by the ConnectPart; the worker process holds a reference.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/connect/connector_config.h"
#include "sim/connect/distributed_config.h"
#include "sim/connect/offset_store.h"
#include "sim/connect/worker_config.h"
#include "sim/protocol/types.h"

namespace kafkasim {

struct WorkerDisk {
  std::string name;  // the worker's node: "connect-1"
  WorkerConfig config;
  std::vector<ConfigJson> startup_connectors;  // the CONNECTOR.properties files, in order
  std::unique_ptr<OffsetStore> offsets;
  // A distributed worker's whole config (its `config` is distributed->worker); nullopt standalone.
  std::optional<DistributedConfig> distributed;
};

}  // namespace kafkasim
