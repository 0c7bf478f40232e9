// The leader epoch cache (sim/storage/leader_epoch_cache.cpp), case by case against Kafka's
// LeaderEpochFileCache.

#include "sim/storage/leader_epoch_cache.h"

#include <catch2/catch.hpp>

namespace kafkasim {
namespace {

LeaderEpochCache Cache(std::initializer_list<std::pair<int32_t, int64_t>> entries) {
  LeaderEpochCache cache;
  for (auto [epoch, offset] : entries) cache.Assign(LeaderEpoch(epoch), Offset(offset));
  return cache;
}

std::vector<EpochEntry> Entries(std::initializer_list<std::pair<int32_t, int64_t>> entries) {
  std::vector<EpochEntry> out;
  for (auto [epoch, offset] : entries) out.push_back({LeaderEpoch(epoch), Offset(offset)});
  return out;
}

TEST_CASE("epoch cache: assigning the latest epoch again at a later offset changes nothing") {
  LeaderEpochCache cache = Cache({{0, 0}, {1, 10}});
  CHECK_FALSE(cache.Assign(LeaderEpoch(1), Offset(15)));
  CHECK(cache.entries() == Entries({{0, 0}, {1, 10}}));
}

TEST_CASE("epoch cache: a new entry removes the entries it contradicts") {
  // An epoch >= the new one, or a start offset >= the new one, belongs to a replaced history.
  LeaderEpochCache cache = Cache({{0, 0}, {1, 10}, {2, 20}});
  CHECK(cache.Assign(LeaderEpoch(3), Offset(15)));
  CHECK(cache.entries() == Entries({{0, 0}, {1, 10}, {3, 15}}));
  CHECK(cache.Assign(LeaderEpoch(1), Offset(12)));
  CHECK(cache.entries() == Entries({{0, 0}, {1, 12}}));
}

TEST_CASE("epoch cache: the same epoch at an earlier offset moves its start back") {
  LeaderEpochCache cache = Cache({{0, 0}, {1, 10}});
  CHECK(cache.Assign(LeaderEpoch(1), Offset(8)));
  CHECK(cache.entries() == Entries({{0, 0}, {1, 8}}));
}

TEST_CASE("epoch cache: EndOffsetFor the latest epoch is the log end offset") {
  const LeaderEpochCache cache = Cache({{0, 0}, {2, 10}});
  CHECK(cache.EndOffsetFor(LeaderEpoch(2), Offset(17)) ==
        EpochEndOffset{LeaderEpoch(2), Offset(17)});
}

TEST_CASE("epoch cache: EndOffsetFor an unknown epoch between two is the lower one's end") {
  const LeaderEpochCache cache = Cache({{0, 0}, {2, 10}, {4, 20}});
  CHECK(cache.EndOffsetFor(LeaderEpoch(3), Offset(30)) ==
        EpochEndOffset{LeaderEpoch(2), Offset(20)});
  CHECK(cache.EndOffsetFor(LeaderEpoch(2), Offset(30)) ==
        EpochEndOffset{LeaderEpoch(2), Offset(20)});
  CHECK(cache.EndOffsetFor(LeaderEpoch(0), Offset(30)) ==
        EpochEndOffset{LeaderEpoch(0), Offset(10)});
}

TEST_CASE("epoch cache: EndOffsetFor an epoch older than all known gives the first start") {
  const LeaderEpochCache cache = Cache({{3, 50}, {4, 60}});
  CHECK(cache.EndOffsetFor(LeaderEpoch(1), Offset(70)) ==
        EpochEndOffset{LeaderEpoch(1), Offset(50)});
}

TEST_CASE("epoch cache: EndOffsetFor an epoch newer than all known, or undefined, is undefined") {
  const LeaderEpochCache cache = Cache({{0, 0}, {1, 10}});
  CHECK(cache.EndOffsetFor(LeaderEpoch(5), Offset(20)) == EpochEndOffset{});
  CHECK(cache.EndOffsetFor(kNoLeaderEpoch, Offset(20)) == EpochEndOffset{});
  CHECK(LeaderEpochCache().EndOffsetFor(LeaderEpoch(0), Offset(0)) == EpochEndOffset{});
}

TEST_CASE("epoch cache: truncation from the end removes epochs starting at or after it") {
  LeaderEpochCache cache = Cache({{0, 0}, {1, 10}, {2, 20}});
  CHECK(cache.TruncateFromEnd(Offset(20)));
  CHECK(cache.entries() == Entries({{0, 0}, {1, 10}}));
  CHECK_FALSE(cache.TruncateFromEnd(Offset(15)));  // epoch 1 started before 15: kept
  CHECK(cache.entries() == Entries({{0, 0}, {1, 10}}));
}

TEST_CASE("epoch cache: truncation from the start keeps the epoch in force, moved up") {
  LeaderEpochCache cache = Cache({{0, 0}, {1, 10}, {2, 20}});
  CHECK(cache.TruncateFromStart(Offset(15)));
  CHECK(cache.entries() == Entries({{1, 15}, {2, 20}}));
  CHECK_FALSE(cache.TruncateFromStart(Offset(5)));
}

TEST_CASE("epoch cache: the epoch of an offset is the last one started at or before it") {
  const LeaderEpochCache cache = Cache({{1, 10}, {3, 20}});
  CHECK(!cache.EpochForOffset(Offset(5)));
  CHECK(cache.EpochForOffset(Offset(10)) == LeaderEpoch(1));
  CHECK(cache.EpochForOffset(Offset(19)) == LeaderEpoch(1));
  CHECK(cache.EpochForOffset(Offset(25)) == LeaderEpoch(3));
}

TEST_CASE("epoch cache: the leader-epoch-checkpoint file round-trips") {
  const LeaderEpochCache cache = Cache({{0, 0}, {1, 150}});
  CHECK(cache.ToCheckpointFile() == "0\n2\n0 0\n1 150\n");
  std::string error;
  const auto parsed = LeaderEpochCache::ParseCheckpointFile("0\n2\n0 0\n1 150\n", &error);
  REQUIRE(parsed);
  CHECK(parsed->entries() == cache.entries());
  CHECK_FALSE(LeaderEpochCache::ParseCheckpointFile("0\n2\n0 0\n", &error));
  CHECK(error == "expected 2 entries but found 1 lines");
  CHECK_FALSE(LeaderEpochCache::ParseCheckpointFile("0\n2\n1 5\n0 9\n", &error));
  CHECK_FALSE(LeaderEpochCache::ParseCheckpointFile("1\n0\n", &error));
  CHECK(error == "unrecognized version 1");
}

}  // namespace
}  // namespace kafkasim
