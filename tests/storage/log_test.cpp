// The Log's appends, reads, ListOffsets and truncation (sim/storage/log.cpp).

#include "sim/storage/log.h"

#include <catch2/catch.hpp>

#include "tests/storage/log_fixture.h"

namespace kafkasim {
namespace {

using testing::Batch;
using testing::Filler;
using testing::LogFixture;
using testing::Values;

TEST_CASE("a leader append assigns offsets from the log end offset") {
  LogFixture f;
  const LogAppendInfo first = f.Produce(std::vector<std::string>{"a", "b", "c"});
  const LogAppendInfo second = f.Produce(std::vector<std::string>{"d"});
  CHECK(first.first_offset == Offset(0));
  CHECK(first.last_offset == Offset(2));
  CHECK(first.record_count == 3);
  CHECK(second.first_offset == Offset(3));
  CHECK(f.log.log_end_offset() == Offset(4));
  CHECK(f.ReadAll() == std::vector<std::string>{"a", "b", "c", "d"});
}

TEST_CASE("a leader append stamps its epoch without touching the CRC") {
  LogFixture f;
  f.epoch = LeaderEpoch(7);
  const RecordBatch produced = Values({"a"});
  f.log.AppendAsLeader(produced, f.epoch, f.now);
  const LogReadInfo read = f.log.Read(Offset(0), 1000);
  REQUIRE(read.batches.size() == 1);
  const RecordBatchView stored = read.batches[0].view();
  CHECK(stored.partition_leader_epoch() == 7);
  CHECK(stored.crc() == produced.view().crc());           // the epoch lies outside the CRC
  CHECK(produced.view().partition_leader_epoch() == -1);  // the producer's copy is untouched
  CHECK(f.log.latest_epoch() == LeaderEpoch(7));
}

TEST_CASE("LogAppendTime replaces the timestamps with the broker's clock and a new CRC") {
  LogConfig config;
  config.message_timestamp_type = TimestampType::kLogAppendTime;
  LogFixture f(config);
  const RecordBatch produced = Values({"a"}, 5);
  const LogAppendInfo info = f.log.AppendAsLeader(produced, f.epoch, f.now);
  CHECK(info.log_append_time_ms == f.now.millis());
  const RecordBatchView stored = f.log.Read(Offset(0), 1000).batches.at(0).view();
  CHECK(stored.timestamp_type() == TimestampType::kLogAppendTime);
  CHECK(stored.max_timestamp() == f.now.millis());
  CHECK(stored.crc() != produced.view().crc());
  CHECK(RecordBatchView::Parse(stored.bytes()).ok());
}

TEST_CASE("a batch over max.message.bytes is refused with MESSAGE_TOO_LARGE") {
  LogConfig config;
  config.max_message_bytes = 100;
  LogFixture f(config);
  const LogAppendInfo info = f.Produce(std::vector<std::string>{Filler(200)});
  CHECK(info.error == LogError::kMessageTooLarge);
  CHECK(f.log.log_end_offset() == Offset(0));
}

TEST_CASE("a compacted topic refuses a record without a key") {
  LogConfig config;
  config.cleanup_compact = true;
  LogFixture f(config);
  const LogAppendInfo info = f.Produce(std::vector<std::string>{"no key"});
  CHECK(info.error == LogError::kInvalidRecord);
  CHECK(info.message ==
        "Compacted topic cannot accept message without key in topic partition orders-0.");
  CHECK(f.log.log_end_offset() == Offset(0));
}

TEST_CASE("a follower append keeps the leader's offsets and shares its buffer") {
  LogFixture leader;
  leader.Produce(std::vector<std::string>{"a", "b"});
  LogFixture follower;
  const RecordBatch batch = leader.log.Read(Offset(0), 1000).batches.at(0);
  REQUIRE(follower.log.AppendAsFollower(batch, follower.now).ok());
  CHECK(follower.log.log_end_offset() == Offset(2));
  CHECK(follower.log.Read(Offset(0), 1000).batches.at(0).buffer() == batch.buffer());
}

TEST_CASE("a follower append below the log end offset is refused") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a", "b"});
  const LogAppendInfo info = f.log.AppendAsFollower(Values({"x"}), f.now);  // base offset 0
  CHECK(info.error == LogError::kUnexpectedAppendOffset);
  CHECK(f.log.log_end_offset() == Offset(2));
}

TEST_CASE("a follower append of bytes stops at a cut-off batch and refuses a corrupt one") {
  LogFixture leader;
  leader.Produce(std::vector<std::string>{"a"});
  leader.Produce(std::vector<std::string>{"b"});
  std::vector<std::byte> bytes = leader.log.segments()[0]->LogFileBytes();
  const size_t first_size = leader.log.segments()[0]->batch(0).size_bytes();

  LogFixture cut;
  std::vector<std::byte> partial(bytes.begin(), bytes.end() - 5);
  const LogAppendInfo some = cut.log.AppendAsFollower(Bytes(partial), cut.now);
  CHECK(some.ok());
  CHECK(cut.log.log_end_offset() == Offset(1));

  LogFixture corrupt;
  bytes[first_size + 65] ^= std::byte{1};  // inside the second batch's records
  const LogAppendInfo none = corrupt.log.AppendAsFollower(Bytes(bytes), corrupt.now);
  CHECK(none.error == LogError::kCorruptMessage);
  CHECK(corrupt.log.log_end_offset() == Offset(0));  // nothing appended, not even the first
}

TEST_CASE("a read outside [log start, log end] is OFFSET_OUT_OF_RANGE") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a", "b"});
  CHECK(f.log.Read(Offset(3), 1000).error == LogError::kOffsetOutOfRange);
  CHECK(f.log.Read(Offset(2), 1000).ok());  // at the end: nothing, but no error
  CHECK(f.log.Read(Offset(2), 1000).batches.empty());
  REQUIRE(f.log.DeleteRecordsBefore(Offset(1), Offset(2)).error == LogError::kNone);
  CHECK(f.log.Read(Offset(0), 1000).error == LogError::kOffsetOutOfRange);
}

