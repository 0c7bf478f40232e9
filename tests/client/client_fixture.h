#pragma once
// Small builders for client tests: a topic's metadata as a broker would answer it.

#include <string>
#include <vector>

#include "sim/client/client_metadata.h"

namespace kafkasim::testing {

// Metadata for `topic` with one partition per entry of `leaders` (-1: no leader).
inline MetadataResponse TopicMetadataResponse(const std::string& topic, const std::vector<int32_t>& leaders) {
  MetadataResponse r;
  for (int32_t b : {0, 1, 2}) r.brokers.push_back(BrokerMetadata{.id = BrokerId(b), .host = "localhost", .port = 9092 + b});
  TopicMetadata t{.name = topic};
  for (size_t p = 0; p < leaders.size(); ++p) {
    t.partitions.push_back(PartitionMetadata{.partition = static_cast<int32_t>(p),
                                             .error = leaders[p] < 0 ? ErrorCode::kLeaderNotAvailable : ErrorCode::kNone,
                                             .leader = BrokerId(leaders[p])});
  }
  r.topics.push_back(std::move(t));
  return r;
}

inline ClientMetadata MetadataFor(const std::string& topic, const std::vector<int32_t>& leaders) {
  ClientMetadata m;
  m.AddTopic(topic);
  m.Update(TopicMetadataResponse(topic, leaders), Time::Zero());
  return m;
}

}  // namespace kafkasim::testing
