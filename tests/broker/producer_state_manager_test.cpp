// The broker's producer state (KIP-98): duplicates among the last five batches, sequence and
// epoch checks, and the state rebuilt from the log after a restart or a truncation.

#include <catch2/catch.hpp>

#include "sim/broker/producer_id_manager.h"
#include "sim/broker/producer_state_manager.h"
#include "sim/storage/log.h"
#include "sim/storage/record_batch_builder.h"

namespace kafkasim {
namespace {

constexpr int64_t kPid = 1000;

// A batch of `count` records from producer kPid, as an idempotent producer builds it.
RecordBatch Idempotent(int32_t base_sequence, int32_t count = 1, int16_t epoch = 0, int64_t pid = kPid) {
  RecordBatchBuilder builder({.producer_id = pid, .producer_epoch = epoch, .base_sequence = base_sequence});
  for (int32_t i = 0; i < count; ++i) builder.Append({.timestamp_ms = 1000, .value = AsBytes("v")});
  return builder.Build();
}

struct Leader {
  Log log{LogOptions{.topic = "orders", .partition = 0}, Time::Zero()};
  ProducerStateManager state;

  // What Partition::AppendAsLeader does: check, then append and record. Returns the error, and
  // the offset the batch was answered with.
  std::pair<ErrorCode, int64_t> Produce(const RecordBatch& batch) {
    const ProducerAppendCheck check = state.Check(batch.view(), TopicPartition{"orders", 0});
    if (check.duplicate) return {ErrorCode::kNone, check.duplicate->first_offset};
    if (check.error != ErrorCode::kNone) return {check.error, -1};
    const LogAppendInfo info = log.AppendAsLeader(batch, LeaderEpoch(0), Time::Zero());
    REQUIRE(info.ok());
    state.Update(batch.view(), info.first_offset.value());
    return {ErrorCode::kNone, info.first_offset.value()};
  }
};

TEST_CASE("a retried batch is answered with its original offset and not appended again") {
  Leader leader;
  CHECK(leader.Produce(Idempotent(0, 3)) == std::pair{ErrorCode::kNone, int64_t{0}});
  CHECK(leader.Produce(Idempotent(3, 2)) == std::pair{ErrorCode::kNone, int64_t{3}});
  CHECK(leader.Produce(Idempotent(0, 3)) == std::pair{ErrorCode::kNone, int64_t{0}});
  CHECK(leader.log.log_end_offset() == Offset(5));
}

TEST_CASE("duplicates are found among the last five batches only") {
  Leader leader;
  for (int32_t seq = 0; seq < 6; ++seq) REQUIRE(leader.Produce(Idempotent(seq)).first == ErrorCode::kNone);
  // Sequences 1..5 are remembered; 0 fell out, so its retry is out of order rather than a duplicate.
  CHECK(leader.Produce(Idempotent(1)) == std::pair{ErrorCode::kNone, int64_t{1}});
  CHECK(leader.Produce(Idempotent(0)).first == ErrorCode::kOutOfOrderSequenceNumber);
  CHECK(leader.log.log_end_offset() == Offset(6));
  REQUIRE(leader.state.Find(kPid) != nullptr);
  CHECK(leader.state.Find(kPid)->batches.size() == kNumBatchesToRetain);
}

TEST_CASE("a gap in the sequence is OUT_OF_ORDER_SEQUENCE_NUMBER and nothing is written") {
  Leader leader;
  REQUIRE(leader.Produce(Idempotent(0, 2)).first == ErrorCode::kNone);
  const RecordBatch gap = Idempotent(3);
  const ProducerAppendCheck check = leader.state.Check(gap.view(), TopicPartition{"orders", 0});
  CHECK(check.error == ErrorCode::kOutOfOrderSequenceNumber);
  CHECK(check.message ==
        "Out of order sequence number for producer 1000 in partition orders-0: 3 (incoming seq. number), 1 (current "
        "end sequence number)");
  CHECK(leader.Produce(Idempotent(2)).first == ErrorCode::kNone);
  CHECK(leader.log.log_end_offset() == Offset(3));
}

TEST_CASE("a producer the partition never saw may start at any sequence") {
  Leader leader;
  CHECK(leader.Produce(Idempotent(42)).first == ErrorCode::kNone);
  CHECK(leader.Produce(Idempotent(44)).first == ErrorCode::kOutOfOrderSequenceNumber);
}

TEST_CASE("epochs: an older one is fenced, a newer one starts at sequence 0") {
  Leader leader;
  REQUIRE(leader.Produce(Idempotent(0, 1, /*epoch=*/1)).first == ErrorCode::kNone);
  CHECK(leader.Produce(Idempotent(1, 1, /*epoch=*/0)).first == ErrorCode::kInvalidProducerEpoch);
  CHECK(leader.Produce(Idempotent(5, 1, /*epoch=*/2)).first == ErrorCode::kOutOfOrderSequenceNumber);
  CHECK(leader.Produce(Idempotent(0, 1, /*epoch=*/2)).first == ErrorCode::kNone);
  CHECK(leader.state.Find(kPid)->producer_epoch == 2);
}

TEST_CASE("producers are told apart by id") {
  Leader leader;
  REQUIRE(leader.Produce(Idempotent(0, 1, 0, kPid)).first == ErrorCode::kNone);
  CHECK(leader.Produce(Idempotent(0, 1, 0, kPid + 1)) == std::pair{ErrorCode::kNone, int64_t{1}});
  CHECK(leader.state.producer_count() == 2);
}

TEST_CASE("the state is rebuilt from the log, and follows a truncation") {
  Leader leader;
  for (int32_t seq = 0; seq < 4; ++seq) REQUIRE(leader.Produce(Idempotent(seq)).first == ErrorCode::kNone);
  ProducerStateManager rebuilt;
  rebuilt.Rebuild(leader.log);
  REQUIRE(rebuilt.Find(kPid) != nullptr);
  CHECK(rebuilt.Find(kPid)->last_seq() == 3);
  const RecordBatch retry = Idempotent(2);
  REQUIRE(rebuilt.Check(retry.view(), TopicPartition{"orders", 0}).duplicate);
  CHECK(rebuilt.Check(retry.view(), TopicPartition{"orders", 0}).duplicate->first_offset == 2);

  leader.log.TruncateTo(Offset(2));
  rebuilt.Rebuild(leader.log);
  CHECK(rebuilt.Find(kPid)->last_seq() == 1);
  // The truncated batch is not a duplicate any more: the retry is written again, in sequence.
  CHECK_FALSE(rebuilt.Check(retry.view(), TopicPartition{"orders", 0}).duplicate);
  CHECK(rebuilt.Check(retry.view(), TopicPartition{"orders", 0}).error == ErrorCode::kNone);
}

TEST_CASE("batches without a producer id are not checked") {
  Leader leader;
  RecordBatchBuilder builder({});
  builder.Append({.timestamp_ms = 1000, .value = AsBytes("v")});
  const RecordBatch plain = builder.Build();
  CHECK(leader.Produce(plain) == std::pair{ErrorCode::kNone, int64_t{0}});
  CHECK(leader.Produce(plain) == std::pair{ErrorCode::kNone, int64_t{1}});
  CHECK(leader.state.producer_count() == 0);
}

TEST_CASE("the producer id block znode is Kafka's JSON, with the ids as strings") {
  const ProducerIdBlock block{.broker = 2, .first = 1000, .last = 1999};
  CHECK(EncodeProducerIdBlock(block) == R"({"version":1,"broker":2,"block_start":"1000","block_end":"1999"})");
  const auto decoded = DecodeProducerIdBlock(EncodeProducerIdBlock(block));
  REQUIRE(decoded);
  CHECK(decoded->first == 1000);
  CHECK(decoded->last == 1999);
  CHECK_FALSE(DecodeProducerIdBlock(""));
}

}  // namespace
}  // namespace kafkasim
