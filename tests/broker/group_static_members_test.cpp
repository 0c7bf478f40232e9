// Static membership (KIP-345) at the coordinator, request by request: a member with a
// group.instance.id joins without MEMBER_ID_REQUIRED, a restarted process takes its old place and
// assignment without a rebalance, the replaced member id is fenced, and the place is only freed
// by the session timeout (or a LeaveGroup naming the instance).

#include <catch2/catch.hpp>

#include "sim/broker/controller.h"
#include "tests/broker/group_fixture.h"

namespace kafkasim::testing {
namespace {

constexpr const char* kStaticGroup = "billing";

BrokerId FindStaticCoordinator(GroupCluster& c) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    auto r = std::make_unique<FindCoordinatorRequest>();
    r->key = kStaticGroup;
    c.Send("probe", BrokerId(0), std::move(r));
    c.Advance(Duration::Millis(200));
    if (c.probe().finds.back().error == ErrorCode::kNone) return c.probe().finds.back().node_id;
  }
  return kNoLeader;
}

void StaticJoin(GroupCluster& c, const std::string& client, BrokerId coordinator, const std::string& instance,
                const std::string& member_id = "") {
  auto r = Join(kStaticGroup, member_id, client, {"orders"});
  r->group_instance_id = instance;
  c.Send(client, coordinator, std::move(r));
}

template <typename Request>
std::unique_ptr<Request> StaticRequest(const std::string& member_id, const std::string& instance, int32_t generation) {
  auto r = std::make_unique<Request>();
  r->group_id = kStaticGroup;
  r->member_id = member_id;
  r->group_instance_id = instance;
  r->generation_id = generation;
  return r;
}

// One static member, instance "billing-a", Stable in generation 1 with all of `orders`.
struct OneStaticMember {
  GroupCluster cluster{kGroupSetup};
  BrokerId coordinator = FindStaticCoordinator(cluster);
  std::string member;
  const std::string assignment =
      EncodeAssignment(ConsumerAssignment{.partitions = {{"orders", 0}, {"orders", 1}, {"orders", 2}}});
  OneStaticMember() {
    StaticJoin(cluster, "consumer-1", coordinator, "billing-a");
    cluster.Advance(Duration::Millis(100));
    member = cluster.probe("consumer-1").joins.back().member_id;
    auto sync = StaticRequest<SyncGroupRequest>(member, "billing-a", 1);
    sync->assignments = {{member, assignment}};
    cluster.Send("consumer-1", coordinator, std::move(sync));
    cluster.Advance(Duration::Millis(1500));
  }
};

TEST_CASE("a static member joins at once, with a member id made from its group.instance.id") {
  GroupCluster c(kGroupSetup);
  const BrokerId coordinator = FindStaticCoordinator(c);
  StaticJoin(c, "consumer-1", coordinator, "billing-a");
  c.Advance(Duration::Millis(100));
  REQUIRE(c.probe("consumer-1").joins.size() == 1);  // no MEMBER_ID_REQUIRED round trip
  const JoinGroupResponse& joined = c.probe("consumer-1").joins[0];
  CHECK(joined.error == ErrorCode::kNone);
  CHECK(joined.member_id.starts_with("billing-a-"));
  CHECK(joined.generation_id == 1);
  CHECK(joined.leader == joined.member_id);
  CHECK(c.session().CountEvents("group.static_member_joined") == 1);
}

TEST_CASE("a restarted static member gets its place and assignment back without a rebalance") {
  OneStaticMember g;
  GroupCluster& c = g.cluster;
  REQUIRE(c.Group(kStaticGroup)->state() == GroupState::kStable);
  // A new process (no member id) with the same group.instance.id.
  StaticJoin(c, "consumer-1b", g.coordinator, "billing-a");
  c.Advance(Duration::Millis(100));
  const JoinGroupResponse& joined = c.probe("consumer-1b").joins.back();
  CHECK(joined.error == ErrorCode::kNone);
  CHECK(joined.generation_id == 1);  // same generation
  CHECK(joined.member_id != g.member);
  CHECK(joined.leader == joined.member_id);  // it led before, so it leads now...
  CHECK(joined.skip_assignment);             // ...but must not reassign a stable group
  CHECK(c.Group(kStaticGroup)->state() == GroupState::kStable);
  CHECK(c.Group(kStaticGroup)->generation() == 1);
  CHECK(c.Group(kStaticGroup)->Has(joined.member_id));
  CHECK_FALSE(c.Group(kStaticGroup)->Has(g.member));
  c.Send("consumer-1b", g.coordinator, StaticRequest<SyncGroupRequest>(joined.member_id, "billing-a", 1));
  c.Advance(Duration::Millis(100));
  REQUIRE(c.probe("consumer-1b").syncs.size() == 1);
  CHECK(c.probe("consumer-1b").syncs[0].error == ErrorCode::kNone);
  CHECK(c.probe("consumer-1b").syncs[0].assignment == g.assignment);
  CHECK(c.session().CountEvents("group.static_member_rejoined") == 1);
  CHECK(c.session().CountEvents("group.rebalance") == 1);  // only the first join's

  // The old process is fenced: its heartbeats, commits and syncs get FENCED_INSTANCE_ID.
  c.Send("consumer-1", g.coordinator, StaticRequest<HeartbeatRequest>(g.member, "billing-a", 1));
  c.Send("consumer-1", g.coordinator, StaticRequest<SyncGroupRequest>(g.member, "billing-a", 1));
  c.Advance(Duration::Millis(100));
  CHECK(c.probe("consumer-1").heartbeats.back().error == ErrorCode::kFencedInstanceId);
  CHECK(c.probe("consumer-1").syncs.back().error == ErrorCode::kFencedInstanceId);
  StaticJoin(c, "consumer-1", g.coordinator, "billing-a", g.member);
  c.Advance(Duration::Millis(100));
  CHECK(c.probe("consumer-1").joins.back().error == ErrorCode::kFencedInstanceId);
}

TEST_CASE("a static member that stays away past session.timeout.ms is removed and the group rebalances") {
  OneStaticMember g;
  GroupCluster& c = g.cluster;
  c.Advance(Duration::Seconds(40));
  CHECK(c.Group(kStaticGroup)->members().size() == 1);
  c.Advance(Duration::Seconds(10));
  CHECK(c.Group(kStaticGroup)->members().empty());
  CHECK(c.session().CountEvents("group.session_expired") == 1);
  // Its instance id is free again: a new process joins as a new member.
  StaticJoin(c, "consumer-1b", g.coordinator, "billing-a");
  c.Advance(Duration::Millis(100));
  CHECK(c.probe("consumer-1b").joins.back().generation_id == c.Group(kStaticGroup)->generation());
  CHECK(c.session().CountEvents("group.static_member_rejoined") == 0);
}

TEST_CASE("a LeaveGroup may name a static member by its group.instance.id alone") {
  OneStaticMember g;
  GroupCluster& c = g.cluster;
  auto leave = std::make_unique<LeaveGroupRequest>();
  leave->group_id = kStaticGroup;
  leave->members.push_back({"", std::string("billing-a"), "removed by the operator"});
  c.Send("admin", g.coordinator, std::move(leave));
  c.Advance(Duration::Millis(100));
  REQUIRE(c.probe("admin").leaves.size() == 1);
  CHECK(c.probe("admin").leaves[0].members.at("") == ErrorCode::kNone);
  CHECK(c.Group(kStaticGroup)->members().empty());
}

}  // namespace
}  // namespace kafkasim::testing