TEST_CASE("a read returns the whole batch holding the offset, from its start") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a", "b", "c"});
  const LogReadInfo read = f.log.Read(Offset(1), 1000);
  REQUIRE(read.batches.size() == 1);
  CHECK(read.batches[0].view().base_offset() == 0);
}

TEST_CASE("a read returns the first batch even when it exceeds max bytes (KIP-74)") {
  LogFixture f;
  f.Produce(std::vector<std::string>{Filler(500)});
  f.Produce(std::vector<std::string>{"small"});
  const LogReadInfo read = f.log.Read(Offset(0), 10);
  REQUIRE(read.batches.size() == 1);
  CHECK(read.size_bytes > 10);
  CHECK(f.log.Read(Offset(0), 10, kMaxOffset, /*min_one_batch=*/false).batches.empty());
}

TEST_CASE("a read stops at max bytes on a batch boundary") {
  LogFixture f;
  for (int i = 0; i < 5; ++i) f.Produce(std::vector<std::string>{Filler(100)});
  const int64_t one = f.log.Read(Offset(0), 1).size_bytes;
  const LogReadInfo read = f.log.Read(Offset(0), static_cast<int32_t>(2 * one + one / 2));
  CHECK(read.batches.size() == 2);
}

TEST_CASE("a consumer read stops below the high watermark") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a", "b"});
  f.Produce(std::vector<std::string>{"c"});
  const Offset high_watermark(2);
  const LogReadInfo read = f.log.Read(Offset(0), 1 << 20, high_watermark);
  REQUIRE(read.batches.size() == 1);
  CHECK(read.batches[0].view().last_offset() == 1);
  CHECK(f.log.Read(Offset(2), 1 << 20, high_watermark).batches.empty());
}

TEST_CASE("ListOffsets: earliest, latest, by time and the max timestamp") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a", "b"});  // t0
  f.Advance(Duration::Seconds(10));
  f.Produce(std::vector<std::string>{"c"});  // t0 + 10 s
  f.Advance(Duration::Seconds(10));
  f.Produce(std::vector<std::string>{"d"});  // t0 + 20 s
  const int64_t t0 = testing::kStartMs;
  CHECK(f.log.OffsetForTimestamp(kEarliestTimestamp).offset == Offset(0));
  CHECK(f.log.OffsetForTimestamp(kLatestTimestamp).offset == Offset(4));
  CHECK(f.log.OffsetForTimestamp(t0 + 5000) ==
        TimestampAndOffset{t0 + 10000, Offset(2), LeaderEpoch(0)});
  CHECK(f.log.OffsetForTimestamp(t0).offset == Offset(0));
  CHECK(f.log.OffsetForTimestamp(t0 + 30000).offset == kUndefinedOffset);
  CHECK(f.log.OffsetForTimestamp(kMaxTimestamp).offset == Offset(3));
}

