// The sticky assignors' outputs for the inputs of Kafka's own tests (clients/src/test/java/.../
// internals/AbstractStickyAssignorTest.java and CooperativeStickyAssignorTest.java, without
// racks): same members, same ownership, same partition counts, same lists. Kafka walks its
// HashMap of subscriptions (consumer4, consumer3, consumer2, consumer1 in bucket order), and who
// keeps an extra partition depends on it: these cases fail if that order is not Java's.
//
// StickyAssignor reads ownership from its user data, CooperativeStickyAssignor from the owned
// partitions; each case runs both. The cooperative assignor withholds a partition that changes
// owner, so its final assignment comes after the follow-up rebalance (as Kafka's test does it).

#include <catch2/catch.hpp>

#include "sim/client/abstract_sticky_assignor.h"

namespace kafkasim {
namespace {

using TPs = std::vector<TopicPartition>;
using Topics = std::vector<std::string>;

TopicPartition Tp(std::string topic, int32_t p) { return {std::move(topic), p}; }

// A fresh member: no ownership, no generation.
MemberSubscription Fresh(std::string id, Topics topics) {
  return {.member_id = std::move(id), .subscription = ConsumerSubscription{.topics = std::move(topics)}};
}

// A member that owned `owned` in `generation`, as `assignor` expects to learn it.
MemberSubscription Owning(const PartitionAssignor& assignor, std::string id, Topics topics, TPs owned,
                          int32_t generation = 1) {
  ConsumerSubscription s{.topics = std::move(topics), .generation_id = generation};
  if (assignor.name() == "sticky") {
    s.user_data = StickyAssignor::EncodeUserData({.partitions = owned, .generation = generation});
  } else {
    s.owned_partitions = std::move(owned);
  }
  return {.member_id = std::move(id), .subscription = std::move(s)};
}

// The assignment once no partition is withheld any more: each round, members own what the last
// one gave them (Kafka's CooperativeStickyAssignorTest.verifyValidityAndBalance).
GroupAssignment Settle(const PartitionAssignor& assignor, const PartitionsPerTopic& partitions,
                       std::vector<MemberSubscription> members, int* rounds = nullptr) {
  GroupAssignment a = assignor.Assign(partitions, members);
  for (int round = 1;; ++round) {
    bool revoked = false;
    for (MemberSubscription& m : members) {
      for (const TopicPartition& tp : m.subscription.owned_partitions) {
        const TPs& now = a[m.member_id];
        if (std::find(now.begin(), now.end(), tp) == now.end()) revoked = true;
      }
    }
    if (!revoked || assignor.name() == "sticky") {
      if (rounds != nullptr) *rounds = round;
      return a;
    }
    REQUIRE(round <= 4);
    for (MemberSubscription& m : members) m = Owning(assignor, m.member_id, m.subscription.topics, a[m.member_id]);
    a = assignor.Assign(partitions, members);
  }
}

std::vector<std::unique_ptr<PartitionAssignor>> BothStickyAssignors() {
  std::vector<std::unique_ptr<PartitionAssignor>> out;
  out.push_back(MakeAssignor("sticky"));
  out.push_back(MakeAssignor("cooperative-sticky"));
  return out;
}

TEST_CASE("sticky: one consumer gets every partition of its topic; fresh members are dealt round robin") {
  for (const auto& assignor : BothStickyAssignors()) {
    CAPTURE(assignor->name());
    auto a = assignor->Assign({{"topic", 3}}, {Fresh("consumer", {"topic"})});
    CHECK(a.at("consumer") == TPs{Tp("topic", 0), Tp("topic", 1), Tp("topic", 2)});
    // testTwoConsumersTwoTopicsSixPartitions
    a = assignor->Assign({{"topic1", 3}, {"topic2", 3}},
                         {Fresh("consumer1", {"topic1", "topic2"}), Fresh("consumer2", {"topic1", "topic2"})});
    CHECK(a.at("consumer1") == TPs{Tp("topic1", 0), Tp("topic1", 2), Tp("topic2", 1)});
    CHECK(a.at("consumer2") == TPs{Tp("topic1", 1), Tp("topic2", 0), Tp("topic2", 2)});
  }
}

TEST_CASE("sticky: different subscriptions take the general algorithm (testMultipleConsumersMixedTopicSubscriptions)") {
  for (const auto& assignor : BothStickyAssignors()) {
    CAPTURE(assignor->name());
    auto a = assignor->Assign({{"topic1", 3}, {"topic2", 2}},
                              {Fresh("consumer1", {"topic1"}), Fresh("consumer2", {"topic1", "topic2"}),
                               Fresh("consumer3", {"topic1"})});
    CHECK(a.at("consumer1") == TPs{Tp("topic1", 0), Tp("topic1", 2)});
    CHECK(a.at("consumer2") == TPs{Tp("topic2", 0), Tp("topic2", 1)});
    CHECK(a.at("consumer3") == TPs{Tp("topic1", 1)});
  }
}

TEST_CASE("sticky: a member at minQuota is topped up to maxQuota (testConsumerOwningMinQuotaExpectedMaxQuota)") {
  for (const auto& assignor : BothStickyAssignors()) {
    CAPTURE(assignor->name());
    const Topics topics{"topic1", "topic2"};
    auto a = assignor->Assign({{"topic1", 2}, {"topic2", 3}},
                              {Owning(*assignor, "consumer1", topics, {Tp("topic1", 0), Tp("topic2", 1)}),
                               Owning(*assignor, "consumer2", topics, {Tp("topic1", 1), Tp("topic2", 2)})});
    CHECK(a.at("consumer1") == TPs{Tp("topic1", 0), Tp("topic2", 1), Tp("topic2", 0)});
    CHECK(a.at("consumer2") == TPs{Tp("topic1", 1), Tp("topic2", 2)});
  }
}

TEST_CASE("sticky: only the expected number of members keep maxQuota, in Java's HashMap order "
          "(testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers)") {
  for (const auto& assignor : BothStickyAssignors()) {
    CAPTURE(assignor->name());
    const Topics topics{"topic1", "topic2"};
    std::vector<MemberSubscription> members{
        Owning(*assignor, "consumer1", topics, {Tp("topic1", 0), Tp("topic2", 0)}),
        Owning(*assignor, "consumer2", topics, {Tp("topic1", 1), Tp("topic2", 1)}),
        Owning(*assignor, "consumer3", topics, {})};
    const PartitionsPerTopic partitions{{"topic1", 2}, {"topic2", 2}};
    // consumer2 comes before consumer1 in the HashMap, so it keeps both and consumer1 gives up topic2-0.
    if (assignor->name() == "cooperative-sticky") {
      auto first = assignor->Assign(partitions, members);
      CHECK(first.at("consumer1") == TPs{Tp("topic1", 0)});
      CHECK(first.at("consumer3").empty());  // topic2-0 is withheld until consumer1 revoked it
    }
    int rounds = 0;
    auto a = Settle(*assignor, partitions, members, &rounds);
    CHECK(rounds == (assignor->name() == "sticky" ? 1 : 2));
    CHECK(a.at("consumer1") == TPs{Tp("topic1", 0)});
    CHECK(a.at("consumer2") == TPs{Tp("topic1", 1), Tp("topic2", 1)});
    CHECK(a.at("consumer3") == TPs{Tp("topic2", 0)});
  }
}

TEST_CASE("sticky: members under minQuota keep theirs and are filled (testAllConsumersAreUnderMinQuota)") {
  for (const auto& assignor : BothStickyAssignors()) {
    CAPTURE(assignor->name());
    const Topics topics{"topic1", "topic2"};
    auto a = assignor->Assign({{"topic1", 2}, {"topic2", 3}},
                              {Owning(*assignor, "consumer1", topics, {Tp("topic1", 0)}),
                               Owning(*assignor, "consumer2", topics, {Tp("topic1", 1)}),
                               Owning(*assignor, "consumer3", topics, {})});
    CHECK(a.at("consumer1") == TPs{Tp("topic1", 0), Tp("topic2", 1)});
    CHECK(a.at("consumer2") == TPs{Tp("topic1", 1), Tp("topic2", 2)});
    CHECK(a.at("consumer3") == TPs{Tp("topic2", 0)});
  }
}

TEST_CASE("sticky: a member joining takes one partition, leaving gives them back (testAddRemoveConsumerOneTopic)") {
  for (const auto& assignor : BothStickyAssignors()) {
    CAPTURE(assignor->name());
    const PartitionsPerTopic partitions{{"topic", 3}};
    auto a = assignor->Assign(partitions, {Fresh("consumer1", {"topic"})});
    CHECK(a.at("consumer1") == TPs{Tp("topic", 0), Tp("topic", 1), Tp("topic", 2)});
    std::vector<MemberSubscription> two{Owning(*assignor, "consumer1", {"topic"}, a.at("consumer1")),
                                        Owning(*assignor, "consumer2", {"topic"}, {})};
    if (assignor->name() == "cooperative-sticky") {
      // topic-2 moves: the first rebalance only takes it from consumer1.
      auto first = assignor->Assign(partitions, two);
      CHECK(first.at("consumer1") == TPs{Tp("topic", 0), Tp("topic", 1)});
      CHECK(first.at("consumer2").empty());
    }
    a = Settle(*assignor, partitions, two);
    CHECK(a.at("consumer1") == TPs{Tp("topic", 0), Tp("topic", 1)});
    CHECK(a.at("consumer2") == TPs{Tp("topic", 2)});
    a = assignor->Assign(partitions, {Owning(*assignor, "consumer2", {"topic"}, a.at("consumer2"))});
    std::sort(a.at("consumer2").begin(), a.at("consumer2").end());
    CHECK(a.at("consumer2") == TPs{Tp("topic", 0), Tp("topic", 1), Tp("topic", 2)});
  }
}

TEST_CASE("sticky: two members join and two leave, keeping every partition that can stay "
          "(testAddRemoveTwoConsumersTwoTopics)") {
  for (const auto& assignor : BothStickyAssignors()) {
    CAPTURE(assignor->name());
    const Topics topics{"topic1", "topic2"};
    const PartitionsPerTopic partitions{{"topic1", 3}, {"topic2", 4}};
    auto a = assignor->Assign(partitions, {Fresh("consumer1", topics), Fresh("consumer2", topics)});
    CHECK(a.at("consumer1") == TPs{Tp("topic1", 0), Tp("topic1", 2), Tp("topic2", 1), Tp("topic2", 3)});
    CHECK(a.at("consumer2") == TPs{Tp("topic1", 1), Tp("topic2", 0), Tp("topic2", 2)});

    a = Settle(*assignor, partitions,
               {Owning(*assignor, "consumer1", topics, a.at("consumer1")),
                Owning(*assignor, "consumer2", topics, a.at("consumer2")), Owning(*assignor, "consumer3", topics, {}),
                Owning(*assignor, "consumer4", topics, {})});
    CHECK(a.at("consumer1") == TPs{Tp("topic1", 0), Tp("topic1", 2)});
    CHECK(a.at("consumer2") == TPs{Tp("topic1", 1), Tp("topic2", 0)});
    CHECK(a.at("consumer3") == TPs{Tp("topic2", 1), Tp("topic2", 3)});
    CHECK(a.at("consumer4") == TPs{Tp("topic2", 2)});

    a = assignor->Assign(partitions, {Owning(*assignor, "consumer3", topics, a.at("consumer3")),
                                      Owning(*assignor, "consumer4", topics, a.at("consumer4"))});
    CHECK(a.at("consumer3") == TPs{Tp("topic2", 1), Tp("topic2", 3), Tp("topic1", 0), Tp("topic2", 0)});
    CHECK(a.at("consumer4") == TPs{Tp("topic2", 2), Tp("topic1", 1), Tp("topic1", 2)});
  }
}

TEST_CASE("cooperative-sticky: a partition claimed by two members of one generation goes to neither at first "
          "(CooperativeStickyAssignorTest)") {
  CooperativeStickyAssignor assignor;
  const Topics topic{"topic"};
  auto a = assignor.Assign({{"topic", 3}}, {Owning(assignor, "consumer1", topic, {Tp("topic", 0), Tp("topic", 1)}),
                                            Owning(assignor, "consumer2", topic, {Tp("topic", 0), Tp("topic", 2)}),
                                            Owning(assignor, "consumer3", topic, {})});
  CHECK(a.at("consumer1") == TPs{Tp("topic", 1)});
  CHECK(a.at("consumer2") == TPs{Tp("topic", 2)});
  CHECK(a.at("consumer3").empty());
  a = assignor.Assign({{"topic", 4}}, {Owning(assignor, "consumer1", topic, {Tp("topic", 0), Tp("topic", 1)}),
                                       Owning(assignor, "consumer2", topic, {Tp("topic", 0), Tp("topic", 2)}),
                                       Owning(assignor, "consumer3", topic, {})});
  CHECK(a.at("consumer1") == TPs{Tp("topic", 1), Tp("topic", 3)});
  CHECK(a.at("consumer2") == TPs{Tp("topic", 2)});
  CHECK(a.at("consumer3").empty());
}

TEST_CASE("sticky: a claim from a newer generation beats an older one") {
  CooperativeStickyAssignor assignor;
  const Topics topic{"topic"};
  auto a = assignor.Assign({{"topic", 2}}, {Owning(assignor, "consumer1", topic, {Tp("topic", 0), Tp("topic", 1)}, 2),
                                            Owning(assignor, "consumer2", topic, {Tp("topic", 0)}, 1)});
  // consumer1 (generation 2) owns both; one moves to consumer2 once consumer1 has let it go.
  CHECK(a.at("consumer1").size() == 1);
  CHECK(a.at("consumer2").empty());
}

TEST_CASE("sticky: the user data carries the previous assignment and generation; cooperative-sticky's the generation") {
  StickyAssignor sticky;
  CHECK_FALSE(sticky.SubscriptionUserData().has_value());  // nothing assigned yet
  sticky.OnAssignment({Tp("topic1", 0), Tp("topic2", 1)}, 7);
  auto decoded = StickyAssignor::DecodeUserData(*sticky.SubscriptionUserData());
  REQUIRE(decoded);
  std::sort(decoded->partitions.begin(), decoded->partitions.end());
  CHECK(decoded->partitions == TPs{Tp("topic1", 0), Tp("topic2", 1)});
  CHECK(decoded->generation == 7);
  CHECK_FALSE(StickyAssignor::DecodeUserData(std::string("\x00\x00", 2)).has_value());

  CooperativeStickyAssignor cooperative;
  CHECK(*cooperative.SubscriptionUserData() == std::string("\xff\xff\xff\xff", 4));  // DEFAULT_GENERATION
  cooperative.OnAssignment({}, 10);
  CHECK(*cooperative.SubscriptionUserData() == std::string("\x00\x00\x00\x0a", 4));
}

TEST_CASE("assignors by name and class name; cooperative-sticky alone speaks COOPERATIVE") {
  for (const char* name : {"sticky", "org.apache.kafka.clients.consumer.StickyAssignor"}) {
    auto a = MakeAssignor(name);
    REQUIRE(a);
    CHECK(a->name() == "sticky");
    CHECK(a->SupportedProtocols() == std::vector{RebalanceProtocol::kEager});
  }
  for (const char* name : {"cooperative-sticky", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"}) {
    auto a = MakeAssignor(name);
    REQUIRE(a);
    CHECK(a->name() == "cooperative-sticky");
    CHECK(a->SupportedProtocols() == std::vector{RebalanceProtocol::kCooperative, RebalanceProtocol::kEager});
  }
  CHECK(MakeAssignor("org.apache.kafka.clients.consumer.StickyAssignorX") == nullptr);
  CHECK(MakeAssignor("Sticky") == nullptr);
}

}  // namespace
}  // namespace kafkasim
