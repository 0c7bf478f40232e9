#pragma once
// The fetcher's side of an incremental fetch session (KIP-227; FetchSessionHandler.java in Kafka
// 3.7, which the consumer and the replica fetcher both use): one per broker fetched from.
//
// Each round the fetcher says which partitions it wants and from where (Build). The first request
// is full: every partition, session id 0, epoch 0, which asks the broker for a session. When the
// answer names a session, the next requests are incremental: they carry the session id and the
// next epoch and name only the partitions added to the session or whose fetch data changed (a new
// fetch offset, log start or leader epoch); partitions no longer wanted go in `forgotten`. An
// idle follower's fetch therefore names no partition at all. The broker answers an incremental
// fetch with the partitions that have something to say; the others are implied.
//
// A session error (FETCH_SESSION_ID_NOT_FOUND: the broker lost or evicted the session; any
// other, such as INVALID_FETCH_SESSION_EPOCH) makes the next request full again: with session id
// 0 after NOT_FOUND, else closing the old session and asking for a new one. A request lost on the
// network does the same (HandleError). A response naming partitions the session does not hold is
// refused and the next fetch is full.

#include <map>
#include <span>
#include <vector>

#include "sim/protocol/data_requests.h"

namespace kafkasim {

class FetchSessionHandler {
 public:
  struct Request {
    int32_t session_id = kInvalidSessionId;
    int32_t session_epoch = kInitialSessionEpoch;
    std::map<TopicPartition, FetchPartition> to_send;
    std::vector<TopicPartition> forgotten;
    bool full() const { return session_epoch == kInitialSessionEpoch || session_epoch == kFinalSessionEpoch; }
  };

  // A partition wanted now with its current fetch data. It points at the fetcher's own name of
  // the partition, copied only when the session gains it: an idle fetcher's rounds copy nothing.
  struct Wanted {
    const TopicPartition* tp;
    FetchPartition fetch;
  };
  // The request for the partitions wanted now (all of them, sorted by partition), which become
  // the session's content.
  Request Build(std::span<const Wanted> wanted);
  Request Build(const std::map<TopicPartition, FetchPartition>& wanted);
  // Applies the broker's answer to the request last built. False when the response cannot be
  // used (a session error or partitions outside the session): ignore its partitions.
  bool HandleResponse(const FetchResponse& response);
  // The request was lost or timed out: close the session and start a new one next time.
  void HandleError();

  int32_t session_id() const { return session_id_; }
  int32_t next_epoch() const { return epoch_; }
  const std::map<TopicPartition, FetchPartition>& session_partitions() const { return session_; }

 private:
  // FetchMetadata.nextCloseExistingAttemptNew: keep the id (the broker closes it), epoch 0.
  void CloseAndAttemptNew() { epoch_ = kInitialSessionEpoch; }
  void Reset() {
    session_id_ = kInvalidSessionId;
    epoch_ = kInitialSessionEpoch;
  }
  bool full() const { return epoch_ == kInitialSessionEpoch || epoch_ == kFinalSessionEpoch; }

  int32_t session_id_ = kInvalidSessionId;
  int32_t epoch_ = kInitialSessionEpoch;
  std::map<TopicPartition, FetchPartition> session_;  // what the broker has cached for us
};

}  // namespace kafkasim
