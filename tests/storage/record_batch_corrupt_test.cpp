// What the decoder says about batches that are damaged or deliberately malformed. Most cases seal
// their damage with a correct CRC, as a buggy or hostile producer would, so that the checks behind
// the CRC get exercised too.

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/storage/big_endian.h"
#include "sim/storage/crc32c.h"
#include "sim/storage/record_batch.h"
#include "sim/storage/record_batch_builder.h"
#include "sim/storage/varint.h"
#include "tests/storage/test_bytes.h"

namespace kafkasim {
namespace {

using namespace batch_format;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;

// Record bytes written field by field, so a test can write what no encoder would.
class Fields {
 public:
  Fields& Byte(uint8_t b) {
    bytes_.push_back(static_cast<std::byte>(b));
    return *this;
  }
  Fields& Varint(int32_t v) {
    std::byte buffer[kMaxVarintBytes];
    return Raw(Bytes(buffer, EncodeVarint(v, buffer)));
  }
  Fields& Varlong(int64_t v) {
    std::byte buffer[kMaxVarlongBytes];
    return Raw(Bytes(buffer, EncodeVarlong(v, buffer)));
  }
  Fields& Text(std::string_view text) { return Raw(AsBytes(text)); }
  Fields& Hex(std::string_view hex) { return Raw(testing::FromHex(hex)); }
  Fields& Raw(Bytes bytes) {
    bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
    return *this;
  }
  // This record body, preceded by its length.
  Fields& Record(const Fields& body) {
    return Varint(static_cast<int32_t>(body.size())).Raw(body.bytes_);
  }
  // A valid record at `offset_delta`: key null, no headers.
  Fields& GoodRecord(int32_t offset_delta, std::string_view value = "v") {
    return Record(Fields()
                      .Byte(0)
                      .Varlong(0)
                      .Varint(offset_delta)
                      .Varint(-1)
                      .Varint(static_cast<int32_t>(value.size()))
                      .Text(value)
                      .Varint(0));
  }
  size_t size() const { return bytes_.size(); }
  Bytes bytes() const { return bytes_; }

