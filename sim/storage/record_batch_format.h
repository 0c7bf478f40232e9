#pragma once
// The byte layout of Kafka's record batch, magic v2 (Kafka 0.11 and later; KIP-98), as
// org.apache.kafka.common.record.DefaultRecordBatch and DefaultRecord define it. All fixed fields
// are big-endian; record fields are zig-zag varints (sim/storage/varint.h).
//
//   offset  size  field
//        0     8  baseOffset            first offset; outside the CRC, the leader rewrites it
//        8     4  batchLength           bytes after this field (so size = 12 + batchLength)
//       12     4  partitionLeaderEpoch  outside the CRC, the leader rewrites it
//       16     1  magic                 2
//       17     4  crc                   CRC-32C of bytes 21..end (unsigned)
//       21     2  attributes            see the masks below
//       23     4  lastOffsetDelta       also the last sequence delta
//       27     8  baseTimestamp         first record's timestamp, -1 if empty (or delete horizon)
//       35     8  maxTimestamp          max record timestamp, or the broker's LogAppendTime
//       43     8  producerId            -1 without idempotence
//       51     2  producerEpoch         -1 without idempotence
//       53     4  baseSequence          -1 without idempotence
//       57     4  recordCount
//       61        records...
//
// A record: length varint (bytes after itself) · attributes int8 (unused, 0) · timestampDelta
// varlong · offsetDelta varint · keyLength varint (-1 = null) · key · valueLength varint (-1 =
// null) · value · headerCount varint · headers, each: keyLength varint · key (UTF-8, never null) ·
// valueLength varint (-1 = null) · value.

#include <cstddef>
#include <cstdint>

namespace kafkasim::batch_format {

inline constexpr size_t kBaseOffsetOffset = 0;
inline constexpr size_t kLengthOffset = 8;
inline constexpr size_t kPartitionLeaderEpochOffset = 12;
inline constexpr size_t kMagicOffset = 16;
inline constexpr size_t kCrcOffset = 17;
inline constexpr size_t kAttributesOffset = 21;
inline constexpr size_t kLastOffsetDeltaOffset = 23;
inline constexpr size_t kBaseTimestampOffset = 27;
inline constexpr size_t kMaxTimestampOffset = 35;
inline constexpr size_t kProducerIdOffset = 43;
inline constexpr size_t kProducerEpochOffset = 51;
inline constexpr size_t kBaseSequenceOffset = 53;
inline constexpr size_t kRecordCountOffset = 57;
inline constexpr size_t kRecordsOffset = 61;

// Kafka's Records.LOG_OVERHEAD: the baseOffset and batchLength every log entry starts with.
inline constexpr size_t kLogOverhead = kLengthOffset + 4;
// Kafka's DefaultRecordBatch.RECORD_BATCH_OVERHEAD: the size of an empty batch.
inline constexpr size_t kRecordBatchOverhead = kRecordsOffset;
static_assert(kLogOverhead == 12 && kRecordBatchOverhead == 61);
static_assert(kCrcOffset + 4 == kAttributesOffset, "the CRC covers everything after itself");

inline constexpr int8_t kMagicV2 = 2;

// Attribute bits (the low byte of the int16 attributes field).
inline constexpr int16_t kCompressionCodecMask = 0x07;  // 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd
inline constexpr int16_t kTimestampTypeMask = 0x08;     // 0 CreateTime, 1 LogAppendTime
inline constexpr int16_t kTransactionalFlagMask = 0x10;
inline constexpr int16_t kControlFlagMask = 0x20;  // a transaction marker batch
// KIP-534 (Kafka 3.1+): set by the log cleaner; baseTimestamp then holds the time after which
// tombstones and transaction markers in the batch may be removed.
inline constexpr int16_t kDeleteHorizonFlagMask = 0x40;

// Kafka's RecordBatch.NO_* sentinels.
inline constexpr int64_t kNoTimestamp = -1;
inline constexpr int64_t kNoProducerId = -1;
inline constexpr int16_t kNoProducerEpoch = -1;
inline constexpr int32_t kNoSequence = -1;
inline constexpr int32_t kNoPartitionLeaderEpoch = -1;

// The smallest record: length, attributes, timestampDelta, offsetDelta, keyLength, valueLength
// and headerCount, one byte each. Bounds how many records a batch of a given size can hold.
inline constexpr size_t kMinRecordSize = 7;

}  // namespace kafkasim::batch_format
