#include "sim/storage/record_batch.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/storage/crc32c.h"
#include "sim/storage/record_batch_builder.h"
#include "tests/storage/test_bytes.h"

namespace kafkasim {
namespace {

using testing::FromHex;
using testing::ToHex;
using testing::ToString;

std::vector<RecordView> RecordsOf(const RecordBatchView& batch) {
  return std::vector<RecordView>(batch.begin(), batch.end());
}

std::vector<std::string> HeadersOf(const RecordView& record) {
  std::vector<std::string> headers;
  for (const RecordHeader& header : record.headers) {
    headers.push_back(std::string(header.key) + "=" + ToString(header.value));
  }
  return headers;
}

// The batch kafkajs and this file's exact-bytes test agree on: three records a plain producer
// sends.
RecordBatch PlainBatch() {
  const RecordHeader trace[] = {{"trace", AsBytes("abc")}};
  RecordBatchBuilder builder({});
  builder.Append(
      {.timestamp_ms = 1700000000000, .key = AsBytes("key-0"), .value = AsBytes("value-0")});
  builder.Append({.timestamp_ms = 1700000000001, .value = AsBytes("no key")});
  builder.Append(
      {.timestamp_ms = 1700000000002, .key = AsBytes("k"), .value = AsBytes(""), .headers = trace});
  return builder.Build();
}

// Hex printed by tests/storage/golden/make_kafkajs_batches.js with kafkajs 2.2.4, an encoder
// written independently of this one (see that script for how to re-run it).
constexpr std::string_view kKafkajsPlain =
    "000000000000000000000063ffffffff02c76720fc0000000000020000018bcfe568000000018bcfe56802ffffff"
    "ffffffffffffffffffffff00000003240000000a6b65792d300e76616c75652d300018000202010c6e6f206b6579"
    "0022000404026b00020a747261636506616263";
// The transactional batch, with its 300-byte value of 'a' (hex 61) spliced in rather than spelled
// out.
std::string KafkajsTransactional() {
  std::string hex =
      "000000000000002a000001c4000000070266e86cfc0010000000030000018bcfe57b880000018bcfe58f0f00"
      "00011f71fb04cb00030000001100000004280000000e6f726465722d310e63726561746564001c00bf3e020e"
      "6f726465722d320100f604008e4e040e6f726465722d33d804";
  for (int i = 0; i < 300; ++i) hex += "61";
  return hex +
         "00620014060e6f726465722d340e73686970706564060c736f75726365067765620c736f7572636506617070"
         "0a656d70747900";
}

TEST_CASE("a small batch encodes to exactly the bytes worked out by hand") {
  const RecordHeader header[] = {{"h", std::nullopt}};
  RecordBatchBuilder builder({});
  builder.Append({.timestamp_ms = 1000, .key = AsBytes("k"), .headers = header});
  builder.Append({.timestamp_ms = 1001, .value = AsBytes("v")});
  const RecordBatch batch = builder.Build();

  const std::vector<std::byte> expected = FromHex(
      "0000000000000000"  // baseOffset 0: the producer's placeholder
      "00000044"          // batchLength 68 = 80 - 12
      "ffffffff"          // partitionLeaderEpoch -1: not yet stamped by a leader
      "02"                // magic
      "2f82b423"          // CRC-32C of the rest, from a bit-at-a-time reference implementation
      "0000"              // attributes: no compression, CreateTime, not transactional
      "00000001"          // lastOffsetDelta
      "00000000000003e8"  // baseTimestamp 1000
      "00000000000003e9"  // maxTimestamp 1001
      "ffffffffffffffff"  // producerId -1
      "ffff"              // producerEpoch -1
      "ffffffff"          // baseSequence -1
      "00000002"          // recordCount
      // record 0: length 10, attributes, timestampDelta 0, offsetDelta 0, key "k", value null,
      // one header "h" with a null value
      "14 00 00 00 02 6b 01 02 02 68 01"
      // record 1: length 7, attributes, timestampDelta 1, offsetDelta 1, key null, value "v",
      // no headers
      "0e 00 02 02 01 02 76 00");
  CHECK(ToHex(batch.bytes()) == ToHex(expected));
}

TEST_CASE("the encoder writes the same bytes as kafkajs") {
  CHECK(ToHex(PlainBatch().bytes()) == kKafkajsPlain);

  const RecordHeader headers[] = {
      {"source", AsBytes("web")}, {"source", AsBytes("app")}, {"empty", AsBytes("")}};
  const std::string big_value(300, 'a');
  RecordBatchBuilder builder({.base_offset = 42,
                              .partition_leader_epoch = 7,
                              .producer_id = 1234567890123,
                              .producer_epoch = 3,
                              .base_sequence = 17,
                              .is_transactional = true});
  builder.Append(
      {.timestamp_ms = 1700000005000, .key = AsBytes("order-1"), .value = AsBytes("created")});
  builder.Append({.timestamp_ms = 1700000001000, .key = AsBytes("order-2")});
  builder.Append(
      {.timestamp_ms = 1700000009999, .key = AsBytes("order-3"), .value = AsBytes(big_value)});
  builder.Append({.timestamp_ms = 1700000005010,
                  .key = AsBytes("order-4"),
                  .value = AsBytes("shipped"),
                  .headers = headers});
  CHECK(ToHex(builder.Build().bytes()) == KafkajsTransactional());
}

TEST_CASE("the decoder reads kafkajs's batches field by field") {
  const std::vector<std::byte> bytes = FromHex(KafkajsTransactional());
  const DecodeResult<RecordBatchView> parsed = RecordBatchView::Parse(bytes);
  REQUIRE(parsed.ok());
  const RecordBatchView& batch = *parsed;
  CHECK(batch.size_bytes() == bytes.size());
  CHECK(batch.base_offset() == 42);
  CHECK(batch.last_offset() == 45);
  CHECK(batch.partition_leader_epoch() == 7);
  CHECK(batch.is_transactional());
  CHECK_FALSE(batch.is_control_batch());
  CHECK(batch.timestamp_type() == TimestampType::kCreateTime);
  CHECK(batch.base_timestamp() == 1700000005000);
  CHECK(batch.max_timestamp() == 1700000009999);
  CHECK(batch.producer_id() == 1234567890123);
  CHECK(batch.producer_epoch() == 3);
  CHECK(batch.base_sequence() == 17);
  CHECK(batch.last_sequence() == 20);
  CHECK(batch.record_count() == 4);

  const std::vector<RecordView> records = RecordsOf(batch);
  REQUIRE(records.size() == 4);
  CHECK(records[1].offset == 43);
  CHECK(records[1].timestamp_ms == 1700000001000);
  CHECK(records[1].timestamp_delta == -4000);
  CHECK(records[1].sequence == 18);
  CHECK(ToString(records[1].key) == "order-2");
  CHECK_FALSE(records[1].value.has_value());  // a tombstone
  CHECK(records[2].value->size() == 300);
  CHECK(HeadersOf(records[3]) == std::vector<std::string>{"source=web", "source=app", "empty="});
}

TEST_CASE("a built batch reads back what was appended") {
  const RecordBatch batch = PlainBatch();
  const RecordBatchView view = batch.view();
  CHECK(view.base_offset() == 0);
  CHECK(view.partition_leader_epoch() == -1);
  CHECK(view.producer_id() == -1);
  CHECK(view.producer_epoch() == -1);
  CHECK(view.base_sequence() == -1);
  CHECK(view.last_sequence() == -1);
  CHECK(view.crc() == view.ComputeCrc());

  const std::vector<RecordView> records = RecordsOf(view);
  REQUIRE(records.size() == 3);
  CHECK(ToString(records[0].key) == "key-0");
  CHECK(ToString(records[0].value) == "value-0");
  CHECK(records[0].headers.empty());
  CHECK_FALSE(records[1].key.has_value());
  CHECK(records[1].timestamp_ms == 1700000000001);
  CHECK(records[1].sequence == -1);
  CHECK(records[2].value.has_value());  // empty is not null
  CHECK(records[2].value->empty());
  CHECK(records[2].offset == 2);
  CHECK(HeadersOf(records[2]) == std::vector<std::string>{"trace=abc"});
}

TEST_CASE("assigning the base offset rewrites the first 8 bytes and nothing else") {
  const RecordBatch produced = PlainBatch();
  const RecordBatch appended = produced.WithBaseOffset(1000);

  const Bytes before = produced.bytes(), after = appended.bytes();
  REQUIRE(before.size() == after.size());
  CHECK(ToHex(after.first(8)) == "00000000000003e8");
  CHECK(ToHex(after.subspan(8)) == ToHex(before.subspan(8)));     // the CRC included
  CHECK(ToHex(produced.bytes().first(8)) == "0000000000000000");  // the producer's copy is intact

  const DecodeResult<RecordBatchView> parsed = RecordBatchView::Parse(after);
  REQUIRE(parsed.ok());  // baseOffset is outside the CRC
  CHECK(parsed->last_offset() == 1002);
  CHECK(RecordsOf(*parsed)[1].offset == 1001);
}

TEST_CASE("stamping the leader epoch rewrites bytes 12 to 15 and nothing else") {
  const RecordBatch produced = PlainBatch();
  const RecordBatch appended = produced.WithPartitionLeaderEpoch(5);
  const Bytes before = produced.bytes(), after = appended.bytes();
  CHECK(ToHex(after.first(12)) == ToHex(before.first(12)));
  CHECK(ToHex(after.subspan(12, 4)) == "00000005");
  CHECK(ToHex(after.subspan(16)) == ToHex(before.subspan(16)));
  REQUIRE(RecordBatchView::Parse(after).ok());  // partitionLeaderEpoch is outside the CRC
  CHECK(appended.view().partition_leader_epoch() == 5);
}

TEST_CASE("LogAppendTime replaces every record's timestamp and re-seals the CRC") {
  const RecordBatch produced = PlainBatch();
  const RecordBatch appended =
      produced.WithMaxTimestamp(TimestampType::kLogAppendTime, 1800000000000);
  CHECK(appended.view().crc() != produced.view().crc());
  const DecodeResult<RecordBatchView> parsed = RecordBatchView::Parse(appended.bytes());
  REQUIRE(parsed.ok());
  CHECK(parsed->timestamp_type() == TimestampType::kLogAppendTime);
  CHECK(parsed->base_timestamp() == 1700000000000);  // still the first record's create time
  for (const RecordView& record : *parsed) CHECK(record.timestamp_ms == 1800000000000);
}

TEST_CASE("copies of a batch share one buffer, as the replicas of a partition do") {
  const RecordBatch leader = PlainBatch();
  const RecordBatch follower = leader;
  CHECK(follower.buffer() == leader.buffer());
  CHECK(follower.bytes().data() == leader.bytes().data());
  CHECK(leader.WithBaseOffset(7).buffer() != leader.buffer());
}

TEST_CASE("record offsets may have gaps, as in a batch the cleaner rewrote") {
  RecordBatchBuilder builder({.base_offset = 100});
  builder.Append({.timestamp_ms = 5, .key = AsBytes("a"), .value = AsBytes("1")});
  builder.AppendWithOffsetDelta(4, {.timestamp_ms = 9, .key = AsBytes("b"), .value = AsBytes("2")});
  const RecordBatch batch = builder.Build();
  const std::vector<RecordView> records = RecordsOf(batch.view());
  REQUIRE(records.size() == 2);
  CHECK(records[1].offset == 104);
  CHECK(batch.view().last_offset() == 104);
  CHECK(batch.view().record_count() == 2);
}

TEST_CASE("AppendIfFits appends a record that ends exactly at the limit, and refuses one byte more") {
  const SimpleRecord record{.timestamp_ms = 7, .key = AsBytes("k"), .value = AsBytes("value")};
  RecordBatchBuilder measured({});
  measured.Append(record);
  measured.Append(record);
  const size_t two_records = measured.size_bytes();

  RecordBatchBuilder builder({});
  REQUIRE(builder.AppendIfFits(record, two_records));
  CHECK_FALSE(builder.AppendIfFits(record, two_records - 1));
  CHECK(builder.record_count() == 1);  // the refused record left nothing behind
  REQUIRE(builder.AppendIfFits(record, two_records));
  CHECK(builder.size_bytes() == two_records);
  // The same bytes as two plain appends: offsets, timestamps and CRC.
  CHECK(ToHex(builder.Build().bytes()) == ToHex(measured.Build().bytes()));
}

TEST_CASE("sequence numbers wrap from INT32_MAX to 0 within a batch") {
  RecordBatchBuilder builder({.producer_id = 9,
                              .producer_epoch = 0,
                              .base_sequence = std::numeric_limits<int32_t>::max() - 1});
  for (int i = 0; i < 3; ++i) builder.Append({.timestamp_ms = i, .value = AsBytes("x")});
  const RecordBatch batch = builder.Build();
  const std::vector<RecordView> records = RecordsOf(batch.view());
  CHECK(records[1].sequence == std::numeric_limits<int32_t>::max());
  CHECK(records[2].sequence == 0);
  CHECK(batch.view().last_sequence() == 0);
}

TEST_CASE("a control batch and a LogAppendTime batch set their attribute bits") {
  RecordBatchBuilder builder({.producer_id = 1,
                              .producer_epoch = 0,
                              .timestamp_type = TimestampType::kLogAppendTime,
                              .log_append_time_ms = 77,
                              .is_transactional = true,
                              .is_control_batch = true});
  builder.Append({.timestamp_ms = 5, .key = AsBytes(std::string_view("\0\0\0\1", 4))});
  const RecordBatch batch = builder.Build();
  const RecordBatchView view = batch.view();
  CHECK(view.attributes() == 0x38);
  CHECK(view.is_control_batch());
  CHECK(view.max_timestamp() == 77);
  CHECK(RecordsOf(view)[0].timestamp_ms == 77);
}

TEST_CASE("batches laid end to end parse one after another") {
  std::vector<std::byte> log;
  for (int64_t base : {0, 3}) {
    const RecordBatch batch = PlainBatch().WithBaseOffset(base);
    log.insert(log.end(), batch.bytes().begin(), batch.bytes().end());
  }
  size_t position = 0;
  std::vector<int64_t> offsets;
  while (position < log.size()) {
    const DecodeResult<RecordBatchView> batch = RecordBatchView::Parse(log, position);
    REQUIRE(batch.ok());
    for (const RecordView& record : *batch) offsets.push_back(record.offset);
    position += batch->size_bytes();
  }
  CHECK(offsets == std::vector<int64_t>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("RecordBatch::FromBytes takes exactly one valid batch") {
  const RecordBatch original = PlainBatch();
  std::vector<std::byte> bytes(original.bytes().begin(), original.bytes().end());
  const DecodeResult<RecordBatch> adopted = RecordBatch::FromBytes(bytes);
  REQUIRE(adopted.ok());
  CHECK(ToHex(adopted->bytes()) == ToHex(original.bytes()));

  bytes.push_back(std::byte{0});
  const DecodeResult<RecordBatch> trailing = RecordBatch::FromBytes(bytes);
  REQUIRE_FALSE(trailing.ok());
  CHECK(trailing.status().message() == "1 bytes follow the batch of 111 bytes");
}

}  // namespace
}  // namespace kafkasim
