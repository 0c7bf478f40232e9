#include "sim/zookeeper/znode_tree.h"

#include <catch2/catch.hpp>

using namespace kafkasim::zk;

namespace {

struct Tree {
  ZnodeTree tree;
  std::vector<Change> changes;
  Zxid zxid = 0;
  TxnContext Next(SessionId session = 0) { return TxnContext{.zxid = ++zxid, .time_ms = zxid * 10, .session = session}; }
  OpResult Create(const std::string& path, CreateMode mode = CreateMode::kPersistent, SessionId s = 0) {
    return tree.Create(CreateOp{.path = path, .data = "d", .mode = mode}, Next(s), changes);
  }
  OpResult Delete(const std::string& path, int32_t version = -1) {
    return tree.Delete(DeleteOp{.path = path, .version = version}, Next(), changes);
  }
  OpResult Set(const std::string& path, const std::string& data, int32_t version = -1) {
    return tree.SetData(SetDataOp{.path = path, .data = data, .version = version}, Next(), changes);
  }
  std::vector<std::string> Ls(const std::string& path) { return tree.GetChildren(path).children; }
};

}  // namespace

TEST_CASE("a fresh tree holds only /zookeeper, as ZooKeeper's does") {
  Tree t;
  CHECK(t.Ls("/") == std::vector<std::string>{"zookeeper"});
  CHECK(t.Ls("/zookeeper") == std::vector<std::string>{"config", "quota"});
}

TEST_CASE("children are listed sorted, whatever the order they were created in") {
  Tree t;
  for (const char* p : {"/brokers", "/admin", "/controller", "/cluster"}) REQUIRE(t.Create(p).ok());
  CHECK(t.Ls("/") == std::vector<std::string>{"admin", "brokers", "cluster", "controller", "zookeeper"});
}

TEST_CASE("a create needs its parent, and a node's name is taken once") {
  Tree t;
  CHECK(t.Create("/brokers/ids").code == ErrorCode::kNoNode);
  REQUIRE(t.Create("/brokers").ok());
  CHECK(t.Create("/brokers").code == ErrorCode::kNodeExists);
  CHECK(t.Create("/brokers/ids").ok());
}

TEST_CASE("an ephemeral node cannot have children") {
  Tree t;
  REQUIRE(t.Create("/controller", CreateMode::kEphemeral, 7).ok());
  CHECK(t.Create("/controller/x").code == ErrorCode::kNoChildrenForEphemerals);
  CHECK(t.tree.Find("/controller")->stat.ephemeral_owner == 7);
}

TEST_CASE("sequential names count from the parent's cversion, ten digits wide") {
  Tree t;
  REQUIRE(t.Create("/q").ok());
  CHECK(t.Create("/q/item-", CreateMode::kPersistentSequential).path == "/q/item-0000000000");
  CHECK(t.Create("/q/other").ok());  // any child change bumps the cversion
  CHECK(t.Create("/q/item-", CreateMode::kPersistentSequential).path == "/q/item-0000000002");
  REQUIRE(t.Delete("/q/other").ok());  // so does a delete: counters never go back
  CHECK(t.Create("/q/item-", CreateMode::kEphemeralSequential, 3).path == "/q/item-0000000004");
}

TEST_CASE("setData bumps the version and mzxid; a stale version is refused with BadVersion") {
  Tree t;
  REQUIRE(t.Create("/config").ok());
  const Zxid created = t.zxid;
  REQUIRE(t.Set("/config", "v1", 0).ok());
  const Stat& stat = t.tree.Find("/config")->stat;
  CHECK(stat.version == 1);
  CHECK(stat.czxid == created);
  CHECK(stat.mzxid == t.zxid);
  CHECK(stat.data_length == 2);
  CHECK(t.Set("/config", "v2", 0).code == ErrorCode::kBadVersion);
  CHECK(t.tree.GetData("/config").data == "v1");
  CHECK(t.Set("/config", "v2", -1).ok());  // -1 matches any version
}

TEST_CASE("a parent's cversion, pzxid and numChildren follow its children") {
  Tree t;
  REQUIRE(t.Create("/brokers").ok());
  REQUIRE(t.Create("/brokers/ids").ok());
  const Stat& stat = t.tree.Find("/brokers")->stat;
  CHECK(stat.cversion == 1);
  CHECK(stat.num_children == 1);
  CHECK(stat.pzxid == t.zxid);
  CHECK(stat.version == 0);  // children do not change the data version
}

