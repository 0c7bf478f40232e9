// Retention by time and size, and kafka-delete-records.sh (sim/storage/log_retention.cpp).

#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "sim/storage/log.h"
#include "tests/storage/log_fixture.h"

namespace kafkasim {
namespace {

using testing::Filler;
using testing::LogFixture;

LogConfig SmallSegments(LogConfig config) {
  config.segment_bytes = 200;  // fits one 100-byte record
  return config;
}

// Three segments of one batch each, produced 10 s apart.
struct ThreeSegments : LogFixture {
  explicit ThreeSegments(LogConfig config) : LogFixture(SmallSegments(config)) {
    for (int i = 0; i < 3; ++i) {
      Produce(std::vector<std::string>{Filler(100)});
      Advance(Duration::Seconds(10));
    }
    REQUIRE(log.segments().size() == 3);
  }
};

TEST_CASE("retention.ms deletes segments whose newest record is older, oldest first") {
  LogConfig config;
  config.retention_ms = 60000;
  ThreeSegments f(config);
  // Records at t0, t0+10s, t0+20s; now t0+30s. At t0+65s only the first is over 60 s old.
  f.Advance(Duration::Seconds(35));
  const LogEvents events = f.log.DeleteOldSegments(f.log.log_end_offset(), f.now);
  REQUIRE(events.size() == 1);
  CHECK(events[0].text ==
        "segment 00000000000000000000 of orders-0 deleted: older than retention.ms=60000");
  CHECK(events[0].rule == "retention.ms=60000");
  CHECK(f.log.log_start_offset() == Offset(1));
  CHECK(f.log.segments().size() == 2);
}

TEST_CASE("retention never deletes a segment at or above the high watermark") {
  LogConfig config;
  config.retention_ms = 1000;
  ThreeSegments f(config);
  f.Advance(Duration::Seconds(3600));
  // The high watermark is at 1: only segment 0 (offsets below 1) lies wholly below it.
  const LogEvents events = f.log.DeleteOldSegments(Offset(1), f.now);
  CHECK(events.size() == 1);
  CHECK(f.log.log_start_offset() == Offset(1));
  CHECK(f.log.segments().size() == 2);
}

TEST_CASE("an expired active segment is deleted after rolling a new empty one") {
  LogConfig config;
  config.retention_ms = 1000;
  LogFixture f(config);
  f.Produce(std::vector<std::string>{"a", "b"});
  f.Advance(Duration::Seconds(5));
  const LogEvents events = f.log.DeleteOldSegments(f.log.log_end_offset(), f.now);
  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == "log.segment_roll");
  CHECK(events[1].kind == "log.segment_delete");
  CHECK(f.log.segments().size() == 1);
  CHECK(f.log.active_segment().base_offset() == Offset(2));
  CHECK(f.log.active_segment().empty());
  CHECK(f.log.log_start_offset() == Offset(2));
  CHECK(f.log.log_end_offset() == Offset(2));
  // An empty active segment is never deleted, however old.
  f.Advance(Duration::Seconds(3600));
  CHECK(f.log.DeleteOldSegments(f.log.log_end_offset(), f.now).empty());
}

TEST_CASE("retention.bytes deletes the oldest segments while the log is too large") {
  LogConfig config;
  config.retention_ms = -1;
  ThreeSegments f(config);
  const int64_t one = f.log.segments()[0]->size_bytes();
  f.log.set_config([&] {
    LogConfig c = f.log.config();
    // Deleting one segment leaves more than half of one too many bytes; deleting two does not,
    // and the next deletion would take the log below the limit: two go.
    c.retention_bytes = one / 2;
    return c;
  }());
  const LogEvents events = f.log.DeleteOldSegments(f.log.log_end_offset(), f.now);
  CHECK(events.size() == 2);
  CHECK(f.log.log_start_offset() == Offset(2));
  CHECK(events[0].rule == fmt::format("retention.bytes={}", one / 2));
}

TEST_CASE("cleanup.policy=compact alone never deletes by time or size") {
  LogConfig config;
  config.retention_ms = 1;
  config.retention_bytes = 1;
  config.cleanup_delete = false;
  config.cleanup_compact = true;
  config.segment_bytes = 200;
  LogFixture f(config);
  for (int i = 0; i < 3; ++i) f.Produce(std::vector<testing::KeyValue>{{"k", Filler(100)}});
  f.Advance(Duration::Seconds(3600));
  CHECK(f.log.DeleteOldSegments(f.log.log_end_offset(), f.now).empty());
  CHECK(f.log.segments().size() == 3);
}

TEST_CASE("DeleteRecords moves the log start, and the next check deletes what lies below") {
  ThreeSegments f(LogConfig{});
  const auto result = f.log.DeleteRecordsBefore(Offset(2), f.log.log_end_offset());
  CHECK(result.error == LogError::kNone);
  CHECK(result.low_watermark == Offset(2));
  CHECK(f.log.log_start_offset() == Offset(2));
  CHECK(f.log.segments().size() == 3);  // not yet
  const LogEvents events = f.log.DeleteOldSegments(f.log.log_end_offset(), f.now);
  CHECK(events.size() == 2);
  CHECK(events[0].text ==
        "segment 00000000000000000000 of orders-0 deleted: log start offset 2 breach (wholly below it)");
  CHECK(f.log.segments().size() == 1);
}

TEST_CASE("DeleteRecords past the high watermark is OFFSET_OUT_OF_RANGE") {
  ThreeSegments f(LogConfig{});
  const auto result = f.log.DeleteRecordsBefore(Offset(3), Offset(2));
  CHECK(result.error == LogError::kOffsetOutOfRange);
  CHECK(result.message ==
        "Cannot increment the log start offset to 3 of partition orders-0 since it is larger "
        "than the high watermark 2");
  CHECK(f.log.log_start_offset() == Offset(0));
  // -1 means "up to the high watermark".
  CHECK(f.log.DeleteRecordsBefore(kUndefinedOffset, Offset(2)).low_watermark == Offset(2));
}

TEST_CASE("moving the log start trims the epoch cache from the start") {
  ThreeSegments f(LogConfig{});
  f.log.MaybeAssignEpochStartOffset(LeaderEpoch(1), f.log.log_end_offset());
  f.epoch = LeaderEpoch(1);
  f.Produce(std::vector<std::string>{"d"});
  f.log.DeleteRecordsBefore(Offset(2), f.log.log_end_offset());
  REQUIRE(f.log.leader_epoch_cache().entries().size() == 2);
  CHECK(f.log.leader_epoch_cache().entries()[0] == EpochEntry{LeaderEpoch(0), Offset(2)});
}

}  // namespace
}  // namespace kafkasim
