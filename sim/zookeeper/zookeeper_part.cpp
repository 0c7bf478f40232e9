#include "sim/zookeeper/zookeeper_part.h"

#include <fmt/format.h>

#include "sim/config/config_files.h"
#include "sim/script/session.h"
#include "sim/zookeeper/zookeeper_server.h"

namespace kafkasim::zk {

std::variant<NodeId, std::string> ZooKeeperPart::StartServer(const std::string& config_path) {
  auto text = ReadConfigFile(config_path);
  if (!text) {
    return fmt::format("Invalid config, exiting abnormally: Error processing {}: file not found", config_path);
  }
  auto parsed = ParseServerConfig(ParseProperties(*text));
  if (const auto* error = std::get_if<std::string>(&parsed)) {
    return fmt::format("Invalid config, exiting abnormally: Error processing {}: {}", config_path, *error);
  }
  const ServerConfig config = std::get<ServerConfig>(std::move(parsed));
  const std::string name = ServerConfig::NodeName(config.myid);
  Simulation& sim = session_.sim();
  if (Node* existing = sim.FindNode(name)) {
    if (existing->running()) {
      return fmt::format("{} is already running: java.net.BindException: Address already in use (port {})", name,
                         config.client_port);
    }
    sim.Restart(existing->id());
    return existing->id();
  }
  auto db = std::make_shared<ZkDatabase>();
  auto id = std::make_shared<NodeId>(kNoNode);
  // The factory holds the durable database: a crash destroys the process, never the disk.
  const NodeId node = sim.AddNode(name, "zookeeper", [&sim, id, config, db] {
    return std::make_unique<ZooKeeperServer>(sim, *id, config, db);
  });
  *id = node;
  databases_[node.value()] = db;
  servers_.push_back(node);
  for (const std::string& host : {std::string("localhost"), std::string("127.0.0.1"), name}) {
    addresses_[fmt::format("{}:{}", host, config.client_port)] = node;
  }
  sim.Start(node);
  return node;
}

std::vector<NodeId> ZooKeeperPart::Resolve(std::string_view connect_string) const {
  // A chroot suffix ("host:2181/kafka") applies to the whole string; kafkasim ignores it.
  connect_string = connect_string.substr(0, connect_string.find('/'));
  std::vector<NodeId> nodes;
  while (!connect_string.empty()) {
    const size_t comma = connect_string.find(',');
    std::string address(connect_string.substr(0, comma));
    if (address.find(':') == std::string::npos) address += ":2181";
    if (auto it = addresses_.find(address); it != addresses_.end()) nodes.push_back(it->second);
    if (comma == std::string_view::npos) break;
    connect_string.remove_prefix(comma + 1);
  }
  return nodes;
}

ZooKeeperServer* ZooKeeperPart::Server(NodeId node) const {
  Node& n = session_.sim().node(node);
  return n.running() ? dynamic_cast<ZooKeeperServer*>(n.process()) : nullptr;
}

ZooKeeperServer* ZooKeeperPart::Leader() const {
  for (NodeId node : servers_) {
    ZooKeeperServer* s = Server(node);
    if (s != nullptr && s->serving() && (s->role() == Role::kLeading || s->role() == Role::kStandalone)) return s;
  }
  return nullptr;
}

const ZkDatabase* ZooKeeperPart::View() const {
  if (const ZooKeeperServer* leader = Leader()) return &leader->db();
  const ZkDatabase* best = nullptr;
  for (NodeId node : servers_) {
    if (const ZooKeeperServer* s = Server(node); s && (!best || s->db().last_zxid() > best->last_zxid())) {
      best = &s->db();
    }
  }
  if (best != nullptr) return best;
  for (const auto& [id, db] : databases_) {
    if (!best || db->last_zxid() > best->last_zxid()) best = db.get();
  }
  return best;
}

std::string ZooKeeperPart::NextClientName(std::string_view prefix) {
  auto it = client_counters_.find(prefix);
  if (it == client_counters_.end()) it = client_counters_.emplace(std::string(prefix), 0).first;
  return fmt::format("{}-{}", prefix, ++it->second);
}

}  // namespace kafkasim::zk
