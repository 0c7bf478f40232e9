#include "viz/model/cluster_metadata.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/broker_disk.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/controller.h"
#include "sim/broker/partition.h"
#include "sim/broker/replica_manager.h"

namespace kafkasim::viz {
namespace {

// One partition's metadata, wherever it came from.
struct Known {
  TopicPartition tp;
  std::vector<BrokerId> replicas;
  LeaderAndIsr state;
  bool leader_live = false;  // the leader is among the live brokers this view knows
};

std::vector<Known> FromController(const ControllerContext& context) {
  std::vector<Known> out;
  for (const auto& [topic, info] : context.topics) {
    if (context.deleting.contains(topic)) continue;
    for (const auto& [p, replicas] : info.assignment) {
      Known k{.tp = {topic, p}, .replicas = replicas};
      if (auto it = context.states.find(k.tp); it != context.states.end()) k.state = it->second;
      k.leader_live = context.live_brokers.contains(k.state.leader);
      out.push_back(std::move(k));
    }
  }
  return out;
}

std::vector<Known> FromCache(const MetadataCache& cache) {
  std::vector<Known> out;
  for (const std::string& topic : cache.Topics()) {
    const int32_t count = cache.PartitionCount(topic);
    for (int32_t p = 0; p < count; ++p) {
      const PartitionState* s = cache.Partition({topic, p});
      if (s == nullptr || s->state.leader == kLeaderDuringDelete) continue;
      out.push_back(Known{.tp = s->tp, .replicas = s->replicas, .state = s->state,
                          .leader_live = cache.IsLive(s->state.leader)});
    }
  }
  return out;
}

ReplicaInfo ReadReplica(const BrokerPart& brokers, const Known& k, BrokerId id) {
  ReplicaInfo r{.broker = id};
  const Broker* broker = brokers.Running(id);
  r.running = broker != nullptr;
  const Partition* hosted = broker != nullptr ? broker->replicas().Find(k.tp) : nullptr;
  r.hosted = hosted != nullptr;
  if (hosted != nullptr) {
    r.has_log = true;
    r.log_start_offset = hosted->log().log_start_offset();
    r.log_end_offset = hosted->log_end_offset();
    r.high_watermark = hosted->high_watermark();
  } else if (const BrokerDisk* disk = brokers.Disk(id); disk != nullptr && disk->logs != nullptr) {
    if (const Log* log = std::as_const(*disk->logs).GetLog(k.tp.topic, k.tp.partition)) {
      r.has_log = true;
      r.log_start_offset = log->log_start_offset();
      r.log_end_offset = log->log_end_offset();
    }
  }
  if (!r.running) {
    r.role = ReplicaRole::kOffline;
  } else if (hosted != nullptr && hosted->is_leader()) {
    r.role = ReplicaRole::kLeader;
  } else if (Contains(k.state.isr, id) && hosted != nullptr) {
    r.role = ReplicaRole::kInSyncFollower;
  } else {
    r.role = ReplicaRole::kOutOfSyncFollower;
  }
  return r;
}

}  // namespace

std::string_view RoleGlyph(ReplicaRole role) {
  switch (role) {
    case ReplicaRole::kLeader: return "\xE2\x98\x85";             // ★
    case ReplicaRole::kInSyncFollower: return "\xE2\x97\x8F";     // ●
    case ReplicaRole::kOutOfSyncFollower: return "\xE2\x97\x8B";  // ○
    case ReplicaRole::kOffline: return "\xE2\x9C\x96";            // ✖
  }
  return "?";
}

std::string_view RoleName(ReplicaRole role) {
  switch (role) {
    case ReplicaRole::kLeader: return "leader";
    case ReplicaRole::kInSyncFollower: return "in-sync follower";
    case ReplicaRole::kOutOfSyncFollower: return "out-of-sync follower";
    case ReplicaRole::kOffline: return "offline";
  }
  return "?";
}

const ReplicaInfo* PartitionInfo::Replica(BrokerId broker) const {
  for (const ReplicaInfo& r : replica_states) {
    if (r.broker == broker) return &r;
  }
  return nullptr;
}

const PartitionInfo* ClusterMetadata::Find(const TopicPartition& tp) const {
  auto it = std::lower_bound(partitions.begin(), partitions.end(), tp,
                             [](const PartitionInfo& p, const TopicPartition& t) { return p.tp < t; });
  return it != partitions.end() && it->tp == tp ? &*it : nullptr;
}

std::vector<std::string> ClusterMetadata::Topics() const {
  std::vector<std::string> out;
  for (const PartitionInfo& p : partitions) {
    if (out.empty() || out.back() != p.tp.topic) out.push_back(p.tp.topic);
  }
  return out;
}

std::string BrokerName(Session& session, BrokerId id) {
  const NodeId node = session.part<BrokerPart>().directory().NodeOf(id);
  if (node == kNoNode) return fmt::format("broker-{}", id.value());
  return session.sim().node(node).name();
}

ClusterMetadata ReadClusterMetadata(Session& session) {
  ClusterMetadata out;
  BrokerPart& brokers = session.part<BrokerPart>();
  std::vector<Known> known;
  if (const Broker* controller = brokers.ActiveController()) {
    out.controller = controller->id();
    out.source = fmt::format("the controller ({})", controller->name());
    known = FromController(controller->controller().context());
  } else {
    // The running broker that heard from the newest controller.
    const Broker* best = nullptr;
    for (const auto& [id, node] : brokers.brokers()) {
      const Broker* b = brokers.Running(node);
      if (b == nullptr || b->metadata().controller_epoch() < 0) continue;
      if (best == nullptr || b->metadata().controller_epoch() > best->metadata().controller_epoch()) best = b;
    }
    if (best == nullptr) return out;
    out.source = fmt::format("{}'s metadata cache (no active controller)", best->name());
    known = FromCache(best->metadata());
  }
  out.partitions.reserve(known.size());
  for (Known& k : known) {
    PartitionInfo p{.tp = k.tp, .name = ToString(k.tp), .replicas = k.replicas, .leader = k.state.leader,
                    .leader_epoch = k.state.leader_epoch, .isr = k.state.isr};
    p.replica_states.reserve(p.replicas.size());
    for (BrokerId id : p.replicas) p.replica_states.push_back(ReadReplica(brokers, k, id));
    const ReplicaInfo* leader = p.Replica(p.leader);
    p.offline = p.leader == kNoLeader || !k.leader_live;
    p.leader_down = !p.offline && (leader == nullptr || !leader->running);
    p.under_replicated = p.isr.size() < p.replicas.size();
    out.offline += p.offline;
    out.under_replicated += p.under_replicated;
    out.partitions.push_back(std::move(p));
  }
  std::sort(out.partitions.begin(), out.partitions.end(),
            [](const PartitionInfo& a, const PartitionInfo& b) { return a.tp < b.tp; });
  return out;
}

}  // namespace kafkasim::viz
