#include "viz/model/partition_log_view.h"

#include <catch2/catch.hpp>

#include "tests/viz/viz_fixture.h"

namespace kafkasim::viz {
namespace {

using namespace kafkasim::time_literals;

// scenarios/acks-1-truncation.scn: orders-1 (replicas 1,2,0) gets two records with acks=all, then
// two with acks=1 that only broker-1 has; broker-1 crashes, broker-2 leads in epoch 1, broker-1
// returns at 40 s and truncates from 4 to 2.
struct Truncated {
  Timeline timeline;
  World world{testing::ScenarioFile("acks-1-truncation.scn"), &timeline};

  TopicLogView At(Duration t, PartitionViewOptions options = {}) {
    world.AdvanceTo(Time::Zero() + t);
    std::vector<Truncation> truncations;
    CollectTruncations(timeline, 0, timeline.size(), truncations);
    return BuildTopicLogView(world.session(), ReadClusterMetadata(world.session()), "orders", truncations, options);
  }
};

const ReplicaStrip& Strip(const PartitionLog& p, int broker) {
  for (const ReplicaStrip& s : p.strips) {
    if (s.broker == BrokerId(broker)) return s;
  }
  FAIL("no replica on broker " << broker);
  throw;
}

std::string Keys(const ReplicaStrip& s) {
  std::string out;
  for (const RecordCell& c : s.records) out += fmt::format("{}{}:{}@{}", out.empty() ? "" : " ", c.offset.value(), c.value, c.epoch);
  return out;
}

TEST_CASE("the partition view lines the replicas' logs up offset for offset, with LEO and HW") {
  Truncated t;
  const TopicLogView view = t.At(3_s);
  CHECK(view.topic == "orders");
  REQUIRE(view.partitions.size() == 3);
  const PartitionLog& p1 = view.partitions[1];
  CHECK(p1.name == "orders-1");
  CHECK(p1.window_begin == Offset(0));
  CHECK(p1.window_end == Offset(2));
  REQUIRE(p1.strips.size() == 3);
  CHECK(p1.strips[0].broker == BrokerId(1));  // the preferred leader first
  CHECK(p1.strips[0].role == ReplicaRole::kLeader);
  for (const ReplicaStrip& s : p1.strips) {
    CHECK(s.log_end_offset == Offset(2));
    CHECK(s.high_watermark == Offset(2));
    CHECK(s.log_start_offset == Offset(0));
    CHECK(s.segment_bases == std::vector<Offset>{Offset(0)});
    CHECK(Keys(s) == "0:first order@0 1:second order@0");
    REQUIRE(s.records.size() == 2);
    CHECK(s.records[0].key == "user-4");
    CHECK(s.records[0].batch_start);
  }
  // The other partitions are empty.
  CHECK(view.partitions[0].window_end == Offset(0));
  CHECK(view.partitions[0].strips[0].records.empty());
}

TEST_CASE("records only the acks=1 leader has sit above the high watermark, on its log alone") {
  Truncated t;
  const TopicLogView view = t.At(8_s);  // broker-1 crashed after acknowledging orders 3 and 4
  const PartitionLog& p1 = view.partitions[1];
  CHECK(p1.window_end == Offset(4));
  const ReplicaStrip& old_leader = Strip(p1, 1);
  CHECK_FALSE(old_leader.running);
  CHECK(old_leader.role == ReplicaRole::kOffline);
  CHECK(old_leader.log_end_offset == Offset(4));  // read from its disk
  CHECK(Keys(old_leader) == "0:first order@0 1:second order@0 2:third order@0 3:fourth order@0");
  CHECK(Strip(p1, 2).log_end_offset == Offset(2));
  CHECK(Strip(p1, 2).high_watermark == Offset(2));
  CHECK_FALSE(old_leader.truncation.has_value());
}

TEST_CASE("after the old leader returns, its truncation is visible: what it cut and when") {
  Truncated t;
  const TopicLogView view = t.At(45_s);
  const PartitionLog& p1 = view.partitions[1];
  CHECK(p1.leader == BrokerId(2));
  CHECK(p1.leader_epoch == 1);
  // The window still reaches the cut offsets, so the lost records show.
  CHECK(p1.window_end == Offset(4));
  const ReplicaStrip& returned = Strip(p1, 1);
  CHECK(returned.running);
  CHECK(returned.log_end_offset == Offset(2));
  CHECK(Keys(returned) == "0:first order@0 1:second order@0");
  REQUIRE(returned.truncation.has_value());
  CHECK(returned.truncation->from == Offset(4));
  CHECK(returned.truncation->to == Offset(2));
  CHECK(returned.truncation->time > Time::Zero() + 40_s);
  CHECK_FALSE(Strip(p1, 2).truncation.has_value());
}

TEST_CASE("a long log shows only its newest offsets, and a topic only its first partitions") {
  Truncated t;
  const TopicLogView view = t.At(8_s, PartitionViewOptions{.max_offsets = 3, .max_partitions = 2});
  REQUIRE(view.partitions.size() == 2);
  CHECK(view.hidden_partitions == 1);
  const PartitionLog& p1 = view.partitions[1];
  CHECK(p1.window_begin == Offset(1));
  CHECK(p1.window_end == Offset(4));
  CHECK(Keys(Strip(p1, 1)) == "1:second order@0 2:third order@0 3:fourth order@0");
  CHECK(Keys(Strip(p1, 2)) == "1:second order@0");
}

TEST_CASE("a topic nobody created has no partitions to show") {
  Truncated t;
  CHECK(t.At(3_s).partitions.size() == 3);
  std::vector<Truncation> none;
  CHECK(BuildTopicLogView(t.world.session(), ReadClusterMetadata(t.world.session()), "payments", none).partitions.empty());
}

}  // namespace
}  // namespace kafkasim::viz
