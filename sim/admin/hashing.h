#pragma once
// The hash functions by which Kafka places things, computed bit for bit as the JVM does, so that a
// key lands on the partition and a group on the coordinator a real cluster would choose:
//  - keyed records: partition = toPositive(murmur2(keyBytes)) % numPartitions, over all partitions
//    of the topic (clients/.../common/utils/Utils.java; BuiltInPartitioner.partitionForKey);
//  - consumer groups: coordinator = leader of __consumer_offsets partition
//    Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions
//    (GroupMetadataManager.partitionFor);
//  - java.util.HashMap iteration order, which decides the order of some of Kafka's printed lists
//    (kafka-topics --describe's `Configs:`, AbstractConfig.logUnused's key list).
// All arithmetic is 32-bit two's complement with wrap-around, as in Java.

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kafkasim {

// org.apache.kafka.common.utils.Utils.murmur2: seed 0x9747b28c, m 0x5bd1e995, r 24, 4-byte
// little-endian blocks, unsigned shifts. Hashes raw bytes (a key's serialized form).
int32_t Murmur2(std::span<const uint8_t> data);
int32_t Murmur2(std::string_view bytes);

// Utils.toPositive: clears the sign bit (n & 0x7fffffff). Not abs: -1 maps to 2147483647.
constexpr int32_t ToPositive(int32_t n) { return n & 0x7fffffff; }

// Utils.abs: Math.abs, except that Integer.MIN_VALUE (which has no positive) maps to 0.
constexpr int32_t JavaAbs(int32_t n) { return n == INT32_MIN ? 0 : (n < 0 ? -n : n); }

// The partition of a record with a (non-null) serialized key; num_partitions > 0.
int32_t PartitionForKey(std::string_view key_bytes, int32_t num_partitions);

// java.lang.String.hashCode of the string whose UTF-8 encoding is `utf8`: s[0]*31^(n-1) + ... over
// its UTF-16 code units (a character outside the BMP counts as its two surrogates). Invalid UTF-8
// is a programming error (the simulator only holds text it decoded itself).
int32_t JavaStringHashCode(std::string_view utf8);

// The __consumer_offsets partition that holds group `group_id` (whose leader is its coordinator).
int32_t PartitionForGroup(std::string_view group_id, int32_t offsets_topic_partitions);

// The order in which a java.util.HashMap<String, ...> with `table_size` buckets (a power of two)
// iterates `keys`: by bucket (hash ^ hash >>> 16) & (table_size - 1), then by insertion order
// within a bucket (keys are taken as inserted in the order given).
std::vector<std::string> JavaHashMapOrder(std::vector<std::string> keys, int32_t table_size);

// The same order for keys of any type, given their Java hashCode().
template <typename T, typename Hash>
std::vector<T> JavaHashOrder(std::vector<T> keys, int32_t table_size, Hash java_hash_code) {
  const auto bucket = [&](const T& key) {
    const auto h = static_cast<uint32_t>(java_hash_code(key));
    return (h ^ (h >> 16)) & static_cast<uint32_t>(table_size - 1);
  };
  // A resize splits each bucket keeping relative order, so insertion order holds within a bucket.
  std::stable_sort(keys.begin(), keys.end(), [&](const T& a, const T& b) { return bucket(a) < bucket(b); });
  return keys;
}

// org.apache.kafka.common.TopicPartition.hashCode: 31 * (31 + partition) + topic.hashCode().
int32_t JavaTopicPartitionHashCode(std::string_view topic, int32_t partition);

// The table size a HashMap created empty (capacity 16, load factor 0.75) reaches after `n` puts.
int32_t JavaHashMapTableSize(size_t n);

}  // namespace kafkasim
