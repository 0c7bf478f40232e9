#pragma once
// The ZooKeeper servers of a session: which nodes run them, their durable databases, and the
// addresses clients connect to. Kept as Session::part<ZooKeeperPart>().
//
// How an ensemble is started from the command language: like on a laptop, one server per
// `bin/zookeeper-server-start.sh CONFIG`. A CONFIG without server.N lines (Kafka's own
// config/zookeeper.properties) starts the standalone server `zookeeper-0`. A CONFIG with
// server.N lines starts server `zookeeper-<myid>`, its id read from <dataDir>/myid; kafkasim
// ships config/zookeeper-{1,2,3}.properties (and config/ensemble-5/zookeeper-{1..5}.properties)
// with those myid files. Starting a server that exists but is down restarts it with its disk.
// Clients reach a server at localhost:<clientPort> (ports 2181, 2182, ... in the shipped
// ensemble files) or <node name>:<clientPort>.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/core/simulation.h"
#include "sim/zookeeper/database.h"
#include "sim/zookeeper/server_config.h"

namespace kafkasim {
class Session;
}

namespace kafkasim::zk {

class ZooKeeperServer;

class ZooKeeperPart {
 public:
  explicit ZooKeeperPart(Session& session) : session_(session) {}

  // Starts (or restarts) the server `config_path` describes. Returns its node or the error
  // ZooKeeper would print.
  std::variant<NodeId, std::string> StartServer(const std::string& config_path);

  // "localhost:2181,localhost:2182" → the servers' nodes, in order; unknown addresses are left
  // out (a client trying them would get "connection refused").
  std::vector<NodeId> Resolve(std::string_view connect_string) const;
  // Every ZooKeeper node, in the order they were started.
  const std::vector<NodeId>& servers() const { return servers_; }
  // The running server process on `node`, or null.
  ZooKeeperServer* Server(NodeId node) const;
  // The serving leader (or standalone server), or null.
  ZooKeeperServer* Leader() const;
  // The most authoritative view of the tree: the serving leader's, else the running server
  // with the highest zxid, else the most recent database on disk; null before any server.
  const ZkDatabase* View() const;
  std::string NextClientName(std::string_view prefix);

 private:
  Session& session_;
  std::map<std::string, NodeId, std::less<>> addresses_;
  std::map<uint32_t, std::shared_ptr<ZkDatabase>> databases_;  // by node id: the durable side
  std::vector<NodeId> servers_;
  std::map<std::string, int, std::less<>> client_counters_;
};

}  // namespace kafkasim::zk
