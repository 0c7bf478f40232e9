// The group coordinator, request by request: finding it, the rebalance protocol, heartbeats and
// sessions, offset commits, and failover to a new coordinator that reads the group back from
// __consumer_offsets.

#include <catch2/catch.hpp>

#include "sim/broker/controller.h"
#include "tests/broker/group_fixture.h"

namespace kafkasim::testing {
namespace {

constexpr const char* kGroup = "billing";

// Finds the coordinator (retrying while __consumer_offsets is being created) and returns it.
BrokerId FindCoordinator(GroupCluster& c, const std::string& group) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    auto r = std::make_unique<FindCoordinatorRequest>();
    r->key = group;
    c.Send("probe", BrokerId(0), std::move(r));
    c.Advance(Duration::Millis(200));
    const FindCoordinatorResponse& last = c.probe().finds.back();
    if (last.error == ErrorCode::kNone) return last.node_id;
  }
  return kNoLeader;
}

// The two-step join of a new member; returns its JoinGroup answer (after the rebalance completed).
JoinGroupResponse JoinNew(GroupCluster& c, const std::string& client, BrokerId coordinator,
                          std::vector<std::string> protocols = {"range"}) {
  c.Send(client, coordinator, Join(kGroup, "", client, {"orders"}, protocols));
  c.Advance(Duration::Millis(50));
  const JoinGroupResponse first = c.probe(client).joins.back();
  REQUIRE(first.error == ErrorCode::kMemberIdRequired);
  c.Send(client, coordinator, Join(kGroup, first.member_id, client, {"orders"}, protocols));
  return first;
}

void Sync(GroupCluster& c, const std::string& client, BrokerId coordinator, const std::string& member_id,
          int32_t generation, std::vector<SyncGroupAssignment> assignments = {}) {
  auto r = std::make_unique<SyncGroupRequest>();
  r->group_id = kGroup;
  r->member_id = member_id;
  r->generation_id = generation;
  r->assignments = std::move(assignments);
  c.Send(client, coordinator, std::move(r));
}

void Heartbeat(GroupCluster& c, const std::string& client, BrokerId coordinator, const std::string& member_id,
               int32_t generation) {
  auto r = std::make_unique<HeartbeatRequest>();
  r->group_id = kGroup;
  r->member_id = member_id;
  r->generation_id = generation;
  c.Send(client, coordinator, std::move(r));
}

void Commit(GroupCluster& c, const std::string& client, BrokerId coordinator, const std::string& member_id,
            int32_t generation, int32_t partition, int64_t offset) {
  auto r = std::make_unique<OffsetCommitRequest>();
  r->group_id = kGroup;
  r->member_id = member_id;
  r->generation_id = generation;
  r->offsets[TopicPartition{"orders", partition}] = OffsetCommitPartition{.offset = offset};
  c.Send(client, coordinator, std::move(r));
}

std::string AssignmentOf(std::vector<TopicPartition> partitions) {
  return EncodeAssignment(ConsumerAssignment{.partitions = std::move(partitions)});
}

// One member, Stable in generation 1 with all of `orders`.
struct OneMember {
  GroupCluster cluster{kGroupSetup};
  BrokerId coordinator = FindCoordinator(cluster, kGroup);
  std::string member;
  OneMember() {
    member = JoinNew(cluster, "consumer-1", coordinator).member_id;
    cluster.Advance(Duration::Millis(100));
    Sync(cluster, "consumer-1", coordinator, member, 1,
         {{member, AssignmentOf({{"orders", 0}, {"orders", 1}, {"orders", 2}})}});
    cluster.Advance(Duration::Millis(1500));
  }
};

TEST_CASE("the first FindCoordinator creates __consumer_offsets with 50 compacted partitions, replication factor 3") {
  GroupCluster c(kGroupSetup);
  auto r = std::make_unique<FindCoordinatorRequest>();
  r->key = kGroup;
  c.Send("probe", BrokerId(0), std::move(r));
  c.Advance(Duration::Millis(100));
  REQUIRE(c.probe().finds.size() == 1);
  CHECK(c.probe().finds[0].error == ErrorCode::kCoordinatorNotAvailable);  // the topic is being created
  c.Advance(Duration::Seconds(2));
  const auto& topics = c.brokers().ActiveController()->controller().context().topics;
  REQUIRE(topics.contains("__consumer_offsets"));
  CHECK(c.broker(0)->metadata().PartitionCount("__consumer_offsets") == 50);
  const PartitionState* p = c.broker(0)->metadata().Partition({"__consumer_offsets", 0});
  REQUIRE(p != nullptr);
  CHECK(p->replicas.size() == 3);
  CHECK(p->topic_config.at("cleanup.policy") == "compact");
  // The coordinator is the leader of partition abs(hashCode("billing")) % 50.
  const BrokerId coordinator = FindCoordinator(c, kGroup);
  const PartitionState* home = c.broker(0)->metadata().Partition({"__consumer_offsets", PartitionForGroup(kGroup, 50)});
  CHECK(coordinator == home->state.leader);
  CHECK(c.probe().finds.back().port == 9092 + coordinator.value());
}