TEST_CASE("ListOffsets by time finds a record deep in a segment through the time index") {
  LogConfig config;
  config.index_interval_bytes = 100;
  LogFixture f(config);
  for (int i = 0; i < 50; ++i) {
    f.Produce(std::vector<std::string>{Filler(80)});
    f.Advance(Duration::Seconds(1));
  }
  REQUIRE(f.log.segments()[0]->time_index().size() > 10);
  const int64_t t = testing::kStartMs + 33 * 1000;
  CHECK(f.log.OffsetForTimestamp(t).offset == Offset(33));
  CHECK(f.log.OffsetForTimestamp(t - 500).offset == Offset(33));
}

TEST_CASE("TruncateTo drops the offsets at and above it and trims the epoch cache") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a", "b"});
  f.epoch = LeaderEpoch(1);
  f.Produce(std::vector<std::string>{"c"});
  f.Produce(std::vector<std::string>{"d"});
  const LogEvents events = f.log.TruncateTo(Offset(2));
  CHECK(f.log.log_end_offset() == Offset(2));
  CHECK(f.ReadAll() == std::vector<std::string>{"a", "b"});
  CHECK(f.log.latest_epoch() == LeaderEpoch(0));  // epoch 1 started at 2: gone
  REQUIRE(events.size() == 1);
  CHECK(events[0].text == "orders-0 truncated to offset 2: 2 offsets and 138 bytes removed");
}

TEST_CASE("TruncateTo at or past the log end does nothing") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a", "b"});
  CHECK(f.log.TruncateTo(Offset(2)).empty());
  CHECK(f.log.TruncateTo(Offset(9)).empty());
  CHECK(f.log.log_end_offset() == Offset(2));
}

TEST_CASE("TruncateTo deletes whole segments above the target") {
  LogConfig config;
  config.segment_bytes = 300;
  LogFixture f(config);
  for (int i = 0; i < 10; ++i) f.Produce(std::vector<std::string>{Filler(100)});
  REQUIRE(f.log.segments().size() > 3);
  f.log.TruncateTo(Offset(3));
  CHECK(f.log.log_end_offset() == Offset(3));
  CHECK(f.log.active_segment().next_offset() == Offset(3));
  for (const auto& segment : f.log.segments()) CHECK(segment->base_offset() <= Offset(3));
  f.log.CheckInvariants();
  // The log keeps working: the next append gets offset 3.
  CHECK(f.Produce(std::vector<std::string>{"next"}).first_offset == Offset(3));
}

TEST_CASE("TruncateFullyAndStartAt empties the log and clears the epoch cache") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a", "b"});
  f.log.TruncateFullyAndStartAt(Offset(100), f.now);
  CHECK(f.log.log_start_offset() == Offset(100));
  CHECK(f.log.log_end_offset() == Offset(100));
  CHECK(f.log.segments().size() == 1);
  CHECK(f.log.active_segment().base_offset() == Offset(100));
  CHECK(!f.log.latest_epoch());
  CHECK(f.Produce(std::vector<std::string>{"x"}).first_offset == Offset(100));
}

TEST_CASE("a new leader's epoch starts at its log end and answers OffsetsForLeaderEpoch") {
  LogFixture f;
  f.Produce(std::vector<std::string>{"a", "b", "c"});  // epoch 0 at 0
  f.log.MaybeAssignEpochStartOffset(LeaderEpoch(2), f.log.log_end_offset());
  f.epoch = LeaderEpoch(2);
  f.Produce(std::vector<std::string>{"d"});
  CHECK(f.log.EndOffsetForEpoch(LeaderEpoch(0)) == EpochEndOffset{LeaderEpoch(0), Offset(3)});
  CHECK(f.log.EndOffsetForEpoch(LeaderEpoch(1)) == EpochEndOffset{LeaderEpoch(0), Offset(3)});
  CHECK(f.log.EndOffsetForEpoch(LeaderEpoch(2)) == EpochEndOffset{LeaderEpoch(2), Offset(4)});
  CHECK(f.log.EndOffsetForEpoch(LeaderEpoch(3)) == EpochEndOffset{});
}

}  // namespace
}  // namespace kafkasim
