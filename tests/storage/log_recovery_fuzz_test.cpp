// Seeded mutation of valid segments: recovery and kafka-dump-log.sh never crash, never read out
// of bounds (run the suite under ASan), and never keep a batch that fails its CRC.
// Reproduce a failure with the seed printed in its message.

#include <catch2/catch.hpp>

#include "sim/core/random.h"
#include "sim/storage/big_endian.h"
#include "sim/storage/dump_log.h"
#include "sim/storage/log.h"
#include "tests/storage/log_fixture.h"

namespace kafkasim {
namespace {

using testing::LogFixture;

// A valid segment of a few batches with keys, values, nulls and headers.
std::vector<std::byte> ValidSegment(Random& random) {
  LogFixture f;
  const int batches = static_cast<int>(random.Between(1, 6));
  for (int b = 0; b < batches; ++b) {
    RecordBatchBuilder builder({});
    const int records = static_cast<int>(random.Between(1, 5));
    const RecordHeader header{"h", AsBytes("v")};
    for (int r = 0; r < records; ++r) {
      const std::string key(static_cast<size_t>(random.Between(0, 8)), 'k');
      const std::string value(static_cast<size_t>(random.Between(0, 40)), 'v');
      builder.Append({.timestamp_ms = testing::kStartMs + r,
                      .key = random.Chance(0.3) ? std::nullopt : NullableBytes(AsBytes(key)),
                      .value = random.Chance(0.1) ? std::nullopt : NullableBytes(AsBytes(value)),
                      .headers = random.Chance(0.3) ? std::span<const RecordHeader>(&header, 1)
                                                    : std::span<const RecordHeader>()});
    }
    f.log.AppendAsLeader(builder.Build(), f.epoch, f.now);
  }
  return f.log.active_segment().LogFileBytes();
}

void Mutate(std::vector<std::byte>& bytes, Random& random) {
  const int mutations = static_cast<int>(random.Between(1, 4));
  for (int m = 0; m < mutations && !bytes.empty(); ++m) {
    const size_t at = random.Below(bytes.size());
    switch (random.Below(6)) {
      case 0:  // a flipped bit
        bytes[at] ^= std::byte{static_cast<unsigned char>(1u << random.Below(8))};
        break;
      case 1:  // a torn tail
        bytes.resize(at);
        break;
      case 2:  // a bogus batch length, maybe negative, maybe past the end
        if (bytes.size() >= 12) {
          const size_t batch = random.Below(bytes.size() - 11);
          StoreBigEndian(bytes.data() + batch + 8, static_cast<int32_t>(random.Next()));
        }
        break;
      case 3:  // a random byte (varints, counts, attributes)
        bytes[at] = static_cast<std::byte>(random.Below(256));
        break;
      case 4:  // garbage appended
        for (uint64_t i = random.Below(80); i > 0; --i) {
          bytes.push_back(static_cast<std::byte>(random.Below(256)));
        }
        break;
      default:  // a byte run overwritten with 0xff (negative varints and lengths)
        for (size_t i = at; i < std::min(bytes.size(), at + 4); ++i) bytes[i] = std::byte{0xff};
        break;
    }
  }
}

TEST_CASE("recovery and dump-log survive thousands of mutated segments") {
  constexpr uint64_t kSeed = 20261125;
  Random random(kSeed, "storage-fuzz");
  int truncated = 0;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    INFO("seed " << kSeed << " iteration " << iteration);
    std::vector<std::byte> bytes = ValidSegment(random);
    Mutate(bytes, random);

    const std::string dump = DumpLogFile("/tmp/kafka-logs/orders-0/00000000000000000000.log", bytes,
                                         {.print_data_log = true});
    CHECK(dump.starts_with("Dumping "));

    LogFixture f;
    f.log.ReplaceSegmentFile(Offset(0), bytes);
    const RecoveryInfo info = f.log.Recover(/*clean_shutdown=*/false, f.now);
    if (info.bytes_truncated > 0) ++truncated;
    f.log.CheckInvariants();
    int64_t next = 0;
    for (const auto& segment : f.log.segments()) {
      for (size_t i = 0; i < segment->batch_count(); ++i) {
        const RecordBatchView view = segment->batch(i).view();
        REQUIRE(view.crc() == view.ComputeCrc());
        REQUIRE(RecordBatchView::Parse(view.bytes()).ok());
        REQUIRE(view.base_offset() >= next);
        next = view.last_offset() + 1;
      }
    }
    CHECK(f.log.log_end_offset().value() >= next);
    // Whatever survived reads back and takes appends.
    const LogReadInfo read = f.log.Read(f.log.log_start_offset(), 1 << 20);
    CHECK(read.ok());
  }
  CHECK(truncated > 1000);  // the mutations do break things
}

}  // namespace
}  // namespace kafkasim
