// The broker's side of KIP-227: the session cache's contexts, its incremental answers and its
// eviction rules (FetchSession.scala in Kafka 3.7).
#include "sim/broker/fetch_session.h"

#include <catch2/catch.hpp>

namespace kafkasim {
namespace {

const TopicPartition kSessionP0{"orders", 0};
const TopicPartition kSessionP1{"orders", 1};

FetchRequest FullFetch(int32_t replica_id, int32_t session_id = kInvalidSessionId) {
  FetchRequest r;
  r.replica_id = replica_id;
  r.session_id = session_id;
  r.session_epoch = kInitialSessionEpoch;
  r.partitions[kSessionP0] = FetchPartition{.fetch_offset = Offset(10)};
  r.partitions[kSessionP1] = FetchPartition{.fetch_offset = Offset(20)};
  return r;
}

FetchRequest IncrementalFetch(int32_t session_id, int32_t epoch) {
  FetchRequest r;
  r.replica_id = 1;
  r.session_id = session_id;
  r.session_epoch = epoch;
  return r;
}

PartitionFetchResponse Answer(int64_t high_watermark, int64_t log_start = 0) {
  return PartitionFetchResponse{.high_watermark = Offset(high_watermark), .log_start_offset = Offset(log_start)};
}

// Answers each partition the context reads with what `answers` holds for it.
void Complete(FetchSessionCache& cache, const FetchContext& context, Time now, FetchResponse& response,
              const std::map<TopicPartition, PartitionFetchResponse>& answers) {
  cache.CompleteResponse(context, now, response, [&](const FetchContext::Read& read) { return answers.at(*read.tp); });
}

// The fetch data the context reads `tp` with.
FetchPartition ReadOf(const FetchContext& context, const TopicPartition& tp) {
  for (const FetchContext::Read& read : context.reads) {
    if (*read.tp == tp) return read.fetch;
  }
  FAIL("the context does not read " << ToString(tp));
  return {};
}

struct SessionCacheFixture {
  FetchSessionCache cache{FetchSessionCacheOptions{}, 1, "test/fetch-session-ids"};
  Time now = Time() + Duration::Seconds(1);

