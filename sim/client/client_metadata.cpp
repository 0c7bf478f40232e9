#include "sim/client/client_metadata.h"

namespace kafkasim {

std::map<std::string, ErrorCode> ClientMetadata::Update(const MetadataResponse& response, Time now) {
  std::map<std::string, ErrorCode> errors;
  brokers_ = response.brokers;
  for (const TopicMetadata& t : response.topics) {
    ClientTopic& topic = topics_[t.name];
    topic.error = t.error;
    if (t.error != ErrorCode::kNone) errors[t.name] = t.error;
    if (t.error == ErrorCode::kUnknownTopicOrPartition || t.error == ErrorCode::kInvalidTopicException) {
      topic.partitions.clear();
      continue;
    }
    std::vector<ClientPartition> next(t.partitions.size());
    for (const PartitionMetadata& p : t.partitions) {
      if (p.partition < 0 || static_cast<size_t>(p.partition) >= next.size()) continue;
      ClientPartition& slot = next[p.partition];
      slot.leader = p.error == ErrorCode::kNone || p.error == ErrorCode::kReplicaNotAvailable ? p.leader : kNoLeader;
      slot.leader_epoch = p.leader_epoch;
      // KIP-320: never step back to an older leader epoch than one already seen.
      if (static_cast<size_t>(p.partition) < topic.partitions.size()) {
        const ClientPartition& known = topic.partitions[p.partition];
        if (known.leader_epoch > p.leader_epoch) slot = known;
      }
    }
    topic.partitions = std::move(next);
  }
  last_update_ = now;
  // A topic added while this request was in flight is not in its answer: that still needs one.
  update_requested_ = false;
  for (const std::string& topic : wanted_) {
    if (!topics_.contains(topic)) update_requested_ = true;
  }
  return errors;
}

const ClientTopic* ClientMetadata::Topic(const std::string& name) const {
  if (const auto* hit = last_topic_.Find(name)) return &hit->second;
  auto it = topics_.find(name);
  if (it == topics_.end()) return nullptr;
  last_topic_.Remember(*it);
  return &it->second;
}

std::optional<int32_t> ClientMetadata::PartitionCount(const std::string& topic) const {
  const ClientTopic* t = Topic(topic);
  if (t == nullptr || t->partitions.empty()) return std::nullopt;
  return static_cast<int32_t>(t->partitions.size());
}

std::vector<int32_t> ClientMetadata::AvailablePartitions(const std::string& topic) const {
  std::vector<int32_t> out;
  if (const ClientTopic* t = Topic(topic)) {
    for (size_t p = 0; p < t->partitions.size(); ++p) {
      if (t->partitions[p].leader != kNoLeader) out.push_back(static_cast<int32_t>(p));
    }
  }
  return out;
}

BrokerId ClientMetadata::LeaderFor(const TopicPartition& tp) const {
  const ClientTopic* t = Topic(tp.topic);
  if (t == nullptr || tp.partition < 0 || static_cast<size_t>(tp.partition) >= t->partitions.size()) return kNoLeader;
  return t->partitions[tp.partition].leader;
}

int32_t ClientMetadata::LeaderEpochFor(const TopicPartition& tp) const {
  const ClientTopic* t = Topic(tp.topic);
  if (t == nullptr || tp.partition < 0 || static_cast<size_t>(tp.partition) >= t->partitions.size()) return -1;
  return t->partitions[tp.partition].leader_epoch;
}

Time ClientMetadata::NextUpdateTime(Duration max_age, Duration backoff) const {
  if (!last_update_) return Time::Zero();
  return *last_update_ + (update_requested_ ? backoff : max_age);
}

}  // namespace kafkasim
