// Sessions, ephemeral nodes and watches against a standalone server.

#include <catch2/catch.hpp>

#include "tests/zookeeper/zk_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using namespace kafkasim::time_literals;
using kafkasim::zk::CreateMode;
using kafkasim::zk::ErrorCode;
using kafkasim::zk::EventType;

namespace {

ZkWorld& Standalone(ZkWorld& w) {
  REQUIRE(w.Run("zookeeper-server-start.sh config/zookeeper.properties") == 0);
  return w;
}

}  // namespace

TEST_CASE("Kafka's zookeeper.properties starts the standalone server zookeeper-0 on port 2181") {
  ZkWorld w;
  Standalone(w);
  CHECK(w.Leader() == "zookeeper-0");
  CHECK(w.Role("zookeeper-0") == "standalone");
  CHECK(w.part().Resolve("localhost:2181").size() == 1);
}

TEST_CASE("the session timeout is negotiated into [2, 20] ticks of the server") {
  ZkWorld w;
  Standalone(w);  // tickTime defaults to 3000 ms: timeouts between 6 s and 60 s
  CHECK(w.AddClient("broker-1", "localhost:2181", 18_s).client.negotiated_timeout() == 18_s);
  CHECK(w.AddClient("short", "localhost:2181", 1_s).client.negotiated_timeout() == 6_s);
  CHECK(w.AddClient("long", "localhost:2181", 5_min).client.negotiated_timeout() == 60_s);
}

TEST_CASE("an idle client pings every third of its timeout and keeps its ephemeral node") {
  ZkWorld w;
  Standalone(w);
  auto& broker = w.AddClient("broker-1", "localhost:2181");
  REQUIRE(w.Await([&](auto cb) { broker.client.Create("/b", "x", CreateMode::kEphemeral, cb); }).ok());
  const size_t before = w.log.OfKind("net.send").size();
  w.RunFor(60_s);
  size_t pings = 0;
  for (const TraceEvent* e : w.log.OfKind("net.send")) {
    pings += e->node == "broker-1" && e->fields.value("type", "") == "ping";
  }
  CHECK(w.Exists("/b"));
  CHECK(pings >= 9);  // 60 s / 6 s
  CHECK(pings <= 11);
  CHECK(w.log.OfKind("net.send").size() > before);
}

TEST_CASE("a session expires a timeout after it was last heard, and its ephemerals go with it") {
  ZkWorld w;
  Standalone(w);
  auto& broker = w.AddClient("broker-1", "localhost:2181");
  REQUIRE(w.Await([&](auto cb) { broker.client.Create("/brokers", "", CreateMode::kPersistent, cb); }).ok());
  REQUIRE(w.Await([&](auto cb) { broker.client.Create("/brokers/1", "{}", CreateMode::kEphemeral, cb); }).ok());
  w.RunFor(7_s);
  w.sim().Crash(w.sim().FindNode("broker-1")->id());
  Time last_heard;
  for (const TraceEvent* e : w.log.OfKind("net.deliver")) {
    if (e->node == "zookeeper-0" && e->peer == "broker-1") last_heard = e->time;
  }
  w.RunFor(17_s);
  CHECK(w.Exists("/brokers/1"));  // not yet: 18 s have not passed since the last ping
  w.RunFor(30_s);
  CHECK_FALSE(w.Exists("/brokers/1"));
  auto expired = w.log.OfKind("zookeeper.session_expired");
  REQUIRE(expired.size() == 1);
  // ExpiryQueue: the first tick boundary (3 s) after last heard + 18 s.
  const int64_t tick = 3'000'000;
  const int64_t deadline = (last_heard + 18_s).micros();
  CHECK(expired[0]->time.micros() == (deadline / tick + 1) * tick);
  CHECK_THAT(expired[0]->narration, Catch::StartsWith("broker-1's ZooKeeper session 0x"));
  CHECK_THAT(expired[0]->narration, Catch::EndsWith("without a heartbeat: /brokers/1 deleted"));
}

