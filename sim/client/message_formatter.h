#pragma once
// How kafka-console-consumer.sh prints a record: Kafka 3.7's DefaultMessageFormatter, configured
// by --property: print.timestamp ("CreateTime:1700000000000" or "NO_TIMESTAMP"),
// print.partition ("Partition:0"), print.offset ("Offset:42"), print.key, print.value (default
// true), each field followed by key.separator (default a tab) when another field follows, the
// last one by line.separator (default "\n"); null keys and values print as null.literal ("null").

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kafkasim {

struct ConsumerRecordView {
  int32_t partition = 0;
  int64_t offset = 0;
  int64_t timestamp_ms = -1;
  bool log_append_time = false;
  std::optional<std::string_view> key, value;  // null when absent
};

struct MessageFormatterConfig {
  // print.headers: kafkasim's producers send no headers, so every record prints NO_HEADERS, as
  // Kafka's formatter prints for a record without any.
  bool print_timestamp = false, print_partition = false, print_offset = false, print_headers = false, print_key = false;
  bool print_value = true;
  std::string key_separator = "\t";
  std::string line_separator = "\n";
  std::string null_literal = "null";
};

// DefaultMessageFormatter.configure over --property values (unknown keys are ignored, as Kafka's
// formatter ignores them).
MessageFormatterConfig ParseMessageFormatterConfig(const std::map<std::string, std::string>& props);

// What writeTo writes for one record, line separator included.
std::string FormatRecord(const MessageFormatterConfig& config, const ConsumerRecordView& record);

}  // namespace kafkasim
