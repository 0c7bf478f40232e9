#include "sim/connect/connect_part.h"

#include <fmt/format.h>

#include "sim/broker/broker_part.h"
#include "sim/script/session.h"

namespace kafkasim {

std::variant<NodeId, std::string> ConnectPart::StartStandalone(WorkerConfig config, std::vector<ConfigJson> connectors) {
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
    WorkerDisk& disk = *disks_.at(sim.node(node).name());
    disk.config = std::move(config);
    disk.startup_connectors = std::move(connectors);
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
  std::optional<std::filesystem::path> offsets_file;
  if (data_dir_) offsets_file = *data_dir_ / name / std::filesystem::path(config.offset_storage_file).relative_path();
  disk->offsets = std::make_unique<OffsetStore>(offsets_file);
  disk->config = std::move(config);
  disk->startup_connectors = std::move(connectors);
  WorkerDisk* d = disk.get();
  disks_[name] = std::move(disk);
  const BrokerDirectory& directory = session_.part<BrokerPart>().directory();
  Session* session = &session_;
  auto self = std::make_shared<NodeId>(kNoNode);
  const NodeId node = sim.AddNode(name, "connect", [&sim, self, &directory, d, session] {
    return std::make_unique<Worker>(sim, *self, directory, *d, [session](const std::string& line) { session->Print(line); });
  });
  *self = node;
  workers_[name] = node;
  by_port_[d->config.rest_port] = node;
  sim.Start(node);
  return node;
}

Worker* ConnectPart::Running(NodeId node) const {
  Process* p = session_.sim().node(node).process();
  return p == nullptr ? nullptr : static_cast<Worker*>(p);
}

NodeId ConnectPart::NodeListeningOn(int32_t port) const {
  auto it = by_port_.find(port);
  return it == by_port_.end() ? kNoNode : it->second;
}

Worker* ConnectPart::ListeningOn(int32_t port) const {
  const NodeId node = NodeListeningOn(port);
  return node == kNoNode ? nullptr : Running(node);
}

}  // namespace kafkasim
