#include "sim/admin/replica_assignment.h"

#include <catch2/catch.hpp>
#include <set>

using namespace kafkasim;

namespace {

ReplicaAssignment Assign(std::vector<int32_t> brokers, int32_t partitions, int32_t rf,
                         AssignReplicasOptions o = {}) {
  Random random(1, "test");
  auto result = AssignReplicasToBrokers(std::move(brokers), partitions, rf, random, o);
  REQUIRE(std::holds_alternative<ReplicaAssignment>(result));
  return std::get<ReplicaAssignment>(result);
}

AdminError AssignError(std::vector<int32_t> brokers, int32_t partitions, int32_t rf) {
  Random random(1, "test");
  auto result = AssignReplicasToBrokers(std::move(brokers), partitions, rf, random);
  REQUIRE(std::holds_alternative<AdminError>(result));
  return std::get<AdminError>(result);
}

}  // namespace

// The layout Kafka's own AdminUtilsTest.testReplicaAssignment expects for five brokers, ten
// partitions, three replicas and fixed start index 0 (also the table in AdminUtils' javadoc).
TEST_CASE("rack-unaware placement: Kafka's reference layout for 5 brokers, 10 partitions, RF 3") {
  const ReplicaAssignment expected = {
      {0, {0, 1, 2}}, {1, {1, 2, 3}}, {2, {2, 3, 4}}, {3, {3, 4, 0}}, {4, {4, 0, 1}},
      {5, {0, 2, 3}}, {6, {1, 3, 4}}, {7, {2, 4, 0}}, {8, {3, 0, 1}}, {9, {4, 1, 2}},
  };
  CHECK(Assign({0, 1, 2, 3, 4}, 10, 3, {.fixed_start_index = 0}) == expected);
  // Brokers are placed in id order whatever order they are given in.
  CHECK(Assign({3, 0, 4, 2, 1}, 10, 3, {.fixed_start_index = 0}) == expected);
}

TEST_CASE("rack-unaware placement: ids need not be dense; the shift grows every n partitions") {
  // Hand-computed: brokers [10, 20, 30], start 1, shift 1.
  // p0: first (0+1)%3=1 -> 20; follower index (1 + 1 + (1+0)%2) % 3 = 0 -> 10.
  // p1: first 2 -> 30; (2 + 1 + 1) % 3 = 1 -> 20.  p2: first 0 -> 10; (0+2)%3 = 2 -> 30.
  // p3: 3 % 3 == 0, shift 2; first 1 -> 20; (1 + 1 + 0) % 3 = 2 -> 30.
  const ReplicaAssignment expected = {{0, {20, 10}}, {1, {30, 20}}, {2, {10, 30}}, {3, {20, 30}}};
  CHECK(Assign({10, 20, 30}, 4, 2, {.fixed_start_index = 1}) == expected);
}

TEST_CASE("rack-unaware placement: start index and shift are two independent draws, start first") {
  const std::vector<int32_t> brokers = {0, 1, 2, 3, 4, 5};
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    Random draws(seed, "placement");
    const auto start = static_cast<int32_t>(draws.Below(6));
    const auto shift = static_cast<int32_t>(draws.Below(6));
    Random random(seed, "placement");
    auto got = std::get<ReplicaAssignment>(AssignReplicasToBrokers(brokers, 12, 3, random));
    for (const auto& [p, replicas] : got) {
      INFO("seed " << seed << " partition " << p);
      const int32_t first = (p + start) % 6;
      const int32_t s = shift + p / 6;  // +1 at p = 6
      CHECK(replicas[0] == first);
      CHECK(replicas[1] == (first + 1 + (s + 0) % 5) % 6);
      CHECK(replicas[2] == (first + 1 + (s + 1) % 5) % 6);
    }
  }
}

