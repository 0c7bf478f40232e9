// kafka-dump-log.sh's output (sim/storage/dump_log.cpp), golden text in Kafka 3.7's format.

#include "sim/storage/dump_log.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "sim/storage/record_batch_builder.h"
#include "tests/storage/log_fixture.h"

namespace kafkasim {
namespace {

using testing::LogFixture;

constexpr std::string_view kPath = "/tmp/kafka-logs/orders-0/00000000000000000000.log";

// Two batches: "k1"="hello" and a null key with "world" at t0 under epoch 0, then an idempotent
// batch with a header and a tombstone at t0+5 under epoch 1.
struct TwoBatches : LogFixture {
  TwoBatches() {
    log.AppendAsLeader(testing::Batch({{"k1", "hello"}, {std::nullopt, "world"}}, 1700000000000),
                       LeaderEpoch(0), now);
    RecordBatchBuilder builder({.producer_id = 4000, .producer_epoch = 2, .base_sequence = 7});
    const RecordHeader headers[] = {{"trace", AsBytes("1")}, {"user", std::nullopt}};
    builder.Append({.timestamp_ms = 1700000000005,
                    .key = AsBytes("k2"),
                    .value = std::nullopt,
                    .headers = headers});
    log.AppendAsLeader(builder.Build(), LeaderEpoch(1), now);
  }
  std::vector<std::byte> bytes() const { return log.active_segment().LogFileBytes(); }
  std::string Crc(size_t i) const {
    return std::to_string(log.active_segment().batch(i).view().crc());
  }
};

TEST_CASE("dump-log prints one line per batch in Kafka's format") {
  TwoBatches f;
  const std::string expected =
      "Dumping /tmp/kafka-logs/orders-0/00000000000000000000.log\n"
      "Log starting offset: 0\n"
      "baseOffset: 0 lastOffset: 1 count: 2 baseSequence: -1 lastSequence: -1 producerId: -1 "
      "producerEpoch: -1 partitionLeaderEpoch: 0 isTransactional: false isControl: false "
      "deleteHorizonMs: OptionalLong.empty position: 0 CreateTime: 1700000000000 size: 87 "
      "magic: 2 compresscodec: none crc: " +
      f.Crc(0) +
      " isvalid: true\n"
      "baseOffset: 2 lastOffset: 2 count: 1 baseSequence: 7 lastSequence: 7 producerId: 4000 "
      "producerEpoch: 2 partitionLeaderEpoch: 1 isTransactional: false isControl: false "
      "deleteHorizonMs: OptionalLong.empty position: 87 CreateTime: 1700000000005 size: 84 "
      "magic: 2 compresscodec: none crc: " +
      f.Crc(1) + " isvalid: true\n";
  CHECK(DumpLogFile(kPath, f.bytes(), {}) == expected);
}

TEST_CASE("dump-log --deep-iteration prints each record without its data") {
  TwoBatches f;
  const std::string dump = DumpLogFile(kPath, f.bytes(), {.deep_iteration = true});
  CHECK(dump.find("| offset: 0 CreateTime: 1700000000000 keySize: 2 valueSize: 5 sequence: -1 "
                  "headerKeys: []\n") != std::string::npos);
  CHECK(dump.find("| offset: 1 CreateTime: 1700000000000 keySize: -1 valueSize: 5 sequence: -1 "
                  "headerKeys: []\n") != std::string::npos);
  CHECK(dump.find("| offset: 2 CreateTime: 1700000000005 keySize: 2 valueSize: -1 sequence: 7 "
                  "headerKeys: [trace,user]\n") != std::string::npos);
  CHECK(dump.find("payload") == std::string::npos);
}

TEST_CASE("dump-log --print-data-log adds keys and payloads, and skips absent ones") {
  TwoBatches f;
  const std::string dump = DumpLogFile(kPath, f.bytes(), {.print_data_log = true});
  CHECK(dump.find("headerKeys: [] key: k1 payload: hello\n") != std::string::npos);
  CHECK(dump.find("headerKeys: [] payload: world\n") != std::string::npos);
  CHECK(dump.find("headerKeys: [trace,user] key: k2\n") != std::string::npos);
}

TEST_CASE("dump-log marks a batch whose CRC fails and reports a torn tail") {
  TwoBatches f;
  std::vector<std::byte> bytes = f.bytes();
  bytes[70] ^= std::byte{0x01};     // inside the first batch's records
  bytes.resize(bytes.size() - 10);  // the second batch is cut short
  const std::string dump = DumpLogFile(kPath, bytes, {});
  CHECK(dump.find("isvalid: false\n") != std::string::npos);
  CHECK(dump.find("position: 87") == std::string::npos);
  CHECK(dump.ends_with("Found 74 invalid bytes at the end of 00000000000000000000.log\n"));
}

TEST_CASE("dump-log of a deep-iterated corrupt batch says why and stops, as Kafka does") {
  TwoBatches f;
  std::vector<std::byte> bytes = f.bytes();
  bytes[70] ^= std::byte{0x01};
  const std::string dump = DumpLogFile(kPath, bytes, {.deep_iteration = true});
  CHECK(dump.find("CorruptRecordException: batch at position 0: CRC mismatch") !=
        std::string::npos);
  CHECK(dump.find("position: 87") == std::string::npos);
}

TEST_CASE("dump-log shows the delete horizon the cleaner stamped") {
  RecordBatchBuilder builder({.delete_horizon_ms = 1700086400000});
  builder.Append({.timestamp_ms = 1700000000000, .key = AsBytes("k"), .value = std::nullopt});
  const RecordBatch batch = builder.Build();
  const std::string dump = DumpLogFile(kPath, batch.bytes(), {.print_data_log = true});
  CHECK(dump.find("deleteHorizonMs: OptionalLong[1700086400000]") != std::string::npos);
  CHECK(dump.find("| offset: 0 CreateTime: 1700000000000 keySize: 1 valueSize: -1") !=
        std::string::npos);
}

TEST_CASE("dump-log of a segment with a base offset names it from the file") {
  LogFixture f(LogConfig{}, Offset(42));
  f.Produce(std::vector<std::string>{"a"});
  const std::string dump = DumpLogFile("/tmp/kafka-logs/orders-0/00000000000000000042.log",
                                       f.log.active_segment().LogFileBytes(), {});
  CHECK(dump.find("Log starting offset: 42\nbaseOffset: 42 lastOffset: 42") != std::string::npos);
}

TEST_CASE("dump-log of the index files lists their entries with absolute offsets") {
  LogConfig config;
  config.index_interval_bytes = 0;
  LogFixture f(config, Offset(100));
  f.Produce(std::vector<std::string>{"a"});
  f.Produce(std::vector<std::string>{"b", "c"});
  const LogSegment& segment = f.log.active_segment();
  CHECK(DumpOffsetIndexFile("/d/00000000000000000100.index", segment.OffsetIndexFileBytes()) ==
        "Dumping /d/00000000000000000100.index\noffset: 102 position: 69\n");
  CHECK(DumpTimeIndexFile("/d/00000000000000000100.timeindex", segment.TimeIndexFileBytes()) ==
        // Both batches carry the same timestamp: the entry names the first batch to reach it.
        fmt::format("Dumping /d/00000000000000000100.timeindex\ntimestamp: {} offset: 100\n",
                    f.now.millis()));
  CHECK(DumpOffsetIndexFile("/d/00000000000000000000.index", {}) ==
        "Dumping /d/00000000000000000000.index\n/d/00000000000000000000.index is empty.\n");
}

}  // namespace
}  // namespace kafkasim
