#include "viz/model/znode_view.h"

#include <catch2/catch.hpp>

#include "tests/viz/viz_fixture.h"

namespace kafkasim::viz {
namespace {

using namespace kafkasim::time_literals;

const ZnodeRow* Row(const ZooKeeperInspector& z, std::string_view path) {
  for (const ZnodeRow& r : z.znodes) {
    if (r.path == path) return &r;
  }
  return nullptr;
}

TEST_CASE("the ZooKeeper inspector lists the znode tree parents first, with data, versions and owners") {
  World world(testing::BrokersScript());
  world.AdvanceTo(Time::Zero() + 5_s);
  const ZooKeeperInspector z = InspectZooKeeper(world.session(), "zookeeper-0");
  CHECK(z.role == "standalone");
  CHECK(z.serving);
  CHECK(z.source == "zookeeper-0");
  CHECK(z.sessions >= 3);  // one a broker
  REQUIRE_FALSE(z.znodes.empty());
  CHECK(z.znodes.front().path == "/");
  CHECK(z.hidden == 0);
  // Parents come before their children.
  for (size_t i = 1; i < z.znodes.size(); ++i) {
    const std::string& path = z.znodes[i].path;
    const std::string parent = path.substr(0, std::max<size_t>(1, path.rfind('/')));
    const ZnodeRow* p = Row(z, parent);
    REQUIRE(p != nullptr);
    CHECK(p < &z.znodes[i]);
    CHECK(z.znodes[i].depth == p->depth + 1);
  }
  const ZnodeRow* broker1 = Row(z, "/brokers/ids/1");
  REQUIRE(broker1 != nullptr);
  CHECK(broker1->ephemeral_owner != 0);
  CHECK(broker1->owner == "broker-1");
  CHECK_THAT(broker1->data, Catch::Contains("PLAINTEXT://localhost:9093"));
  const ZnodeRow* controller = Row(z, "/controller");
  REQUIRE(controller != nullptr);
  CHECK(controller->owner == "broker-0");
  const ZnodeRow* state = Row(z, "/brokers/topics/orders/partitions/1/state");
  REQUIRE(state != nullptr);
  CHECK(state->ephemeral_owner == 0);
  CHECK_THAT(state->data, Catch::Contains("\"leader\":1"));
  const int32_t version_before = state->version;

  // The failover rewrites the state znode: a new version, a new leader.
  world.AdvanceTo(Time::Zero() + 35_s);
  const ZooKeeperInspector after = InspectZooKeeper(world.session(), "zookeeper-0");
  CHECK(Row(after, "/brokers/ids/1") == nullptr);
  const ZnodeRow* state_after = Row(after, "/brokers/topics/orders/partitions/1/state");
  REQUIRE(state_after != nullptr);
  CHECK(state_after->version > version_before);
  CHECK_THAT(state_after->data, Catch::Contains("\"leader\":2"));
}

TEST_CASE("the ZooKeeper inspector clips a large tree and reads a down server's ensemble view") {
  World world(testing::BrokersScript());
  world.AdvanceTo(Time::Zero() + 5_s);
  const ZooKeeperInspector clipped = InspectZooKeeper(world.session(), "zookeeper-0", 5);
  CHECK(clipped.znodes.size() == 5);
  const ZooKeeperInspector whole = InspectZooKeeper(world.session(), "zookeeper-0");
  CHECK(whole.hidden == 0);
  CHECK(clipped.hidden == whole.znodes.size() - 5);
  REQUIRE(std::holds_alternative<Action>(world.Act("crash zookeeper-0")));
  const ZooKeeperInspector down = InspectZooKeeper(world.session(), "zookeeper-0");
  CHECK(down.role == "down");
  CHECK(down.source == "the ensemble's latest view");
  CHECK(Row(down, "/brokers/ids/0") != nullptr);  // its database is on disk
}

}  // namespace
}  // namespace kafkasim::viz
