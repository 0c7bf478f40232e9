#pragma once
// kafka-consumer-groups.sh --reset-offsets (ConsumerGroupCommand.prepareOffsetsToReset, Kafka 3.7)
// as pure rules: which partitions a --topic argument names, which offsets the tool must look up
// for a scenario, and the new offset of each partition once it knows them.
//
//   --to-earliest        the log start offset
//   --to-latest          the log end offset (what ListOffsets "latest" answers: the high watermark)
//   --to-current         the committed offset; the log end offset where nothing is committed
//   --to-offset N        N, clamped into [log start, log end] with a WARN
//   --shift-by N         committed + N, clamped the same way; no committed offset is an error
//   --to-datetime T      the first offset whose timestamp is ≥ T (ListOffsets by timestamp); the
//                        log end offset when no record is that recent
//   --by-duration D      as --to-datetime, for T = now − D (java.time.Duration syntax: PT10M)
// Times are simulated: the simulation starts at 1970-01-01T00:00:00.000Z and record timestamps
// are its clock, so "--to-datetime 1970-01-01T00:00:30.000" means 30 s into the run.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/protocol/types.h"

namespace kafkasim {

enum class ResetScenarioKind { kToOffset, kShiftBy, kToDatetime, kByDuration, kToEarliest, kToLatest, kToCurrent };

struct ResetScenario {
  ResetScenarioKind kind = ResetScenarioKind::kToCurrent;
  int64_t value = 0;  // --to-offset / --shift-by
  std::string text;   // --to-datetime / --by-duration, parsed when the group is reset (as Kafka does)
};

// One --topic argument: "orders" (every partition, from the topic's metadata) or "orders:0,2".
struct TopicArg {
  std::string topic;
  std::optional<std::vector<int32_t>> partitions;
};
// Nullopt-free: an unparseable partition is Kafka's NumberFormatException text.
std::variant<TopicArg, std::string> ParseTopicArg(const std::string& arg);

// Utils.getDateTime: "yyyy-MM-ddTHH:mm:ss.SSS" with an optional zone (Z, ±HH, ±HHMM, ±HH:MM;
// UTC when absent) to epoch milliseconds, or the ParseException message.
std::variant<int64_t, std::string> ParseKafkaDateTime(const std::string& text);
// java.time.Duration.parse ("PnDTnHnMn.nS", case-insensitive, signed parts) to milliseconds
// (truncated toward zero), or DateTimeParseException's message.
std::variant<int64_t, std::string> ParseJavaDuration(const std::string& text);

// The timestamp a --to-datetime / --by-duration scenario looks up, at simulated time `now_ms`.
std::variant<int64_t, std::string> ResetTimestamp(const ResetScenario& scenario, int64_t now_ms);

// What the tool asks the cluster before it can plan (Kafka asks for nothing else).
struct ResetLookups {
  bool committed = false, log_start = false, log_end = false, timestamp = false;
};
ResetLookups LookupsFor(ResetScenarioKind kind);

struct ResetInputs {
  std::map<TopicPartition, int64_t> committed;  // only partitions with a committed offset
  std::map<TopicPartition, int64_t> log_start, log_end;
  std::map<TopicPartition, int64_t> by_timestamp;  // -1: no record at or after the timestamp
};
struct ResetPlan {
  std::vector<std::pair<TopicPartition, int64_t>> offsets;  // in the order of `partitions`
  std::vector<std::string> warnings;                       // log4j WARN messages
  // printUsageAndDie / IllegalArgumentException: the tool prints this and exits 1.
  std::optional<std::string> usage_error;
};
ResetPlan PlanReset(const ResetScenario& scenario, const std::vector<TopicPartition>& partitions,
                    const ResetInputs& in);

}  // namespace kafkasim
