// The `expect` queries about ZooKeeper:
//   zookeeper leader|quorum|servers   → zookeeper-1 / yes / zookeeper-1,zookeeper-2,zookeeper-3
//   zkserver NAME role|zxid|epoch     → leading / 0x100000003 / 1   (role is "down" when not running)
//   znode PATH exists|data|children|version|owner|ephemeral
// znode answers from the most authoritative tree: the serving leader's, else the most advanced
// running server's, else what the servers have on disk.

#include <fmt/format.h>

#include "sim/script/session.h"
#include "sim/zookeeper/commands.h"
#include "sim/zookeeper/zookeeper_part.h"
#include "sim/zookeeper/zookeeper_server.h"

namespace kafkasim::zk {
namespace {

QueryResult Ensemble(Session& s, const std::vector<std::string>& a) {
  auto& part = s.part<ZooKeeperPart>();
  const ZooKeeperServer* leader = part.Leader();
  if (a[0] == "leader") return leader ? s.sim().node(leader->node()).name() : std::string("none");
  if (a[0] == "quorum") return std::string(leader ? "yes" : "no");
  if (a[0] == "servers") {
    std::vector<std::string> names;
    for (NodeId n : part.servers()) {
      if (s.sim().node(n).running()) names.push_back(s.sim().node(n).name());
    }
    return names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ","));
  }
  return QueryError{fmt::format("unknown property '{}': try leader, quorum or servers", a[0])};
}

QueryResult ServerQuery(Session& s, const std::vector<std::string>& a) {
  Node* node = s.FindNode(a[0]);
  if (node == nullptr || node->kind() != "zookeeper") {
    return QueryError{fmt::format("no ZooKeeper server named '{}'", a[0])};
  }
  const ZooKeeperServer* server = s.part<ZooKeeperPart>().Server(node->id());
  if (a[1] == "role") return std::string(server ? ToString(server->role()) : "down");
  if (server == nullptr) return QueryError{fmt::format("{} is {}", a[0], ToString(node->state()))};
  if (a[1] == "zxid") return Hex(server->db().last_zxid());
  if (a[1] == "epoch") return std::to_string(server->db().current_epoch);
  if (a[1] == "serving") return std::string(server->serving() ? "yes" : "no");
  return QueryError{fmt::format("unknown property '{}': try role, zxid, epoch or serving", a[1])};
}

QueryResult ZnodeQuery(Session& s, const std::vector<std::string>& a) {
  const ZkDatabase* db = s.part<ZooKeeperPart>().View();
  if (db == nullptr) return QueryError{"no ZooKeeper server was started"};
  const Znode* node = db->tree().Find(a[0]);
  if (a[1] == "exists") return std::string(node ? "yes" : "no");
  if (node == nullptr) return QueryError{fmt::format("{} does not exist", a[0])};
  if (a[1] == "data") return node->data;
  if (a[1] == "children") {
    return node->children.empty() ? std::string("none") : fmt::format("{}", fmt::join(node->children, ","));
  }
  if (a[1] == "version") return std::to_string(node->stat.version);
  if (a[1] == "owner") return Hex(node->stat.ephemeral_owner);
  if (a[1] == "ephemeral") return std::string(node->stat.ephemeral_owner != 0 ? "yes" : "no");
  return QueryError{
      fmt::format("unknown property '{}': try exists, data, children, version, owner or ephemeral", a[1])};
}

}  // namespace

void RegisterZooKeeperQueries(Session& session) {
  session.queries().Register(Query{.name = "zookeeper", .usage = "zookeeper leader|quorum|servers",
                                   .arguments = 1, .evaluate = Ensemble});
  session.queries().Register(Query{.name = "zkserver", .usage = "zkserver NAME role|zxid|epoch|serving",
                                   .arguments = 2, .evaluate = ServerQuery});
  session.queries().Register(Query{
      .name = "znode", .usage = "znode PATH exists|data|children|version|owner|ephemeral", .arguments = 2,
      .evaluate = ZnodeQuery});
}

}  // namespace kafkasim::zk
