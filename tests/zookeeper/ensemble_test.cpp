// The replicated ensemble: election, Zab's majority, quorum loss, lagging followers.

#include <catch2/catch.hpp>

#include "tests/zookeeper/zk_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using namespace kafkasim::time_literals;
using kafkasim::zk::CreateMode;
using kafkasim::zk::ErrorCode;

TEST_CASE("three fresh servers elect the one with the highest id, the others follow") {
  ZkWorld w;
  w.StartEnsemble(3);
  CHECK(w.Leader() == "zookeeper-3");  // equal zxids: the highest server id wins
  CHECK(w.Role("zookeeper-1") == "following");
  CHECK(w.Role("zookeeper-2") == "following");
  CHECK(w.Query("zkserver", {"zookeeper-1", "epoch"}) == "1");
}

TEST_CASE("a foreground start completes once its server serves, not before") {
  ZkWorld w;
  REQUIRE(w.Run("zookeeper-server-start.sh -daemon config/zookeeper-1.properties") == 0);
  CHECK(w.Query("zookeeper", {"quorum"}) == "no");
  REQUIRE(w.Run("zookeeper-server-start.sh config/zookeeper-2.properties") == 0);
  CHECK(w.Query("zkserver", {"zookeeper-2", "serving"}) == "yes");
  CHECK(w.Query("zookeeper", {"quorum"}) == "yes");
}

TEST_CASE("a write commits through the leader once a majority acknowledged it") {
  ZkWorld w;
  w.StartEnsemble(3);
  auto& c = w.AddClient("broker-1", "localhost:2181");  // zookeeper-1, a follower
  REQUIRE(w.Await([&](auto cb) { c.client.Create("/brokers", "", CreateMode::kPersistent, cb); }).ok());
  // The request went follower → leader (REQUEST), leader → followers (PROPOSAL), back (ACK),
  // then COMMIT.
  std::map<std::string, int> sent;
  for (const TraceEvent* e : w.log.OfKind("net.send")) sent[e->fields.value("type", "")] += 1;
  CHECK(sent["REQUEST"] >= 1);
  CHECK(sent["PROPOSAL"] >= 2);
  CHECK(sent["ACK"] >= 2);
  CHECK(sent["COMMIT"] >= 2);
  CHECK(w.Server("zookeeper-3").db().tree().Find("/brokers") != nullptr);
}

TEST_CASE("a crashed leader is replaced by the survivor with the highest (zxid, id)") {
  ZkWorld w;
  w.StartEnsemble(3);
  REQUIRE(w.Leader() == "zookeeper-3");
  w.sim().Crash(w.sim().FindNode("zookeeper-3")->id());
  w.RunFor(15_s);
  CHECK(w.Leader() == "zookeeper-2");
  CHECK(w.Role("zookeeper-1") == "following");
  CHECK(w.Query("zkserver", {"zookeeper-2", "epoch"}) == "2");
  // The old leader comes back as a follower of the new one, with the data it missed.
  auto& c = w.AddClient("c", "localhost:2181");
  REQUIRE(w.Await([&](auto cb) { c.client.Create("/after", "", CreateMode::kPersistent, cb); }).ok());
  w.sim().Restart(w.sim().FindNode("zookeeper-3")->id());
  w.RunFor(10_s);
  CHECK(w.Role("zookeeper-3") == "following");
  CHECK(w.Leader() == "zookeeper-2");
  CHECK(w.Server("zookeeper-3").db().tree().Find("/after") != nullptr);
}

