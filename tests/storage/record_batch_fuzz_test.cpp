// Seeded randomized tests of the record batch codec: random valid batches must round-trip, and
// thousands of damaged ones must be refused cleanly. Run under AddressSanitizer and UBSan in CI,
// where "cleanly" also means no read outside the buffer and no undefined arithmetic. Every
// failure prints the seed and the trial, which replay it exactly.

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/random.h"
#include "sim/storage/big_endian.h"
#include "sim/storage/crc32c.h"
#include "sim/storage/record_batch.h"
#include "sim/storage/record_batch_builder.h"
#include "sim/storage/varint.h"

namespace kafkasim {
namespace {

using namespace batch_format;

constexpr uint64_t kSeed = 0x5eed2024;

// One record as the test generated it, owning its bytes.
struct Expected {
  int32_t offset_delta = 0;
  int64_t timestamp_ms = 0;
  std::optional<std::string> key, value;
  std::vector<std::pair<std::string, std::optional<std::string>>> headers;
};

std::optional<std::string> RandomBytes(Random& random, bool nullable, uint64_t max_size) {
  if (nullable && random.Chance(0.15)) return std::nullopt;
  // Mostly short, sometimes long enough for two- and three-byte length varints.
  const uint64_t size = random.Chance(0.1) ? random.Below(max_size) : random.Below(40);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(random.Next());
  return bytes;
}

NullableBytes View(const std::optional<std::string>& s) {
  return s ? NullableBytes(AsBytes(*s)) : std::nullopt;
}

struct Generated {
  RecordBatchOptions options;
  std::vector<Expected> records;
  RecordBatch batch;
};

// `max_size` bounds keys, values and headers.
Generated GenerateBatch(Random& random, uint64_t max_size) {
  RecordBatchOptions options{
      .base_offset = random.Between(0, int64_t{1} << 40),
      .partition_leader_epoch = static_cast<int32_t>(random.Between(-1, 50))};
  if (random.Chance(0.5)) {
    options.producer_id = random.Between(0, int64_t{1} << 50);
    options.producer_epoch = static_cast<int16_t>(random.Between(0, 32767));
    options.base_sequence = static_cast<int32_t>(random.Between(0, INT32_MAX));
    options.is_transactional = random.Chance(0.3);
  }
  if (random.Chance(0.2)) {
    options.timestamp_type = TimestampType::kLogAppendTime;
    options.log_append_time_ms = random.Between(0, int64_t{1} << 42);
  }
  RecordBatchBuilder builder(options);
  std::vector<Expected> records(static_cast<size_t>(random.Between(1, 30)));
  const int64_t base_time = random.Between(0, int64_t{1} << 42);
  int32_t offset_delta = -1;
  for (Expected& record : records) {
    offset_delta += random.Chance(0.2) ? static_cast<int32_t>(random.Between(2, 1000)) : 1;
    record.offset_delta = offset_delta;
    record.timestamp_ms =
        random.Chance(0.05) ? kNoTimestamp : base_time + random.Between(-100000, 100000);
    record.key = RandomBytes(random, true, max_size);
    record.value = RandomBytes(random, true, max_size);
    for (uint64_t h = random.Below(4); h > 0; --h) {
      record.headers.emplace_back(*RandomBytes(random, false, max_size),
                                  RandomBytes(random, true, max_size));
    }
    std::vector<RecordHeader> headers;
    for (const auto& [key, value] : record.headers) headers.push_back({key, View(value)});
    builder.AppendWithOffsetDelta(offset_delta, {.timestamp_ms = record.timestamp_ms,
                                                 .key = View(record.key),
                                                 .value = View(record.value),
                                                 .headers = headers});
  }
  return {options, std::move(records), builder.Build()};
}

bool SameBytes(const NullableBytes& actual, const std::optional<std::string>& expected) {
  if (actual.has_value() != expected.has_value()) return false;
  return !actual || AsString(*actual) == *expected;
}

// Why a decoded record differs from what was appended, or "" when it does not.
std::string Mismatch(const RecordView& actual, const Expected& expected, const Generated& batch) {
  const bool log_append = batch.options.timestamp_type == TimestampType::kLogAppendTime;
  if (actual.offset != batch.options.base_offset + expected.offset_delta) return "offset";
  if (actual.timestamp_ms !=
      (log_append ? batch.options.log_append_time_ms : expected.timestamp_ms)) {
    return "timestamp";
  }
  if (!SameBytes(actual.key, expected.key)) return "key";
  if (!SameBytes(actual.value, expected.value)) return "value";
  size_t i = 0;
  for (const RecordHeader& header : actual.headers) {
    if (i >= expected.headers.size() || header.key != expected.headers[i].first ||
        !SameBytes(header.value, expected.headers[i].second)) {
      return "header " + std::to_string(i);
    }
    ++i;
  }
  return i == expected.headers.size() ? "" : "header count";
}

TEST_CASE("random valid batches decode to exactly what was appended") {
  Random random(kSeed, "round trip");
  for (int trial = 0; trial < 300; ++trial) {
    const Generated generated = GenerateBatch(random, 20000);
    const DecodeResult<RecordBatchView> parsed = RecordBatchView::Parse(generated.batch.bytes());
    if (!parsed.ok())
      FAIL("seed=" << kSeed << " trial=" << trial << ": " << parsed.status().message());
    size_t i = 0;
    for (const RecordView& record : *parsed) {
      REQUIRE(i < generated.records.size());
      const std::string mismatch = Mismatch(record, generated.records[i], generated);
      if (!mismatch.empty())
        FAIL("seed=" << kSeed << " trial=" << trial << " record " << i << ": " << mismatch);
      ++i;
    }
    REQUIRE(i == generated.records.size());
  }
}

// Where a record's structure lies: its first bytes (length, attributes, deltas) and the length
// varints before keys, values and header fields. Damage aimed there reaches the record checks;
// damage anywhere mostly lands in keys and values, which only the CRC protects.
std::vector<size_t> FieldPositions(const RecordBatchView& batch) {
  std::vector<size_t> positions;
  const std::byte* start = batch.bytes().data();
  const auto before = [&](const NullableBytes& b) {
    if (b && b->data() > start) positions.push_back(static_cast<size_t>(b->data() - start) - 1);
  };
  size_t record_start = kRecordsOffset;
  for (const RecordView& record : batch) {
    for (size_t i = 0; i < 6; ++i) positions.push_back(record_start + i);
    before(record.key);
    before(record.value);
    if (record.value)
      positions.push_back(static_cast<size_t>(record.value->data() - start) + record.value->size());
    for (const RecordHeader& header : record.headers) {
      before(AsBytes(header.key));
      before(header.value);
    }
    record_start += record.size_bytes;
  }
  return positions;
}

// Damages a copy of `batch` in one of the ways a disk, a network or a hostile producer might.
// Returns a buffer of exactly the damaged size, so that AddressSanitizer sees any over-read.
std::vector<std::byte> Damage(Random& random, const RecordBatchView& batch, size_t* flipped_bit) {
  std::vector<std::byte> bytes(batch.bytes().begin(), batch.bytes().end());
  const std::vector<size_t> fields = FieldPositions(batch);
  *flipped_bit = SIZE_MAX;
  const auto somewhere = [&] {
    return random.Chance(0.5) ? fields[random.Below(fields.size())]
                              : static_cast<size_t>(random.Below(bytes.size()));
  };
  switch (random.Below(7)) {
    case 0: {  // one bit
      *flipped_bit = somewhere() * 8 + random.Below(8);
      bytes[*flipped_bit / 8] ^= std::byte{1} << (*flipped_bit % 8);
      break;
    }
    case 1:  // a few random bytes
      for (uint64_t n = random.Between(1, 8); n > 0; --n)
        bytes[somewhere()] = std::byte(random.Next());
      break;
    case 2:  // cut short
      bytes.resize(random.Below(bytes.size()));
      break;
    case 3: {  // a bogus, huge or negative varint written over the records
      static constexpr int64_t kValues[] = {-2,        -1000,     70000,
                                            INT32_MAX, INT32_MIN, int64_t{1} << 40};
      std::byte varint[kMaxVarlongBytes];
      const int64_t value = kValues[random.Below(std::size(kValues))];
      const std::byte* end = EncodeVarlong(value, varint);
      const size_t at = std::max(kRecordsOffset, somewhere());
      for (const std::byte* p = varint; p < end && at + (p - varint) < bytes.size(); ++p) {
        bytes[at + static_cast<size_t>(p - varint)] = *p;
      }
      break;
    }
    case 4: {  // a fixed field set to an extreme
      static constexpr size_t kFields[] = {kLengthOffset, kRecordCountOffset,
                                           kLastOffsetDeltaOffset};
      static constexpr int32_t kValues[] = {-1, 0, 1, 48, 49, INT32_MAX, INT32_MIN, 1 << 20};
      StoreBigEndian(bytes.data() + kFields[random.Below(3)],
                     kValues[random.Below(std::size(kValues))]);
      break;
    }
    case 5:  // unsupported attributes: compression codecs, unused bits
      StoreBigEndian(bytes.data() + kAttributesOffset, static_cast<int16_t>(random.Next()));
      break;
    default:  // garbage appended and counted in the batch length
      for (uint64_t n = random.Between(1, 64); n > 0; --n)
        bytes.push_back(std::byte(random.Next()));
      StoreBigEndian(bytes.data() + kLengthOffset,
                     static_cast<int32_t>(bytes.size() - kLogOverhead));
      break;
  }
  return std::vector<std::byte>(bytes.begin(), bytes.end());
}

// Recomputes the CRC over what the damaged header says is the batch, as far as the bytes go, so
// that the damage reaches the checks behind the CRC.
void Reseal(std::vector<std::byte>& bytes) {
  if (bytes.size() < kRecordBatchOverhead) return;
  const int64_t declared = int64_t{LoadBigEndian<int32_t>(bytes.data() + kLengthOffset)} + 12;
  const size_t end = declared < static_cast<int64_t>(kAttributesOffset)
                         ? kAttributesOffset
                         : std::min(bytes.size(), static_cast<size_t>(declared));
  const Bytes covered = Bytes(bytes).subspan(kAttributesOffset, end - kAttributesOffset);
  StoreBigEndian(bytes.data() + kCrcOffset, crc32c::Value(covered));
}

TEST_CASE("damaged batches are refused without crashing, and none yields a record past a bad CRC") {
  Random random(kSeed, "damage");
  int accepted = 0, refused = 0, refused_behind_crc = 0;
  Generated generated = GenerateBatch(random, 300);
  for (int trial = 0; trial < 20000; ++trial) {
    if (trial % 40 == 39) generated = GenerateBatch(random, 300);  // damage each batch 40 ways
    size_t flipped_bit;
    std::vector<std::byte> bytes = Damage(random, generated.batch.view(), &flipped_bit);
    const bool resealed = random.Chance(0.5);
    if (resealed) Reseal(bytes);

    const DecodeResult<RecordBatchView> parsed = RecordBatchView::Parse(bytes);
    if (!parsed.ok()) {
      ++refused;
      if (parsed.status().message().find(": record ") != std::string::npos) ++refused_behind_crc;
      if (parsed.status().message().empty())
        FAIL("seed=" << kSeed << " trial=" << trial << ": no message");
      continue;
    }
    ++accepted;
    const RecordBatchView& batch = *parsed;
    // A single flipped bit under or in the CRC must always be caught (CRC-32C detects every
    // one-bit error); a flipped bit in baseOffset or partitionLeaderEpoch is outside it.
    const bool under_crc = flipped_bit != SIZE_MAX && flipped_bit / 8 >= kMagicOffset;
    if (!resealed && under_crc) {
      FAIL("seed=" << kSeed << " trial=" << trial << ": bit " << flipped_bit
                   << " flipped unnoticed");
    }
    if (batch.crc() != crc32c::Value(batch.bytes().subspan(kAttributesOffset))) {
      FAIL("seed=" << kSeed << " trial=" << trial << ": a batch with a bad CRC was accepted");
    }
    // Touch every byte every record and header claims, inside the buffer.
    const std::byte* lo = batch.bytes().data();
    const std::byte* hi = lo + batch.size_bytes();
    const auto inside = [&](const NullableBytes& b) {
      return !b || b->empty() || (b->data() >= lo && b->data() + b->size() <= hi);
    };
    uint64_t checksum = 0;
    int32_t count = 0;
    for (const RecordView& record : batch) {
      ++count;
      if (!inside(record.key) || !inside(record.value))
        FAIL("trial=" << trial << ": span outside the batch");
      for (const RecordHeader& header : record.headers) {
        if (!inside(AsBytes(header.key)) || !inside(header.value))
          FAIL("trial=" << trial << ": header outside");
        checksum += header.key.size() + (header.value ? header.value->size() : 0);
      }
      checksum += record.key ? record.key->size() : 0;
    }
    if (count != batch.record_count())
      FAIL("trial=" << trial << ": iterated " << count << " records");
  }
  CAPTURE(accepted, refused, refused_behind_crc);
  CHECK(refused > accepted);  // most damage must be caught
  CHECK(accepted > 0);        // and some is harmless (baseOffset, epoch), or the test proves little
  // Resealed damage must reach the record checks behind the CRC, not just the CRC.
  CHECK(refused_behind_crc > 1000);
}

// The reference RecordsWellFormed must agree with: every record through ParseRecord with its
// headers checked, offset deltas rising within [0, last_offset_delta], nothing left over.
bool RecordsParseOneByOne(Bytes records, int32_t count, int32_t last_offset_delta) {
  RecordView record;
  std::string error;
  int64_t previous_delta = -1;
  for (int32_t i = 0; i < count; ++i) {
    if (!ParseRecord(records, RecordBase{}, &record, &error)) return false;
    if (record.offset_delta <= previous_delta || record.offset_delta > last_offset_delta) {
      return false;
    }
    previous_delta = record.offset_delta;
    records = records.subspan(record.size_bytes);
  }
  return records.empty();
}

TEST_CASE("the lean record scan gives the verdict of parsing the records one by one") {
  // Parse trusts RecordsWellFormed for sound batches and parses one by one only to explain a
  // refusal, so a scan more lenient than the parse would let a malformed record through.
  Random random(kSeed, "record scan");
  int agreed_sound = 0, agreed_malformed = 0;
  Generated generated = GenerateBatch(random, 300);
  for (int trial = 0; trial < 20000; ++trial) {
    if (trial % 40 == 39) generated = GenerateBatch(random, 300);
    size_t flipped_bit;
    const std::vector<std::byte> bytes = Damage(random, generated.batch.view(), &flipped_bit);
    if (bytes.size() < kRecordsOffset) continue;
    const auto count = LoadBigEndian<int32_t>(bytes.data() + kRecordCountOffset);
    const auto last_offset_delta = LoadBigEndian<int32_t>(bytes.data() + kLastOffsetDeltaOffset);
    const Bytes records = Bytes(bytes).subspan(kRecordsOffset);
    // The batch-level checks Parse makes before either walk.
    if (count < 0 || last_offset_delta < 0 ||
        static_cast<size_t>(count) > records.size() / kMinRecordSize) {
      continue;
    }
    const bool lean = RecordsWellFormed(records, count, last_offset_delta);
    if (lean != RecordsParseOneByOne(records, count, last_offset_delta)) {
      FAIL("seed=" << kSeed << " trial=" << trial << ": the lean scan says "
                   << (lean ? "sound" : "malformed") << ", the parse says otherwise");
    }
    ++(lean ? agreed_sound : agreed_malformed);
  }
  CAPTURE(agreed_sound, agreed_malformed);
  CHECK(agreed_sound > 1000);
  CHECK(agreed_malformed > 1000);
}

}  // namespace
}  // namespace kafkasim