TEST_CASE("closing a session deletes its ephemeral nodes at once") {
  ZkWorld w;
  Standalone(w);
  auto& broker = w.AddClient("broker-1", "localhost:2181");
  REQUIRE(w.Await([&](auto cb) { broker.client.Create("/b", "", CreateMode::kEphemeral, cb); }).ok());
  bool closed = false;
  broker.client.Close([&] { closed = true; });
  w.RunFor(100_ms);
  CHECK(closed);
  CHECK_FALSE(w.Exists("/b"));
  CHECK(w.log.OfKind("zookeeper.session_expired").empty());
}

TEST_CASE("a data watch fires once, on the next change only") {
  ZkWorld w;
  Standalone(w);
  auto& a = w.AddClient("a", "localhost:2181");
  auto& b = w.AddClient("b", "localhost:2181");
  REQUIRE(w.Await([&](auto cb) { a.client.Create("/c", "1", CreateMode::kPersistent, cb); }).ok());
  std::vector<zk::WatchedEvent> seen;
  REQUIRE(w.Await([&](auto cb) { b.client.GetData("/c", cb, [&](const zk::WatchedEvent& e) { seen.push_back(e); }); })
              .ok());
  REQUIRE(w.Await([&](auto cb) { a.client.SetData("/c", "2", -1, cb); }).ok());
  REQUIRE(w.Await([&](auto cb) { a.client.SetData("/c", "3", -1, cb); }).ok());
  w.RunFor(100_ms);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].type == EventType::kNodeDataChanged);
  CHECK(seen[0].path == "/c");
}

TEST_CASE("exists leaves a watch on a missing node that fires NodeCreated") {
  ZkWorld w;
  Standalone(w);
  auto& a = w.AddClient("a", "localhost:2181");
  std::vector<zk::WatchedEvent> seen;
  CHECK(w.Await([&](auto cb) { a.client.Exists("/controller", cb, [&](const auto& e) { seen.push_back(e); }); })
            .code == ErrorCode::kNoNode);
  REQUIRE(w.Await([&](auto cb) { a.client.Create("/controller", "", CreateMode::kEphemeral, cb); }).ok());
  w.RunFor(100_ms);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].type == EventType::kNodeCreated);
}

TEST_CASE("a children watch fires NodeChildrenChanged when an ephemeral child expires") {
  ZkWorld w;
  Standalone(w);
  auto& controller = w.AddClient("controller", "localhost:2181");
  auto& broker = w.AddClient("broker-1", "localhost:2181");
  REQUIRE(w.Await([&](auto cb) { controller.client.Create("/ids", "", CreateMode::kPersistent, cb); }).ok());
  REQUIRE(w.Await([&](auto cb) { broker.client.Create("/ids/1", "", CreateMode::kEphemeral, cb); }).ok());
  std::vector<zk::WatchedEvent> seen;
  const auto r = w.Await([&](auto cb) { controller.client.GetChildren("/ids", cb, [&](const auto& e) { seen.push_back(e); }); });
  CHECK(r.children == std::vector<std::string>{"1"});
  w.sim().Crash(w.sim().FindNode("broker-1")->id());
  w.RunFor(30_s);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].type == EventType::kNodeChildrenChanged);
  CHECK(seen[0].path == "/ids");
}

TEST_CASE("a client cut off beyond its timeout learns on reconnecting that its session expired") {
  ZkWorld w;
  Standalone(w);
  auto& a = w.AddClient("a", "localhost:2181", 6_s);
  REQUIRE(a.client.connected());
  w.sim().network().Split({{w.sim().FindNode("a")->id()}, {w.sim().FindNode("zookeeper-0")->id()}});
  w.RunFor(20_s);
  CHECK(a.client.state() == zk::KeeperState::kDisconnected);
  w.sim().network().Heal();
  w.RunFor(10_s);
  CHECK(a.client.state() == zk::KeeperState::kExpired);
  CHECK(a.states.back() == zk::KeeperState::kExpired);
}
