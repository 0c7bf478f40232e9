#include "sim/admin/hashing.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace kafkasim;

// Vectors printed by tests/admin/golden/make_hash_vectors.js: murmur2 from kafkajs 2.2.4's port of
// the Java client's Utils.murmur2, String.hashCode from JavaScript's UTF-16 code units. Each holds
// the key's bytes, the hash, and the partition of a 3- and a 6-partition topic (toPositive % n).
TEST_CASE("murmur2 agrees with kafkajs's port of the Java client's, tail lengths 0 to 3 included") {
  struct Vector {
    std::string key;
    int32_t hash, p3, p6;
  };
  const std::vector<Vector> vectors = {
      {"", 275646681, 0, 3},
      {"a", -1563381124, 1, 4},
      {"ab", 316155434, 2, 2},
      {"abc", 479470107, 0, 3},
      {"abcd", -1323649548, 2, 2},
      {"orders", -1029842276, 0, 0},
      {"key-1", 193331640, 0, 0},
      {"hello world", 1221641059, 1, 1},
      {"caf\xc3\xa9", -1358007374, 0, 0},
      {std::string("\xff\x80\x00\x7f\x01", 5), 1699770653, 2, 5},
  };
  for (const Vector& v : vectors) {
    INFO("key of " << v.key.size() << " bytes");
    CHECK(Murmur2(v.key) == v.hash);
    CHECK(PartitionForKey(v.key, 3) == v.p3);
    CHECK(PartitionForKey(v.key, 6) == v.p6);
  }
}

TEST_CASE("toPositive clears the sign bit; it is not abs") {
  CHECK(ToPositive(-1) == 2147483647);
  CHECK(ToPositive(INT32_MIN) == 0);
  CHECK(ToPositive(-1563381124) == 584102524);  // "a": abs would give 1563381124
  CHECK(ToPositive(42) == 42);
}

TEST_CASE("String.hashCode over UTF-16 code units, and the group coordinator partition") {
  struct Vector {
    std::string group;
    int32_t hash, p50;
  };
  const std::vector<Vector> vectors = {
      {"", 0, 0},
      {"g", 103, 3},
      {"my-group", -1906497762, 12},
      {"console-consumer-12345", 158455506, 6},
      {"connect-cluster", 1440343063, 13},
      {"caf\xc3\xa9", 3045921, 21},               // one UTF-16 unit for U+00E9
      {"emoji-\xf0\x9f\x98\x80", 1164511306, 6},  // U+1F600 is two surrogates
      {"polygenelubricants", INT32_MIN, 0},       // Utils.abs(MIN_VALUE) is 0
  };
  for (const Vector& v : vectors) {
    INFO(v.group);
    CHECK(JavaStringHashCode(v.group) == v.hash);
    CHECK(PartitionForGroup(v.group, 50) == v.p50);
  }
  CHECK(JavaStringHashCode("hello") == 99162322);  // the JDK's documented example value
}

TEST_CASE("HashMap iteration order: by spread hash bucket, insertion order within a bucket") {
  CHECK(JavaHashMapTableSize(0) == 16);
  CHECK(JavaHashMapTableSize(12) == 16);
  CHECK(JavaHashMapTableSize(13) == 32);
  CHECK(JavaHashMapTableSize(31) == 64);
  CHECK(JavaHashMapTableSize(49) == 128);
  // "Aa" and "BB" share a hash code (2112), so they share a bucket and keep insertion order.
  CHECK(JavaHashMapOrder({"BB", "Aa"}, 16) == std::vector<std::string>{"BB", "Aa"});
  CHECK(JavaHashMapOrder({"Aa", "BB"}, 16) == std::vector<std::string>{"Aa", "BB"});
  // "a" (97) lands in bucket 1 of 16, "b" (98) in bucket 2, "q" (113) in bucket 1 too.
  CHECK(JavaHashMapOrder({"b", "q", "a"}, 16) == std::vector<std::string>{"q", "a", "b"});
}

TEST_CASE("TopicPartition.hashCode and a HashSet<TopicPartition>'s order, as the JVM computes them") {
  // Both computed by running the JDK 17 on the same partitions.
  CHECK(JavaTopicPartitionHashCode("orders", 0) == -1008769370);
  CHECK(JavaTopicPartitionHashCode("orders", 7) == -1008769153);
  std::vector<std::pair<std::string, int32_t>> partitions;
  for (int32_t p = 0; p < 12; ++p) partitions.emplace_back("orders", p);
  partitions.emplace_back("clicks", 3);
  partitions.emplace_back("__consumer_offsets", 17);
  const auto hash = [](const auto& tp) { return JavaTopicPartitionHashCode(tp.first, tp.second); };
  const auto order = JavaHashOrder(partitions, JavaHashMapTableSize(partitions.size()), hash);
  std::vector<std::string> names;
  for (const auto& [t, p] : order) names.push_back(t + "-" + std::to_string(p));
  CHECK(names == std::vector<std::string>{"orders-7", "orders-8", "orders-9", "orders-10", "orders-11",
                                          "__consumer_offsets-17", "orders-0", "orders-1", "orders-2", "clicks-3",
                                          "orders-3", "orders-4", "orders-5", "orders-6"});
}
