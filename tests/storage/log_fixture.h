#pragma once
// A small language for storage tests: batches from strings, a log with a clock.
//
//   LogFixture f({.segment_bytes = 1000});
//   f.Produce({"a", "b", "c"});          // one batch of three records, as the leader
//   CHECK(f.log.log_end_offset() == Offset(3));

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/storage/log.h"
#include "sim/storage/record_batch_builder.h"

namespace kafkasim::testing {

inline constexpr int64_t kStartMs = 1'700'000'000'000;  // the records' CreateTime base

struct KeyValue {
  std::optional<std::string> key;
  std::optional<std::string> value;  // nullopt = tombstone
};

inline RecordBatch Batch(const std::vector<KeyValue>& records, int64_t timestamp_ms = kStartMs,
                         RecordBatchOptions options = {}) {
  RecordBatchBuilder builder(options);
  for (const KeyValue& kv : records) {
    builder.Append({.timestamp_ms = timestamp_ms,
                    .key = kv.key ? NullableBytes(AsBytes(*kv.key)) : std::nullopt,
                    .value = kv.value ? NullableBytes(AsBytes(*kv.value)) : std::nullopt});
  }
  return builder.Build();
}

inline RecordBatch Values(const std::vector<std::string>& values, int64_t timestamp_ms = kStartMs) {
  std::vector<KeyValue> records;
  for (const std::string& v : values) records.push_back({std::nullopt, v});
  return Batch(records, timestamp_ms);
}

// A value of `size` bytes, so tests can reason about segment sizes.
inline std::string Filler(size_t size, char c = 'x') { return std::string(size, c); }

inline LogConfig Config(LogConfig config = {}) { return config; }

struct LogFixture {
  explicit LogFixture(LogConfig config = {}, Offset start = Offset(0))
      : log(LogOptions{.topic = "orders", .partition = 0, .config = config},
            Time::FromMicros(kStartMs * 1000), start) {}

  Time now = Time::FromMicros(kStartMs * 1000);
  LeaderEpoch epoch{0};
  Log log;

  LogAppendInfo Produce(const std::vector<std::string>& values) {
    return log.AppendAsLeader(Values(values, now.millis()), epoch, now);
  }
  LogAppendInfo Produce(const std::vector<KeyValue>& records) {
    return log.AppendAsLeader(Batch(records, now.millis()), epoch, now);
  }
  void Advance(Duration d) { now += d; }

  // Every record's value from `from`, across segments, following Read as a consumer would.
  std::vector<std::string> ReadAll(Offset from = Offset(0), Offset up_to = kMaxOffset) const {
    std::vector<std::string> values;
    Offset next = std::max(from, log.log_start_offset());
    for (int guard = 0; guard < 100000 && next < std::min(up_to, log.log_end_offset()); ++guard) {
      const LogReadInfo read = log.Read(next, 1 << 20, up_to);
      if (!read.ok() || read.batches.empty()) {
        // A hole (compacted away or an empty segment): step to the next segment.
        bool moved = false;
        for (const auto& segment : log.segments()) {
          if (segment->base_offset() > next) {
            next = segment->base_offset();
            moved = true;
            break;
          }
        }
        if (!moved) break;
        continue;
      }
      for (const RecordBatch& batch : read.batches) {
        const RecordBatchView view = batch.view();
        for (const RecordView& record : view) {
          if (Offset(record.offset) < next) continue;
          values.push_back(record.value ? std::string(AsString(*record.value)) : "<null>");
        }
        next = Offset(view.last_offset()) + 1;
      }
    }
    return values;
  }
};

}  // namespace kafkasim::testing

namespace Catch {
template <typename Tag, typename Rep>
struct StringMaker<kafkasim::StrongInt<Tag, Rep>> {
  static std::string convert(const kafkasim::StrongInt<Tag, Rep>& v) {
    return std::to_string(v.value());
  }
};
}  // namespace Catch