TEST_CASE("the follower with the most history wins over a higher id") {
  ZkWorld w;
  w.StartEnsemble(3);
  // zookeeper-1 misses a write while cut off from everyone.
  w.sim().network().Split({{w.sim().FindNode("zookeeper-1")->id()},
                           {w.sim().FindNode("zookeeper-2")->id(), w.sim().FindNode("zookeeper-3")->id()}});
  auto& c = w.AddClient("c", "localhost:2183");
  REQUIRE(w.Await([&](auto cb) { c.client.Create("/x", "", CreateMode::kPersistent, cb); }).ok());
  w.sim().network().Heal();
  w.RunFor(10_s);
  // Now crash the leader: zookeeper-2 has the write, zookeeper-1 may or may not have caught up
  // through a resync, but never has more.
  w.sim().Crash(w.sim().FindNode("zookeeper-3")->id());
  w.RunFor(15_s);
  CHECK(w.Leader() == "zookeeper-2");
}

TEST_CASE("a leader cut off with a minority stops serving and the majority elects another") {
  ZkWorld w;
  w.StartEnsemble(3);
  REQUIRE(w.Leader() == "zookeeper-3");
  w.sim().network().Split({{w.sim().FindNode("zookeeper-3")->id()},
                           {w.sim().FindNode("zookeeper-1")->id(), w.sim().FindNode("zookeeper-2")->id()}});
  w.RunFor(20_s);
  CHECK(w.Role("zookeeper-3") == "looking");
  CHECK_FALSE(w.Server("zookeeper-3").serving());
  CHECK(w.Leader() == "zookeeper-2");
  auto lost = w.log.OfKind("zookeeper.quorum_lost");
  REQUIRE_FALSE(lost.empty());
  CHECK(lost[0]->narration == "zookeeper-3 lost the quorum: 1 of 3 servers reachable (zookeeper-3); it stops serving");
}

TEST_CASE("without a majority writes are refused, and service resumes when one returns") {
  ZkWorld w;
  w.StartEnsemble(3);
  w.sim().Crash(w.sim().FindNode("zookeeper-1")->id());
  w.sim().Crash(w.sim().FindNode("zookeeper-3")->id());
  w.RunFor(15_s);
  CHECK(w.Query("zookeeper", {"quorum"}) == "no");
  auto& c = w.AddClient("c", "localhost:2182", 6_s);
  const auto r = w.Await([&](auto cb) { c.client.Create("/x", "", CreateMode::kPersistent, cb); });
  CHECK(r.code == ErrorCode::kConnectionLoss);
  CHECK_FALSE(w.Exists("/x"));
  w.sim().Restart(w.sim().FindNode("zookeeper-1")->id());
  w.RunFor(20_s);
  CHECK(w.Query("zookeeper", {"quorum"}) == "yes");
  CHECK(w.Await([&](auto cb) { c.client.Create("/x", "", CreateMode::kPersistent, cb); }).ok());
}

TEST_CASE("a read on a follower may lag the leader until the COMMIT arrives") {
  ZkWorld w;
  w.StartEnsemble(3);
  auto& writer = w.AddClient("writer", "localhost:2183");  // the leader
  auto& reader = w.AddClient("reader", "localhost:2181");  // a follower
  REQUIRE(w.Await([&](auto cb) { writer.client.Create("/v", "1", CreateMode::kPersistent, cb); }).ok());
  w.RunFor(1_s);
  // Slow the link from the leader to zookeeper-1: its PROPOSAL and COMMIT arrive 2 s late,
  // while zookeeper-2's ACK alone makes the majority.
  w.sim().network().SetLink(w.sim().FindNode("zookeeper-3")->id(), w.sim().FindNode("zookeeper-1")->id(),
                            LinkOptions{.latency = 2_s, .jitter = 0_ms});
  std::optional<zk::OpResult> written;
  writer.client.SetData("/v", "2", -1, [&](const zk::OpResult& r) { written = r; });
  w.sim().RunWhile([&] { return !written; }, w.sim().now() + 5_s);
  REQUIRE(written->ok());
  CHECK(w.Await([&](auto cb) { reader.client.GetData("/v", cb); }).data == "1");  // stale
  w.RunFor(3_s);
  CHECK(w.Await([&](auto cb) { reader.client.GetData("/v", cb); }).data == "2");
}
