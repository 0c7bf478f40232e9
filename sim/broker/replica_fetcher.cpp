// The follower side of replication (ReplicaFetcherThread, one per leader): truncate after a
// leader change to where the leader's history and ours agree (OffsetsForLeaderEpoch: KIP-101,
// KIP-279 — never to the high watermark, which may be stale), then fetch from our log end
// offset, over and over; the leader holds each fetch up to replica.fetch.wait.max.ms while it
// has nothing new. The fetches go through an incremental fetch session with the leader (KIP-227,
// fetch_session_handler.h): once it is open, a fetch names only the partitions whose fetch
// position changed, and an idle follower's names none.

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/replica_manager.h"
#include "sim/protocol/broker_directory.h"

namespace kafkasim {

void ReplicaManager::UpdateFetchers() {
  std::map<BrokerId, std::vector<Partition*>> followed;
  for (const auto& [tp, p] : partitions_) {
    if (!p->is_leader() && !p->stopped() && p->state().leader != kNoLeader) {
      followed[p->state().leader].push_back(p.get());
    }
  }
  if (std::erase_if(fetchers_, [&](const auto& entry) { return !followed.contains(entry.first); }) > 0) {
    fetcher_by_node_.clear();
  }
  for (auto& [leader, partitions] : followed) {
    auto& f = fetchers_[leader];
    if (!f) f = std::make_unique<FetcherState>(FetcherState{.serial = next_fetcher_serial_++});
    f->partitions = std::move(partitions);
    if (!f->in_flight) SendFetch(leader);
  }
}

const FetchSessionHandler* ReplicaManager::fetch_session_with(BrokerId leader) const {
  auto it = fetchers_.find(leader);
  return it == fetchers_.end() ? nullptr : &it->second->session;
}

BrokerId ReplicaManager::LeaderOfNode(NodeId node) {
  const auto index = static_cast<size_t>(node.value());
  if (index < leader_by_node_.size() && leader_by_node_[index] != kNoLeader) return leader_by_node_[index];
  for (const auto& [id, n] : broker_.directory().brokers()) {
    if (n != node) continue;
    if (index >= leader_by_node_.size()) leader_by_node_.resize(index + 1, kNoLeader);
    return leader_by_node_[index] = id;
  }
  return kNoLeader;
}

ReplicaManager::FetcherState* ReplicaManager::FetcherOf(NodeId node, BrokerId leader) {
  const auto index = static_cast<size_t>(node.value());
  if (index < fetcher_by_node_.size() && fetcher_by_node_[index] != nullptr) return fetcher_by_node_[index];
  auto it = fetchers_.find(leader);
  if (it == fetchers_.end()) return nullptr;
  if (index >= fetcher_by_node_.size()) fetcher_by_node_.resize(index + 1, nullptr);
  return fetcher_by_node_[index] = it->second.get();
}

void ReplicaManager::StartTruncation(BrokerId leader, const std::vector<TopicPartition>& partitions) {
  auto& f = fetchers_[leader];
  if (!f) f = std::make_unique<FetcherState>(FetcherState{.serial = next_fetcher_serial_++});
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
      p.TruncateTo(to);
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

void ReplicaManager::SendFetch(BrokerId leader) { SendFetch(leader, *fetchers_.at(leader)); }

void ReplicaManager::SendFetch(BrokerId leader, FetcherState& f) {
  // The partitions fetchable now; one being truncated leaves the session until it is done.
  std::vector<FetchSessionHandler::Wanted> wanted;  // in f.partitions' order, which is by name
  wanted.reserve(f.partitions.size());
  for (const Partition* p : f.partitions) {
    if (!f.truncating.empty() && f.truncating.contains(p->tp())) continue;
    wanted.push_back({.tp = &p->tp(),
                      .fetch = FetchPartition{.fetch_offset = p->log_end_offset(),
                                              .current_leader_epoch = LeaderEpoch(p->state().leader_epoch),
                                              .log_start_offset = p->log().log_start_offset(),
                                              .partition_max_bytes = broker_.config().replica_fetch_max_bytes}});
  }
  // Nothing fetchable: no fetch (Kafka's fetcher truncates before it fetches, so it never sends
  // one that only forgets; the next fetch forgets what is still truncating).
  if (wanted.empty()) return;
  if (f.node == kNoNode) f.node = broker_.directory().NodeOf(leader);
  const NodeId node = f.node;
  if (node == kNoNode) return;
  FetchSessionHandler::Request built = f.session.Build(wanted);
  auto request = std::make_unique<FetchRequest>();
  request->replica_id = broker_.id().value();
  request->max_wait = broker_.config().replica_fetch_wait_max;
  request->min_bytes = broker_.config().replica_fetch_min_bytes;
  request->session_id = built.session_id;
  request->session_epoch = built.session_epoch;
  request->partitions = std::move(built.to_send);
  request->forgotten = std::move(built.forgotten);
  f.in_flight = true;
  f.awaiting = true;
  ++f.generation;
  const FetchRequest& sent = *request;
  broker_.Send(node, std::move(request));
  f.correlation_id = sent.correlation_id;  // numbered by Send; the network holds it until delivery
  f.request_deadline = broker_.sim().now() + broker_.config().replica_socket_timeout;
  if (!f.timeout_armed) ArmFetchTimeout(leader, f);
}

// replica.socket.timeout.ms: a fetch lost to a split or a dead leader is sent again, as a full
// fetch in a new session (FetchSessionHandler.handleError). A fetcher sends a fetch every
// replica.fetch.wait.max.ms, so rather than a timer per fetch it keeps one, which moves on to the
// deadline of the fetch in flight when it fires early.
void ReplicaManager::ArmFetchTimeout(BrokerId leader, FetcherState& fetcher) {
  fetcher.timeout_armed = true;
  const uint64_t serial = fetcher.serial;
  broker_.sim().ScheduleAt(fetcher.request_deadline, broker_.node(), [this, leader, serial] {
    auto it = fetchers_.find(leader);
    if (it == fetchers_.end() || it->second->serial != serial) return;
    FetcherState& f = *it->second;
    f.timeout_armed = false;
    if (!f.awaiting) return;  // answered; the next fetch arms it again
    if (broker_.sim().now() < f.request_deadline) return ArmFetchTimeout(leader, f);
    f.in_flight = false;
    f.awaiting = false;
    f.session.HandleError();
    SendFetch(leader);
  });
}

void ReplicaManager::HandleFetchResponse(const Envelope& envelope) {
  const auto& response = *envelope.As<FetchResponse>();
  const BrokerId leader = LeaderOfNode(envelope.from);
  FetcherState* f = FetcherOf(envelope.from, leader);
  // No fetcher for that leader any more, or the answer to a fetch already given up on.
  if (f == nullptr || !f->awaiting || response.correlation_id != f->correlation_id) return;
  // A session error (or a response that does not fit the session) is not processed: the next
  // fetch is full.
  const bool usable = f->session.HandleResponse(response);
  bool progress = false;
  for (const auto& [tp, r] : response.partitions) {
    if (!usable) break;
    Partition* p = Lookup(tp);
    if (p == nullptr || p->is_leader() || p->state().leader != leader) continue;
    if (r.error == ErrorCode::kOffsetOutOfRange && p->StartAtLeaderLogStart(r.log_start_offset)) {
      progress = true;
      continue;
    }
    if (r.error != ErrorCode::kNone) continue;  // a new LeaderAndIsr will sort it out
    const Offset before = p->log_end_offset();
    p->AppendFromLeader(r);
    progress = progress || p->log_end_offset() > before;
  }
  f->in_flight = false;
  f->awaiting = false;
  ++f->generation;
  const bool errors = std::any_of(response.partitions.begin(), response.partitions.end(),
                                  [](const auto& e) { return e.second.error != ErrorCode::kNone; });
  if (errors && !progress) {
    // replica.fetch.backoff.ms after a failed fetch, so an error is not retried in a tight loop.
    f->in_flight = true;
    const uint64_t generation = f->generation;
    broker_.sim().Schedule(broker_.config().replica_fetch_backoff, broker_.node(), [this, leader, generation] {
      auto it = fetchers_.find(leader);
      if (it == fetchers_.end() || it->second->generation != generation) return;
      it->second->in_flight = false;
      SendFetch(leader);
    });
    return;
  }
  SendFetch(leader, *f);
}

}  // namespace kafkasim
