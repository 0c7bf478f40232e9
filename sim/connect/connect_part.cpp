#include "sim/connect/connect_part.h"

#include <fmt/format.h>

#include "sim/broker/broker_part.h"
#include "sim/connect/distributed_worker.h"
#include "sim/connect/worker.h"
#include "sim/script/session.h"

namespace kafkasim {

std::variant<NodeId, std::string> ConnectPart::StartWorker(const WorkerConfig& config, bool distributed,
                                                         const std::function<void(WorkerDisk&)>& prepare) {
  Simulation& sim = session_.sim();
  auto existing = by_port_.find(config.rest_port);
  if (existing != by_port_.end() && sim.node(existing->second).running()) {
    return fmt::format("org.apache.kafka.connect.errors.ConnectException: Unable to initialize REST server\n"
                       "Caused by: java.io.IOException: Failed to bind to 0.0.0.0/0.0.0.0:{}\n"
                       "Caused by: java.net.BindException: Address already in use",
                       config.rest_port);
  }
  if (existing != by_port_.end()) {
    // The worker that listened here is down: this command line starts it again.
    const NodeId node = existing->second;
    prepare(*disks_.at(sim.node(node).name()));
    sim.Restart(node);
    return node;
  }
  std::string name;
  for (int i = 1;; ++i) {
    name = fmt::format("connect-{}", i);
    if (session_.FindNode(name) == nullptr) break;
  }
  auto disk = std::make_unique<WorkerDisk>();
  disk->name = name;
  prepare(*disk);
  WorkerDisk* d = disk.get();
  disks_[name] = std::move(disk);
  const BrokerDirectory& directory = session_.part<BrokerPart>().directory();
  Session* session = &session_;
  auto self = std::make_shared<NodeId>(kNoNode);
  auto print = [session](const std::string& line) { session->Print(line); };
  ProcessFactory factory;
  if (distributed) {
    factory = [&sim, self, &directory, d, print, this]() -> std::unique_ptr<Process> {
      return std::make_unique<DistributedWorker>(sim, *self, directory, *d,
                                                 [this](int32_t port) { return NodeListeningOn(port); }, print);
    };
  } else {
    factory = [&sim, self, &directory, d, print]() -> std::unique_ptr<Process> {
      return std::make_unique<Worker>(sim, *self, directory, *d, print);
    };
  }
  const NodeId node = sim.AddNode(name, "connect", std::move(factory));
  *self = node;
  workers_[name] = node;
  by_port_[d->config.rest_port] = node;
  sim.Start(node);
  return node;
}

std::variant<NodeId, std::string> ConnectPart::StartStandalone(WorkerConfig config, std::vector<ConfigJson> connectors) {
  const std::optional<std::filesystem::path> data_dir = data_dir_;
  return StartWorker(config, /*distributed=*/false, [&](WorkerDisk& disk) {
    if (!disk.offsets) {
      std::optional<std::filesystem::path> offsets_file;
      if (data_dir) {
        offsets_file = *data_dir / disk.name / std::filesystem::path(config.offset_storage_file).relative_path();
      }
      disk.offsets = std::make_unique<OffsetStore>(offsets_file);
    }
    disk.config = config;
    disk.startup_connectors = std::move(connectors);
  });
}

std::variant<NodeId, std::string> ConnectPart::StartDistributed(DistributedConfig config) {
  const WorkerConfig worker = config.worker;
  return StartWorker(worker, /*distributed=*/true, [&](WorkerDisk& disk) {
    if (!disk.offsets) disk.offsets = std::make_unique<OffsetStore>();
    disk.config = worker;
    disk.distributed = std::move(config);
  });
}

Herder* ConnectPart::Running(NodeId node) const {
  Process* p = session_.sim().node(node).process();
  return p == nullptr ? nullptr : dynamic_cast<Herder*>(p);
}

NodeId ConnectPart::NodeListeningOn(int32_t port) const {
  auto it = by_port_.find(port);
  return it == by_port_.end() ? kNoNode : it->second;
}

Herder* ConnectPart::ListeningOn(int32_t port) const {
  const NodeId node = NodeListeningOn(port);
  return node == kNoNode ? nullptr : Running(node);
}

}  // namespace kafkasim
