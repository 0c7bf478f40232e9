// Throughput of the record batch v2 codec on one core: encoding batches as a producer does and
// decoding them (CRC verified, every record parsed) as a follower or consumer does. Targets:
// encode >= 10 million records/s, decode >= 20 million records/s, for batches of 100 records of
// 100 bytes.
//
// And of the partition log (sim/storage/log.h): a leader's appends (>= 10 million records/s), a
// consumer's sequential reads with the CRC checked (>= 20 million records/s), random offset
// lookups on a 1 GB log (>= 5 million/s), and the log's memory against its encoded bytes
// (<= 1.05x), reported as the counter `memory_ratio`.

#include <benchmark/benchmark.h>
#include <malloc.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/random.h"
#include "sim/storage/crc32c.h"
#include "sim/storage/log.h"
#include "sim/storage/record_batch.h"
#include "sim/storage/record_batch_builder.h"

namespace kafkasim {
namespace {

constexpr int kRecordsPerBatch = 100;
constexpr size_t kValueSize = 100;

std::string Value() {
  std::string value(kValueSize, '\0');
  for (size_t i = 0; i < value.size(); ++i) value[i] = static_cast<char>('a' + i % 26);
  return value;
}

RecordBatch BuildBatch(const std::string& value, int64_t base_time) {
  RecordBatchBuilder builder({.producer_id = 1000, .producer_epoch = 0, .base_sequence = 0});
  for (int i = 0; i < kRecordsPerBatch; ++i) {
    builder.Append({.timestamp_ms = base_time + i, .value = AsBytes(value)});
  }
  return builder.Build();
}

// What a consumer takes from a record to build its ConsumerRecord: offset, timestamp, key, value
// and headers. The record iterator is inline, so a loop that used the value alone would let the
// compiler skip decoding the rest; folding every field into one number keeps all of it measured.
int64_t Consume(const RecordView& record) {
  return record.offset + record.timestamp_ms + (record.key ? std::ssize(*record.key) : -1) +
         (record.value ? std::ssize(*record.value) : -1) + record.headers.size();
}

void BM_EncodeBatch(benchmark::State& state) {
  const std::string value = Value();
  int64_t time = 1700000000000;
  for (auto _ : state) {
    RecordBatch batch = BuildBatch(value, time++);
    benchmark::DoNotOptimize(batch.bytes().data());
  }
  state.SetItemsProcessed(state.iterations() * kRecordsPerBatch);
  state.SetBytesProcessed(state.iterations() * BuildBatch(value, 0).size_bytes());
}
BENCHMARK(BM_EncodeBatch);

void BM_DecodeBatch(benchmark::State& state) {
  const std::string value = Value();
  // Many batches laid end to end, read sequentially as a segment or fetch response would be.
  std::vector<std::byte> log;
  for (int i = 0; i < 256; ++i) {
    const RecordBatch batch = BuildBatch(value, i).WithBaseOffset(int64_t{i} * kRecordsPerBatch);
    log.insert(log.end(), batch.bytes().begin(), batch.bytes().end());
  }
  size_t position = 0;
  int64_t batches = 0;
  for (auto _ : state) {
    if (position == log.size()) position = 0;
    const DecodeResult<RecordBatchView> batch = RecordBatchView::Parse(log, position);
    if (!batch.ok()) state.SkipWithError(batch.status().message().c_str());
    int64_t consumed = 0;
    for (const RecordView& record : *batch) consumed += Consume(record);
    benchmark::DoNotOptimize(consumed);
    position += batch->size_bytes();
    ++batches;
  }
  state.SetItemsProcessed(batches * kRecordsPerBatch);
  state.SetBytesProcessed(static_cast<int64_t>(log.size() / 256) * batches);
}
BENCHMARK(BM_DecodeBatch);

template <bool kHardware>
void BM_Crc32c(benchmark::State& state) {
  if (kHardware && !crc32c::HardwareAvailable()) {
    state.SkipWithError("no SSE4.2 on this CPU");
    return;
  }
  const std::vector<std::byte> data(static_cast<size_t>(state.range(0)), std::byte{0x5a});
  for (auto _ : state) {
    const uint32_t crc =
        kHardware ? crc32c::ExtendHardware(0, data) : crc32c::ExtendPortable(0, data);
    benchmark::DoNotOptimize(crc);
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Crc32c<true>)->Arg(11000);
BENCHMARK(BM_Crc32c<false>)->Arg(11000);

// --- The partition log ------------------------------------------------------------------------

const Time kNow = Time::FromMicros(int64_t{1700000000000} * 1000);

std::unique_ptr<Log> NewLog() {
  return std::make_unique<Log>(LogOptions{.topic = "bench", .partition = 0}, kNow);
}

// A log of about `bytes` bytes of 100-record batches, in 1 GiB segments (Kafka's default).
std::unique_ptr<Log> FilledLog(int64_t bytes) {
  const std::string value = Value();
  const RecordBatch batch = BuildBatch(value, 1700000000000);
  auto log = NewLog();
  while (log->size_bytes() < bytes) log->AppendAsLeader(batch, LeaderEpoch(0), kNow);
  return log;
}

void BM_LogAppendAsLeader(benchmark::State& state) {
  const std::string value = Value();
  const RecordBatch batch = BuildBatch(value, 1700000000000);
  auto log = NewLog();
  int64_t appended = 0;
  for (auto _ : state) {
    const LogAppendInfo info = log->AppendAsLeader(batch, LeaderEpoch(0), kNow);
    benchmark::DoNotOptimize(info.last_offset);
    // Keep memory bounded: a fresh log every ~100 MB, outside the timing.
    if (++appended % 10000 == 0) {
      state.PauseTiming();
      log = NewLog();
      state.ResumeTiming();
    }
  }
  state.SetItemsProcessed(state.iterations() * kRecordsPerBatch);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(batch.size_bytes()));
}
BENCHMARK(BM_LogAppendAsLeader);

void BM_LogSequentialRead(benchmark::State& state) {
  // A consumer reading a 256 MB log from the start, 1 MiB fetches, every batch's CRC checked and
  // every record visited, as KafkaConsumer does with check.crcs=true.
  const auto log = FilledLog(int64_t{256} << 20);
  Offset next(0);
  int64_t records = 0, bytes = 0;
  for (auto _ : state) {
    if (next >= log->log_end_offset()) next = Offset(0);
    const LogReadInfo read = log->Read(next, 1 << 20, log->log_end_offset());
    for (const RecordBatch& batch : read.batches) {
      const DecodeResult<RecordBatchView> view = RecordBatchView::Parse(batch.bytes());
      if (!view.ok()) state.SkipWithError(view.status().message().c_str());
      int64_t consumed = 0;
      for (const RecordView& record : *view) consumed += Consume(record);
      benchmark::DoNotOptimize(consumed);
      records += view->record_count();
      next = Offset(view->last_offset()) + 1;
    }
    bytes += read.size_bytes;
  }
  state.SetItemsProcessed(records);
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_LogSequentialRead);

std::unique_ptr<Log> big_log;
double memory_ratio = 0;

template <bool kFullRead>
void BM_LogRandomLookup(benchmark::State& state) {
  // Build the 1 GB log once and measure the heap it takes against the bytes it holds.
  std::unique_ptr<Log>& log = big_log;
  if (!log) {
    const size_t before = mallinfo2().uordblks + mallinfo2().hblkhd;
    log = FilledLog(int64_t{1} << 30);
    const size_t after = mallinfo2().uordblks + mallinfo2().hblkhd;
    memory_ratio = static_cast<double>(after - before) / static_cast<double>(log->size_bytes());
  }
  Random random(42, "lookups");
  const auto end = static_cast<uint64_t>(log->log_end_offset().value());
  for (auto _ : state) {
    const Offset offset(static_cast<int64_t>(random.Below(end)));
    if constexpr (kFullRead) {
      // What a fetch does: the lookup, then a result holding the batch (a shared buffer).
      const LogReadInfo read = log->Read(offset, 1);
      benchmark::DoNotOptimize(read.batches.data());
    } else {
      // The lookup alone (translateOffset): segment, offset index, batch.
      const auto location = log->FindBatch(offset);
      benchmark::DoNotOptimize(location);
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["memory_ratio"] = memory_ratio;
  state.counters["log_bytes"] = static_cast<double>(log->size_bytes());
}
BENCHMARK(BM_LogRandomLookup<false>);
BENCHMARK(BM_LogRandomLookup<true>);

}  // namespace
}  // namespace kafkasim

BENCHMARK_MAIN();
