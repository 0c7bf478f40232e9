#include "sim/broker/broker_part.h"

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/broker_disk.h"
#include "sim/broker/controller.h"
#include "sim/script/session.h"
#include "sim/storage/tools/storage_part.h"
#include "sim/zookeeper/zookeeper_part.h"

namespace kafkasim {

BrokerPart::BrokerPart(Session& session) : session_(session) { session_.trace().AddSink(this); }

BrokerPart::~BrokerPart() { session_.trace().RemoveSink(this); }

void BrokerPart::OnEvent(const TraceEvent& event) {
  if (event.kind != "node.crash") return;
  Node* node = session_.sim().FindNode(event.node);
  if (node == nullptr || node->state() != NodeState::kPoweredOff) return;
  for (const auto& [id, disk] : disks_) {
    if (directory_.NodeOf(id) == node->id()) disk->logs->LoseUnflushed(node->random());
  }
}

std::variant<StartedBroker, std::string> BrokerPart::StartBroker(const Properties& properties) {
  auto parsed = ParseBrokerConfig(properties);
  if (auto* error = std::get_if<std::string>(&parsed)) return *error;
  ParsedBrokerConfig& p = std::get<ParsedBrokerConfig>(parsed);
  const BrokerConfig config = p.config;
  const std::string name = fmt::format("broker-{}", config.broker_id);
  Simulation& sim = session_.sim();
  if (Node* existing = sim.FindNode(name)) {
    if (existing->running()) {
      return fmt::format("{} is already running: org.apache.kafka.common.KafkaException: Socket server failed to "
                         "bind to {}:{}: Address already in use.",
                         name, config.host, config.port);
    }
    sim.Restart(existing->id());
    return StartedBroker{existing->id(), p.warnings};
  }
  if (directory_.Resolve(fmt::format("{}:{}", config.host, config.port)) != kNoNode) {
    return fmt::format("org.apache.kafka.common.KafkaException: Socket server failed to bind to {}:{}: Address "
                       "already in use. (set listeners=PLAINTEXT://:<another port> for a second broker)",
                       config.host, config.port);
  }
  auto disk = std::make_shared<BrokerDisk>();
  LogConfig defaults;
  for (const auto& [k, v] : config.log_config_defaults) defaults.Set(k, v);
  disk->logs = std::make_unique<LogManager>(
      LogManagerOptions{.broker_name = name, .log_dirs = config.log_dirs, .default_config = defaults,
                        .data_dir = data_dir_});
  session_.part<StoragePart>().Attach(name, disk->logs.get());
  auto id = std::make_shared<NodeId>(kNoNode);
  Session* session = &session_;
  const BrokerDirectory* directory = &directory_;
  // The factory holds the durable disk; a restart re-reads zookeeper.connect against the
  // servers running then.
  const NodeId node = sim.AddNode(name, "broker", [session, directory, id, config, disk] {
    auto servers = session->part<zk::ZooKeeperPart>().Resolve(config.zookeeper_connect);
    return std::make_unique<Broker>(session->sim(), *id, config, *directory, std::move(servers), disk);
  });
  *id = node;
  disks_[config.id] = disk;
  directory_.Add(config.id, node, config.host, config.port);
  sim.Start(node);
  return StartedBroker{node, p.warnings};
}

Broker* BrokerPart::Running(NodeId node) const {
  Node& n = session_.sim().node(node);
  return n.running() ? dynamic_cast<Broker*>(n.process()) : nullptr;
}

Broker* BrokerPart::Running(BrokerId id) const {
  const NodeId node = directory_.NodeOf(id);
  return node == kNoNode ? nullptr : Running(node);
}

Broker* BrokerPart::ActiveController() const {
  for (const auto& [id, node] : directory_.brokers()) {
    Broker* b = Running(node);
    if (b != nullptr && b->controller().active()) return b;
  }
  return nullptr;
}

const BrokerDisk* BrokerPart::Disk(BrokerId id) const {
  auto it = disks_.find(id);
  return it == disks_.end() ? nullptr : it->second.get();
}

}  // namespace kafkasim
