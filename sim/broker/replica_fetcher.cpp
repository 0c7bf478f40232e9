// The follower side of replication (ReplicaFetcherThread, one per leader): truncate after a
// leader change to where the leader's history and ours agree (OffsetsForLeaderEpoch: KIP-101,
// KIP-279 — never to the high watermark, which may be stale), then fetch from our log end
// offset, over and over; the leader holds each fetch up to replica.fetch.wait.max.ms while it
// has nothing new.

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/replica_manager.h"
#include "sim/protocol/broker_directory.h"

namespace kafkasim {

void ReplicaManager::UpdateFetchers() {
  std::set<BrokerId> leaders;
  for (const auto& [tp, p] : partitions_) {
    if (!p->is_leader() && p->state().leader != kNoLeader) leaders.insert(p->state().leader);
  }
  std::erase_if(fetchers_, [&](const auto& entry) { return !leaders.contains(entry.first); });
  for (BrokerId leader : leaders) {
    auto& f = fetchers_[leader];
    if (!f) f = std::make_unique<FetcherState>();
    if (!f->in_flight) SendFetch(leader);
  }
}

void ReplicaManager::StartTruncation(BrokerId leader, const std::vector<TopicPartition>& partitions) {
  auto& f = fetchers_[leader];
  if (!f) f = std::make_unique<FetcherState>();
  auto request = std::make_unique<OffsetsForLeaderEpochRequest>();
  request->replica_id = broker_.id().value();
  for (const TopicPartition& tp : partitions) {
    const Partition& p = *partitions_.at(tp);
    auto latest = p.log().latest_epoch();
    if (!latest) continue;  // an empty log has nothing to truncate
    request->partitions[tp] = {LeaderEpoch(p.state().leader_epoch), *latest};
    f->truncating.insert(tp);
  }
  if (request->partitions.empty()) return;
  broker_.Send(broker_.directory().NodeOf(leader), std::move(request));
}

void ReplicaManager::HandleOffsetsForLeaderEpochResponse(const Envelope& envelope) {
  const auto& response = *envelope.As<OffsetsForLeaderEpochResponse>();
  for (const auto& [tp, r] : response.partitions) {
    auto it = partitions_.find(tp);
    if (it == partitions_.end()) continue;
    Partition& p = *it->second;
    for (auto& [leader, f] : fetchers_) f->truncating.erase(tp);
    if (r.error != ErrorCode::kNone || r.end_offset == kUndefinedOffset || p.is_leader()) continue;
    const Offset to = std::min(r.end_offset, p.log_end_offset());
    if (to < p.log_end_offset()) {
      const Offset before = p.log_end_offset();
      p.log().TruncateTo(to);
      p.RebuildProducerState();
      broker_.Emit({.kind = "replica.truncate",
                    .narration = fmt::format("{} truncated its copy of {} from offset {} to {}: the leader's epoch {} "
                                             "ended at {}, so the records above were never committed and now differ",
                                             broker_.name(), ToString(tp), before.value(), to.value(),
                                             r.leader_epoch.value(), r.end_offset.value()),
                    .rule = "KIP-101: truncate by leader epoch, not by high watermark",
                    .fields = {{"topic", tp.topic}, {"partition", tp.partition}, {"from", before.value()},
                               {"to", to.value()}}});
    }
  }
  UpdateFetchers();
}

void ReplicaManager::SendFetch(BrokerId leader) {
  FetcherState& f = *fetchers_.at(leader);
  auto request = std::make_unique<FetchRequest>();
  request->replica_id = broker_.id().value();
  request->max_wait = broker_.config().replica_fetch_wait_max;
  request->min_bytes = broker_.config().replica_fetch_min_bytes;
  for (const auto& [tp, p] : partitions_) {
    if (p->is_leader() || p->state().leader != leader || f.truncating.contains(tp)) continue;
    request->partitions[tp] = FetchPartition{.fetch_offset = p->log_end_offset(),
                                             .current_leader_epoch = LeaderEpoch(p->state().leader_epoch),
                                             .log_start_offset = p->log().log_start_offset(),
                                             .partition_max_bytes = broker_.config().replica_fetch_max_bytes};
  }
  if (request->partitions.empty()) return;
  f.in_flight = true;
  const uint64_t generation = ++f.generation;
  broker_.Send(broker_.directory().NodeOf(leader), std::move(request));
  // replica.socket.timeout.ms: a fetch lost to a split or a dead leader is sent again.
  broker_.sim().Schedule(broker_.config().replica_socket_timeout, broker_.node(), [this, leader, generation] {
    auto it = fetchers_.find(leader);
    if (it == fetchers_.end() || it->second->generation != generation) return;
    it->second->in_flight = false;
    SendFetch(leader);
  });
}

void ReplicaManager::HandleFetchResponse(const Envelope& envelope) {
  const auto& response = *envelope.As<FetchResponse>();
  BrokerId leader = kNoLeader;
  for (const auto& [id, node] : broker_.directory().brokers()) {
    if (node == envelope.from) leader = id;
  }
  bool progress = false;
  for (const auto& [tp, r] : response.partitions) {
    auto it = partitions_.find(tp);
    if (it == partitions_.end() || it->second->is_leader() || it->second->state().leader != leader) continue;
    if (r.error == ErrorCode::kOffsetOutOfRange && it->second->StartAtLeaderLogStart(r.log_start_offset)) {
      progress = true;
      continue;
    }
    if (r.error != ErrorCode::kNone) continue;  // a new LeaderAndIsr will sort it out
    const Offset before = it->second->log_end_offset();
    it->second->AppendFromLeader(r);
    progress = progress || it->second->log_end_offset() > before;
  }
  auto f = fetchers_.find(leader);
  if (f == fetchers_.end()) return;
  f->second->in_flight = false;
  ++f->second->generation;
  const bool errors = std::any_of(response.partitions.begin(), response.partitions.end(),
                                  [](const auto& e) { return e.second.error != ErrorCode::kNone; });
  if (errors && !progress) {
    // replica.fetch.backoff.ms after a failed fetch, so an error is not retried in a tight loop.
    f->second->in_flight = true;
    const uint64_t generation = f->second->generation;
    broker_.sim().Schedule(broker_.config().replica_fetch_backoff, broker_.node(), [this, leader, generation] {
      auto it = fetchers_.find(leader);
      if (it == fetchers_.end() || it->second->generation != generation) return;
      it->second->in_flight = false;
      SendFetch(leader);
    });
    return;
  }
  SendFetch(leader);
}

}  // namespace kafkasim
