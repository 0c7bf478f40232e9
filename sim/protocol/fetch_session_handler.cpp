#include "sim/protocol/fetch_session_handler.h"

#include <algorithm>
#include <cassert>

namespace kafkasim {

FetchSessionHandler::Request FetchSessionHandler::Build(std::span<const Wanted> wanted) {
  assert(std::is_sorted(wanted.begin(), wanted.end(),
                        [](const Wanted& a, const Wanted& b) { return *a.tp < *b.tp; }) &&
         "the walk below needs the wanted partitions in the session's order");
  Request request{.session_id = session_id_, .session_epoch = epoch_};
  if (full()) {
    // A full fetch names everything, and what it names is the session from now on.
    session_.clear();
    for (const Wanted& w : wanted) session_.emplace_hint(session_.end(), *w.tp, w.fetch);
    request.to_send = session_;
    return request;
  }
  // Builder.build: walk the session and the wanted set together (both sorted); a partition
  // in both is sent only when its fetch data changed, one only in the session is forgotten, one
  // only wanted is added.
  auto s = session_.begin();
  auto w = wanted.begin();
  // The usual step finds the same partition on both sides: one equality test (names of
  // different lengths differ at once) rather than two orderings of the names.
  while (s != session_.end() || w != wanted.end()) {
    if (s != session_.end() && w != wanted.end() && s->first == *w->tp) {
      if (!(s->second == w->fetch)) {
        s->second = w->fetch;
        request.to_send.emplace(*w->tp, w->fetch);
      }
      ++s;
      ++w;
    } else if (w == wanted.end() || (s != session_.end() && s->first < *w->tp)) {
      request.forgotten.push_back(s->first);
      s = session_.erase(s);
    } else {
      request.to_send.emplace(*w->tp, w->fetch);
      s = session_.emplace_hint(s, *w->tp, w->fetch);
      ++s;
      ++w;
    }
  }
  return request;
}

FetchSessionHandler::Request FetchSessionHandler::Build(const std::map<TopicPartition, FetchPartition>& wanted) {
  std::vector<Wanted> sorted;
  sorted.reserve(wanted.size());
  for (const auto& [tp, fetch] : wanted) sorted.push_back({.tp = &tp, .fetch = fetch});
  return Build(sorted);
}

bool FetchSessionHandler::HandleResponse(const FetchResponse& response) {
  if (response.error != ErrorCode::kNone) {
    if (response.error == ErrorCode::kFetchSessionIdNotFound) {
      Reset();
    } else {
      CloseAndAttemptNew();
    }
    return false;
  }
  if (full()) {
    // verifyFullFetchResponsePartitions: a full answer names exactly the session's partitions.
    const bool valid = response.partitions.size() == session_.size() &&
                       std::equal(response.partitions.begin(), response.partitions.end(), session_.begin(),
                                  [](const auto& a, const auto& b) { return a.first == b.first; });
    if (!valid) {
      Reset();
      return false;
    }
    if (response.session_id == kInvalidSessionId) {
      Reset();  // the broker keeps no session (none asked for, or its cache is full)
    } else {
      session_id_ = response.session_id;  // FetchMetadata.newIncremental
      epoch_ = NextSessionEpoch(kInitialSessionEpoch);
    }
    return true;
  }
  // verifyIncrementalFetchResponsePartitions: only partitions of the session.
  for (const auto& [tp, r] : response.partitions) {
    if (!session_.contains(tp)) {
      CloseAndAttemptNew();
      return false;
    }
  }
  if (response.session_id == kInvalidSessionId) {
    Reset();  // the broker closed the session
  } else {
    epoch_ = NextSessionEpoch(epoch_);
  }
  return true;
}

void FetchSessionHandler::HandleError() { CloseAndAttemptNew(); }

}  // namespace kafkasim
