// kafka-console-consumer.sh's output: Kafka 3.7's DefaultMessageFormatter.

#include <catch2/catch.hpp>

#include "sim/client/message_formatter.h"

namespace kafkasim {
namespace {

std::string Format(const std::map<std::string, std::string>& props, std::optional<std::string> key,
                   std::optional<std::string> value) {
  return FormatRecord(ParseMessageFormatterConfig(props),
                      ConsumerRecordView{.partition = 2, .offset = 42, .timestamp_ms = 1700000000123, .key = key, .value = value});
}

TEST_CASE("by default only the value prints, then a newline") {
  CHECK(Format({}, "k", "hello") == "hello\n");
}

TEST_CASE("print.key puts the key and a tab before the value") {
  CHECK(Format({{"print.key", "true"}}, "user-1", "first order") == "user-1\tfirst order\n");
}

TEST_CASE("key.separator replaces the tab") {
  CHECK(Format({{"print.key", "true"}, {"key.separator", ":"}}, "user-1", "v") == "user-1:v\n");
}

TEST_CASE("a null key or value prints as null") {
  CHECK(Format({{"print.key", "true"}}, std::nullopt, std::nullopt) == "null\tnull\n");
}

TEST_CASE("timestamp, partition and offset come first, in that order, each with its label") {
  CHECK(Format({{"print.timestamp", "true"}, {"print.partition", "true"}, {"print.offset", "true"},
                {"print.key", "true"}},
               "k", "v") == "CreateTime:1700000000123\tPartition:2\tOffset:42\tk\tv\n");
}

TEST_CASE("without print.value the last field ends the line") {
  CHECK(Format({{"print.offset", "true"}, {"print.value", "false"}}, "k", "v") == "Offset:42\n");
}

TEST_CASE("a record without a timestamp prints NO_TIMESTAMP") {
  auto config = ParseMessageFormatterConfig({{"print.timestamp", "true"}});
  CHECK(FormatRecord(config, ConsumerRecordView{.timestamp_ms = -1, .value = "v"}) == "NO_TIMESTAMP\tv\n");
}

TEST_CASE("escaped separators are unescaped, as written on a command line") {
  CHECK(Format({{"print.key", "true"}, {"key.separator", "\\t|\\t"}}, "k", "v") == "k\t|\tv\n");
}

TEST_CASE("print.headers prints NO_HEADERS, kafkasim's records having none, in its column after the offset") {
  CHECK(Format({{"print.headers", "true"}}, "k", "v") == "NO_HEADERS\tv\n");
  CHECK(Format({{"print.offset", "true"}, {"print.headers", "true"}, {"print.key", "true"}}, "k", "v") ==
        "Offset:42\tNO_HEADERS\tk\tv\n");
  CHECK(Format({{"print.headers", "true"}, {"print.value", "false"}}, "k", "v") == "NO_HEADERS\n");
}

}  // namespace
}  // namespace kafkasim
