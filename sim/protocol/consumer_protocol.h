#pragma once
// The consumer's embedded protocol inside JoinGroup and SyncGroup (Kafka's ConsumerProtocol,
// clients/src/main/resources/common/message/ConsumerProtocol{Subscription,Assignment}.json):
// what a member subscribes to and owns, and what the leader assigned to it. The coordinator
// stores these bytes without reading them; consumers and kafka-consumer-groups.sh decode them.
//
//   Subscription v3: version INT16, topics [STRING], userData NULLABLE_BYTES,
//                    ownedPartitions [topic STRING, partitions [INT32]], generationId INT32,
//                    rackId NULLABLE_STRING
//   Assignment v3:   version INT16, assignedPartitions [topic STRING, partitions [INT32]],
//                    userData NULLABLE_BYTES

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/protocol/types.h"

namespace kafkasim {

struct ConsumerSubscription {
  std::vector<std::string> topics;
  std::optional<std::string> user_data;
  std::vector<TopicPartition> owned_partitions;  // what the member holds (cooperative protocols)
  int32_t generation_id = -1;
  std::optional<std::string> rack_id;
  bool operator==(const ConsumerSubscription&) const = default;
};

struct ConsumerAssignment {
  std::vector<TopicPartition> partitions;
  std::optional<std::string> user_data;
  bool operator==(const ConsumerAssignment&) const = default;
};

std::string EncodeSubscription(const ConsumerSubscription& s);
std::string EncodeAssignment(const ConsumerAssignment& a);
// Nullopt for malformed bytes. An empty buffer is an empty assignment (what the coordinator
// gives a member the leader left out).
std::optional<ConsumerSubscription> DecodeSubscription(std::string_view bytes);
std::optional<ConsumerAssignment> DecodeAssignment(std::string_view bytes);

}  // namespace kafkasim