TEST_CASE("with fewer live brokers than offsets.topic.replication.factor the coordinator is not available") {
  GroupCluster c(
      "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
      "bin/kafka-server-start.sh config/server.properties --override offsets.topic.replication.factor=3\n"
      "sleep 5s\n");
  for (int i = 0; i < 5; ++i) {
    auto r = std::make_unique<FindCoordinatorRequest>();
    r->key = kGroup;
    c.Send("probe", BrokerId(0), std::move(r));
    c.Advance(Duration::Seconds(1));
  }
  for (const auto& f : c.probe().finds) CHECK(f.error == ErrorCode::kCoordinatorNotAvailable);
  CHECK_FALSE(c.brokers().ActiveController()->controller().context().topics.contains("__consumer_offsets"));
  CHECK(c.session().CountEvents("group.offsets_topic_unavailable") >= 1);
}

TEST_CASE("a new member is told MEMBER_ID_REQUIRED with clientId-uuid, then leads generation 1") {
  GroupCluster c(kGroupSetup);
  const BrokerId coordinator = FindCoordinator(c, kGroup);
  const JoinGroupResponse first = JoinNew(c, "consumer-1", coordinator);
  CHECK(first.member_id.starts_with("consumer-1-"));
  CHECK(first.member_id.size() == std::string("consumer-1-").size() + 36);  // a java.util.UUID
  CHECK(first.member_id[std::string("consumer-1-").size() + 14] == '4');   // version 4
  c.Advance(Duration::Millis(100));
  const JoinGroupResponse& joined = c.probe("consumer-1").joins.back();
  CHECK(joined.error == ErrorCode::kNone);
  CHECK(joined.generation_id == 1);
  CHECK(joined.leader == first.member_id);
  CHECK(joined.protocol_name == "range");
  REQUIRE(joined.members.size() == 1);  // the leader gets the subscriptions
  CHECK(DecodeSubscription(joined.members[0].metadata)->topics == std::vector<std::string>{"orders"});
  CHECK(c.Group(kGroup)->state() == GroupState::kCompletingRebalance);
}

TEST_CASE("the leader's SyncGroup is stored, then every member gets its assignment and the group is Stable") {
  OneMember m;
  const SyncGroupResponse& sync = m.cluster.probe("consumer-1").syncs.back();
  CHECK(sync.error == ErrorCode::kNone);
  CHECK(DecodeAssignment(sync.assignment)->partitions.size() == 3);
  const GroupMetadata* g = m.cluster.Group(kGroup);
  CHECK(g->state() == GroupState::kStable);
  CHECK(g->generation() == 1);
  CHECK(m.cluster.session().CountEvents("group.stable") == 1);
}

TEST_CASE("a second member starts a rebalance: heartbeats answer REBALANCE_IN_PROGRESS until everyone rejoined") {
  OneMember m;
  GroupCluster& c = m.cluster;
  const std::string second = JoinNew(c, "consumer-2", m.coordinator).member_id;
  c.Advance(Duration::Millis(100));
  CHECK(c.Group(kGroup)->state() == GroupState::kPreparingRebalance);
  CHECK(c.probe("consumer-2").joins.size() == 1);  // still waiting for consumer-1
  Heartbeat(c, "consumer-1", m.coordinator, m.member, 1);
  c.Advance(Duration::Millis(100));
  CHECK(c.probe("consumer-1").heartbeats.back().error == ErrorCode::kRebalanceInProgress);
  c.Send("consumer-1", m.coordinator, Join(kGroup, m.member, "consumer-1", {"orders"}));
  c.Advance(Duration::Millis(100));
  const JoinGroupResponse& a = c.probe("consumer-1").joins.back();
  const JoinGroupResponse& b = c.probe("consumer-2").joins.back();
  CHECK(a.generation_id == 2);
  CHECK(b.generation_id == 2);
  CHECK(a.leader == m.member);  // the leader stays
  CHECK(a.members.size() == 2);
  CHECK(b.members.empty());
  // A commit with the old generation is refused.
  Commit(c, "consumer-1", m.coordinator, m.member, 1, 0, 5);
  c.Advance(Duration::Millis(100));
  CHECK(c.probe("consumer-1").commits.back().partitions.begin()->second == ErrorCode::kIllegalGeneration);
}

