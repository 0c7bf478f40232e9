#include <catch2/catch.hpp>

#include "sim/config/config_files.h"
#include "sim/config/properties.h"

using namespace kafkasim;

TEST_CASE("Kafka 3.7's config/server.properties is shipped verbatim") {
  auto text = ReadConfigFile("config/server.properties");
  REQUIRE(text.has_value());
  // The byte count of the file in the kafka_2.13-3.7.0 distribution.
  CHECK(text->size() == 6896);
  CHECK(text->starts_with("# Licensed to the Apache Software Foundation (ASF)"));
  CHECK(text->ends_with("group.initial.rebalance.delay.ms=0\n"));
  const Properties p = ParseProperties(*text);
  CHECK(p.Get("broker.id") == "0");
  CHECK(p.Get("log.dirs") == "/tmp/kafka-logs");
  CHECK(p.Get("zookeeper.connect") == "localhost:2181");
  CHECK(p.Get("zookeeper.connection.timeout.ms") == "18000");
  CHECK(p.Get("num.partitions") == "1");
  CHECK(p.Get("offsets.topic.replication.factor") == "1");
  CHECK(p.Get("transaction.state.log.replication.factor") == "1");
  CHECK(p.Get("transaction.state.log.min.isr") == "1");
  CHECK(p.Get("log.retention.hours") == "168");
  CHECK(p.Get("log.retention.check.interval.ms") == "300000");
  CHECK(p.Get("group.initial.rebalance.delay.ms") == "0");
  // 3.7 leaves these commented out.
  CHECK_FALSE(p.Has("listeners"));
  CHECK_FALSE(p.Has("advertised.listeners"));
  CHECK_FALSE(p.Has("log.segment.bytes"));
  CHECK_FALSE(p.Has("log.retention.bytes"));
  CHECK(p.values().size() == 17);
}

TEST_CASE("config/server-N.properties are the quickstart's edited copies") {
  const Properties base = ParseProperties(*ReadConfigFile("config/server.properties"));
  for (int id = 1; id <= 2; ++id) {
    INFO("server-" << id);
    auto text = ReadConfigFile("config/server-" + std::to_string(id) + ".properties");
    REQUIRE(text.has_value());
    const Properties p = ParseProperties(*text);
    CHECK(p.Get("broker.id") == std::to_string(id));
    CHECK(p.Get("listeners") == "PLAINTEXT://:" + std::to_string(9092 + id));
    CHECK(p.Get("log.dirs") == "/tmp/kafka-logs-" + std::to_string(id));
    for (const auto& [key, value] : base.values()) {
      if (key != "broker.id" && key != "log.dirs") CHECK(p.Get(key) == value);
    }
    CHECK(p.values().size() == base.values().size() + 1);  // listeners is the one line added
  }
  CHECK_FALSE(ReadConfigFile("config/server-3.properties").has_value());
}
