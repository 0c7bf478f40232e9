#include "sim/admin/hashing.h"

#include <algorithm>
#include <cassert>

namespace kafkasim {

int32_t Murmur2(std::span<const uint8_t> data) {
  const uint32_t length = static_cast<uint32_t>(data.size());
  constexpr uint32_t kSeed = 0x9747b28c;
  constexpr uint32_t kM = 0x5bd1e995;
  constexpr int kR = 24;
  uint32_t h = kSeed ^ length;
  const uint32_t length4 = length / 4;
  for (uint32_t i = 0; i < length4; ++i) {
    const uint32_t i4 = i * 4;
    uint32_t k = uint32_t{data[i4]} | (uint32_t{data[i4 + 1]} << 8) |
                 (uint32_t{data[i4 + 2]} << 16) | (uint32_t{data[i4 + 3]} << 24);
    k *= kM;
    k ^= k >> kR;
    k *= kM;
    h *= kM;
    h ^= k;
  }
  // The tail, falling through like Java's switch.
  const uint32_t tail = length & ~3u;
  switch (length % 4) {
    case 3:
      h ^= uint32_t{data[tail + 2]} << 16;
      [[fallthrough]];
    case 2:
      h ^= uint32_t{data[tail + 1]} << 8;
      [[fallthrough]];
    case 1:
      h ^= uint32_t{data[tail]};
      h *= kM;
  }
  h ^= h >> 13;
  h *= kM;
  h ^= h >> 15;
  return static_cast<int32_t>(h);
}

int32_t Murmur2(std::string_view bytes) {
  return Murmur2(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

int32_t PartitionForKey(std::string_view key_bytes, int32_t num_partitions) {
  assert(num_partitions > 0);
  return ToPositive(Murmur2(key_bytes)) % num_partitions;
}

namespace {

// Decodes one UTF-8 sequence starting at text[i]; advances i.
uint32_t NextCodePoint(std::string_view text, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t b0 = byte(i);
  int extra = 0;
  uint32_t cp = 0;
  if (b0 < 0x80) {
    cp = b0;
  } else if ((b0 & 0xE0) == 0xC0) {
    cp = b0 & 0x1F, extra = 1;
  } else if ((b0 & 0xF0) == 0xE0) {
    cp = b0 & 0x0F, extra = 2;
  } else {
    assert((b0 & 0xF8) == 0xF0 && "invalid UTF-8 lead byte");
    cp = b0 & 0x07, extra = 3;
  }
  for (int k = 1; k <= extra; ++k) {
    assert(i + k < text.size() && (byte(i + k) & 0xC0) == 0x80 && "truncated UTF-8");
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += 1 + extra;
  return cp;
}

}  // namespace

int32_t JavaStringHashCode(std::string_view utf8) {
  uint32_t h = 0;
  for (size_t i = 0; i < utf8.size();) {
    const uint32_t cp = NextCodePoint(utf8, i);
    if (cp < 0x10000) {
      h = 31 * h + cp;
    } else {
      // A supplementary character is two UTF-16 code units in a Java String.
      const uint32_t v = cp - 0x10000;
      h = 31 * h + (0xD800 + (v >> 10));
      h = 31 * h + (0xDC00 + (v & 0x3FF));
    }
  }
  return static_cast<int32_t>(h);
}

int32_t PartitionForGroup(std::string_view group_id, int32_t offsets_topic_partitions) {
  assert(offsets_topic_partitions > 0);
  return JavaAbs(JavaStringHashCode(group_id)) % offsets_topic_partitions;
}

std::vector<std::string> JavaHashMapOrder(std::vector<std::string> keys, int32_t table_size) {
  assert(table_size > 0 && (table_size & (table_size - 1)) == 0);
  return JavaHashOrder(std::move(keys), table_size, [](const std::string& key) { return JavaStringHashCode(key); });
}

int32_t JavaTopicPartitionHashCode(std::string_view topic, int32_t partition) {
  const uint32_t first = 31u * (31u + static_cast<uint32_t>(partition));
  return static_cast<int32_t>(first + static_cast<uint32_t>(JavaStringHashCode(topic)));
}

int32_t JavaHashMapTableSize(size_t n) {
  int32_t table = 16;
  // HashMap.putVal resizes after an insertion that makes size exceed 0.75 * capacity.
  while (static_cast<double>(n) > 0.75 * table) table *= 2;
  return table;
}

}  // namespace kafkasim
