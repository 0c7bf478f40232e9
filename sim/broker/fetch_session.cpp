#include "sim/broker/fetch_session.h"

#include <cassert>
#include <climits>

namespace kafkasim {

bool MustRespond(CachedPartition& cached, const PartitionFetchResponse& response, bool update) {
  bool must = response.size_bytes > 0 || !response.batches.empty();  // new records, always
  if (cached.high_watermark != response.high_watermark) {
    must = true;
    if (update) cached.high_watermark = response.high_watermark;
  }
  if (cached.local_log_start_offset != response.log_start_offset) {
    must = true;
    if (update) cached.local_log_start_offset = response.log_start_offset;
  }
  if (response.error != ErrorCode::kNone) {
    // An error is always sent, and the cached high watermark forgotten so that the partition is
    // named again once the error is gone.
    must = true;
    if (update) cached.high_watermark = kUndefinedOffset;
  }
  return must;
}

FetchSessionCache::FetchSessionCache(FetchSessionCacheOptions options, uint64_t seed, std::string_view stream)
    : options_(options), random_(seed, stream) {
  assert(options_.max_entries >= 0);
}

std::shared_ptr<FetchSession> FetchSessionCache::Get(int32_t id) const {
  auto it = sessions_.find(id);
  return it == sessions_.end() ? nullptr : it->second;
}

void FetchSessionCache::NewContext(const FetchRequest& request, Time now, FetchContext& context) {
  context.kind = FetchContext::Kind::kSessionError;
  context.error = ErrorCode::kNone;
  context.from_follower = request.from_follower();
  context.reads.clear();
  context.requested.clear();
  context.session = nullptr;
  context.expected_epoch = 0;
  auto read_requested = [&] {
    context.requested = request.partitions;
    for (const auto& [tp, fetch] : context.requested) context.reads.push_back({.tp = &tp, .fetch = fetch});
  };
  if (request.full()) {
    if (request.session_id != kInvalidSessionId) Remove(request.session_id);  // a full fetch closes it
    context.kind = request.session_epoch == kFinalSessionEpoch ? FetchContext::Kind::kSessionless
                                                               : FetchContext::Kind::kFull;
    return read_requested();
  }
  std::shared_ptr<FetchSession> session = Get(request.session_id);
  if (session == nullptr || session->epoch != request.session_epoch) {
    context.error = session == nullptr ? ErrorCode::kFetchSessionIdNotFound : ErrorCode::kInvalidFetchSessionEpoch;
    return;
  }
  // FetchSession.update: added or updated partitions, then the forgotten ones.
  for (const auto& [tp, fetch] : request.partitions) session->partitions[tp].request = fetch;
  for (const TopicPartition& tp : request.forgotten) session->partitions.erase(tp);
  if (session->partitions.empty()) {
    Remove(session->id);
    context.kind = FetchContext::Kind::kSessionless;
    return read_requested();
  }
  Touch(*session, now);
  session->epoch = NextSessionEpoch(session->epoch);
  context.kind = FetchContext::Kind::kIncremental;
  context.expected_epoch = session->epoch;
  for (auto& [tp, cached] : session->partitions) {
    context.reads.push_back({.tp = &tp, .fetch = cached.request, .cached = &cached, .slot = cached.slot});
  }
  context.session = std::move(session);
}

void FetchSessionCache::CompleteResponse(const FetchContext& context, Time now, FetchResponse& response,
                                         const ReadPartition& read) {
  auto read_all = [&] {
    for (const FetchContext::Read& r : context.reads) {
      response.partitions.emplace_hint(response.partitions.end(), *r.tp, read(r));
    }
  };
  switch (context.kind) {
    case FetchContext::Kind::kSessionError:
      response.error = context.error;
      return;
    case FetchContext::Kind::kSessionless:
      return read_all();
    case FetchContext::Kind::kFull: {
      read_all();
      std::map<TopicPartition, CachedPartition> cached;
      for (const auto& [tp, r] : response.partitions) {
        cached.emplace_hint(cached.end(), tp,
                            CachedPartition{.request = context.requested.at(tp),
                                            .high_watermark = r.high_watermark,
                                            .local_log_start_offset = r.log_start_offset});
      }
      response.session_id = MaybeCreateSession(now, context.from_follower, std::move(cached));
      return;
    }
    case FetchContext::Kind::kIncremental: {
      FetchSession& session = *context.session;
      response.session_id = session.id;
      if (session.epoch != context.expected_epoch) {
        // Another request of the session came in while this one waited: a duplicate.
        response.error = ErrorCode::kInvalidFetchSessionEpoch;
        return;
      }
      for (const FetchContext::Read& r : context.reads) {
        PartitionFetchResponse answer = read(r);
        if (MustRespond(*r.cached, answer, true)) {
          response.partitions.emplace_hint(response.partitions.end(), *r.tp, std::move(answer));
        }
      }
      return;
    }
  }
}

int32_t FetchSessionCache::MaybeCreateSession(Time now, bool privileged,
                                              std::map<TopicPartition, CachedPartition> partitions) {
  const int32_t size = static_cast<int32_t>(partitions.size());
  if (static_cast<int32_t>(sessions_.size()) >= options_.max_entries &&
      !TryEvict(privileged, EvictableKey{privileged, size, 0}, now)) {
    return kInvalidSessionId;
  }
  auto session = std::make_shared<FetchSession>(FetchSession{.id = NewSessionId(), .privileged = privileged,
                                                             .creation = now, .last_used = now,
                                                             .epoch = NextSessionEpoch(kInitialSessionEpoch),
                                                             .partitions = std::move(partitions)});
  FetchSession& s = *session;
  sessions_.emplace(s.id, std::move(session));
  Touch(s, now);
  return s.id;
}

bool FetchSessionCache::TryEvict(bool privileged, const EvictableKey& key, Time now) {
  if (last_used_.empty()) return false;
  const LastUsedKey oldest = *last_used_.begin();
  if (now - oldest.last_used > options_.eviction) {
    Remove(oldest.id);  // stale
    return true;
  }
  const std::set<EvictableKey>& candidates = privileged ? evictable_by_privileged_ : evictable_by_all_;
  if (candidates.empty() || key < *candidates.begin()) return false;
  Remove(candidates.begin()->id);
  return true;
}

void FetchSessionCache::Remove(int32_t id) {
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return;
  FetchSession& s = *it->second;
  last_used_.erase(LastUsedKey{s.last_used, s.id});
  const EvictableKey key{s.privileged, s.cached_size, s.id};
  if (s.in_evictable_by_all) evictable_by_all_.erase(key);
  if (s.in_evictable_by_privileged) evictable_by_privileged_.erase(key);
  s.in_evictable_by_all = s.in_evictable_by_privileged = false;
  total_partitions_ -= s.cached_size;
  s.cached_size = -1;
  sessions_.erase(it);
}

void FetchSessionCache::Touch(FetchSession& s, Time now) {
  // Every fetch of a session touches it: move its node (the newest goes last) rather than free
  // and allocate one, and leave the eviction sets alone unless its place in them changed.
  if (auto node = last_used_.extract(LastUsedKey{s.last_used, s.id}); !node.empty()) {
    node.value() = LastUsedKey{now, s.id};
    last_used_.insert(last_used_.end(), std::move(node));
  } else {
    last_used_.insert(last_used_.end(), LastUsedKey{now, s.id});
  }
  s.last_used = now;
  const int32_t size = static_cast<int32_t>(s.partitions.size());
  const bool old_enough = now - s.creation > options_.eviction;
  const bool by_privileged = !s.privileged || old_enough;
  const EvictableKey old{s.privileged, s.cached_size, s.id};
  const EvictableKey key{s.privileged, size, s.id};
  if (s.cached_size != -1) total_partitions_ -= s.cached_size;
  total_partitions_ += size;
  s.cached_size = size;
  if (old != key || s.in_evictable_by_privileged != by_privileged) {
    if (s.in_evictable_by_privileged) evictable_by_privileged_.erase(old);
    if (by_privileged) evictable_by_privileged_.insert(key);
    s.in_evictable_by_privileged = by_privileged;
  }
  if (old != key || s.in_evictable_by_all != old_enough) {
    if (s.in_evictable_by_all) evictable_by_all_.erase(old);
    if (old_enough) evictable_by_all_.insert(key);
    s.in_evictable_by_all = old_enough;
  }
}

int32_t FetchSessionCache::NewSessionId() {
  int32_t id = kInvalidSessionId;
  do {
    id = static_cast<int32_t>(random_.Between(1, INT32_MAX - 1));  // ThreadLocalRandom.nextInt(1, MaxValue)
  } while (sessions_.contains(id));
  return id;
}

}  // namespace kafkasim
