// The leader's side of Fetch: the request's session context (fetch_session.h), the read, and the
// delayed-fetch purgatory (Kafka's DelayedFetch in a DelayedOperationPurgatory). A fetch that
// finds fewer than fetch.min.bytes / replica.fetch.min.bytes available (counted, as everywhere in
// kafkasim's fetch path, in offsets past the fetch position) waits up to its max wait
// (fetch.max.wait.ms, replica.fetch.wait.max.ms). It is watched under every partition it reads;
// an append, a high watermark advance, a log start change or a lost leadership on a partition
// checks only the fetches watching it. A fetch is answered at once when a partition it reads is
// not led here any more or its fetch position lies outside the log (an error to report).

#include <cassert>

#include "sim/broker/broker.h"
#include "sim/broker/replica_manager.h"

namespace kafkasim {

void ReplicaManager::HandleFetch(const Envelope& envelope) {
  const auto& request = *envelope.As<FetchRequest>();
  const Time now = broker_.sim().now();
  auto delayed = std::make_unique<DelayedFetch>(DelayedFetch{
      .client = envelope.from, .correlation_id = request.correlation_id, .replica_id = request.replica_id,
      .min_bytes = request.min_bytes, .deadline = now + request.max_wait,
      .context = fetch_sessions_.NewContext(request, now)});
  if (delayed->context.kind == FetchContext::Kind::kSessionError) return AnswerFetch(*delayed);
  delayed->reads.reserve(delayed->context.partitions.size());
  for (const auto& [tp, fetch] : delayed->context.partitions) {
    // A slot for every partition a fetch names, even one this broker does not hold: slots are
    // never erased (replica_manager.h), so there is one per partition ever named here.
    delayed->reads.push_back({.tp = &tp, .fetch = &fetch, .slot = &slots_[tp]});
  }
  if (request.from_follower()) {
    // The leader learns the follower's position as the fetch arrives, not when it is answered;
    // in a session that is every partition of it, the ones the request left implied too.
    for (const DelayedFetch::Read& read : delayed->reads) {
      Partition* p = read.slot->partition;
      if (p != nullptr && p->is_leader()) p->ReadForFollower(BrokerId(request.replica_id), *read.fetch);
    }
    // The fetch reported the follower's log start: a DeleteRecords may be done.
    TryCompleteDeleteRecords();
  }
  if (FetchReady(*delayed)) return AnswerFetch(*delayed);
  ParkFetch(std::move(delayed));
}

bool ReplicaManager::FetchReady(const DelayedFetch& d) const {
  const bool follower = d.replica_id >= 0;
  int64_t available = 0;
  for (const DelayedFetch::Read& read : d.reads) {
    const Partition* found = read.slot->partition;
    if (found == nullptr || !found->is_leader()) return true;  // an error to report
    const Partition& p = *found;
    const FetchPartition& fetch = *read.fetch;
    const Offset end = follower ? p.log_end_offset() : p.high_watermark();
    if (fetch.fetch_offset > end || fetch.fetch_offset < p.log().log_start_offset()) return true;
    if (end > fetch.fetch_offset) available += end - fetch.fetch_offset;
  }
  return available >= d.min_bytes;
}

void ReplicaManager::AnswerFetch(DelayedFetch& d) {
  auto response = std::make_unique<FetchResponse>();
  response->correlation_id = d.correlation_id;
  response->to_follower = d.replica_id >= 0;
  std::map<TopicPartition, PartitionFetchResponse> read;
  for (const DelayedFetch::Read& target : d.reads) {
    Partition* p = target.slot->partition;
    PartitionFetchResponse& r = read.emplace_hint(read.end(), *target.tp, PartitionFetchResponse{})->second;
    if (p == nullptr) {
      r.error = broker_.metadata().Partition(*target.tp) ? ErrorCode::kNotLeaderOrFollower
                                                         : ErrorCode::kUnknownTopicOrPartition;
      continue;
    }
    r = d.replica_id >= 0 ? p->ReadForFollower(BrokerId(d.replica_id), *target.fetch)
                          : p->ReadForConsumer(*target.fetch);
  }
  fetch_sessions_.CompleteResponse(d.context, std::move(read), broker_.sim().now(), *response);
  broker_.sim().network().Send(broker_.node(), d.client, std::move(response));
}

void ReplicaManager::ParkFetch(std::unique_ptr<DelayedFetch> d) {
  const uint64_t id = next_fetch_id_++;
  d->id = id;
  for (const DelayedFetch::Read& read : d->reads) read.slot->fetch_watchers.push_back(id);
  const Duration wait = d->deadline - broker_.sim().now();
  parked_fetches_.emplace_hint(parked_fetches_.end(), id, std::move(d));  // ids only grow
  broker_.sim().Schedule(wait, broker_.node(), [this, id] { ExpireFetch(id); });
}

void ReplicaManager::Unwatch(const DelayedFetch& d) {
  for (const DelayedFetch::Read& read : d.reads) std::erase(read.slot->fetch_watchers, d.id);
}

void ReplicaManager::ExpireFetch(uint64_t id) {
  auto it = parked_fetches_.find(id);
  if (it == parked_fetches_.end()) return;  // answered before its max wait
  std::unique_ptr<DelayedFetch> d = std::move(it->second);
  parked_fetches_.erase(it);
  Unwatch(*d);
  AnswerFetch(*d);
}

void ReplicaManager::CompleteDelayedFetches(const TopicPartition& tp) {
  auto w = slots_.find(tp);
  if (w == slots_.end() || w->second.fetch_watchers.empty()) return;
  // Take the ready ones out before answering any: an answer may advance a high watermark, which
  // checks watchers again.
  std::vector<std::unique_ptr<DelayedFetch>> ready;
  for (uint64_t id : w->second.fetch_watchers) {
    auto it = parked_fetches_.find(id);
    assert(it != parked_fetches_.end() && "a watch list holds only parked fetches");
    ++delayed_fetch_checks_;
    if (!FetchReady(*it->second)) continue;
    ready.push_back(std::move(it->second));
    parked_fetches_.erase(it);
  }
  for (const auto& d : ready) Unwatch(*d);
  for (auto& d : ready) AnswerFetch(*d);
}

void ReplicaManager::CompleteAllDelayedFetches() {
  std::vector<std::unique_ptr<DelayedFetch>> ready;
  for (auto it = parked_fetches_.begin(); it != parked_fetches_.end();) {
    if (!FetchReady(*it->second)) {
      ++it;
      continue;
    }
    ready.push_back(std::move(it->second));
    it = parked_fetches_.erase(it);
  }
  for (const auto& d : ready) Unwatch(*d);
  for (auto& d : ready) AnswerFetch(*d);
}

}  // namespace kafkasim
