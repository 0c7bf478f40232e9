// The fetcher's side of KIP-227: what a request names once a session is open, and how a session
// error sends the fetcher back to a full fetch.
#include "sim/protocol/fetch_session_handler.h"

#include <catch2/catch.hpp>

namespace kafkasim {
namespace {

const TopicPartition kP0{"orders", 0};
const TopicPartition kP1{"orders", 1};
const TopicPartition kP2{"orders", 2};

FetchPartition At(int64_t offset) { return FetchPartition{.fetch_offset = Offset(offset)}; }

// The broker's answer to a full fetch: every partition, and the session it opened (or 0).
FetchResponse FullAnswer(const std::vector<TopicPartition>& partitions, int32_t session_id) {
  FetchResponse r;
  r.session_id = session_id;
  for (const TopicPartition& tp : partitions) r.partitions[tp] = PartitionFetchResponse{};
  return r;
}

// A handler whose session 7 holds orders-0 at 10 and orders-1 at 20.
FetchSessionHandler OpenSession() {
  FetchSessionHandler h;
  const auto first = h.Build({{kP0, At(10)}, {kP1, At(20)}});
  REQUIRE(first.full());
  REQUIRE(first.session_id == kInvalidSessionId);
  REQUIRE(first.session_epoch == kInitialSessionEpoch);
  REQUIRE(first.to_send.size() == 2);
  REQUIRE(h.HandleResponse(FullAnswer({kP0, kP1}, 7)));
  return h;
}

TEST_CASE("after a full fetch opens a session, the next fetch is incremental at epoch 1") {
  FetchSessionHandler h = OpenSession();
  const auto next = h.Build({{kP0, At(10)}, {kP1, At(20)}});
  CHECK_FALSE(next.full());
  CHECK(next.session_id == 7);
  CHECK(next.session_epoch == 1);
  CHECK(next.to_send.empty());  // nothing changed: an idle fetcher names no partition
  CHECK(next.forgotten.empty());
}

TEST_CASE("an incremental fetch names only the partitions whose fetch data changed") {
  FetchSessionHandler h = OpenSession();
  const auto next = h.Build({{kP0, At(10)}, {kP1, At(25)}});
  REQUIRE(next.to_send.size() == 1);
  CHECK(next.to_send.contains(kP1));
  CHECK_FALSE(next.to_send.contains(kP0));  // unchanged: implied by the session
  CHECK(next.to_send.at(kP1).fetch_offset == Offset(25));
}

TEST_CASE("an incremental fetch adds new partitions and forgets those no longer wanted") {
  FetchSessionHandler h = OpenSession();
  const auto next = h.Build({{kP1, At(20)}, {kP2, At(0)}});
  CHECK(next.to_send.size() == 1);
  CHECK(next.to_send.contains(kP2));
  CHECK(next.forgotten == std::vector<TopicPartition>{kP0});
  CHECK(h.session_partitions().size() == 2);
  CHECK_FALSE(h.session_partitions().contains(kP0));
}

TEST_CASE("the session epoch moves on with every answered incremental fetch") {
  FetchSessionHandler h = OpenSession();
  h.Build({{kP0, At(10)}, {kP1, At(20)}});
  FetchResponse empty;
  empty.session_id = 7;
  REQUIRE(h.HandleResponse(empty));
  CHECK(h.next_epoch() == 2);
  CHECK(h.Build({{kP0, At(10)}, {kP1, At(20)}}).session_epoch == 2);
}

TEST_CASE("INVALID_FETCH_SESSION_EPOCH sends the fetcher back to a full fetch that closes the session") {
  FetchSessionHandler h = OpenSession();
  h.Build({{kP0, At(11)}, {kP1, At(20)}});
  FetchResponse error;
  error.error = ErrorCode::kInvalidFetchSessionEpoch;
  error.session_id = 7;
  CHECK_FALSE(h.HandleResponse(error));
  const auto next = h.Build({{kP0, At(11)}, {kP1, At(20)}});
  CHECK(next.full());
  CHECK(next.session_id == 7);  // the broker closes it and opens a new one
  CHECK(next.session_epoch == kInitialSessionEpoch);
  CHECK(next.to_send.size() == 2);  // every partition again
}

TEST_CASE("FETCH_SESSION_ID_NOT_FOUND starts over without a session id") {
  FetchSessionHandler h = OpenSession();
  h.Build({{kP0, At(10)}, {kP1, At(20)}});
  FetchResponse error;
  error.error = ErrorCode::kFetchSessionIdNotFound;
  CHECK_FALSE(h.HandleResponse(error));
  const auto next = h.Build({{kP0, At(10)}, {kP1, At(20)}});
  CHECK(next.full());
  CHECK(next.session_id == kInvalidSessionId);
  CHECK(next.to_send.size() == 2);
}

TEST_CASE("an incremental answer naming a partition outside the session is refused") {
  FetchSessionHandler h = OpenSession();
  h.Build({{kP0, At(10)}, {kP1, At(20)}});
  FetchResponse stray;
  stray.session_id = 7;
  stray.partitions[kP2] = PartitionFetchResponse{};
  CHECK_FALSE(h.HandleResponse(stray));
  CHECK(h.Build({{kP0, At(10)}, {kP1, At(20)}}).full());
}

TEST_CASE("a full answer that leaves out a partition asked for is refused") {
  FetchSessionHandler h;
  h.Build({{kP0, At(10)}, {kP1, At(20)}});
  CHECK_FALSE(h.HandleResponse(FullAnswer({kP0}, 7)));
  CHECK(h.Build({{kP0, At(10)}, {kP1, At(20)}}).session_id == kInvalidSessionId);
}

TEST_CASE("a broker that keeps no session leaves every fetch full") {
  FetchSessionHandler h;
  h.Build({{kP0, At(10)}});
  REQUIRE(h.HandleResponse(FullAnswer({kP0}, kInvalidSessionId)));
  const auto next = h.Build({{kP0, At(10)}});
  CHECK(next.full());
  CHECK(next.to_send.size() == 1);
}

TEST_CASE("a lost request closes the session and asks for a new one") {
  FetchSessionHandler h = OpenSession();
  h.Build({{kP0, At(10)}, {kP1, At(20)}});
  h.HandleError();
  const auto next = h.Build({{kP0, At(10)}, {kP1, At(20)}});
  CHECK(next.full());
  CHECK(next.session_id == 7);
  CHECK(next.session_epoch == kInitialSessionEpoch);
}

TEST_CASE("session epochs wrap from INT32_MAX to 1, never to the initial or final epoch") {
  CHECK(NextSessionEpoch(kInitialSessionEpoch) == 1);
  CHECK(NextSessionEpoch(41) == 42);
  CHECK(NextSessionEpoch(INT32_MAX) == 1);
  CHECK(NextSessionEpoch(kFinalSessionEpoch) == kFinalSessionEpoch);
}

}  // namespace
}  // namespace kafkasim