TEST_CASE("a member that stops heartbeating is removed after session.timeout.ms and the group rebalances") {
  OneMember m;
  GroupCluster& c = m.cluster;
  const std::string second = JoinNew(c, "consumer-2", m.coordinator).member_id;
  c.Send("consumer-1", m.coordinator, Join(kGroup, m.member, "consumer-1", {"orders"}));
  c.Advance(Duration::Millis(100));
  Sync(c, "consumer-1", m.coordinator, m.member, 2,
       {{m.member, AssignmentOf({{"orders", 0}, {"orders", 1}})}, {second, AssignmentOf({{"orders", 2}})}});
  Sync(c, "consumer-2", m.coordinator, second, 2);
  c.Advance(Duration::Millis(1500));
  REQUIRE(c.Group(kGroup)->state() == GroupState::kStable);
  CHECK(DecodeAssignment(c.probe("consumer-2").syncs.back().assignment)->partitions ==
        std::vector<TopicPartition>{{"orders", 2}});
  // consumer-1 keeps heartbeating every 3 s; consumer-2 goes silent.
  for (int i = 0; i < 14; ++i) {
    Heartbeat(c, "consumer-1", m.coordinator, m.member, 2);
    c.Advance(Duration::Seconds(3));
  }
  CHECK(c.Group(kGroup)->Has(second));  // 42 s: not yet
  Heartbeat(c, "consumer-1", m.coordinator, m.member, 2);
  c.Advance(Duration::Seconds(3));
  const GroupMetadata* g = c.Group(kGroup);
  CHECK_FALSE(g->Has(second));
  CHECK(g->state() == GroupState::kPreparingRebalance);
  CHECK(c.session().CountEvents("group.session_expired") == 1);
  Heartbeat(c, "consumer-1", m.coordinator, m.member, 2);
  c.Advance(Duration::Millis(100));
  CHECK(c.probe("consumer-1").heartbeats.back().error == ErrorCode::kRebalanceInProgress);
}

TEST_CASE("commits are checked against the member and generation; the committed offset reads back") {
  OneMember m;
  GroupCluster& c = m.cluster;
  Commit(c, "consumer-1", m.coordinator, "consumer-9-nobody", 1, 0, 5);
  Commit(c, "consumer-1", m.coordinator, m.member, 7, 0, 5);
  Commit(c, "consumer-1", m.coordinator, m.member, 1, 0, 42);
  c.Advance(Duration::Seconds(1));
  const auto& commits = c.probe("consumer-1").commits;
  REQUIRE(commits.size() == 3);
  CHECK(commits[0].partitions.begin()->second == ErrorCode::kUnknownMemberId);
  CHECK(commits[1].partitions.begin()->second == ErrorCode::kIllegalGeneration);
  CHECK(commits[2].partitions.begin()->second == ErrorCode::kNone);
  auto fetch = std::make_unique<OffsetFetchRequest>();
  fetch->group_id = kGroup;
  fetch->partitions = std::vector<TopicPartition>{{"orders", 0}, {"orders", 1}};
  c.Send("consumer-1", m.coordinator, std::move(fetch));
  c.Advance(Duration::Millis(100));
  const OffsetFetchResponse& f = c.probe("consumer-1").fetches.back();
  CHECK(f.partitions.at({"orders", 0}).offset == 42);
  CHECK(f.partitions.at({"orders", 1}).offset == -1);  // nothing committed
}

TEST_CASE("a commit is acknowledged only once replicated to the offsets partition's ISR") {
  OneMember m;
  GroupCluster& c = m.cluster;
  Commit(c, "consumer-1", m.coordinator, m.member, 1, 1, 7);
  c.Advance(Duration::Seconds(1));
  REQUIRE(c.probe("consumer-1").commits.back().partitions.begin()->second == ErrorCode::kNone);
  const TopicPartition home{"__consumer_offsets", PartitionForGroup(kGroup, 50)};
  const Partition* leader = c.broker(m.coordinator.value())->replicas().Find(home);
  REQUIRE(leader != nullptr);
  CHECK(leader->high_watermark() == leader->log_end_offset());
  for (int32_t b = 0; b < 3; ++b) CHECK(c.broker(b)->replicas().Find(home)->log_end_offset() == leader->log_end_offset());
}

