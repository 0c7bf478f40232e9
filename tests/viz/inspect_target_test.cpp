#include "viz/model/inspect_target.h"

#include <catch2/catch.hpp>

#include "tests/viz/viz_fixture.h"

namespace kafkasim::viz {
namespace {

using namespace kafkasim::time_literals;

TEST_CASE("--inspect names resolve to the overview, a broker, a ZooKeeper server or a partition") {
  World world(testing::BrokersScript());
  world.AdvanceTo(Time::Zero() + 5_s);
  const ClusterMetadata m = ReadClusterMetadata(world.session());
  const ClusterView v = BuildClusterView(world.session(), m);
  CHECK(ResolveInspectTarget("cluster", v, m) == InspectTarget{});
  CHECK(ResolveInspectTarget("", v, m) == InspectTarget{});
  CHECK(ResolveInspectTarget("broker-2", v, m) == InspectTarget{.kind = InspectKind::kBroker, .name = "broker-2"});
  CHECK(ResolveInspectTarget("zookeeper-0", v, m) == InspectTarget{.kind = InspectKind::kZooKeeper, .name = "zookeeper-0"});
  CHECK(ResolveInspectTarget("orders-1", v, m) == InspectTarget{.kind = InspectKind::kPartition, .name = "orders-1"});
  CHECK_FALSE(ResolveInspectTarget("orders-7", v, m).has_value());
  CHECK_FALSE(ResolveInspectTarget("console-producer-1", v, m).has_value());  // no inspector for a client yet
}

}  // namespace
}  // namespace kafkasim::viz
