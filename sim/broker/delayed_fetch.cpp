// The leader's side of Fetch: the request's session context (fetch_session.h), the read, and the
// delayed-fetch purgatory (Kafka's DelayedFetch in a DelayedOperationPurgatory). A fetch that
// finds fewer than fetch.min.bytes / replica.fetch.min.bytes available (counted, as everywhere in
// kafkasim's fetch path, in offsets past the fetch position) waits up to its max wait
// (fetch.max.wait.ms, replica.fetch.wait.max.ms). It is watched under every partition it reads;
// an append, a high watermark advance, a log start change or a lost leadership on a partition
// checks only the fetches watching it. A fetch is answered at once when a partition it reads is
// not led here any more or its fetch position lies outside the log (an error to report).

#include <algorithm>
#include <cassert>

#include "sim/broker/broker.h"
#include "sim/broker/replica_manager.h"

namespace kafkasim {
namespace {

// A watch list entry whose fetch was answered: its id is cleared when it leaves the purgatory,
// and its storage may serve another fetch with another id since.
bool Answered(const PartitionSlot::Watcher& w) { return w.fetch->id != w.id; }

}  // namespace

void ReplicaManager::HandleFetch(const Envelope& envelope) {
  const auto& request = *envelope.As<FetchRequest>();
  const Time now = broker_.sim().now();
  std::unique_ptr<DelayedFetch> delayed;
  if (spare_fetches_.empty()) {
    delayed = std::make_unique<DelayedFetch>();
  } else {
    delayed = std::move(spare_fetches_.back());
    spare_fetches_.pop_back();
  }
  delayed->client = envelope.from;
  delayed->correlation_id = request.correlation_id;
  delayed->replica_id = request.replica_id;
  delayed->min_bytes = request.min_bytes;
  delayed->deadline = now + request.max_wait;
  fetch_sessions_.NewContext(request, now, delayed->context);
  if (delayed->context.kind == FetchContext::Kind::kSessionError) {
    AnswerFetch(*delayed);
    return Recycle(std::move(delayed));
  }
  for (FetchContext::Read& read : delayed->context.reads) {
    if (read.slot != nullptr) continue;  // the session found it on an earlier fetch
    // A slot for every partition a fetch names, even one this broker does not hold: slots are
    // never erased (replica_manager.h), so there is one per partition ever named here.
    read.slot = &slots_[*read.tp];
    if (read.cached != nullptr) read.cached->slot = read.slot;
  }
  if (request.from_follower()) {
    // The leader learns the follower's position as the fetch arrives, not when it is answered;
    // in a session that is every partition of it, the ones the request left implied too.
    for (const FetchContext::Read& read : delayed->context.reads) {
      Partition* p = read.slot->partition;
      if (p != nullptr && p->is_leader()) p->UpdateFollowerFetchState(BrokerId(request.replica_id), read.fetch);
    }
    // The fetch reported the follower's log start: a DeleteRecords may be done.
    TryCompleteDeleteRecords();
  }
  if (FetchReady(*delayed)) {
    AnswerFetch(*delayed);
    return Recycle(std::move(delayed));
  }
  ParkFetch(std::move(delayed));
}

bool ReplicaManager::FetchReady(const DelayedFetch& d) const {
  const bool follower = d.replica_id >= 0;
  int64_t available = 0;
  for (const FetchContext::Read& read : d.context.reads) {
    const Partition* found = read.slot->partition;
    if (found == nullptr || !found->is_leader()) return true;  // an error to report
    const Partition& p = *found;
    const FetchPartition& fetch = read.fetch;
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
  fetch_sessions_.CompleteResponse(
      d.context, broker_.sim().now(), *response, [&](const FetchContext::Read& read) {
        const Partition* p = read.slot->partition;
        if (p == nullptr) {
          PartitionFetchResponse r;
          r.error = broker_.metadata().Partition(*read.tp) ? ErrorCode::kNotLeaderOrFollower
                                                           : ErrorCode::kUnknownTopicOrPartition;
          return r;
        }
        return d.replica_id >= 0 ? p->ReadForFollower(read.fetch) : p->ReadForConsumer(read.fetch);
      });
  broker_.sim().network().Send(broker_.node(), d.client, std::move(response));
}

void ReplicaManager::ParkFetch(std::unique_ptr<DelayedFetch> d) {
  d->id = next_fetch_id_++;
  if (free_places_.empty()) {
    d->place = static_cast<uint32_t>(parked_.size());
    parked_.emplace_back();
  } else {
    d->place = free_places_.back();
    free_places_.pop_back();
  }
  for (const FetchContext::Read& read : d->context.reads) {
    std::vector<PartitionSlot::Watcher>& watchers = read.slot->fetch_watchers;
    std::erase_if(watchers, Answered);
    watchers.push_back({d.get(), d->id});
  }
  const Duration wait = d->deadline - broker_.sim().now();
  const uint32_t place = d->place;
  const uint64_t id = d->id;
  parked_[place] = std::move(d);
  broker_.sim().Schedule(wait, broker_.node(), [this, place, id] { ExpireFetch(place, id); });
}

std::unique_ptr<DelayedFetch> ReplicaManager::Unpark(DelayedFetch& d) {
  assert(d.id != 0 && parked_[d.place].get() == &d && "only a parked fetch is unparked");
  d.id = 0;  // its watch list entries are stale from now on
  free_places_.push_back(d.place);
  return std::move(parked_[d.place]);
}

void ReplicaManager::Recycle(std::unique_ptr<DelayedFetch> d) {
  d->context.session = nullptr;  // a session lives as long as the cache or a fetch needs it
  spare_fetches_.push_back(std::move(d));
}

void ReplicaManager::ExpireFetch(uint32_t place, uint64_t id) {
  if (parked_[place] == nullptr || parked_[place]->id != id) return;  // answered before its max wait
  std::unique_ptr<DelayedFetch> d = Unpark(*parked_[place]);
  AnswerFetch(*d);
  Recycle(std::move(d));
}

void ReplicaManager::CompleteDelayedFetches(const TopicPartition& tp) {
  auto w = slots_.find(tp);
  if (w == slots_.end() || w->second.fetch_watchers.empty()) return;
  std::vector<PartitionSlot::Watcher>& watchers = w->second.fetch_watchers;
  std::erase_if(watchers, Answered);
  // Take the ready ones out of the purgatory before answering any.
  std::vector<DelayedFetch*> ready;
  for (const PartitionSlot::Watcher& watcher : watchers) {
    ++delayed_fetch_checks_;
    if (FetchReady(*watcher.fetch)) ready.push_back(watcher.fetch);
  }
  AnswerParked(ready);
}

void ReplicaManager::CompleteAllDelayedFetches() {
  std::vector<DelayedFetch*> ready;
  for (const auto& d : parked_) {
    if (d != nullptr && FetchReady(*d)) ready.push_back(d.get());
  }
  // In park order, as the purgatory would find them: places are reused, ids only grow.
  std::sort(ready.begin(), ready.end(), [](const DelayedFetch* a, const DelayedFetch* b) { return a->id < b->id; });
  AnswerParked(ready);
}

void ReplicaManager::AnswerParked(const std::vector<DelayedFetch*>& ready) {
  std::vector<std::unique_ptr<DelayedFetch>> taken;
  taken.reserve(ready.size());
  for (DelayedFetch* d : ready) taken.push_back(Unpark(*d));
  for (auto& d : taken) {
    AnswerFetch(*d);
    Recycle(std::move(d));
  }
}

}  // namespace kafkasim
