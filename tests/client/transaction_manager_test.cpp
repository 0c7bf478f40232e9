// The idempotent producer's sequence bookkeeping (TransactionManager) and the accumulator's
// drain rules that depend on it.

#include <catch2/catch.hpp>

#include "sim/client/producer_batch.h"
#include "sim/client/transaction_manager.h"

namespace kafkasim {
namespace {

std::unique_ptr<ProducerBatch> BatchOf(int records, int32_t partition = 0) {
  const ProducerRecord r{.topic = "orders", .value = std::string("v")};
  auto batch = std::make_unique<ProducerBatch>(TopicPartition{"orders", partition}, Time::Zero(), 16384, r);
  for (int i = 0; i < records; ++i) REQUIRE(batch->TryAppend(r, 0, static_cast<uint64_t>(i + 1), nullptr));
  return batch;
}

TEST_CASE("nothing is drained before the producer has an id") {
  TransactionManager tm;
  auto b = BatchOf(1);
  CHECK(tm.MustWait(*b));
  tm.SetProducerIdAndEpoch(7, 0);
  CHECK_FALSE(tm.MustWait(*b));
}

TEST_CASE("sequences advance by the record count, per partition, and stay with the batch") {
  TransactionManager tm;
  tm.SetProducerIdAndEpoch(7, 0);
  auto a = BatchOf(3), b = BatchOf(2), other = BatchOf(4, 1);
  tm.AssignSequence(*a);
  tm.AssignSequence(*b);
  tm.AssignSequence(*other);
  CHECK(a->base_sequence() == 0);
  CHECK(b->base_sequence() == 3);
  CHECK(other->base_sequence() == 0);
  CHECK(tm.NextSequence({"orders", 0}) == 5);
  // The built bytes carry them.
  CHECK(b->Built().view().producer_id() == 7);
  CHECK(b->Built().view().base_sequence() == 3);
  CHECK(b->Built().view().last_sequence() == 4);
}

TEST_CASE("a retry goes only when it is the first sequence in flight") {
  TransactionManager tm;
  tm.SetProducerIdAndEpoch(7, 0);
  auto a = BatchOf(1), b = BatchOf(1);
  tm.AssignSequence(*a);
  tm.AssignSequence(*b);
  CHECK(tm.FirstInFlightSequence({"orders", 0}) == 0);
  CHECK(tm.MustWait(*b));  // b (sequence 1) waits while a (0) is unresolved
  CHECK_FALSE(tm.MustWait(*a));
  tm.OnAcked(*a);
  CHECK_FALSE(tm.MustWait(*b));
  CHECK(tm.LastAckedSequence({"orders", 0}) == 0);
}

TEST_CASE("a sequenced batch that fails bumps the epoch; the partition restarts at 0 once its batches are done") {
  TransactionManager tm;
  tm.SetProducerIdAndEpoch(7, 0);
  auto a = BatchOf(1), b = BatchOf(1);
  tm.AssignSequence(*a);
  tm.AssignSequence(*b);
  tm.OnFailed(*a);
  CHECK(tm.producer_epoch() == 1);
  CHECK(tm.epoch_bumps() == 1);
  auto c = BatchOf(1);
  CHECK(tm.MustWait(*c));  // b of epoch 0 is still in flight
  tm.OnAcked(*b);
  CHECK_FALSE(tm.MustWait(*c));
  tm.AssignSequence(*c);
  CHECK(c->producer_epoch() == 1);
  CHECK(c->base_sequence() == 0);
  // A second failure of the old epoch does not bump again.
  tm.OnFailed(*b);
  CHECK(tm.producer_epoch() == 1);
}

}  // namespace
}  // namespace kafkasim
