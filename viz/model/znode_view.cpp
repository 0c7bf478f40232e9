#include "viz/model/znode_view.h"

#include "sim/zookeeper/zookeeper_part.h"
#include "sim/zookeeper/zookeeper_server.h"

namespace kafkasim::viz {
namespace {

struct Walk {
  const zk::ZkDatabase& db;
  size_t max_rows;
  ZooKeeperInspector& out;

  void Visit(const std::string& path, const std::string& name, int depth) {
    // Past the rows shown the walk stops: a hundred brokers' tree has tens of thousands of
    // znodes, and how many were left out is the tree's size less the rows.
    if (out.znodes.size() >= max_rows) return;
    const zk::Znode* node = db.tree().Find(path);
    if (node == nullptr) return;
    ZnodeRow row{.path = path,
                 .name = name,
                 .depth = depth,
                 .data = node->data.size() <= ZnodeRow::kMaxData
                             ? node->data
                             : node->data.substr(0, ZnodeRow::kMaxData - 3) + "...",
                 .version = node->stat.version,
                 .cversion = node->stat.cversion,
                 .mzxid = node->stat.mzxid,
                 .mtime_ms = node->stat.mtime,
                 .ephemeral_owner = node->stat.ephemeral_owner,
                 .children = static_cast<int32_t>(node->children.size())};
    if (row.ephemeral_owner != 0) {
      auto it = db.sessions().find(row.ephemeral_owner);
      if (it != db.sessions().end()) row.owner = it->second.owner;
    }
    out.znodes.push_back(std::move(row));
    for (const std::string& child : node->children) {
      if (out.znodes.size() >= max_rows) return;
      Visit(path == "/" ? "/" + child : path + "/" + child, child, depth + 1);
    }
  }
};

}  // namespace

ZooKeeperInspector InspectZooKeeper(Session& session, const std::string& server, size_t max_rows) {
  zk::ZooKeeperPart& part = session.part<zk::ZooKeeperPart>();
  ZooKeeperInspector out{.server = server, .role = "down"};
  const zk::ZkDatabase* db = nullptr;
  if (const Node* node = server.empty() ? nullptr : session.sim().FindNode(server)) {
    if (const zk::ZooKeeperServer* running = part.Server(node->id())) {
      out.role = std::string(zk::ToString(running->role()));
      out.serving = running->serving();
      out.connected_clients = running->connected_clients();
      out.watches = running->watch_count();
      out.source = server;
      db = &running->db();
    }
  }
  if (db == nullptr) {
    db = part.View();
    out.source = "the ensemble's latest view";
  }
  if (db == nullptr) return out;
  out.last_zxid = db->last_zxid();
  out.sessions = db->sessions().size();
  Walk{.db = *db, .max_rows = max_rows, .out = out}.Visit("/", "/", 0);
  // Every znode hangs under "/", so the walk would have met them all.
  out.hidden = db->tree().size() - out.znodes.size();
  return out;
}

}  // namespace kafkasim::viz
