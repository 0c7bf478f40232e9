#include "viz/model/cluster_metadata.h"

#include <catch2/catch.hpp>

#include "sim/script/scenario.h"
#include "tests/viz/viz_fixture.h"
#include "viz/model/cluster_view.h"

namespace kafkasim::viz {
namespace {

using namespace kafkasim::time_literals;

// "★orders-1 ●orders-0 ●orders-2": a broker box's replicas as the canvas lists them.
std::string Badges(const ClusterView& view, std::string_view broker) {
  const NodeView* n = view.Find(broker);
  REQUIRE(n != nullptr);
  std::string out;
  for (const ReplicaBadge& b : n->replicas) {
    out += fmt::format("{}{}{}", out.empty() ? "" : " ", RoleGlyph(b.role), b.partition);
  }
  return out;
}

std::string Roles(const PartitionInfo& p) {
  std::string out;
  for (const ReplicaInfo& r : p.replica_states) {
    out += fmt::format("{}{}={}", out.empty() ? "" : " ", r.broker.value(), RoleName(r.role));
  }
  return out;
}

const PartitionInfo& Get(const ClusterMetadata& m, int partition) {
  const PartitionInfo* p = m.Find({"orders", partition});
  REQUIRE(p != nullptr);
  return *p;
}

TEST_CASE("a healthy cluster: one leader and two in-sync followers per partition, the controller's view") {
  World world(testing::BrokersScript());
  world.AdvanceTo(Time::Zero() + 5_s);
  const ClusterMetadata m = ReadClusterMetadata(world.session());
  CHECK(m.source == "the controller (broker-0)");
  CHECK(m.controller == BrokerId(0));
  REQUIRE(m.partitions.size() == 3);
  CHECK(m.Topics() == std::vector<std::string>{"orders"});
  CHECK(m.offline == 0);
  CHECK(m.under_replicated == 0);
  const PartitionInfo& p1 = Get(m, 1);
  CHECK(p1.leader == BrokerId(1));
  CHECK(p1.preferred_leader() == BrokerId(1));
  CHECK(Roles(p1) == "1=leader 2=in-sync follower 0=in-sync follower");
  // The two records reached every replica and the high watermark.
  for (const ReplicaInfo& r : p1.replica_states) {
    CHECK(r.log_end_offset == Offset(2));
    CHECK(r.high_watermark == Offset(2));
  }
  const ClusterView view = BuildClusterView(world.session(), m);
  CHECK(Badges(view, "broker-1") == "★orders-1 ●orders-0 ●orders-2");
  CHECK(view.Find("broker-1")->replica_count == 3);
  // What a box too small for the badges shows: one leader, two in-sync followers.
  CHECK(view.Find("broker-1")->role_counts == std::array<int, 4>{1, 2, 0, 0});
  CHECK(view.Find("broker-0")->role == "controller");
  CHECK(view.Find("broker-0")->leader);
  const auto brokers = std::find_if(view.groups.begin(), view.groups.end(),
                                    [](const NodeGroupView& g) { return g.kind == NodeGroupKind::kBroker; });
  REQUIRE(brokers != view.groups.end());
  CHECK_THAT(brokers->title, Catch::Contains("3 partitions") && Catch::Contains("0 under-replicated") &&
                                 Catch::Contains("0 offline"));
}

TEST_CASE("a crashed leader is offline at once on the canvas, while Kafka's books still name it") {
  World world(testing::BrokersScript());
  world.AdvanceTo(Time::Zero() + 12_s);  // crashed at 10 s; the session lasts 18 s
  const ClusterMetadata m = ReadClusterMetadata(world.session());
  const PartitionInfo& p1 = Get(m, 1);
  CHECK(p1.leader == BrokerId(1));
  CHECK_FALSE(p1.offline);
  CHECK(p1.leader_down);
  CHECK(Roles(p1) == "1=offline 2=in-sync follower 0=in-sync follower");
  // The crashed broker's log is still on its disk.
  CHECK(p1.Replica(BrokerId(1))->has_log);
  CHECK(p1.Replica(BrokerId(1))->log_end_offset == Offset(2));
  CHECK_FALSE(p1.Replica(BrokerId(1))->high_watermark.has_value());
  CHECK(Badges(BuildClusterView(world.session(), m), "broker-1") == "✖orders-0 ✖orders-1 ✖orders-2");
}

TEST_CASE("a crashed controller keeps its crown until ZooKeeper expires its session") {
  std::string text(testing::kBrokers);
  text.replace(text.find("at 10s crash broker-1"), 21, "at 10s crash broker-0");
  World world(Script{.scenario = std::make_shared<const Scenario>(ParseScenario(text, "controller.scn")), .seed = 11});
  world.AdvanceTo(Time::Zero() + 12_s);  // crashed at 10 s; /controller lives as long as its session
  const ClusterView before = BuildClusterView(world.session());
  const NodeView* crashed = before.Find("broker-0");
  REQUIRE(crashed != nullptr);
  CHECK(crashed->state == NodeState::kCrashed);
  CHECK(crashed->role == "controller");
  CHECK(crashed->leader);
  world.AdvanceTo(Time::Zero() + 35_s);  // expired: another broker won the election
  const ClusterView after = BuildClusterView(world.session());
  CHECK_FALSE(after.Find("broker-0")->leader);
  CHECK(after.Find("broker-0")->role.empty());
  CHECK((after.Find("broker-1")->leader || after.Find("broker-2")->leader));
}

TEST_CASE("a one-way block is shown as one, not as a split") {
  std::string text(testing::kBrokers);
  text.replace(text.find("at 10s crash broker-1"), 21, "at 10s network block broker-1 broker-2");
  World world(Script{.scenario = std::make_shared<const Scenario>(ParseScenario(text, "block.scn")), .seed = 11});
  world.AdvanceTo(Time::Zero() + 12_s);
  const ClusterView view = BuildClusterView(world.session());
  CHECK(view.partitioned);
  CHECK_FALSE(view.split);
  CHECK(view.blocked == std::vector<std::string>{"broker-1 \u2192 broker-2"});
}

TEST_CASE("after the session expired: leaders moved, every partition under-replicated, none offline") {
  World world(testing::BrokersScript());
  world.AdvanceTo(Time::Zero() + 35_s);
  const ClusterMetadata m = ReadClusterMetadata(world.session());
  CHECK(m.under_replicated == 3);
  CHECK(m.offline == 0);
  const PartitionInfo& p1 = Get(m, 1);
  CHECK(p1.leader == BrokerId(2));
  CHECK(p1.leader_epoch == 1);
  CHECK(p1.preferred_leader() == BrokerId(1));
  CHECK_FALSE(p1.leader_down);
  CHECK(Roles(p1) == "1=offline 2=leader 0=in-sync follower");
  CHECK(Badges(BuildClusterView(world.session(), m), "broker-2") == "★orders-1 ★orders-2 ●orders-0");
}

TEST_CASE("a returning follower is judged against the controller's ISR, not its own stale copy") {
  World world(testing::BrokersScript());
  world.AdvanceTo(Time::Zero() + 50_s);
  const ClusterMetadata m = ReadClusterMetadata(world.session());
  CHECK(m.under_replicated == 0);
  // broker-1's LeaderAndIsr said ISR [2,0]; the leader added it back through AlterPartition.
  CHECK(Roles(Get(m, 1)) == "1=in-sync follower 2=leader 0=in-sync follower");
  CHECK(Badges(BuildClusterView(world.session(), m), "broker-1") == "●orders-0 ●orders-1 ●orders-2");
}

TEST_CASE("an out-of-sync follower is told apart from an in-sync one") {
  World world(testing::BrokersScript());
  world.AdvanceTo(Time::Zero() + 40_s);
  // Restarted at 40 s: registered, not yet a follower of anything, or fetching but not caught up.
  world.AdvanceTo(Time::Zero() + Duration::Millis(40'010));
  const ClusterMetadata m = ReadClusterMetadata(world.session());
  const ReplicaInfo* r = Get(m, 1).Replica(BrokerId(1));
  REQUIRE(r != nullptr);
  CHECK(r->running);
  CHECK(r->role == ReplicaRole::kOutOfSyncFollower);
  CHECK(RoleGlyph(r->role) == "○");
}

TEST_CASE("without an active controller the metadata comes from a broker's cache") {
  World world(testing::BrokersScript());
  world.AdvanceTo(Time::Zero() + 5_s);
  REQUIRE(std::holds_alternative<Action>(world.Act("crash broker-0")));
  world.AdvanceTo(Time::Zero() + Duration::Millis(5'100));
  const ClusterMetadata m = ReadClusterMetadata(world.session());
  CHECK(m.controller == kNoLeader);
  CHECK_THAT(m.source, Catch::Contains("metadata cache"));
  CHECK(m.partitions.size() == 3);
  CHECK(Get(m, 0).leader_down);  // broker-0 led orders-0
}

// Everything a row says, one line a partition.
std::string Describe(const ClusterMetadata& m) {
  std::string out = fmt::format("{} controller={} offline={} under={}\n", m.source, m.controller.value(), m.offline,
                                m.under_replicated);
  for (const PartitionInfo& p : m.partitions) {
    out += fmt::format("{} replicas={} leader={} epoch={} isr={} offline={} down={} under={}:", p.name,
                       JoinIds(p.replicas), p.leader.value(), p.leader_epoch, JoinIds(p.isr), p.offline, p.leader_down,
                       p.under_replicated);
    for (const ReplicaInfo& r : p.replica_states) {
      out += fmt::format(" {}/{}/{}/{}/{}/{}-{}/{}", r.broker.value(), RoleName(r.role), r.running, r.hosted, r.has_log,
                         r.log_start_offset.value(), r.log_end_offset.value(),
                         r.high_watermark ? fmt::format("{}", r.high_watermark->value()) : "none");
    }
    out += "\n";
  }
  return out;
}

// Every broker box as the canvas draws it: counts by role, details and badges.
std::string DescribeView(const ClusterView& view) {
  std::string out;
  for (const NodeGroupView& g : view.groups) {
    for (const NodeView& n : g.nodes) {
      out += fmt::format("{} {} {} [{}] {}:", n.name, n.role, n.replica_count, fmt::join(n.role_counts, ","),
                         fmt::join(n.details, "; "));
      for (const ReplicaBadge& b : n.replicas) out += fmt::format(" {}{}", RoleGlyph(b.role), b.partition);
      out += "\n";
    }
  }
  return out;
}

TEST_CASE("a table reread in place, as each playing frame does, says what a fresh read says") {
  World world(testing::BrokersScript());
  ClusterMetadata reused;
  // Healthy, a leader crashed, leaders moved, the broker back: rows change role, leader and ISR.
  for (int seconds : {5, 12, 35, 50}) {
    world.AdvanceTo(Time::Zero() + Duration::Seconds(seconds));
    ReadClusterMetadata(world.session(), reused);
    CHECK(Describe(reused) == Describe(ReadClusterMetadata(world.session())));
  }
  // A second topic adds rows in the middle of the table; without a controller the rows come from a cache.
  REQUIRE(std::holds_alternative<Action>(world.Act(
      "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic inventory --partitions 2 "
      "--replication-factor 2")));
  world.AdvanceTo(Time::Zero() + 55_s);
  ReadClusterMetadata(world.session(), reused);
  CHECK(reused.partitions.size() == 5);
  CHECK(Describe(reused) == Describe(ReadClusterMetadata(world.session())));
  REQUIRE(std::holds_alternative<Action>(world.Act("crash broker-0")));
  world.AdvanceTo(Time::Zero() + Duration::Millis(55'100));
  ReadClusterMetadata(world.session(), reused);
  CHECK_THAT(reused.source, Catch::Contains("metadata cache"));
  CHECK(Describe(reused) == Describe(ReadClusterMetadata(world.session())));
}

// A playing frame rereads only the brokers that handled an event since its last read, and
// nothing when none did: if some broker's state changed outside its own events, a table reread
// this way would fall behind. Stories with crashes, power loss, truncation, retention, deleted
// records and topics, read every few milliseconds and now and then after longer gaps.
TEST_CASE("a table reread after every few events keeps up with every change a story makes") {
  const std::string story = GENERATE(as<std::string>{}, "broker-failover.scn", "unclean-election.scn",
                                     "acks-1-truncation.scn", "delete-records.scn", "storage-segments.scn",
                                     "topic-deletion.scn", "zombie-leader.scn", "zookeeper-quorum-loss.scn");
  CAPTURE(story);
  const auto scenario =
      std::make_shared<const Scenario>(LoadScenario(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/" + story));
  World world(Script{.scenario = scenario, .seed = 1});
  ClusterMetadata reused;
  ClusterViewCache cache;
  int reads = 0, mismatches = 0, view_mismatches = 0;
  for (int step = 0; step < 4000 && !world.idle(); ++step) {
    world.AdvanceTo(world.now() + Duration::Millis(step % 10 == 0 ? 400 : 3));
    ReadClusterMetadata(world.session(), reused);
    ++reads;
    const ClusterMetadata fresh = ReadClusterMetadata(world.session());
    if (Describe(reused) != Describe(fresh)) {
      if (++mismatches == 1) FAIL_CHECK("the reused table fell behind at " << FormatTime(world.now()));
    }
    // The cluster view reuses its sums by broker while the roles stay: it must say what a view
    // built afresh says.
    if (DescribeView(BuildClusterView(world.session(), reused, &cache)) !=
        DescribeView(BuildClusterView(world.session(), fresh))) {
      if (++view_mismatches == 1) FAIL_CHECK("the cluster view fell behind at " << FormatTime(world.now()));
    }
  }
  CHECK(reads > 100);
  CHECK(mismatches == 0);
  CHECK(view_mismatches == 0);
}

TEST_CASE("a reread that moves only offsets keeps the roles' version; a crash changes it") {
  World world(testing::BrokersScript());
  world.AdvanceTo(Time::Zero() + 5_s);
  ClusterMetadata table;
  ReadClusterMetadata(world.session(), table);
  REQUIRE(table.roles_version != 0);
  // The followers keep fetching: the brokers move, their replicas' roles do not.
  int kept = 0;
  for (int step = 0; step < 50; ++step) {
    const uint64_t before = table.roles_version;
    world.AdvanceTo(world.now() + Duration::Millis(3));
    ReadClusterMetadata(world.session(), table);
    kept += table.roles_version == before;
  }
  CHECK(kept > 0);
  // broker-1 crashes at 10 s: its replicas are offline at once.
  const uint64_t before = table.roles_version;
  world.AdvanceTo(Time::Zero() + Duration::Millis(10'001));
  ReadClusterMetadata(world.session(), table);
  CHECK(table.roles_version != before);
  // Another table never has the same version.
  CHECK(ReadClusterMetadata(world.session()).roles_version != table.roles_version);
}

}  // namespace
}  // namespace kafkasim::viz
