#pragma once
// A ZooKeeper server's configuration, read from a .properties file the way QuorumPeerConfig
// reads it. Without `server.N` lines the server runs standalone (ZooKeeperServerMain); with
// them it is server `myid` of an ensemble (QuorumPeerMain), its id read from dataDir/myid.

#include <map>
#include <string>
#include <variant>

#include "sim/config/properties.h"
#include "sim/core/time.h"

namespace kafkasim::zk {

struct ServerConfig {
  int myid = 0;  // 0 when standalone
  int client_port = 2181;
  std::string data_dir = "/tmp/zookeeper";
  // ZooKeeperServer.DEFAULT_TICK_TIME is 3000; Kafka's zookeeper.properties does not set it.
  Duration tick = Duration::Millis(3000);
  int init_limit = 10;  // ticks a follower may take to connect and sync to a new leader
  int sync_limit = 5;   // ticks a follower may go without hearing from the leader, and back
  // Bounds on a negotiated session timeout: 2 and 20 ticks unless configured.
  Duration min_session_timeout;
  Duration max_session_timeout;
  std::map<int, std::string> servers;  // server.N host:port:port lines, by id

  bool standalone() const { return servers.size() <= 1; }
  size_t ensemble_size() const { return standalone() ? 1 : servers.size(); }
  size_t quorum() const { return ensemble_size() / 2 + 1; }
  // The simulated node that runs server `id`: "zookeeper-0" standalone, else "zookeeper-<id>".
  static std::string NodeName(int id) { return "zookeeper-" + std::to_string(id); }
  Duration Negotiate(Duration requested) const;
};

// Parses a server's properties; reads dataDir/myid through the config filesystem when the
// file lists servers. Returns the configuration or the error ZooKeeper would print.
std::variant<ServerConfig, std::string> ParseServerConfig(const Properties& props);

}  // namespace kafkasim::zk