  // A follower's full fetch, answered with both partitions at high watermark 10 and 20.
  int32_t Open(int32_t replica_id = 1) {
    const FetchContext context = cache.NewContext(FullFetch(replica_id), now);
    REQUIRE(context.kind == FetchContext::Kind::kFull);
    FetchResponse response;
    Complete(cache, context, now, response, {{kSessionP0, Answer(10)}, {kSessionP1, Answer(20)}});
    REQUIRE(response.partitions.size() == 2);
    return response.session_id;
  }
};

TEST_CASE_METHOD(SessionCacheFixture, "a full fetch at epoch 0 opens a session, a final-epoch one does not") {
  const int32_t id = Open();
  CHECK(id != kInvalidSessionId);
  REQUIRE(cache.Get(id) != nullptr);
  CHECK(cache.Get(id)->epoch == 1);
  CHECK(cache.Get(id)->privileged);  // a follower's

  FetchRequest sessionless = FullFetch(1);
  sessionless.session_epoch = kFinalSessionEpoch;
  const FetchContext context = cache.NewContext(sessionless, now);
  CHECK(context.kind == FetchContext::Kind::kSessionless);
  FetchResponse response;
  Complete(cache, context, now, response, {{kSessionP0, Answer(10)}, {kSessionP1, Answer(20)}});
  CHECK(response.session_id == kInvalidSessionId);
  CHECK(cache.size() == 1);
}

TEST_CASE_METHOD(SessionCacheFixture, "an incremental fetch reads every partition of the session, named or not") {
  const int32_t id = Open();
  FetchRequest request = IncrementalFetch(id, 1);
  request.partitions[kSessionP1] = FetchPartition{.fetch_offset = Offset(25)};
  const FetchContext context = cache.NewContext(request, now);
  REQUIRE(context.kind == FetchContext::Kind::kIncremental);
  REQUIRE(context.reads.size() == 2);
  CHECK(ReadOf(context, kSessionP0).fetch_offset == Offset(10));  // implied, from the cache
  CHECK(ReadOf(context, kSessionP1).fetch_offset == Offset(25));  // updated
  CHECK(cache.Get(id)->epoch == 2);
}

TEST_CASE_METHOD(SessionCacheFixture, "an incremental answer leaves out a partition with nothing new") {
  const int32_t id = Open();
  const FetchContext context = cache.NewContext(IncrementalFetch(id, 1), now);
  FetchResponse response;
  // orders-0: same high watermark and log start, no records; orders-1: its high watermark moved.
  Complete(cache, context, now, response, {{kSessionP0, Answer(10)}, {kSessionP1, Answer(21)}});
  CHECK(response.session_id == id);
  CHECK(response.partitions.size() == 1);
  CHECK(response.partitions.contains(kSessionP1));
  CHECK_FALSE(response.partitions.contains(kSessionP0));
}

TEST_CASE_METHOD(SessionCacheFixture, "an incremental answer names records, a new log start and errors") {
  const int32_t id = Open();
  const FetchContext context = cache.NewContext(IncrementalFetch(id, 1), now);
  FetchResponse response;
  PartitionFetchResponse records = Answer(10);
  records.size_bytes = 100;
  Complete(cache, context, now, response, {{kSessionP0, records}, {kSessionP1, Answer(20, 5)}});
  CHECK(response.partitions.size() == 2);

  // An error is always named, and then the partition again once the error is gone.
  const FetchContext second = cache.NewContext(IncrementalFetch(id, 2), now);
  PartitionFetchResponse error = Answer(10);
  error.error = ErrorCode::kNotLeaderOrFollower;
  FetchResponse with_error;
  Complete(cache, second, now, with_error, {{kSessionP0, error}, {kSessionP1, Answer(20, 5)}});
  CHECK(with_error.partitions.size() == 1);
  CHECK(with_error.partitions.at(kSessionP0).error == ErrorCode::kNotLeaderOrFollower);
  const FetchContext third = cache.NewContext(IncrementalFetch(id, 3), now);
  FetchResponse recovered;
  Complete(cache, third, now, recovered, {{kSessionP0, Answer(10)}, {kSessionP1, Answer(20, 5)}});
  CHECK(recovered.partitions.size() == 1);
  CHECK(recovered.partitions.contains(kSessionP0));
}

TEST_CASE_METHOD(SessionCacheFixture, "a wrong epoch is INVALID_FETCH_SESSION_EPOCH, an unknown id FETCH_SESSION_ID_NOT_FOUND") {
  const int32_t id = Open();
  const FetchContext stale = cache.NewContext(IncrementalFetch(id, 5), now);
  CHECK(stale.kind == FetchContext::Kind::kSessionError);
  CHECK(stale.error == ErrorCode::kInvalidFetchSessionEpoch);
  FetchResponse response;
  Complete(cache, stale, now, response, {});
  CHECK(response.error == ErrorCode::kInvalidFetchSessionEpoch);
  CHECK(response.partitions.empty());
  CHECK(cache.Get(id)->epoch == 1);  // the session itself is untouched

  const FetchContext unknown = cache.NewContext(IncrementalFetch(id + 1, 1), now);
  CHECK(unknown.error == ErrorCode::kFetchSessionIdNotFound);
}

TEST_CASE_METHOD(SessionCacheFixture, "a full fetch naming a session closes it") {
  const int32_t id = Open();
  const FetchContext context = cache.NewContext(FullFetch(1, id), now);
  CHECK(context.kind == FetchContext::Kind::kFull);
  CHECK(cache.Get(id) == nullptr);
}

TEST_CASE_METHOD(SessionCacheFixture, "forgetting every partition closes the session") {
  const int32_t id = Open();
  FetchRequest request = IncrementalFetch(id, 1);
  request.forgotten = {kSessionP0, kSessionP1};
  CHECK(cache.NewContext(request, now).kind == FetchContext::Kind::kSessionless);
  CHECK(cache.Get(id) == nullptr);
  CHECK(cache.total_partitions() == 0);
}

TEST_CASE("a full cache: a follower evicts a consumer's session, a consumer evicts nobody young") {
  FetchSessionCache cache(FetchSessionCacheOptions{.max_entries = 1}, 1, "test/fetch-session-ids");
  const Time t0 = Time() + Duration::Seconds(1);
  auto open = [&](int32_t replica_id, Time at) {
    FetchResponse response;
    Complete(cache, cache.NewContext(FullFetch(replica_id), at), at, response,
             {{kSessionP0, Answer(10)}, {kSessionP1, Answer(20)}});
    return response.session_id;
  };
  const int32_t consumer = open(kConsumerReplicaId, t0);
  REQUIRE(consumer != kInvalidSessionId);
  CHECK(open(kConsumerReplicaId, t0) == kInvalidSessionId);  // too young to be evicted by a consumer
  const int32_t follower = open(2, t0);
  CHECK(follower != kInvalidSessionId);
  CHECK(cache.Get(consumer) == nullptr);
  CHECK(open(3, t0 + Duration::Seconds(1)) == kInvalidSessionId);  // a young follower session stays

  // Unused for more than 120 s, a session is stale and anyone takes its slot.
  const int32_t later = open(kConsumerReplicaId, t0 + Duration::Seconds(121));
  CHECK(later != kInvalidSessionId);
  CHECK(cache.Get(follower) == nullptr);
}

TEST_CASE("session ids come from the broker's seeded stream: the same seed gives the same ids") {
  auto first_id = [](uint64_t seed) {
    FetchSessionCache cache(FetchSessionCacheOptions{}, seed, "broker-0/fetch-session-ids");
    FetchResponse response;
    Complete(cache, cache.NewContext(FullFetch(1), Time()), Time(), response,
             {{kSessionP0, Answer(1)}, {kSessionP1, Answer(1)}});
    return response.session_id;
  };
  CHECK(first_id(7) == first_id(7));
  CHECK(first_id(7) > 0);
}

}  // namespace
}  // namespace kafkasim
