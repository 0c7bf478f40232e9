#include "sim/broker/leader_election.h"

#include <catch2/catch.hpp>

namespace kafkasim {
namespace {

std::vector<BrokerId> Ids(std::initializer_list<int32_t> ids) {
  std::vector<BrokerId> out;
  for (int32_t id : ids) out.push_back(BrokerId(id));
  return out;
}

TEST_CASE("an offline partition's new leader is the first live ISR member in assignment order") {
  auto r = ElectOfflinePartitionLeader(Ids({1, 2, 0}), Ids({0, 2, 1}), Ids({0, 2}), false);
  REQUIRE(r);
  // Assignment order decides, not ISR order: 2 comes before 0 in [1, 2, 0].
  CHECK(r->leader == BrokerId(2));
  CHECK(r->isr == Ids({0, 2}));
  CHECK_FALSE(r->unclean);
}

TEST_CASE("without unclean election a partition whose ISR is all dead has no leader") {
  CHECK_FALSE(ElectOfflinePartitionLeader(Ids({1, 2}), Ids({1}), Ids({2}), false));
}

TEST_CASE("unclean election picks the first live replica and the ISR shrinks to it") {
  auto r = ElectOfflinePartitionLeader(Ids({1, 2, 0}), Ids({1}), Ids({0, 2}), true);
  REQUIRE(r);
  CHECK(r->leader == BrokerId(2));
  CHECK(r->isr == Ids({2}));
  CHECK(r->unclean);
}

TEST_CASE("a new partition is led by its first live replica with every live replica in sync") {
  auto r = InitialLeader(Ids({2, 0, 1}), Ids({0, 1}));
  REQUIRE(r);
  CHECK(r->leader == BrokerId(0));
  CHECK(r->isr == Ids({0, 1}));
  CHECK_FALSE(InitialLeader(Ids({2}), Ids({0, 1})));
}

TEST_CASE("the preferred leader takes over only when alive and in sync") {
  CHECK(ElectPreferredLeader(Ids({1, 2}), Ids({1, 2}), Ids({1, 2}))->leader == BrokerId(1));
  CHECK_FALSE(ElectPreferredLeader(Ids({1, 2}), Ids({2}), Ids({1, 2})));
  CHECK_FALSE(ElectPreferredLeader(Ids({1, 2}), Ids({1, 2}), Ids({2})));
}

TEST_CASE("a broker shutting down hands leadership to the next ISR member and leaves the ISR") {
  auto r = ElectControlledShutdownLeader(Ids({0, 1, 2}), Ids({0, 1, 2}), Ids({0, 1, 2}), Ids({0}));
  REQUIRE(r);
  CHECK(r->leader == BrokerId(1));
  CHECK(r->isr == Ids({1, 2}));
}

}  // namespace
}  // namespace kafkasim
