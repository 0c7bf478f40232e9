#pragma once
// The Connect workers of a session: their nodes, their machines' state (WorkerDisk) and the
// REST listeners they bind, by port. Kept as Session::part<ConnectPart>().
//
// `connect-standalone.sh` and `connect-distributed.sh` start worker `connect-N`; starting one on
// the port of a worker that is down starts that node again with the new command line (its disk —
// the standalone offsets — stays). `restart connect-N` runs the same command line again.
// A port held by a running worker is refused as Jetty refuses it ("Address already in use").

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/connect/distributed_config.h"
#include "sim/connect/herder.h"
#include "sim/connect/worker_disk.h"
#include "sim/core/simulation.h"

namespace kafkasim {

class Session;

class ConnectPart {
 public:
  explicit ConnectPart(Session& session) : session_(session) {}

  // With a data directory the standalone offset files are real files under it
  // (DIR/connect-N/<offset.storage.file.filename>); without one they are kept in memory.
  void set_data_dir(std::filesystem::path dir) { data_dir_ = std::move(dir); }

  // Starts a standalone worker with `config` and the connectors of the command line's files.
  // Returns its node, or the error the worker would die with.
  std::variant<NodeId, std::string> StartStandalone(WorkerConfig config, std::vector<ConfigJson> connectors);
  // Starts a distributed worker (connect-distributed.sh).
  std::variant<NodeId, std::string> StartDistributed(DistributedConfig config);

  // The worker process listening on `port`, or null (no worker there, or it is down).
  Herder* ListeningOn(int32_t port) const;
  NodeId NodeListeningOn(int32_t port) const;
  Herder* Running(NodeId node) const;
  // Every worker node by name: a stable order.
  const std::map<std::string, NodeId>& workers() const { return workers_; }

 private:
  // The node for a worker on `config.rest_port` with `disk` set up by `prepare`: a new
  // connect-N, or the one that listened there and is down, restarted; an error when a running
  // worker holds the port.
  std::variant<NodeId, std::string> StartWorker(const WorkerConfig& config, bool distributed,
                                                const std::function<void(WorkerDisk&)>& prepare);

  Session& session_;
  std::optional<std::filesystem::path> data_dir_;
  std::map<std::string, NodeId> workers_;
  std::map<std::string, std::unique_ptr<WorkerDisk>> disks_;
  std::map<int32_t, NodeId> by_port_;
};

}  // namespace kafkasim
