// kafka-console-producer.sh's reading of input lines: Kafka 3.7's LineMessageReader.

#include <catch2/catch.hpp>

#include "sim/client/line_message_reader.h"

namespace kafkasim {
namespace {

LineReaderConfig Config(const std::map<std::string, std::string>& props) {
  auto c = ParseLineReaderConfig(props);
  REQUIRE(std::holds_alternative<LineReaderConfig>(c));
  return std::get<LineReaderConfig>(c);
}

ProducerRecord Read(const LineReaderConfig& c, const std::string& line) {
  auto r = ReadLineRecord(c, "orders", line, 1);
  REQUIRE(std::holds_alternative<ProducerRecord>(r));
  return std::get<ProducerRecord>(r);
}

TEST_CASE("without parse.key the whole line is the value and the key is null") {
  const ProducerRecord r = Read(Config({}), "user-1:first order");
  CHECK_FALSE(r.key.has_value());
  CHECK(r.value == "user-1:first order");
  CHECK(r.topic == "orders");
}

TEST_CASE("parse.key splits at the first key.separator") {
  const ProducerRecord r = Read(Config({{"parse.key", "true"}, {"key.separator", ":"}}), "user-1:first:order");
  CHECK(r.key == "user-1");
  CHECK(r.value == "first:order");
}

TEST_CASE("the default key separator is a tab") {
  const ProducerRecord r = Read(Config({{"parse.key", "true"}}), "k\tv");
  CHECK(r.key == "k");
  CHECK(r.value == "v");
}

TEST_CASE("a line without the separator is Kafka's error, naming the line") {
  auto r = ReadLineRecord(Config({{"parse.key", "true"}, {"key.separator", ":"}}), "orders", "no separator", 3);
  REQUIRE(std::holds_alternative<std::string>(r));
  CHECK(std::get<std::string>(r) == "No key separator found on line number 3: 'no separator'");
}

TEST_CASE("ignore.error makes a line without separator a null-key record") {
  const ProducerRecord r = Read(Config({{"parse.key", "true"}, {"key.separator", ":"}, {"ignore.error", "true"}}), "abc");
  CHECK_FALSE(r.key.has_value());
  CHECK(r.value == "abc");
}

TEST_CASE("null.marker turns a key or value into null") {
  const ProducerRecord r =
      Read(Config({{"parse.key", "true"}, {"key.separator", ":"}, {"null.marker", "NULL"}}), "user-1:NULL");
  CHECK(r.key == "user-1");
  CHECK_FALSE(r.value.has_value());
}

TEST_CASE("null.marker may not equal key.separator") {
  auto c = ParseLineReaderConfig({{"key.separator", ":"}, {"null.marker", ":"}});
  REQUIRE(std::holds_alternative<std::string>(c));
  CHECK(std::get<std::string>(c) == "null.marker and key.separator may not be equal");
}

TEST_CASE("parse.key is read case-insensitively, as Kafka's equalsIgnoreCase") {
  CHECK(Config({{"parse.key", " TRUE "}}).parse_key);
}

}  // namespace
}  // namespace kafkasim
