#pragma once
// The values a partition's Log hands back: errors as values (Kafka's error codes, which the
// broker puts in its responses) and events a narration or trace prints.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/storage/offset.h"
#include "sim/storage/record_batch.h"

namespace kafkasim {

// The Kafka errors the log itself can answer with (org.apache.kafka.common.protocol.Errors).
enum class LogError {
  kNone,
  kOffsetOutOfRange,        // OFFSET_OUT_OF_RANGE (1): a read or DeleteRecords outside the log
  kCorruptMessage,          // CORRUPT_MESSAGE (2): a follower's fetch held a broken batch
  kMessageTooLarge,         // MESSAGE_TOO_LARGE (10): a batch over max.message.bytes
  kInvalidRecord,           // INVALID_RECORD (87): e.g. a null key to a compacted topic
  kUnexpectedAppendOffset,  // a follower appended below its log end offset (a bug upstream)
};

// "OFFSET_OUT_OF_RANGE": the name Kafka's tools print.
const char* LogErrorName(LogError error);

// Something the log did that a student may want to see: a roll, a deletion, a truncation, a
// recovery. `kind` is a trace event kind, `rule` the setting that decided it.
//   {"log.segment_delete", "retention.ms=60000",
//    "segment 00000000000000000000 of orders-0 deleted: older than retention.ms=60000"}
struct LogEvent {
  std::string kind;
  std::string rule;
  std::string text;
};
using LogEvents = std::vector<LogEvent>;

// Kafka's LogAppendInfo, the part a broker needs to answer a produce or a fetch.
struct LogAppendInfo {
  LogError error = LogError::kNone;
  std::string message;  // why, when error != kNone
  Offset first_offset = kUndefinedOffset;
  Offset last_offset = kUndefinedOffset;
  int32_t record_count = 0;
  int32_t batch_count = 0;
  int64_t valid_bytes = 0;
  int64_t max_timestamp_ms = -1;
  Offset offset_of_max_timestamp = kUndefinedOffset;
  // The broker's clock at append for a LogAppendTime topic, -1 otherwise (ProduceResponse).
  int64_t log_append_time_ms = -1;
  Offset log_start_offset;  // after the append (ProduceResponse.logStartOffset)
  LogEvents events;         // a roll, a flush
  bool ok() const { return error == LogError::kNone; }
};

// Kafka's FetchDataInfo: whole batches, in offset order, shared with the log (no copy).
struct LogReadInfo {
  LogError error = LogError::kNone;
  std::string message;
  // The first batch holds `from` (it may start before it: the reader skips the records below).
  std::vector<RecordBatch> batches;
  int64_t size_bytes = 0;
  Offset log_start_offset;
  Offset log_end_offset;
  bool ok() const { return error == LogError::kNone; }
};

// ListOffsets (KIP-79, KIP-734) answers: the offset and timestamp found, and the epoch of the
// batch that holds it. offset == kUndefinedOffset when no record qualifies.
struct TimestampAndOffset {
  int64_t timestamp_ms = -1;
  Offset offset = kUndefinedOffset;
  LeaderEpoch leader_epoch = kNoLeaderEpoch;
  bool operator==(const TimestampAndOffset&) const = default;
};

// ListOffsetsRequest's special timestamps.
inline constexpr int64_t kLatestTimestamp = -1;
inline constexpr int64_t kEarliestTimestamp = -2;
inline constexpr int64_t kMaxTimestamp = -3;

}  // namespace kafkasim
