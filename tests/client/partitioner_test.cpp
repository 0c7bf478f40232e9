// The producer's partition choice against Kafka 3.7: keyed records against kafkajs's port of the
// Java client (tests/client/golden/make_partition_vectors.js), the sticky partitioner of KIP-794,
// round robin, and an explicit partition.

#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "sim/client/record_accumulator.h"
#include "tests/client/client_fixture.h"

namespace kafkasim {
namespace {

using testing::MetadataFor;

std::string FromHex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// Partitions 0, 2, 4, ... have a leader, 1, 3, 5, ... none, as in the vector script.
std::vector<int32_t> EveryOtherLeaderless(int32_t n) {
  std::vector<int32_t> leaders;
  for (int32_t p = 0; p < n; ++p) leaders.push_back(p % 2 == 0 ? 0 : -1);
  return leaders;
}

struct PartitionerFixture {
  ProducerConfig config;
  Random random{7, "test"};
  Time now = Time::Zero();
  uint64_t next_id = 1;

  int32_t Send(RecordAccumulator& acc, const ClientMetadata& m, ProducerRecord r) {
    return acc.Append(r, now.millis(), next_id++, nullptr, m, now, random).partition;
  }
};

TEST_CASE("a keyed record goes to toPositive(murmur2(key)) % partitions, as kafkajs's Java-compatible partitioner") {
  struct Vector {
    std::string hex;
    int32_t p3, p6, p10;
  };
  const std::vector<Vector> vectors = {
      {"", 0, 3, 1},
      {"61", 1, 4, 4},
      {"757365722d31", 2, 2, 8},
      {"757365722d32", 2, 2, 6},
      {"757365722d33", 2, 5, 7},
      {"757365722d34", 1, 1, 7},
      {"757365722d35", 1, 4, 6},
      {"757365722d36", 2, 5, 3},
      {"757365722d37", 2, 2, 4},
      {"757365722d38", 0, 3, 1},
      {"757365722d39", 2, 5, 9},
      {"757365722d3130", 2, 2, 0},
      {"6f7264657273", 0, 0, 2},
      {"6b65792d3432", 0, 3, 7},
      {"68656c6c6f20776f726c64", 1, 1, 9},
      {"636166c3a9", 0, 0, 4},
      {"f09f9880", 0, 3, 7},
  };
  PartitionerFixture f;
  for (const auto& [n, pick] : std::vector<std::pair<int32_t, int32_t Vector::*>>{
           {3, &Vector::p3}, {6, &Vector::p6}, {10, &Vector::p10}}) {
    RecordAccumulator acc(f.config);
    const ClientMetadata m = MetadataFor("t", EveryOtherLeaderless(n));
    for (const Vector& v : vectors) {
      INFO("key hex " << v.hex << ", " << n << " partitions");
      CHECK(f.Send(acc, m, {.topic = "t", .key = FromHex(v.hex), .value = "v"}) == v.*pick);
    }
  }
}

TEST_CASE("an explicit partition wins over the key") {
  PartitionerFixture f;
  RecordAccumulator acc(f.config);
  const ClientMetadata m = MetadataFor("t", {0, 1, 2});
  // "user-1" hashes to partition 2 of 3.
  CHECK(f.Send(acc, m, {.topic = "t", .partition = 0, .key = "user-1", .value = "v"}) == 0);
}

TEST_CASE("partitioner.ignore.keys sends keyed records through the sticky partitioner") {
  PartitionerFixture f;
  f.config.partitioner_ignore_keys = true;
  RecordAccumulator acc(f.config);
  const ClientMetadata m = MetadataFor("t", {0, 1, 2, 0, 1, 2});
  std::set<int32_t> seen;
  for (int i = 0; i < 10; ++i) seen.insert(f.Send(acc, m, {.topic = "t", .key = "user-" + std::to_string(i), .value = "v"}));
  CHECK(seen.size() == 1);  // stuck to one partition: 10 small records are far below batch.size
}

// A 100-byte value with a null key is a 109-byte record; a batch's first record also brings the
// 61-byte batch header, so 8 records make 61 + 8 × 109 = 933 bytes.
int32_t RecordsBeforeSwitch(int32_t batch_size, size_t* batches_left) {
  PartitionerFixture f;
  f.config.batch_size = batch_size;
  f.config.linger = Duration::Millis(1000);
  RecordAccumulator acc(f.config);
  const ClientMetadata m = MetadataFor("t", {0, 1, 2, 0, 1, 2});
  const std::string value(100, 'x');
  const int32_t first = f.Send(acc, m, {.topic = "t", .value = value});
  int32_t same = 1;
  while (f.Send(acc, m, {.topic = "t", .value = value}) == first) ++same;
  *batches_left = acc.queued_batches({"t", first});
  return same;
}

TEST_CASE("null-key records stick to one partition until a full batch of batch.size bytes went to it") {
  size_t batches = 0;
  // batch.size 933: the 8th record fills the batch exactly, so the partitioner moves on.
  CHECK(RecordsBeforeSwitch(933, &batches) == 8);
  CHECK(batches == 1);
}

TEST_CASE("a partition keeps null-key records past batch.size while its last batch is not full") {
  size_t batches = 0;
  // batch.size 1000: a batch closes at 933 bytes when the 9th record does not fit, and the 9th
  // opens a new batch that is not full, so no switch at 1000 bytes; the 17th record opens a
  // third batch and brings the partition past 2 × batch.size, which switches unconditionally.
  CHECK(RecordsBeforeSwitch(1000, &batches) == 17);
  CHECK(batches == 3);
}

TEST_CASE("the sticky partitioner switches at twice batch.size even when the last batch is not full") {
  PartitionerFixture f;
  f.config.batch_size = 100;
  RecordAccumulator acc(f.config);
  const ClientMetadata m = MetadataFor("t", {0, 1, 2});
  // A 150-byte value makes a batch bigger than batch.size on its own: the record's batch is
  // sized for it, so it is not full, yet its 220 bytes ≥ 2 × 100 switch the partition.
  f.Send(acc, m, {.topic = "t", .value = std::string(150, 'x')});
  const BuiltInPartitioner* bp = acc.partitioner("t");
  REQUIRE(bp != nullptr);
  CHECK(bp->produced_bytes() == 0);  // 220 bytes ≥ 2 × 100: switched, and counting anew
  f.Send(acc, m, {.topic = "t", .value = "v"});
  CHECK(bp->produced_bytes() > 0);
}

TEST_CASE("the sticky partitioner only picks partitions that have a leader") {
  PartitionerFixture f;
  f.config.batch_size = 1;  // switch after every record
  RecordAccumulator acc(f.config);
  const ClientMetadata m = MetadataFor("t", {-1, 1, -1, 0, -1, 2});
  std::set<int32_t> seen;
  for (int i = 0; i < 200; ++i) seen.insert(f.Send(acc, m, {.topic = "t", .value = "v"}));
  CHECK(seen == std::set<int32_t>{1, 3, 5});
}

TEST_CASE("without any leader the sticky partitioner picks among all partitions") {
  PartitionerFixture f;
  f.config.batch_size = 1;
  RecordAccumulator acc(f.config);
  const ClientMetadata m = MetadataFor("t", {-1, -1, -1});
  std::set<int32_t> seen;
  for (int i = 0; i < 100; ++i) seen.insert(f.Send(acc, m, {.topic = "t", .value = "v"}));
  CHECK(seen == std::set<int32_t>{0, 1, 2});
}

TEST_CASE("the sticky choice is drawn from the producer's seeded stream, so a seed replays it") {
  auto run = [](uint64_t seed) {
    ProducerConfig config{.batch_size = 1};
    RecordAccumulator acc(config);
    Random random(seed, "node/producer-1");
    const ClientMetadata m = MetadataFor("t", {0, 1, 2, 0, 1, 2});
    std::vector<int32_t> out;
    for (int i = 0; i < 20; ++i) out.push_back(acc.Append({.topic = "t", .value = "v"}, 0, i, nullptr, m, Time::Zero(), random).partition);
    return out;
  };
  CHECK(run(1) == run(1));
  CHECK(run(1) != run(2));
}

TEST_CASE("load stats weight the sticky choice against partitions with longer queues") {
  BuiltInPartitioner p(1);
  const TopicLayout layout{.num_partitions = 3, .available = {0, 1, 2}};
  // Queue sizes 0 3 1 → weights 4 1 3 → table 4 5 8: 0-3 → p0, 4 → p1, 5-7 → p2.
  p.UpdateLoadStats(std::vector<int32_t>{0, 3, 1}, std::vector<int32_t>{0, 1, 2}, 3);
  Random random(3, "test");
  std::map<int32_t, int> counts;
  for (int i = 0; i < 8000; ++i) {
    ++counts[p.Peek(layout, random)];
    p.Update(1, true, layout, random);  // 1 byte ≥ batch.size 1: switch after every record
  }
  CHECK(counts[0] > 3700);
  CHECK(counts[0] < 4300);
  CHECK(counts[1] > 850);
  CHECK(counts[1] < 1150);
  CHECK(counts[2] > 2700);
  CHECK(counts[2] < 3300);
}

TEST_CASE("equal queue sizes leave the choice uniform") {
  BuiltInPartitioner p(1);
  const TopicLayout layout{.num_partitions = 3, .available = {0, 2}};
  p.UpdateLoadStats(std::vector<int32_t>{2, 2, 2}, std::vector<int32_t>{0, 1, 2}, 3);
  Random random(3, "test");
  std::set<int32_t> seen;
  // Uniform over the available partitions: partition 1 (no leader) is never chosen.
  for (int i = 0; i < 100; ++i) {
    seen.insert(p.Peek(layout, random));
    p.Update(1, true, layout, random);
  }
  CHECK(seen == std::set<int32_t>{0, 2});
}

TEST_CASE("RoundRobinPartitioner deals records to the available partitions in turn") {
  PartitionerFixture f;
  f.config.partitioner = PartitionerKind::kRoundRobin;
  RecordAccumulator acc(f.config);
  const ClientMetadata m = MetadataFor("t", {0, -1, 2, 0});
  std::vector<int32_t> got;
  for (int i = 0; i < 6; ++i) got.push_back(f.Send(acc, m, {.topic = "t", .key = "same-key", .value = "v"}));
  CHECK(got == std::vector<int32_t>{0, 2, 3, 0, 2, 3});
}

}  // namespace
}  // namespace kafkasim
