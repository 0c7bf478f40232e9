#pragma once
// The broker's side of incremental fetch sessions (KIP-227; kafka.server.FetchSession.scala,
// FetchSessionCache and FetchManager in Kafka 3.7). A fetcher that asks for the same partitions
// over and over — a follower fetches every replica.fetch.wait.max.ms even when idle — gets a
// session: the broker caches each partition's fetch data and what it last answered for it, so the
// fetcher's next requests name only what changed (fetch_session_handler.h) and the answers carry
// only the partitions with news: records, a new high watermark or log start offset, or an error.
//
// NewContext reads a request's metadata (FetchManager.newContext):
//  - full (epoch 0 or -1): a session the request names is closed; epoch -1 reads without a
//    session, epoch 0 reads the named partitions and, when answered, tries to create a session
//    holding them (FullFetchContext), whose id goes back in the response;
//  - incremental: an unknown id is FETCH_SESSION_ID_NOT_FOUND, an epoch other than the session's
//    INVALID_FETCH_SESSION_EPOCH (both answered with no partitions); otherwise the request's
//    partitions are added or updated, the forgotten ones removed, the epoch moves on by one, and
//    every partition of the session is read. A session left empty is closed.
//
// The cache holds max.incremental.fetch.session.cache.slots sessions (1000). When it is full, a
// new session may take a slot (FetchSessionCache.tryEvict): from the least recently used session
// if that one is stale (unused for 120 s, MIN_INCREMENTAL_FETCH_SESSION_EVICTION_MS); otherwise
// from the smallest evictable session, ordered by (privileged, partitions, id), if the newcomer
// does not order below it. Followers' sessions are privileged, consumers' are not; a session
// becomes evictable by anyone only once it is older than 120 s, and a consumer's is evictable by
// a follower's at once. Session ids are random, positive and unique on the broker (drawn from a
// seeded stream of the broker's).

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/core/random.h"
#include "sim/core/time.h"
#include "sim/protocol/data_requests.h"

namespace kafkasim {

struct PartitionSlot;  // the broker's fetch-path entry for a partition (replica_manager.h)

// CachedPartition: what the fetcher asked last and what the broker last told it.
struct CachedPartition {
  FetchPartition request;
  Offset high_watermark = kUndefinedOffset;        // -1 after an error, so the next answer names it
  Offset local_log_start_offset = kUndefinedOffset;
  // The broker's slot for the partition, found on the session's first read of it: an idle
  // follower's fetches read the same partitions every round and look none of them up again.
  PartitionSlot* slot = nullptr;
};

struct FetchSession {
  int32_t id = kInvalidSessionId;
  bool privileged = false;  // created by a follower
  Time creation;
  Time last_used;
  int32_t epoch = kInitialSessionEpoch;  // the epoch the next request must carry
  int32_t cached_size = -1;              // the size the cache's eviction order knows; -1 = not cached
  bool in_evictable_by_privileged = false;
  bool in_evictable_by_all = false;
  std::map<TopicPartition, CachedPartition> partitions;
};

// What one request reads and how its answer is built.
struct FetchContext {
  FetchContext() = default;
  FetchContext(FetchContext&&) = default;  // moves `requested` with its nodes: reads stay valid
  FetchContext& operator=(FetchContext&&) = default;
  FetchContext(const FetchContext&) = delete;  // a copy's reads would point into the original
  enum class Kind { kSessionError, kSessionless, kFull, kIncremental };
  Kind kind = Kind::kSessionError;
  ErrorCode error = ErrorCode::kNone;  // kSessionError
  bool from_follower = false;
  // One partition to read, with the fetch data as of this request.
  struct Read {
    const TopicPartition* tp;
    FetchPartition fetch;
    CachedPartition* cached = nullptr;  // kIncremental: the session's entry
    PartitionSlot* slot = nullptr;      // filled by the broker as the request arrives
  };
  // What to read, in partition order: the request's partitions, or (incremental) every partition
  // of the session. An incremental request's reads point into the session, which only a later
  // request of the same session changes, and that one moves the epoch on: the answer checks
  // the epoch (CompleteResponse) before it follows them.
  std::vector<Read> reads;
  std::map<TopicPartition, FetchPartition> requested;  // full and sessionless: the names reads point at
  std::shared_ptr<FetchSession> session;  // kIncremental: kept alive even if evicted meanwhile
  int32_t expected_epoch = 0;             // kIncremental: the session's epoch after this request
};

struct FetchSessionCacheOptions {
  int32_t max_entries = 1000;                         // max.incremental.fetch.session.cache.slots
  Duration eviction = Duration::Millis(120000);  // MIN_INCREMENTAL_FETCH_SESSION_EVICTION_MS
};

class FetchSessionCache {
 public:
  FetchSessionCache(FetchSessionCacheOptions options, uint64_t seed, std::string_view stream);

  // Fills `context` for the request, reusing its storage (a broker answers a fetch per follower
  // every replica.fetch.wait.max.ms).
  void NewContext(const FetchRequest& request, Time now, FetchContext& context);
  FetchContext NewContext(const FetchRequest& request, Time now) {
    FetchContext context;
    NewContext(request, now, context);
    return context;
  }
  // Builds the response's session id, error and partitions (updateAndGenerateResponseData),
  // calling `read` for each partition of the context in order when the answer may name any: not
  // after a session error, nor when a later request of the session came in meanwhile. A full
  // fetch may create the session here; an incremental one keeps only the partitions with news
  // and updates what the session remembers.
  using ReadPartition = std::function<PartitionFetchResponse(const FetchContext::Read&)>;
  void CompleteResponse(const FetchContext& context, Time now, FetchResponse& response, const ReadPartition& read);

  std::shared_ptr<FetchSession> Get(int32_t id) const;
  size_t size() const { return sessions_.size(); }
  int64_t total_partitions() const { return total_partitions_; }

 private:
  struct EvictableKey {
    bool privileged;
    int32_t size;
    int32_t id;
    auto operator<=>(const EvictableKey&) const = default;
  };
  struct LastUsedKey {
    Time last_used;
    int32_t id;
    auto operator<=>(const LastUsedKey&) const = default;
  };
  int32_t MaybeCreateSession(Time now, bool privileged, std::map<TopicPartition, CachedPartition> partitions);
  bool TryEvict(bool privileged, const EvictableKey& key, Time now);
  void Remove(int32_t id);
  void Touch(FetchSession& session, Time now);
  int32_t NewSessionId();

  FetchSessionCacheOptions options_;
  Random random_;
  // Looked up by id only, never iterated: the order cannot reach the simulation.
  std::unordered_map<int32_t, std::shared_ptr<FetchSession>> sessions_;
  std::set<LastUsedKey> last_used_;
  std::set<EvictableKey> evictable_by_all_;
  std::set<EvictableKey> evictable_by_privileged_;
  int64_t total_partitions_ = 0;
};

// CachedPartition.maybeUpdateResponseData: whether an incremental answer must name the partition
// (records, a changed high watermark or log start, an error); with `update`, remember what it says.
bool MustRespond(CachedPartition& cached, const PartitionFetchResponse& response, bool update);

}  // namespace kafkasim
