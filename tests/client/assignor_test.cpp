// The assignors' outputs for the inputs of Kafka's own tests (clients/src/test/java/.../
// RangeAssignorTest.java and RoundRobinAssignorTest.java, without racks): same subscriptions
// and partition counts, same assignment.

#include <catch2/catch.hpp>

#include "sim/client/partition_assignor.h"

namespace kafkasim {
namespace {

using TPs = std::vector<TopicPartition>;

MemberSubscription Member(std::string id, std::vector<std::string> topics,
                          std::optional<std::string> instance = std::nullopt) {
  return MemberSubscription{.member_id = std::move(id), .group_instance_id = std::move(instance),
                            .subscription = ConsumerSubscription{.topics = std::move(topics)}};
}

TPs Sorted(TPs tps) {
  std::sort(tps.begin(), tps.end());
  return tps;
}

TEST_CASE("range: one consumer, no topic or a nonexistent topic, gets nothing") {
  RangeAssignor range;
  auto a = range.Assign({}, {Member("consumer1", {})});
  CHECK(a.at("consumer1").empty());
  a = range.Assign({}, {Member("consumer1", {"topic1"})});
  CHECK(a.at("consumer1").empty());
}

TEST_CASE("range: only subscribed topics are assigned; one consumer gets every partition of its topics") {
  RangeAssignor range;
  auto a = range.Assign({{"topic1", 3}, {"other", 3}}, {Member("consumer1", {"topic1"})});
  CHECK(a.at("consumer1") == TPs{{"topic1", 0}, {"topic1", 1}, {"topic1", 2}});
  a = range.Assign({{"topic1", 1}, {"topic2", 2}}, {Member("consumer1", {"topic1", "topic2"})});
  CHECK(Sorted(a.at("consumer1")) == TPs{{"topic1", 0}, {"topic2", 0}, {"topic2", 1}});
}

TEST_CASE("range: two consumers, one topic with one or two partitions") {
  RangeAssignor range;
  auto a = range.Assign({{"topic1", 1}}, {Member("consumer1", {"topic1"}), Member("consumer2", {"topic1"})});
  CHECK(a.at("consumer1") == TPs{{"topic1", 0}});
  CHECK(a.at("consumer2").empty());
  a = range.Assign({{"topic1", 2}}, {Member("consumer1", {"topic1"}), Member("consumer2", {"topic1"})});
  CHECK(a.at("consumer1") == TPs{{"topic1", 0}});
  CHECK(a.at("consumer2") == TPs{{"topic1", 1}});
}

TEST_CASE("range: mixed subscriptions are ranged per topic") {
  RangeAssignor range;
  auto a = range.Assign({{"topic1", 3}, {"topic2", 2}},
                        {Member("consumer1", {"topic1"}), Member("consumer2", {"topic1", "topic2"}),
                         Member("consumer3", {"topic1"})});
  CHECK(a.at("consumer1") == TPs{{"topic1", 0}});
  CHECK(Sorted(a.at("consumer2")) == TPs{{"topic1", 1}, {"topic2", 0}, {"topic2", 1}});
  CHECK(a.at("consumer3") == TPs{{"topic1", 2}});
}

TEST_CASE("range: two topics of three partitions over two consumers give the first one two of each") {
  RangeAssignor range;
  auto a = range.Assign({{"topic1", 3}, {"topic2", 3}},
                        {Member("consumer1", {"topic1", "topic2"}), Member("consumer2", {"topic1", "topic2"})});
  CHECK(Sorted(a.at("consumer1")) == TPs{{"topic1", 0}, {"topic1", 1}, {"topic2", 0}, {"topic2", 1}});
  CHECK(Sorted(a.at("consumer2")) == TPs{{"topic1", 2}, {"topic2", 2}});
}

TEST_CASE("range: static members sort by group.instance.id, before dynamic members") {
  RangeAssignor range;
  // consumer-b sorts after consumer-a by member id, but instance1 < instance2 decides.
  auto a = range.Assign({{"topic1", 3}, {"topic2", 3}}, {Member("consumer-b", {"topic1", "topic2"}, "instance1"),
                                                         Member("consumer-a", {"topic1", "topic2"}, "instance2")});
  CHECK(Sorted(a.at("consumer-b")) == TPs{{"topic1", 0}, {"topic1", 1}, {"topic2", 0}, {"topic2", 1}});
  CHECK(Sorted(a.at("consumer-a")) == TPs{{"topic1", 2}, {"topic2", 2}});
  a = range.Assign({{"topic1", 3}, {"topic2", 3}},
                   {Member("consumer-b", {"topic1", "topic2"}, "instance1"), Member("consumer-a", {"topic1", "topic2"})});
  CHECK(Sorted(a.at("consumer-b")) == TPs{{"topic1", 0}, {"topic1", 1}, {"topic2", 0}, {"topic2", 1}});
  CHECK(Sorted(a.at("consumer-a")) == TPs{{"topic1", 2}, {"topic2", 2}});
}

TEST_CASE("range: three static members and a dynamic one over 5 and 4 partitions (testStaticMemberRangeAssignmentPersistent)") {
  RangeAssignor range;
  const std::vector<std::string> both{"topic1", "topic2"};
  auto a = range.Assign({{"topic1", 5}, {"topic2", 4}},
                        {Member("consumer1", both, "instance1"), Member("consumer2", both, "instance2"),
                         Member("consumer3", both, "instance3"), Member("consumer4", both)});
  CHECK(Sorted(a.at("consumer1")) == TPs{{"topic1", 0}, {"topic1", 1}, {"topic2", 0}});
  CHECK(Sorted(a.at("consumer2")) == TPs{{"topic1", 2}, {"topic2", 1}});
  CHECK(Sorted(a.at("consumer3")) == TPs{{"topic1", 3}, {"topic2", 2}});
  CHECK(Sorted(a.at("consumer4")) == TPs{{"topic1", 4}, {"topic2", 3}});
}

TEST_CASE("roundrobin: two topics of three partitions alternate between two consumers") {
  RoundRobinAssignor rr;
  auto a = rr.Assign({{"topic1", 3}, {"topic2", 3}},
                     {Member("consumer1", {"topic1", "topic2"}), Member("consumer2", {"topic1", "topic2"})});
  CHECK(a.at("consumer1") == TPs{{"topic1", 0}, {"topic1", 2}, {"topic2", 1}});
  CHECK(a.at("consumer2") == TPs{{"topic1", 1}, {"topic2", 0}, {"topic2", 2}});
}

TEST_CASE("roundrobin: members not subscribed to a topic are skipped") {
  RoundRobinAssignor rr;
  auto a = rr.Assign({{"topic1", 3}, {"topic2", 2}},
                     {Member("consumer1", {"topic1"}), Member("consumer2", {"topic1", "topic2"}),
                      Member("consumer3", {"topic1"})});
  CHECK(a.at("consumer1") == TPs{{"topic1", 0}});
  CHECK(a.at("consumer2") == TPs{{"topic1", 1}, {"topic2", 0}, {"topic2", 1}});
  CHECK(a.at("consumer3") == TPs{{"topic1", 2}});
}

TEST_CASE("roundrobin: static members are dealt in group.instance.id order") {
  RoundRobinAssignor rr;
  auto a = rr.Assign({{"topic1", 3}, {"topic2", 3}}, {Member("consumer-b", {"topic1", "topic2"}, "instance1"),
                                                      Member("consumer-a", {"topic1", "topic2"}, "instance2")});
  CHECK(a.at("consumer-b") == TPs{{"topic1", 0}, {"topic1", 2}, {"topic2", 1}});
  CHECK(a.at("consumer-a") == TPs{{"topic1", 1}, {"topic2", 0}, {"topic2", 2}});
}

TEST_CASE("assignors are found by their protocol name or class name; unknown ones are not") {
  CHECK(MakeAssignor("range")->name() == "range");
  CHECK(MakeAssignor("org.apache.kafka.clients.consumer.RoundRobinAssignor")->name() == "roundrobin");
  CHECK(MakeAssignor("org.example.Mine") == nullptr);
}

}  // namespace
}  // namespace kafkasim
