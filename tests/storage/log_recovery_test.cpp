// Durability: flushes, a process crash, a power loss and recovery (sim/storage/log_recovery.cpp).

#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "sim/storage/log.h"
#include "tests/storage/log_fixture.h"

namespace kafkasim {
namespace {

using testing::Filler;
using testing::LogFixture;

TEST_CASE("appends stay in the page cache until a flush moves the recovery point") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a", "b"});
  CHECK(f.log.recovery_point() == Offset(0));
  CHECK(f.log.unflushed_messages() == 2);
  f.log.Flush(f.now);
  CHECK(f.log.recovery_point() == Offset(2));
  CHECK(f.log.unflushed_messages() == 0);
}

TEST_CASE("flush.messages flushes in the append path") {
  LogConfig config;
  config.flush_messages = 3;
  LogFixture f(config);
  f.Produce(std::vector<std::string>{"a", "b"});
  CHECK(f.log.recovery_point() == Offset(0));
  f.Produce(std::vector<std::string>{"c"});
  CHECK(f.log.recovery_point() == Offset(3));
}

TEST_CASE("flush.ms flushes when the scheduler finds the last flush too old") {
  LogConfig config;
  config.flush_ms = 1000;
  LogFixture f(config);
  f.Produce(std::vector<std::string>{"a"});
  CHECK_FALSE(f.log.MaybeFlush(f.now));
  f.Advance(Duration::Millis(1000));
  CHECK(f.log.MaybeFlush(f.now));
  CHECK(f.log.recovery_point() == Offset(1));
}

TEST_CASE("the operating system writes back data older than the dirty expiry") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a"});
  f.Advance(Duration::Seconds(29));
  CHECK_FALSE(f.log.WritebackIfOlderThan(Duration::Seconds(30), f.now));
  f.Advance(Duration::Seconds(1));
  CHECK(f.log.WritebackIfOlderThan(Duration::Seconds(30), f.now));
  CHECK(f.log.recovery_point() == Offset(1));
}

TEST_CASE("a process crash keeps the page cache: recovery finds every record") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a", "b"});
  f.log.Flush(f.now);
  f.Produce(std::vector<std::string>{"c"});
  const RecoveryInfo info = f.log.Recover(/*clean_shutdown=*/false, f.now);
  CHECK(info.log_end_offset == Offset(3));
  CHECK(info.bytes_truncated == 0);
  CHECK(f.ReadAll() == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("a power loss loses the unflushed records") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a", "b"});
  f.log.Flush(f.now);
  f.Produce(std::vector<std::string>{"c"});
  f.Produce(std::vector<std::string>{"d"});
  f.log.LoseUnflushed();
  const RecoveryInfo info = f.log.Recover(false, f.now);
  CHECK(f.log.log_end_offset() == Offset(2));
  CHECK(f.ReadAll() == std::vector<std::string>{"a", "b"});
  CHECK(info.events.front().text ==
        "orders-0: recovered 1 segment(s) after an unclean shutdown; log end offset 2 (was 4)");
  // The log goes on from there.
  CHECK(f.Produce(std::vector<std::string>{"e"}).first_offset == Offset(2));
}

TEST_CASE("recovery truncates a torn batch and keeps whole ones that reached the disk") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a"});
  f.log.Flush(f.now);
  const int64_t c_size = f.Produce(std::vector<std::string>{"c"}).valid_bytes;
  f.Produce(std::vector<std::string>{"d"});
  // The disk got all of "c" and 10 bytes of "d".
  f.log.LoseUnflushed(c_size + 10);
  const RecoveryInfo info = f.log.Recover(false, f.now);
  CHECK(f.ReadAll() == std::vector<std::string>{"a", "c"});
  CHECK(info.bytes_truncated == 10);
  REQUIRE(info.events.size() == 3);
  CHECK(info.events[2].text ==
        fmt::format("orders-0: segment 00000000000000000000 truncated at position {} (10 bytes): "
                    "a torn batch at position {} (10 bytes)",
                    f.log.size_bytes(), f.log.size_bytes()));
  f.log.CheckInvariants();
}

TEST_CASE("recovery trims the epoch cache to the recovered log end") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a"});
  f.log.Flush(f.now);
  f.epoch = LeaderEpoch(3);
  f.Produce(std::vector<std::string>{"b"});
  f.log.LoseUnflushed();
  f.log.Recover(false, f.now);
  CHECK(f.log.latest_epoch() == LeaderEpoch(0));
}

TEST_CASE("recovery rebuilds the indexes of the segments it scanned") {
  LogConfig config;
  config.index_interval_bytes = 100;
  LogFixture f(config);
  for (int i = 0; i < 20; ++i) f.Produce(std::vector<std::string>{Filler(100)});
  const std::vector<OffsetIndexEntry> before = f.log.active_segment().offset_index();
  f.log.Recover(false, f.now);
  CHECK(f.log.active_segment().offset_index() == before);
  CHECK(before.size() == 19);
}

TEST_CASE("a clean shutdown skips the scan") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a"});
  f.log.Flush(f.now);
  const RecoveryInfo info = f.log.Recover(/*clean_shutdown=*/true, f.now);
  CHECK(info.segments_scanned == 0);
  CHECK(info.events.empty());
}

}  // namespace
}  // namespace kafkasim
