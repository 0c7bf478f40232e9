// Throughput of the record batch v2 codec on one core: encoding batches as a producer does and
// decoding them (CRC verified, every record parsed) as a follower or consumer does. Targets:
// encode >= 10 million records/s, decode >= 20 million records/s, for batches of 100 records of
// 100 bytes.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/storage/crc32c.h"
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
    size_t value_bytes = 0;
    for (const RecordView& record : *batch) value_bytes += record.value->size();
    benchmark::DoNotOptimize(value_bytes);
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

}  // namespace
}  // namespace kafkasim

BENCHMARK_MAIN();