 private:
  std::vector<std::byte> bytes_;
};

// A batch header around `records` with a correct length and CRC.
std::vector<std::byte> Sealed(const Fields& records, int32_t record_count,
                              int32_t last_offset_delta, int16_t attributes = 0) {
  std::vector<std::byte> batch(kRecordBatchOverhead);
  batch.insert(batch.end(), records.bytes().begin(), records.bytes().end());
  std::byte* p = batch.data();
  StoreBigEndian(p + kBaseOffsetOffset, int64_t{0});
  StoreBigEndian(p + kLengthOffset, static_cast<int32_t>(batch.size() - kLogOverhead));
  StoreBigEndian(p + kPartitionLeaderEpochOffset, int32_t{-1});
  StoreBigEndian(p + kMagicOffset, kMagicV2);
  StoreBigEndian(p + kAttributesOffset, attributes);
  StoreBigEndian(p + kLastOffsetDeltaOffset, last_offset_delta);
  StoreBigEndian(p + kBaseTimestampOffset, int64_t{1000});
  StoreBigEndian(p + kMaxTimestampOffset, int64_t{1000});
  StoreBigEndian(p + kProducerIdOffset, kNoProducerId);
  StoreBigEndian(p + kProducerEpochOffset, kNoProducerEpoch);
  StoreBigEndian(p + kBaseSequenceOffset, kNoSequence);
  StoreBigEndian(p + kRecordCountOffset, record_count);
  StoreBigEndian(p + kCrcOffset, crc32c::Value(Bytes(batch).subspan(kAttributesOffset)));
  return batch;
}

std::string ErrorOf(Bytes bytes) {
  const DecodeResult<RecordBatchView> parsed = RecordBatchView::Parse(bytes);
  return parsed.ok() ? std::string("ok") : parsed.status().message();
}

std::vector<std::byte> GoodBatch() {
  RecordBatchBuilder builder({});
  builder.Append({.timestamp_ms = 1, .key = AsBytes("key"), .value = AsBytes("value")});
  const RecordBatch batch = builder.Build();
  return std::vector<std::byte>(batch.bytes().begin(), batch.bytes().end());
}

TEST_CASE("hand-sealed batches of good records parse, so the cases below fail for their reason") {
  CHECK(ErrorOf(Sealed(Fields().GoodRecord(0).GoodRecord(1), 2, 1)) == "ok");
  // An empty batch, as compaction can leave to keep a producer's sequence.
  const std::vector<std::byte> empty = Sealed(Fields(), 0, 5);
  CHECK(ErrorOf(empty) == "ok");
  CHECK(RecordBatchView::Parse(empty)->begin() == RecordBatchView::Parse(empty)->end());
}

TEST_CASE("a changed byte under the CRC is a CRC mismatch that names both values") {
  std::vector<std::byte> batch = GoodBatch();
  const uint32_t stored = LoadBigEndian<uint32_t>(batch.data() + kCrcOffset);
  batch.back() ^= std::byte{0x01};
  const uint32_t computed = crc32c::Value(Bytes(batch).subspan(kAttributesOffset));
  CHECK_THAT(
      ErrorOf(batch),
      Equals(fmt::format("batch at position 0: CRC mismatch (stored 0x{:08x}, computed 0x{:08x})",
                         stored, computed)));
}

TEST_CASE("a batch cut short is incomplete, not corrupt") {
  const std::vector<std::byte> batch = GoodBatch();
  for (size_t size : {size_t{0}, size_t{11}, batch.size() - 1}) {
    const std::vector<std::byte> cut(batch.begin(), batch.begin() + static_cast<ptrdiff_t>(size));
    const DecodeResult<RecordBatchView> parsed = RecordBatchView::Parse(cut);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().code() == DecodeStatus::Code::kIncomplete);
  }
  const std::vector<std::byte> cut(batch.begin(), batch.end() - 1);
  CHECK(ErrorOf(cut) ==
        fmt::format("batch at position 0: batch length {} needs {} bytes but {} remain",
                    batch.size() - 12, batch.size(), batch.size() - 1));
}

TEST_CASE("a batch length shorter than a batch header is corrupt") {
  std::vector<std::byte> batch = GoodBatch();
  StoreBigEndian(batch.data() + kLengthOffset, int32_t{48});
  CHECK(ErrorOf(batch) ==
        "batch at position 0: batch length 48 is less than the 49 bytes of a batch header after "
        "the length field");
  StoreBigEndian(batch.data() + kLengthOffset, int32_t{-1});
  CHECK_THAT(ErrorOf(batch), StartsWith("batch at position 0: batch length -1 is less than"));
}

TEST_CASE("only magic 2 is read") {
  std::vector<std::byte> batch = GoodBatch();
  batch[kMagicOffset] = std::byte{1};
  CHECK(ErrorOf(batch) ==
        "batch at position 0: magic 1 is not 2: kafkasim reads record batch format v2 only");
}

TEST_CASE("a compressed batch is refused by name") {
  CHECK(ErrorOf(Sealed(Fields().GoodRecord(0), 1, 0, /*attributes=*/4)) ==
        "batch at position 0: compression codec 4 (zstd) is not supported: kafkasim batches are "
        "uncompressed");
}

TEST_CASE("a key length past the end of its record is refused") {
  const Fields records = Fields().GoodRecord(0).GoodRecord(1).GoodRecord(2).Record(
      Fields().Byte(0).Varlong(0).Varint(3).Varint(70000).Text("twelve bytes"));
  CHECK(ErrorOf(Sealed(records, 4, 3)) ==
        "batch at position 0: record 3: key length 70000 exceeds the 12 remaining bytes");
}

TEST_CASE("negative lengths other than -1 for null are refused") {
  // Every crafted batch here keeps at least 7 bytes a record, or the record count check would
  // refuse it first.
  CHECK(ErrorOf(Sealed(
            Fields().Record(Fields().Byte(0).Varlong(0).Varint(0).Varint(-2).Hex("0000")), 1, 0)) ==
        "batch at position 0: record 0: key length -2 is invalid: only -1 (null) may be negative");
  const Fields null_header_key = Fields().Record(
      Fields().Byte(0).Varlong(0).Varint(0).Varint(-1).Varint(-1).Varint(1).Varint(-1).Varint(-1));
  CHECK(ErrorOf(Sealed(null_header_key, 1, 0)) ==
        "batch at position 0: record 0: header 0: key length -1 is invalid: it cannot be null");
  CHECK(ErrorOf(Sealed(Fields().Hex("03 000000000000"), 1, 0)) ==
        "batch at position 0: record 0: length -2 is negative");
}

TEST_CASE("the record count must match the records present") {
  const std::string_view kLong = "a value long enough to leave room for more records";
  CHECK(ErrorOf(Sealed(Fields().GoodRecord(0, kLong).GoodRecord(1, kLong), 3, 2)) ==
        "batch at position 0: record count 3 but the records end after 2");
  const size_t second_size = Fields().GoodRecord(1).size();
  CHECK(ErrorOf(Sealed(Fields().GoodRecord(0).GoodRecord(1), 1, 1)) ==
        fmt::format("batch at position 0: record count 1 leaves {} bytes after the last record",
                    second_size));
  CHECK(ErrorOf(Sealed(Fields().GoodRecord(0), -1, 0)) ==
        "batch at position 0: record count -1 is negative");
  CHECK(
      ErrorOf(Sealed(Fields().GoodRecord(0), 2000000000, 0)) ==
      fmt::format("batch at position 0: record count 2000000000 cannot fit in {} bytes of records",
                  Fields().GoodRecord(0).size()));
}

TEST_CASE("offset deltas must rise and stay within the last offset delta") {
  CHECK(ErrorOf(Sealed(Fields().GoodRecord(1).GoodRecord(1), 2, 1)) ==
        "batch at position 0: record 1: offset delta 1 does not rise above 1");
  CHECK(ErrorOf(Sealed(Fields().GoodRecord(0).GoodRecord(5), 2, 4)) ==
        "batch at position 0: record 1: offset delta 5 is past the batch's last offset delta 4");
  CHECK(ErrorOf(Sealed(Fields().GoodRecord(-1), 1, 0)) ==
        "batch at position 0: record 0: offset delta -1 is negative");
}

TEST_CASE("a record's fields must fill its length exactly") {
  const Fields short_fields = Fields().Record(
      Fields().Byte(0).Varlong(0).Varint(0).Varint(-1).Varint(-1).Varint(0).Hex("ffff"));
  CHECK(ErrorOf(Sealed(short_fields, 1, 0)) ==
        "batch at position 0: record 0: length 8 leaves 2 bytes after the last header");
  const Fields long_fields = Fields()
                                 .GoodRecord(0, "padding padding")
                                 .Record(Fields().Byte(0).Varlong(0).Varint(1).Varint(-1));
  CHECK(ErrorOf(Sealed(long_fields, 2, 1)) ==
        "batch at position 0: record 1: value length is missing: the record has no bytes left");
}

TEST_CASE("broken varints inside a record are named") {
  const Fields too_long = Fields().Record(Fields().Byte(0).Hex("ffffffffffffffffffff7f"));
  CHECK(ErrorOf(Sealed(too_long, 1, 0)) ==
        "batch at position 0: record 0: timestamp delta varlong is too long");
  const Fields padded =
      Fields().Record(Fields().Byte(0).Varlong(0).Hex("8000").Varint(-1).Varint(-1).Varint(0));
  CHECK(ErrorOf(Sealed(padded, 1, 0)) ==
        "batch at position 0: record 0: offset delta varint is not in shortest form");
  const Fields cut = Fields()
                         .GoodRecord(0, "padding padding")
                         .Record(Fields().Byte(0).Varlong(0).Varint(1).Hex("80"));
  CHECK(ErrorOf(Sealed(cut, 2, 1)) ==
        "batch at position 0: record 1: key length varint is truncated: the record ends inside it");
}

TEST_CASE("a header count larger than the bytes left is refused before any header is read") {
  const Fields records =
      Fields().Record(Fields().Byte(0).Varlong(0).Varint(0).Varint(-1).Varint(-1).Varint(1000000));
  CHECK(ErrorOf(Sealed(records, 1, 0)) ==
        "batch at position 0: record 0: header count 1000000 cannot fit in the 0 remaining bytes");
}

TEST_CASE("errors in a later batch of a log name its position") {
  std::vector<std::byte> log = GoodBatch();
  const size_t second = log.size();
  std::vector<std::byte> bad = GoodBatch();
  bad[kMagicOffset] = std::byte{0};
  log.insert(log.end(), bad.begin(), bad.end());
  CHECK_THAT(RecordBatchView::Parse(log, second).status().message(),
             StartsWith(fmt::format("batch at position {}: magic 0", second)));
}

}  // namespace
}  // namespace kafkasim
