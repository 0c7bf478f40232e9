#pragma once
// What a client knows of the cluster (Kafka's Metadata / Cluster on the client side): the
// brokers, and for each topic it asked about, its partitions and their leaders, as the last
// Metadata response said. A client refreshes it when a broker says it is no longer the leader
// (NOT_LEADER_OR_FOLLOWER), when a topic or leader is unknown, and every metadata.max.age.ms.
//
// Kafka keeps the newest leader epoch it has seen per partition and ignores a response that
// would take a partition back to an older epoch (KIP-320); so does this.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/client/last_hit.h"
#include "sim/core/time.h"
#include "sim/protocol/admin_requests.h"

namespace kafkasim {

struct ClientPartition {
  BrokerId leader = kNoLeader;
  int32_t leader_epoch = -1;
};

struct ClientTopic {
  ErrorCode error = ErrorCode::kNone;  // UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE, ...
  std::vector<ClientPartition> partitions;  // by partition id
};

class ClientMetadata {
 public:
  // Takes in a Metadata response received at `now`. Returns the topic-level errors the broker
  // reported (Kafka's NetworkClient logs them as WARN: {orders=LEADER_NOT_AVAILABLE}).
  std::map<std::string, ErrorCode> Update(const MetadataResponse& response, Time now);

  // The topics the client asks about in its next refresh.
  void AddTopic(const std::string& topic) { wanted_.insert(topic); }
  const std::set<std::string>& topics() const { return wanted_; }

  const ClientTopic* Topic(const std::string& name) const;
  // The partition count, or nullopt while the topic is not (yet) known.
  std::optional<int32_t> PartitionCount(const std::string& topic) const;
  // Partitions whose leader is known, in partition order (Cluster.availablePartitionsForTopic).
  std::vector<int32_t> AvailablePartitions(const std::string& topic) const;
  BrokerId LeaderFor(const TopicPartition& tp) const;
  int32_t LeaderEpochFor(const TopicPartition& tp) const;
  const std::vector<BrokerMetadata>& brokers() const { return brokers_; }

  // A refresh is due: asked for (an error said the metadata is stale) or metadata.max.age.ms old.
  void RequestUpdate() { update_requested_ = true; }
  bool has_response() const { return last_update_.has_value(); }
  // When the next refresh may go: at once for the first, retry.backoff.ms after the last one
  // when asked for (Kafka's refreshBackoffMs), metadata.max.age.ms after it otherwise.
  Time NextUpdateTime(Duration max_age, Duration backoff) const;

 private:
  std::set<std::string> wanted_;
  std::map<std::string, ClientTopic> topics_;  // never erases: last_topic_ points into it
  mutable LastHit<const std::pair<const std::string, ClientTopic>> last_topic_;
  std::vector<BrokerMetadata> brokers_;
  std::optional<Time> last_update_;
  bool update_requested_ = false;
};

}  // namespace kafkasim
