#pragma once
// The ZooKeeper inspector's model: a server's role and sessions, and its znode tree flattened in
// `ls -R` order (parents before children, children sorted) with each node's data, versions and
// ephemeral owner — the session, and the node that opened it (a broker's /brokers/ids/<id>, the
// controller's /controller). Read from a running server's database, or from the ensemble's most
// authoritative view when the server is down (ZooKeeperPart::View()).

#include <cstdint>
#include <string>
#include <vector>

#include "sim/script/session.h"

namespace kafkasim::viz {

struct ZnodeRow {
  std::string path;  // "/brokers/ids/0"
  std::string name;  // "0" ("/" for the root)
  int depth = 0;     // 0 for "/"
  std::string data;  // at most kMaxData bytes
  int32_t version = 0;
  int32_t cversion = 0;
  int64_t mzxid = 0;
  int64_t mtime_ms = 0;
  int64_t ephemeral_owner = 0;  // a session id; 0 for a persistent node
  std::string owner;            // who opened that session ("broker-0"); empty when unknown
  int32_t children = 0;
  static constexpr size_t kMaxData = 160;
};

struct ZooKeeperInspector {
  std::string server;  // the node inspected
  std::string role;    // "standalone", "leading", ...; "down" when not running
  bool serving = false;
  std::string source;  // whose tree: "zookeeper-0" or "the ensemble's latest view"
  int64_t last_zxid = 0;
  size_t sessions = 0;
  size_t connected_clients = 0;
  size_t watches = 0;
  std::vector<ZnodeRow> znodes;
  size_t hidden = 0;  // beyond max_rows
};

// `server` is a ZooKeeper node's name; an empty name picks the ensemble's view.
ZooKeeperInspector InspectZooKeeper(Session& session, const std::string& server, size_t max_rows = 400);

}  // namespace kafkasim::viz
