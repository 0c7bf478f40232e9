#include "sim/protocol/consumer_protocol.h"

#include <map>

#include "sim/protocol/wire_codec.h"

namespace kafkasim {
namespace {

constexpr int16_t kVersion = 3;

void WriteNullableBytes(ByteWriter& w, const std::optional<std::string>& b) {
  if (!b) {
    w.Int32(-1);
  } else {
    w.Bytes(*b);
  }
}

std::optional<std::string> ReadNullableBytes(ByteReader& r) {
  const int32_t n = r.Int32();
  if (n == -1) return std::nullopt;
  // Re-read as BYTES would need the length again: take the bytes via a one-off reader trick.
  std::string out;
  out.reserve(static_cast<size_t>(std::max(n, 0)));
  for (int32_t i = 0; i < n && r.ok(); ++i) out.push_back(static_cast<char>(r.Int8()));
  return out;
}

// Topic partitions grouped by topic, topics in first-seen order, as Kafka's serializer groups them.
void WritePartitions(ByteWriter& w, const std::vector<TopicPartition>& partitions) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<int32_t>> by_topic;
  for (const TopicPartition& tp : partitions) {
    if (!by_topic.contains(tp.topic)) order.push_back(tp.topic);
    by_topic[tp.topic].push_back(tp.partition);
  }
  w.Int32(static_cast<int32_t>(order.size()));
  for (const std::string& t : order) {
    w.String(t).Int32(static_cast<int32_t>(by_topic[t].size()));
    for (int32_t p : by_topic[t]) w.Int32(p);
  }
}

std::vector<TopicPartition> ReadPartitions(ByteReader& r) {
  std::vector<TopicPartition> out;
  const int32_t topics = r.ArrayCount();
  for (int32_t i = 0; i < topics && r.ok(); ++i) {
    std::string topic = r.String();
    const int32_t n = r.ArrayCount();
    for (int32_t j = 0; j < n && r.ok(); ++j) out.push_back(TopicPartition{topic, r.Int32()});
  }
  return out;
}

}  // namespace

std::string EncodeSubscription(const ConsumerSubscription& s) {
  ByteWriter w;
  w.Int16(kVersion).Int32(static_cast<int32_t>(s.topics.size()));
  for (const std::string& t : s.topics) w.String(t);
  WriteNullableBytes(w, s.user_data);
  WritePartitions(w, s.owned_partitions);
  w.Int32(s.generation_id).NullableString(s.rack_id);
  return w.Take();
}

std::string EncodeAssignment(const ConsumerAssignment& a) {
  ByteWriter w;
  w.Int16(kVersion);
  WritePartitions(w, a.partitions);
  WriteNullableBytes(w, a.user_data);
  return w.Take();
}

std::optional<ConsumerSubscription> DecodeSubscription(std::string_view bytes) {
  ByteReader r(bytes);
  const int16_t version = r.Int16();
  if (version < 0) return std::nullopt;
  ConsumerSubscription s;
  const int32_t n = r.ArrayCount();
  for (int32_t i = 0; i < n && r.ok(); ++i) s.topics.push_back(r.String());
  s.user_data = ReadNullableBytes(r);
  if (version >= 1) s.owned_partitions = ReadPartitions(r);
  if (version >= 2) s.generation_id = r.Int32();
  if (version >= 3) s.rack_id = r.NullableString();
  if (!r.ok()) return std::nullopt;
  return s;
}

std::optional<ConsumerAssignment> DecodeAssignment(std::string_view bytes) {
  if (bytes.empty()) return ConsumerAssignment{};
  ByteReader r(bytes);
  const int16_t version = r.Int16();
  if (version < 0) return std::nullopt;
  ConsumerAssignment a;
  a.partitions = ReadPartitions(r);
  a.user_data = ReadNullableBytes(r);
  if (!r.ok()) return std::nullopt;
  return a;
}

}  // namespace kafkasim
