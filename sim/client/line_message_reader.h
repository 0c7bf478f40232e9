#pragma once
// How kafka-console-producer.sh turns a line of standard input into a record (Kafka 3.7's
// org.apache.kafka.tools.LineMessageReader): the whole line is the value, unless
// parse.key=true, when the text before the first key.separator (default a tab) is the key.
// null.marker turns a key or value equal to it into null. A line without the separator is an
// error ("No key separator found on line number 2: 'abc'") unless ignore.error=true, when the
// whole line is the value and the key is null.
//
// parse.headers is not simulated yet (kafkasim's records carry no headers): asking for it is an
// error rather than a silently different record.

#include <map>
#include <optional>
#include <string>
#include <variant>

#include "sim/client/producer_record.h"

namespace kafkasim {

struct LineReaderConfig {
  bool parse_key = false;
  std::string key_separator = "\t";
  bool ignore_error = false;
  std::optional<std::string> null_marker;
};

// LineMessageReader.configure over the --property values: the config, or the KafkaException's message.
std::variant<LineReaderConfig, std::string> ParseLineReaderConfig(const std::map<std::string, std::string>& props);

// LineMessageReader.readMessage for line `line_number` (from 1): the record, or the message of
// the KafkaException the tool dies of.
std::variant<ProducerRecord, std::string> ReadLineRecord(const LineReaderConfig& config, const std::string& topic,
                                                         const std::string& line, int line_number);

}  // namespace kafkasim