TEST_CASE("rack-unaware placement spreads leaders evenly and never repeats a broker") {
  Random random(99, "spread");
  auto got = std::get<ReplicaAssignment>(AssignReplicasToBrokers({0, 1, 2}, 7, 3, random));
  std::map<int32_t, int> leaders;
  for (const auto& [p, replicas] : got) {
    CHECK(std::set<int32_t>(replicas.begin(), replicas.end()).size() == 3);
    ++leaders[replicas[0]];
  }
  for (const auto& [broker, count] : leaders) CHECK((count == 2 || count == 3));
  // The same seed, the same layout.
  Random again(99, "spread");
  CHECK(std::get<ReplicaAssignment>(AssignReplicasToBrokers({0, 1, 2}, 7, 3, again)) == got);
}

TEST_CASE("placement errors carry Kafka's exceptions and messages, checked in Kafka's order") {
  CHECK(AssignError({0}, 3, 3) ==
        AdminError{"org.apache.kafka.common.errors.InvalidReplicationFactorException",
                   "Replication factor: 3 larger than available brokers: 1."});
  CHECK(AssignError({}, 1, 1).message == "Replication factor: 1 larger than available brokers: 0.");
  CHECK(AssignError({0, 1}, 0, 5) ==
        AdminError{"org.apache.kafka.common.errors.InvalidPartitionsException",
                   "Number of partitions must be larger than 0."});
  CHECK(AssignError({0, 1}, 2, 0) ==
        AdminError{"org.apache.kafka.common.errors.InvalidReplicationFactorException",
                   "Replication factor must be larger than 0."});
}

TEST_CASE("added partitions continue the topic's pattern from partition 0's first replica") {
  // Hand-computed: brokers 0..4, partition 0 led by 2 -> fixed start index 2 (shift 2 too),
  // new partitions from 3. p3: first (3+2)%5 = 0; followers (0+1+(2+0)%4)%5 = 3, (0+1+3%4)%5 = 4.
  // p4: first 1; 4, 0.  p5: 5 % 5 == 0 so shift 3; first 2; (2+1+3)%5 = 1, (2+1+0)%5 = 3.
  const ReplicaAssignment existing = {{0, {2, 3, 4}}, {1, {3, 4, 0}}, {2, {4, 0, 1}}};
  Random random(5, "unused");
  auto got = AssignNewPartitions("orders", existing, {4, 3, 2, 1, 0}, 6, std::nullopt, random);
  REQUIRE(std::holds_alternative<ReplicaAssignment>(got));
  const ReplicaAssignment expected = {{3, {0, 3, 4}}, {4, {1, 4, 0}}, {5, {2, 1, 3}}};
  CHECK(std::get<ReplicaAssignment>(got) == expected);

  // Partition 0's leader is gone: the first broker with a larger id stands in (index 1 here).
  const ReplicaAssignment gone = {{0, {5, 0}}};
  auto moved = std::get<ReplicaAssignment>(
      AssignNewPartitions("t", gone, {0, 7, 9}, 2, std::nullopt, random));
  CHECK(moved.at(1) ==
        std::vector<int32_t>{9, 7});  // first (1+1)%3 = 2 -> 9; (2+1+(1+0)%2)%3 = 1 -> 7
}

