// Segments: rolling, the sparse offset and time indexes, lookups (sim/storage/log_segment.cpp).

#include "sim/storage/log_segment.h"

#include <catch2/catch.hpp>

#include "sim/core/random.h"
#include "tests/storage/log_fixture.h"

namespace kafkasim {
namespace {

using testing::Filler;
using testing::LogFixture;

TEST_CASE("segment files are named by their base offset, 20 digits") {
  CHECK(SegmentFilePrefix(Offset(0)) == "00000000000000000000");
  CHECK(SegmentFilePrefix(Offset(1234)) == "00000000000000001234");
}

TEST_CASE("a segment rolls when the next batch would pass segment.bytes") {
  LogConfig config;
  config.segment_bytes = 500;
  LogFixture f(config);
  const int64_t size = f.Produce(std::vector<std::string>{Filler(100)}).valid_bytes;  // ~170
  f.Produce(std::vector<std::string>{Filler(100)});
  CHECK(f.log.segments().size() == 1);  // 2 * size <= 500
  const LogAppendInfo third = f.Produce(std::vector<std::string>{Filler(100)});
  REQUIRE(3 * size > 500);
  CHECK(f.log.segments().size() == 2);
  CHECK(f.log.active_segment().base_offset() == Offset(2));
  REQUIRE(third.events.size() == 1);
  CHECK(third.events[0].kind == "log.segment_roll");
  CHECK(third.events[0].rule == "segment.bytes=500");
}

TEST_CASE("a roll flushes the segments below the new one") {
  LogConfig config;
  config.segment_bytes = 300;
  LogFixture f(config);
  f.Produce(std::vector<std::string>{Filler(100)});
  CHECK(f.log.recovery_point() == Offset(0));
  f.Produce(std::vector<std::string>{Filler(100)});  // rolls
  CHECK(f.log.recovery_point() == Offset(1));
}

TEST_CASE("a segment rolls when its records span more than segment.ms") {
  LogConfig config;
  config.segment_ms = 60000;
  LogFixture f(config);
  f.Produce(std::vector<std::string>{"a"});
  f.Advance(Duration::Seconds(60));
  f.Produce(std::vector<std::string>{"b"});  // exactly 60 s: not more
  CHECK(f.log.segments().size() == 1);
  f.Advance(Duration::Millis(1));
  const LogAppendInfo info = f.Produce(std::vector<std::string>{"c"});
  CHECK(f.log.segments().size() == 2);
  REQUIRE(info.events.size() == 1);
  CHECK(info.events[0].rule == "segment.ms=60000");
}

TEST_CASE("segment.ms counts from the records' timestamps, not the clock") {
  LogConfig config;
  config.segment_ms = 60000;
  LogFixture f(config);
  f.Produce(std::vector<std::string>{"a"});
  f.Advance(Duration::Seconds(120));
  // A record stamped by a producer with a slow clock: its timestamp is close to the first's.
  f.log.AppendAsLeader(testing::Values({"late"}, testing::kStartMs + 1000), f.epoch, f.now);
  CHECK(f.log.segments().size() == 1);
}

TEST_CASE("the offset index gets an entry once index.interval.bytes were appended") {
  LogConfig config;
  config.index_interval_bytes = 400;
  LogFixture f(config);
  for (int i = 0; i < 6; ++i) f.Produce(std::vector<std::string>{Filler(100), Filler(100)});
  const LogSegment& segment = f.log.active_segment();
  const int64_t batch = segment.position(1);  // every batch has the same size, ~270 bytes
  REQUIRE(batch > 200);
  REQUIRE(batch <= 400);
  // Kafka checks the bytes appended since the last entry before counting the new batch: batch 0
  // (0 bytes before it) and batch 1 (~280) make no entry, batch 2 (~560 before it) does, naming
  // its last offset (5) and its position; then batch 4 likewise.
  REQUIRE(segment.offset_index().size() == 2);
  CHECK(segment.offset_index()[0] == OffsetIndexEntry{5, static_cast<int32_t>(2 * batch)});
  CHECK(segment.offset_index()[1] == OffsetIndexEntry{9, static_cast<int32_t>(4 * batch)});
}

TEST_CASE("the index files are Kafka's bytes: 4+4 and 8+4 big-endian") {
  LogConfig config;
  config.index_interval_bytes = 0;
  LogFixture f(config);
  f.Produce(std::vector<std::string>{"a"});
  f.Produce(std::vector<std::string>{"b", "c"});
  const LogSegment& segment = f.log.active_segment();
  REQUIRE(segment.offset_index().size() == 1);  // the first batch is never indexed
  const std::vector<std::byte> index = segment.OffsetIndexFileBytes();
  const std::vector<std::byte> time = segment.TimeIndexFileBytes();
  REQUIRE(index.size() == 8);
  REQUIRE(time.size() == 12);
  CHECK(std::to_integer<int>(index[3]) == 2);  // relative offset 2: the append's last offset
  CHECK(std::to_integer<int>(index[7]) == static_cast<int>(segment.position(1)));
}

TEST_CASE("a lookup by offset finds the batch holding it, in any segment") {
  LogConfig config;
  config.segment_bytes = 2000;
  config.index_interval_bytes = 300;
  LogFixture f(config);
  for (int i = 0; i < 100; ++i)
    f.Produce(std::vector<std::string>{Filler(40), Filler(40), Filler(40)});
  REQUIRE(f.log.segments().size() > 5);
  for (int64_t offset = 0; offset < 300; ++offset) {
    const LogReadInfo read = f.log.Read(Offset(offset), 1);
    REQUIRE(read.batches.size() == 1);
    const RecordBatchView view = read.batches[0].view();
    CHECK(view.base_offset() <= offset);
    CHECK(view.last_offset() >= offset);
  }
}

TEST_CASE("a lookup by offset is exact when batch sizes and record counts vary wildly") {
  // The index search guesses by interpolation; uneven batches make the guesses wrong.
  LogConfig config;
  config.index_interval_bytes = 50;
  LogFixture f(config);
  Random random(7, "uneven");
  for (int i = 0; i < 300; ++i) {
    std::vector<std::string> values(static_cast<size_t>(random.Between(1, i % 50 == 0 ? 200 : 3)),
                                    Filler(static_cast<size_t>(random.Between(0, 300))));
    f.Produce(values);
  }
  const LogSegment& segment = f.log.active_segment();
  REQUIRE(segment.offset_index().size() > 200);
  for (int64_t offset = 0; offset < f.log.log_end_offset().value(); ++offset) {
    const std::optional<size_t> found = segment.FindBatch(Offset(offset));
    REQUIRE(found);
    CHECK(segment.last_offset(*found) >= offset);
    CHECK((*found == 0 || segment.last_offset(*found - 1) < offset));
  }
}

TEST_CASE("a segment lookup past its last offset finds nothing") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a", "b"});
  CHECK(f.log.active_segment().FindBatch(Offset(1)) == 0u);
  CHECK(!f.log.active_segment().FindBatch(Offset(2)));
}

}  // namespace
}  // namespace kafkasim
