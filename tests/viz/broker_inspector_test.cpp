#include "viz/model/broker_inspector.h"

#include <catch2/catch.hpp>

#include "tests/viz/viz_fixture.h"

namespace kafkasim::viz {
namespace {

using namespace kafkasim::time_literals;

std::string Names(const std::vector<BrokerPartitionRow>& rows) {
  std::string out;
  for (const BrokerPartitionRow& r : rows) out += (out.empty() ? "" : " ") + r.partition;
  return out;
}

std::string ConfigValue(const BrokerInspector& b, std::string_view key) {
  for (const auto& [k, v] : b.config) {
    if (k == key) return v;
  }
  return "<absent>";
}

TEST_CASE("a broker's inspector: what it leads and follows, its metadata cache and its config") {
  World world(testing::BrokersScript());
  world.AdvanceTo(Time::Zero() + 5_s);
  const ClusterMetadata m = ReadClusterMetadata(world.session());
  const BrokerInspector b = InspectBroker(world.session(), m, BrokerId(1));
  CHECK(b.name == "broker-1");
  CHECK(b.state == NodeState::kRunning);
  CHECK(b.registered);
  CHECK_FALSE(b.controller);
  CHECK(Names(b.led) == "orders-1");
  CHECK(Names(b.followed) == "orders-0 orders-2");
  CHECK(b.followed[0].role == ReplicaRole::kInSyncFollower);
  CHECK(b.led[0].high_watermark == Offset(2));
  CHECK(b.preferred_elsewhere.empty());
  CHECK(b.cache_controller == BrokerId(0));
  CHECK(b.cache_live_brokers == std::vector<BrokerId>{BrokerId(0), BrokerId(1), BrokerId(2)});
  CHECK(b.cache_topics == 1);
  CHECK(b.log_bytes > 0);
  CHECK(ConfigValue(b, "broker.id") == "1");
  CHECK(ConfigValue(b, "zookeeper.session.timeout.ms") == "18000");
  CHECK(ConfigValue(b, "replica.lag.time.max.ms") == "30000");
  CHECK(InspectBroker(world.session(), m, BrokerId(0)).controller);
}

TEST_CASE("after a failover the broker inspector tells actual from preferred leader") {
  World world(testing::BrokersScript());
  world.AdvanceTo(Time::Zero() + 35_s);
  const ClusterMetadata m = ReadClusterMetadata(world.session());
  const BrokerInspector down = InspectBroker(world.session(), m, BrokerId(1));
  CHECK(down.state == NodeState::kCrashed);
  CHECK(down.led.empty());
  CHECK(Names(down.followed) == "orders-0 orders-1 orders-2");
  CHECK(down.followed[1].role == ReplicaRole::kOffline);
  CHECK(down.preferred_elsewhere == std::vector<std::string>{"orders-1"});
  CHECK_FALSE(down.cache_controller.has_value());  // no process, no cache
  CHECK(down.config.empty());
  CHECK(down.log_bytes > 0);  // the disk outlives the process

  const BrokerInspector two = InspectBroker(world.session(), m, BrokerId(2));
  REQUIRE(Names(two.led) == "orders-1 orders-2");
  CHECK(two.led[0].leader == BrokerId(2));
  CHECK(two.led[0].preferred_leader == BrokerId(1));
  CHECK(two.led[0].under_replicated);
}

TEST_CASE("the broker-centric overview counts leaders, under-replicated and offline partitions") {
  World world(testing::BrokersScript());
  world.AdvanceTo(Time::Zero() + 5_s);
  ClusterOverview o = BuildClusterOverview(world.session(), ReadClusterMetadata(world.session()));
  CHECK(o.partitions == 3);
  REQUIRE(o.brokers.size() == 3);
  for (const BrokerOverviewRow& row : o.brokers) {
    CHECK(row.replicas == 3);
    CHECK(row.leaders == 1);
    CHECK(row.preferred == 1);
    CHECK(row.in_sync == 3);
    CHECK(row.under_replicated == 0);
  }
  CHECK(o.brokers[0].controller);
  CHECK(o.under_replicated.empty());
  CHECK(o.not_preferred.empty());

  world.AdvanceTo(Time::Zero() + 35_s);
  o = BuildClusterOverview(world.session(), ReadClusterMetadata(world.session()));
  CHECK(o.under_replicated == std::vector<std::string>{"orders-0", "orders-1", "orders-2"});
  CHECK(o.offline.empty());
  CHECK(o.not_preferred == std::vector<std::string>{"orders-1"});
  CHECK(o.brokers[1].state == NodeState::kCrashed);
  CHECK(o.brokers[1].leaders == 0);
  CHECK(o.brokers[1].out_of_sync == 3);
  CHECK(o.brokers[2].leaders == 2);
  CHECK(o.brokers[2].under_replicated == 2);
}

}  // namespace
}  // namespace kafkasim::viz

namespace kafkasim::viz {
namespace {

// The overview sums every log of every broker once per state of the broker, not every frame; the
// sum must still be what the disk holds now, also when the table was read a while ago.
TEST_CASE("the overview's log bytes are what each broker's disk holds, as producers keep writing") {
  World world(testing::ScenarioFile("classroom-demo.scn"));
  ClusterMetadata table;
  auto disk_bytes = [&](int broker) { return InspectBroker(world.session(), table, BrokerId(broker)).log_bytes; };
  world.AdvanceTo(Time::Zero() + 20_s);
  ReadClusterMetadata(world.session(), table);
  const int64_t at_20s = LogBytesOnDisk(world.session(), table, BrokerId(0));
  CHECK(at_20s == disk_bytes(0));
  CHECK(LogBytesOnDisk(world.session(), table, BrokerId(0)) == at_20s);  // asked again: the same
  world.AdvanceTo(Time::Zero() + 30_s);  // not reread: the broker moved on since the table's read
  CHECK(LogBytesOnDisk(world.session(), table, BrokerId(0)) == disk_bytes(0));
  ReadClusterMetadata(world.session(), table);
  CHECK(LogBytesOnDisk(world.session(), table, BrokerId(0)) > at_20s);
  for (int b = 0; b < 3; ++b) {
    CHECK(BuildClusterOverview(world.session(), table).brokers[static_cast<size_t>(b)].log_bytes == disk_bytes(b));
  }
}

}  // namespace
}  // namespace kafkasim::viz
