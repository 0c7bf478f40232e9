// Compaction (sim/storage/log_cleaner.cpp): latest record per key, offsets kept, tombstones
// removed after delete.retention.ms, the dirty ratio.

#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "sim/storage/log.h"
#include "tests/storage/log_fixture.h"

namespace kafkasim {
namespace {

using testing::KeyValue;
using testing::LogFixture;

LogConfig Compacted() {
  LogConfig config;
  config.cleanup_compact = true;
  config.cleanup_delete = false;
  config.segment_bytes = 150;  // about two small batches a segment
  return config;
}

// Every record left in the log as "offset:key=value".
std::vector<std::string> Contents(const Log& log) {
  std::vector<std::string> out;
  for (const auto& segment : log.segments()) {
    for (size_t i = 0; i < segment->batch_count(); ++i) {
      const RecordBatchView view = segment->batch(i).view();
      for (const RecordView& record : view) {
        out.push_back(fmt::format("{}:{}={}", record.offset, AsString(*record.key),
                                  record.value ? AsString(*record.value) : "<null>"));
      }
    }
  }
  return out;
}

TEST_CASE("compaction keeps the latest record per key, at its original offset") {
  LogFixture f(Compacted());
  f.Produce(std::vector<KeyValue>{{"a", "1"}});
  f.Produce(std::vector<KeyValue>{{"b", "1"}});
  f.Produce(std::vector<KeyValue>{{"a", "2"}});
  f.Produce(std::vector<KeyValue>{{"c", "1"}});
  f.Produce(std::vector<KeyValue>{{"b", "2"}});
  f.Produce(std::vector<KeyValue>{{"z", "active"}});  // in the active segment: never cleaned
  REQUIRE(f.log.active_segment().base_offset() == Offset(4));
  f.log.Compact(f.log.log_end_offset(), f.now);
  CHECK(Contents(f.log) ==
        std::vector<std::string>{"1:b=1", "2:a=2", "3:c=1", "4:b=2", "5:z=active"});
  f.log.CheckInvariants();
}

TEST_CASE("a compacted log reads with gaps in its offsets") {
  LogFixture f(Compacted());
  f.Produce(std::vector<KeyValue>{{"a", "1"}, {"a", "2"}, {"b", "1"}});
  f.Produce(std::vector<KeyValue>{{"c", "1"}});
  f.Produce(std::vector<KeyValue>{{"d", "1"}});
  f.log.Compact(f.log.log_end_offset(), f.now);
  const LogReadInfo read = f.log.Read(Offset(0), 1 << 20);
  REQUIRE(!read.batches.empty());
  std::vector<int64_t> offsets;
  for (const RecordView& r : read.batches[0].view()) offsets.push_back(r.offset);
  CHECK(offsets == std::vector<int64_t>{1, 2});  // offset 0 gone, the batch keeps its base
  CHECK(read.batches[0].view().base_offset() == 0);
  CHECK(read.batches[0].view().last_offset() == 2);
  CHECK(RecordBatchView::Parse(read.batches[0].bytes()).ok());
}

TEST_CASE("a cleaned batch keeps its last offset, so a producer's last sequence survives") {
  LogFixture f(Compacted());
  f.Produce(std::vector<KeyValue>{{"a", "1"}, {"b", "1"}, {"a", "2"}, {"b", "2"}, {"c", "1"}});
  f.Produce(std::vector<KeyValue>{{"c", "2"}});  // replaces the batch's last record
  f.Produce(std::vector<KeyValue>{{"d", "1"}});
  f.Produce(std::vector<KeyValue>{{"e", "1"}});  // rolls: c=2 is now cleanable
  f.log.Compact(f.log.log_end_offset(), f.now);
  const RecordBatchView cleaned = f.log.segments()[0]->batch(0).view();
  CHECK(cleaned.record_count() == 2);
  CHECK(cleaned.last_offset() == 4);  // Kafka's overrideLastOffset
}

TEST_CASE("a tombstone survives its first cleaning and goes after delete.retention.ms") {
  LogConfig config = Compacted();
  config.delete_retention_ms = 60000;
  LogFixture f(config);
  f.Produce(std::vector<KeyValue>{{"a", "1"}});
  f.Produce(std::vector<KeyValue>{{"a", std::nullopt}});  // tombstone for a
  f.Produce(std::vector<KeyValue>{{"b", "1"}});
  f.Produce(std::vector<KeyValue>{{"c", "1"}});
  f.log.Compact(f.log.log_end_offset(), f.now);
  // The older value is gone; the tombstone stays, its batch stamped with a delete horizon.
  std::vector<std::string> contents = Contents(f.log);
  CHECK(contents.front() == "1:a=<null>");
  const RecordBatchView tombstone = f.log.segments()[0]->batch(0).view();
  CHECK(tombstone.has_delete_horizon());
  CHECK(tombstone.base_timestamp() == f.now.millis() + 60000);

  f.Advance(Duration::Seconds(59));
  f.log.Compact(f.log.log_end_offset(), f.now);  // nothing dirty: nothing happens
  f.Produce(std::vector<KeyValue>{{"d", "1"}});
  f.Produce(std::vector<KeyValue>{{"e", "1"}});
  f.log.Compact(f.log.log_end_offset(), f.now);  // before the horizon: kept
  CHECK(Contents(f.log).front() == "1:a=<null>");
  f.Advance(Duration::Seconds(2));
  f.Produce(std::vector<KeyValue>{{"f", "1"}});
  f.Produce(std::vector<KeyValue>{{"g", "1"}});
  const LogEvents events = f.log.Compact(f.log.log_end_offset(), f.now);
  CHECK(Contents(f.log).front() == "2:b=1");
  CHECK(events.back().text.find("(1 tombstones past delete.retention.ms=60000)") !=
        std::string::npos);
}

TEST_CASE("the dirty ratio counts bytes past the cleaner checkpoint, below the active segment") {
  LogFixture f(Compacted());
  CHECK(f.log.DirtyRatio(f.log.log_end_offset()) == 0.0);
  for (int i = 0; i < 4; ++i) f.Produce(std::vector<KeyValue>{{"k", std::to_string(i)}});
  CHECK(f.log.DirtyRatio(f.log.log_end_offset()) == 1.0);
  CHECK(f.log.NeedsCompaction(f.log.log_end_offset()));
  f.log.Compact(f.log.log_end_offset(), f.now);
  CHECK(f.log.DirtyRatio(f.log.log_end_offset()) == 0.0);
  CHECK_FALSE(f.log.NeedsCompaction(f.log.log_end_offset()));
}

TEST_CASE("below min.cleanable.dirty.ratio the log is not picked for cleaning") {
  LogConfig config = Compacted();
  config.min_cleanable_dirty_ratio = 0.9;
  LogFixture f(config);
  for (int i = 0; i < 6; ++i) f.Produce(std::vector<KeyValue>{{"k", std::to_string(i)}});
  f.log.Compact(f.log.log_end_offset(), f.now);
  for (int i = 0; i < 2; ++i) f.Produce(std::vector<KeyValue>{{"k", std::to_string(i)}});
  const double ratio = f.log.DirtyRatio(f.log.log_end_offset());
  CHECK(ratio > 0.0);
  CHECK(ratio < 0.9);
  CHECK_FALSE(f.log.NeedsCompaction(f.log.log_end_offset()));
}

TEST_CASE("compaction stays below the high watermark") {
  LogFixture f(Compacted());
  for (int i = 0; i < 6; ++i) f.Produce(std::vector<KeyValue>{{"k", std::to_string(i)}});
  // The high watermark at 1 lies in the first segment, which is therefore uncleanable, and so
  // is everything after it.
  f.log.Compact(Offset(1), f.now);
  CHECK(Contents(f.log).size() == 6);
}

}  // namespace
}  // namespace kafkasim