TEST_CASE("delete refuses a node with children, and checks the version") {
  Tree t;
  REQUIRE(t.Create("/a").ok());
  REQUIRE(t.Create("/a/b").ok());
  CHECK(t.Delete("/a").code == ErrorCode::kNotEmpty);
  CHECK(t.Delete("/a/b", 5).code == ErrorCode::kBadVersion);
  CHECK(t.Delete("/a/b", 0).ok());
  CHECK(t.Delete("/a").ok());
  CHECK(t.Delete("/a").code == ErrorCode::kNoNode);
}

TEST_CASE("a multi creates /controller and /controller_epoch together") {
  Tree t;
  const OpResult r = t.tree.Multi(
      MultiOp{.steps = {CreateOp{.path = "/controller", .data = R"({"brokerid":0})", .mode = CreateMode::kEphemeral},
                        CreateOp{.path = "/controller_epoch", .data = "1"}}},
      t.Next(9), t.changes);
  REQUIRE(r.ok());
  CHECK(r.steps.size() == 2);
  CHECK(t.tree.Find("/controller") != nullptr);
  CHECK(t.tree.GetData("/controller_epoch").data == "1");
  CHECK(t.tree.Find("/controller")->stat.czxid == t.tree.Find("/controller_epoch")->stat.czxid);
}

TEST_CASE("a failed multi changes nothing and reports OK, the error, then RuntimeInconsistency") {
  Tree t;
  REQUIRE(t.Create("/controller_epoch").ok());
  const size_t before = t.tree.size();
  const Stat root_before = t.tree.Find("/")->stat;
  t.changes.clear();
  const OpResult r = t.tree.Multi(
      MultiOp{.steps = {CreateOp{.path = "/controller", .mode = CreateMode::kEphemeral},
                        SetDataOp{.path = "/controller_epoch", .data = "2", .version = 5},
                        CreateOp{.path = "/other"}}},
      t.Next(9), t.changes);
  CHECK(r.code == ErrorCode::kBadVersion);
  REQUIRE(r.steps.size() == 3);
  CHECK(r.steps[0].code == ErrorCode::kOk);
  CHECK(r.steps[1].code == ErrorCode::kBadVersion);
  CHECK(r.steps[2].code == ErrorCode::kRuntimeInconsistency);
  CHECK(t.tree.size() == before);
  CHECK(t.tree.Find("/controller") == nullptr);
  CHECK(t.tree.Find("/") ->stat == root_before);
  CHECK(t.tree.EphemeralsOf(9).empty());
  CHECK(t.changes.empty());  // nothing happened, so no watch may fire
}

TEST_CASE("a multi sees its own earlier steps") {
  Tree t;
  const OpResult r = t.tree.Multi(
      MultiOp{.steps = {CreateOp{.path = "/a"}, CreateOp{.path = "/a/b"}, CheckOp{.path = "/a/b", .version = 0}}},
      t.Next(), t.changes);
  CHECK(r.ok());
  CHECK(t.Ls("/a") == std::vector<std::string>{"b"});
}

TEST_CASE("closing a session deletes exactly its ephemeral nodes") {
  Tree t;
  REQUIRE(t.Create("/brokers").ok());
  REQUIRE(t.Create("/brokers/1", CreateMode::kEphemeral, 1).ok());
  REQUIRE(t.Create("/brokers/2", CreateMode::kEphemeral, 2).ok());
  const auto deleted = t.tree.DeleteEphemerals(1, t.Next(), t.changes);
  CHECK(deleted == std::vector<std::string>{"/brokers/1"});
  CHECK(t.Ls("/brokers") == std::vector<std::string>{"2"});
}

TEST_CASE("invalid paths are named the way PathUtils names them") {
  CHECK(InvalidPathReason("brokers") == "Path must start with / character");
  CHECK(InvalidPathReason("/brokers/") == "Path must not end with / character");
  CHECK_FALSE(InvalidPathReason("/a//b").empty());
  CHECK(InvalidPathReason("/brokers/ids").empty());
}