TEST_CASE("adding partitions: Kafka's errors for counts and explicit layouts") {
  Random random(5, "unused");
  const ReplicaAssignment existing = {{0, {0, 1}}, {1, {1, 0}}, {2, {0, 1}}};
  using Manual = std::vector<std::vector<int32_t>>;
  auto error = [&](int32_t count, std::optional<Manual> manual) {
    auto r = AssignNewPartitions("orders", existing, {0, 1, 2}, count, manual, random);
    REQUIRE(std::holds_alternative<AdminError>(r));
    return std::get<AdminError>(r);
  };
  CHECK(error(2, std::nullopt) ==
        AdminError{"org.apache.kafka.common.errors.InvalidPartitionsException",
                   "Topic currently has 3 partitions, which is higher than the requested 2."});
  CHECK(error(3, std::nullopt).message == "Topic already has 3 partitions.");
  CHECK(error(4, Manual{{0, 5}}) ==
        AdminError{"org.apache.kafka.common.errors.InvalidReplicaAssignmentException",
                   "Unknown broker(s) in replica assignment: 5."});
  CHECK(error(5, Manual{{0, 1}}).message ==
        "Increasing the number of partitions by 2 but 1 assignments provided.");
  CHECK(error(4, Manual(1)).message == "Cannot have replication factor of 0 for partition id 3.");
  CHECK(error(4, Manual{{2, 2}}).message ==
        "Duplicate brokers not allowed in replica assignment: 2, 2 for partition id 3.");
  CHECK(error(5, Manual{{2, 0}, {2}}).message ==
        "Inconsistent replication factor between partitions, partition 0 has 2 while partitions "
        "[4] have "
        "replication factors [1], respectively.");
  auto ok = AssignNewPartitions("orders", existing, {0, 1, 2}, 4, Manual{{2, 0}}, random);
  CHECK(std::get<ReplicaAssignment>(ok) == ReplicaAssignment{{3, {2, 0}}});
  auto missing = AssignNewPartitions("nope", {}, {0}, 2, std::nullopt, random);
  CHECK(std::get<AdminError>(missing).message == "The topic 'nope' does not exist.");
}

TEST_CASE("--replica-assignment parses as TopicCommand does") {
  auto parse = [](std::string_view text) { return ParseReplicaAssignment(text); };
  CHECK(std::get<ReplicaAssignment>(parse("0:1,1:2")) ==
        ReplicaAssignment{{0, {0, 1}}, {1, {1, 2}}});
  CHECK(std::get<ReplicaAssignment>(parse(" 2 : 0 ,1:2,")) ==
        ReplicaAssignment{{0, {2, 0}}, {1, {1, 2}}});
  CHECK(std::get<ReplicaAssignment>(parse("3")) == ReplicaAssignment{{0, {3}}});
  CHECK(std::get<ReplicaAssignment>(parse("1:2:")) ==
        ReplicaAssignment{{0, {1, 2}}});  // split drops the tail
  CHECK(std::get<AdminError>(parse("0:a")) ==
        AdminError{"java.lang.NumberFormatException", "For input string: \"a\""});
  CHECK(std::get<AdminError>(parse("0::1")).message == "For input string: \"\"");
  CHECK(std::get<AdminError>(parse("")).message == "For input string: \"\"");
  CHECK(std::get<AdminError>(parse("0:99999999999")).message ==
        "For input string: \"99999999999\"");
  CHECK(std::get<AdminError>(parse("1:2:1:2,0:1:3:4")) ==
        AdminError{"org.apache.kafka.server.common.AdminCommandFailedException",
                   "Partition replica lists may not contain duplicate entries: 1,2"});
  CHECK(std::get<AdminError>(parse("0:1,2:3:4")) ==
        AdminError{"org.apache.kafka.server.common.AdminOperationException",
                   "Partition 1 has different replication factor: [2, 3, 4]"});
  CHECK(NewPartitionReplicas(std::get<ReplicaAssignment>(parse("0:1,1:2,2:0,0:2")), 2) ==
        std::vector<std::vector<int32_t>>{{2, 0}, {0, 2}});
}

TEST_CASE("kafka-topics checks partitions and replication factor before asking the broker") {
  CHECK_FALSE(ValidateCreateArguments(std::nullopt, std::nullopt));
  CHECK_FALSE(ValidateCreateArguments(3, 1));
  CHECK(*ValidateCreateArguments(0, 1) ==
        AdminError{"java.lang.IllegalArgumentException", "The partitions must be greater than 0"});
  CHECK(ValidateCreateArguments(1, 0)->message ==
        "The replication factor must be between 1 and 32767 inclusive");
  CHECK(ValidateCreateArguments(0, 40000)->message ==
        "The replication factor must be between 1 and 32767 inclusive");
}