TEST_CASE("when the coordinator dies, the new leader of the offsets partition reloads the group and its offsets") {
  OneMember m;
  GroupCluster& c = m.cluster;
  Commit(c, "consumer-1", m.coordinator, m.member, 1, 2, 99);
  c.Advance(Duration::Seconds(1));
  REQUIRE(c.probe("consumer-1").commits.back().partitions.begin()->second == ErrorCode::kNone);
  const BrokerId old = m.coordinator;
  c.Play(fmt::format("crash broker-{}\nsleep 25s\n", old.value()));
  const BrokerId now = c.CoordinatorOf(kGroup);
  REQUIRE(now != kNoLeader);
  CHECK(now != old);
  const GroupMetadata* g = c.Group(kGroup);
  REQUIRE(g != nullptr);
  CHECK(g->generation() == 1);
  CHECK(g->offsets().at({"orders", 2}).offset == 99);
  CHECK(c.session().CountEvents("group.loaded") >= 1);
  // A loaded member gets a fresh session on the new coordinator; a silent one expires 45 s later.
  CHECK(g->Has(m.member));
  CHECK(g->state() == GroupState::kStable);
  c.Advance(Duration::Seconds(46));
  CHECK_FALSE(c.Group(kGroup)->Has(m.member));
  CHECK(c.Group(kGroup)->state() == GroupState::kEmpty);
  auto fetch = std::make_unique<OffsetFetchRequest>();
  fetch->group_id = kGroup;
  c.Send("consumer-1", now, std::move(fetch));
  c.Advance(Duration::Millis(100));
  CHECK(c.probe("consumer-1").fetches.back().partitions.at({"orders", 2}).offset == 99);
  // The old coordinator's address now answers NOT_COORDINATOR... it is down; any other broker does.
  const BrokerId other(now.value() == 0 ? 1 : 0);
  if (other != old) {
    Heartbeat(c, "consumer-1", other, m.member, 1);
    c.Advance(Duration::Millis(100));
    CHECK(c.probe("consumer-1").heartbeats.back().error == ErrorCode::kNotCoordinator);
  }
}

TEST_CASE("a member that leaves ends its membership at once and the last one leaves the group Empty") {
  OneMember m;
  GroupCluster& c = m.cluster;
  auto leave = std::make_unique<LeaveGroupRequest>();
  leave->group_id = kGroup;
  leave->members.push_back({.member_id = m.member});
  c.Send("consumer-1", m.coordinator, std::move(leave));
  c.Advance(Duration::Millis(100));
  CHECK(c.probe("consumer-1").leaves.back().members.at(m.member) == ErrorCode::kNone);
  // PreparingRebalance with nobody left completes at once: generation 2, Empty.
  const GroupMetadata* g = c.Group(kGroup);
  CHECK(g->state() == GroupState::kEmpty);
  CHECK(g->generation() == 2);
}

}  // namespace
}  // namespace kafkasim::testing

namespace kafkasim::testing {
namespace {

TEST_CASE("an Empty group waits group.initial.rebalance.delay.ms (3 s), extended by each new member, then forms one generation") {
  GroupCluster c(
      "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
      "bin/kafka-server-start.sh config/server.properties --override group.initial.rebalance.delay.ms=3000\n"
      "sleep 5s\n");
  const BrokerId coordinator = FindCoordinator(c, kGroup);
  JoinNew(c, "consumer-1", coordinator);
  c.Advance(Duration::Millis(2000));
  CHECK(c.probe("consumer-1").joins.size() == 1);  // still waiting
  JoinNew(c, "consumer-2", coordinator);
  // At 3 s the delay ends, but a member arrived during it: InitialDelayedJoin waits 3 s more.
  c.Advance(Duration::Millis(3000));
  CHECK(c.probe("consumer-1").joins.size() == 1);
  CHECK(c.Group(kGroup)->state() == GroupState::kPreparingRebalance);
  c.Advance(Duration::Millis(1000));
  REQUIRE(c.probe("consumer-1").joins.size() == 2);
  REQUIRE(c.probe("consumer-2").joins.size() == 2);
  CHECK(c.probe("consumer-1").joins.back().generation_id == 1);
  CHECK(c.probe("consumer-2").joins.back().generation_id == 1);
  CHECK(c.probe("consumer-1").joins.back().members.size() == 2);  // the first joiner leads
  CHECK(c.session().CountEvents("group.rebalance") == 1);
}

}  // namespace
}  // namespace kafkasim::testing
