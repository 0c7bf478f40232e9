// The accumulator's batching decisions (Kafka 3.7 RecordAccumulator): when a partition's batch is
// ready, what a drain takes, retries at the front of the queue after a backoff, expiry.

#include <catch2/catch.hpp>

#include "sim/client/record_accumulator.h"
#include "tests/client/client_fixture.h"

namespace kafkasim {
namespace {

using namespace time_literals;
using testing::MetadataFor;

struct Accumulator {
  ProducerConfig config;
  std::unique_ptr<RecordAccumulator> acc;
  ClientMetadata metadata = MetadataFor("t", {0, 1, 2});
  Random random{1, "test"};
  uint64_t next_id = 1;
  std::vector<DeliveryReport> reports;

  explicit Accumulator(ProducerConfig c) : config(std::move(c)), acc(std::make_unique<RecordAccumulator>(config)) {}
  AppendResult Send(int32_t partition, std::string value, Time now) {
    return acc->Append({.topic = "t", .partition = partition, .value = std::move(value)}, now.millis(), next_id++,
                       [this](const DeliveryReport& r) { reports.push_back(r); }, metadata, now, random);
  }
};

TEST_CASE("with linger.ms=0 a batch is ready as soon as it holds a record") {
  Accumulator a(ProducerConfig{});
  a.Send(1, "v", Time::Zero());
  const ReadyCheck check = a.acc->Ready(a.metadata, Time::Zero());
  CHECK(check.ready_nodes == std::set<BrokerId>{BrokerId(1)});
}

TEST_CASE("a batch waits linger.ms for company, then is ready") {
  Accumulator a(ProducerConfig{.linger = 5_ms});
  a.Send(0, "v", Time::Zero());
  ReadyCheck check = a.acc->Ready(a.metadata, Time::Zero() + 4_ms);
  CHECK(check.ready_nodes.empty());
  REQUIRE(check.next_check.has_value());
  CHECK(*check.next_check == Time::Zero() + 5_ms);
  check = a.acc->Ready(a.metadata, Time::Zero() + 5_ms);
  CHECK(check.ready_nodes == std::set<BrokerId>{BrokerId(0)});
}

TEST_CASE("a batch is ready before linger.ms once another batch queues behind it") {
  Accumulator a(ProducerConfig{.batch_size = 200, .linger = 1000_ms});
  const std::string value(100, 'x');  // 109 bytes a record: one per 200-byte batch
  CHECK(a.Send(2, value, Time::Zero()).new_batch_created);
  const AppendResult second = a.Send(2, value, Time::Zero());
  CHECK(second.new_batch_created);
  CHECK(second.batch_is_full);  // two batches queue: the first is ready
  CHECK(a.acc->Ready(a.metadata, Time::Zero()).ready_nodes == std::set<BrokerId>{BrokerId(2)});
}

TEST_CASE("records share a batch until the next one would pass batch.size") {
  Accumulator a(ProducerConfig{.batch_size = 400, .linger = 1000_ms});
  const std::string value(100, 'x');
  int batches = 0;
  for (int i = 0; i < 7; ++i) batches += a.Send(0, value, Time::Zero()).new_batch_created;
  // 61 + 3 × 109 = 388 ≤ 400: three records a batch, so 7 records make 3 batches.
  CHECK(batches == 3);
  CHECK(a.acc->queued_batches({"t", 0}) == 3);
}

TEST_CASE("a flush makes every batch ready at once, linger or not") {
  Accumulator a(ProducerConfig{.linger = 1000_ms});
  a.Send(0, "v", Time::Zero());
  CHECK(a.acc->Ready(a.metadata, Time::Zero()).ready_nodes.empty());
  a.acc->BeginFlush();
  CHECK(a.acc->Ready(a.metadata, Time::Zero()).ready_nodes == std::set<BrokerId>{BrokerId(0)});
}

TEST_CASE("a drain takes one batch per partition the node leads, the oldest first") {
  Accumulator a(ProducerConfig{.batch_size = 200});
  a.metadata = MetadataFor("t", {0, 0, 1});
  const std::string value(100, 'x');
  a.Send(0, value, Time::Zero());
  a.Send(0, value, Time::Zero());
  a.Send(1, value, Time::Zero());
  a.Send(2, value, Time::Zero());
  auto drained = a.acc->Drain(a.metadata, BrokerId(0), Time::Zero());
  REQUIRE(drained.size() == 2);
  CHECK(drained[0]->tp() == TopicPartition{"t", 0});
  CHECK(drained[0]->first_record_id() == 1);
  CHECK(drained[1]->tp() == TopicPartition{"t", 1});
  CHECK(a.acc->queued_batches({"t", 0}) == 1);
  CHECK(a.acc->queued_batches({"t", 2}) == 1);  // led by broker 1
}

TEST_CASE("a partition without a leader is not ready and asks for fresh metadata") {
  Accumulator a(ProducerConfig{});
  a.metadata = MetadataFor("t", {0, -1, 2});
  a.Send(1, "v", Time::Zero());
  const ReadyCheck check = a.acc->Ready(a.metadata, Time::Zero());
  CHECK(check.ready_nodes.empty());
  CHECK(check.unknown_leader_topics == std::set<std::string>{"t"});
}

TEST_CASE("a retried batch goes back to the front of its queue and waits retry.backoff.ms") {
  Accumulator a(ProducerConfig{.batch_size = 200, .retry_backoff = 100_ms});
  const std::string value(100, 'x');
  a.Send(0, value, Time::Zero());
  auto drained = a.acc->Drain(a.metadata, BrokerId(0), Time::Zero());
  REQUIRE(drained.size() == 1);
  a.Send(0, value, Time::Zero() + 1_ms);  // a newer batch queues meanwhile
  a.acc->Reenqueue(std::move(drained[0]), Time::Zero() + 10_ms);
  // Backing off: the retried batch blocks its partition (no overtaking by the newer one).
  CHECK(a.acc->Ready(a.metadata, Time::Zero() + 50_ms).ready_nodes.empty());
  CHECK(a.acc->Drain(a.metadata, BrokerId(0), Time::Zero() + 50_ms).empty());
  CHECK(a.acc->Ready(a.metadata, Time::Zero() + 110_ms).ready_nodes == std::set<BrokerId>{BrokerId(0)});
  auto again = a.acc->Drain(a.metadata, BrokerId(0), Time::Zero() + 110_ms);
  REQUIRE(again.size() == 1);
  CHECK(again[0]->first_record_id() == 1);
  CHECK(again[0]->attempts() == 1);
}

TEST_CASE("retry backoff doubles per attempt up to retry.backoff.max.ms (KIP-580)") {
  // The accumulator keeps a reference to its producer's config: it must outlive it.
  const ProducerConfig config{.retry_backoff = 100_ms, .retry_backoff_max = 1000_ms};
  RecordAccumulator acc(config);
  CHECK(acc.RetryBackoff(1) == 100_ms);
  CHECK(acc.RetryBackoff(2) == 200_ms);
  CHECK(acc.RetryBackoff(4) == 800_ms);
  CHECK(acc.RetryBackoff(5) == 1000_ms);
}

TEST_CASE("a retry sends the same bytes as the first attempt") {
  Accumulator a(ProducerConfig{});
  a.Send(0, "v", Time::Zero());
  auto drained = a.acc->Drain(a.metadata, BrokerId(0), Time::Zero());
  REQUIRE(drained.size() == 1);
  const auto buffer = drained[0]->Built().buffer();
  a.acc->Reenqueue(std::move(drained[0]), Time::Zero());
  auto again = a.acc->Drain(a.metadata, BrokerId(0), Time::Zero() + 1_s);
  REQUIRE(again.size() == 1);
  CHECK(again[0]->Built().buffer() == buffer);
}

TEST_CASE("batches expire delivery.timeout.ms after they were created") {
  Accumulator a(ProducerConfig{.linger = 1000_ms, .delivery_timeout = 2000_ms});
  a.Send(0, "v", Time::Zero());
  a.Send(1, "v", Time::Zero() + 500_ms);
  CHECK(a.acc->ExpiredBatches(Time::Zero() + 1999_ms).empty());
  auto expired = a.acc->ExpiredBatches(Time::Zero() + 2000_ms);
  REQUIRE(expired.size() == 1);
  CHECK(expired[0]->tp() == TopicPartition{"t", 0});
}

TEST_CASE("a completed batch reports consecutive offsets from its base offset") {
  Accumulator a(ProducerConfig{.linger = 1000_ms});
  a.Send(0, "a", Time::Zero());
  a.Send(0, "b", Time::Zero());
  auto drained = a.acc->Drain(a.metadata, BrokerId(0), Time::Zero());
  REQUIRE(drained.size() == 1);
  CHECK(drained[0]->DescribeRecords() == "records #1-#2");
  drained[0]->Complete(Offset(41), std::nullopt);
  REQUIRE(a.reports.size() == 2);
  CHECK(a.reports[0].offset == Offset(41));
  CHECK(a.reports[1].offset == Offset(42));
  CHECK(a.reports[1].record_id == 2);
}

}  // namespace
}  // namespace kafkasim
