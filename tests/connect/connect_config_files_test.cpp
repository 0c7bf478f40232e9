#include <catch2/catch.hpp>

#include "sim/config/config_files.h"
#include "sim/config/properties.h"

#include <filesystem>
#include <fstream>

using namespace kafkasim;

TEST_CASE("Kafka 3.7's config/connect-standalone.properties is shipped with its keys") {
  auto text = ReadConfigFile("config/connect-standalone.properties");
  REQUIRE(text.has_value());
  CHECK(text->starts_with("# Licensed to the Apache Software Foundation (ASF)"));
  const Properties p = ParseProperties(*text);
  CHECK(p.Get("bootstrap.servers") == "localhost:9092");
  CHECK(p.Get("key.converter") == "org.apache.kafka.connect.json.JsonConverter");
  CHECK(p.Get("value.converter") == "org.apache.kafka.connect.json.JsonConverter");
  CHECK(p.Get("key.converter.schemas.enable") == "true");
  CHECK(p.Get("value.converter.schemas.enable") == "true");
  CHECK(p.Get("offset.storage.file.filename") == "/tmp/connect.offsets");
  CHECK(p.Get("offset.flush.interval.ms") == "10000");
  // 3.x dropped the internal.*.converter keys (KIP-738); plugin.path stays commented out.
  CHECK_FALSE(p.Has("internal.key.converter"));
  CHECK_FALSE(p.Has("plugin.path"));
  CHECK(p.values().size() == 7);
}

TEST_CASE("config/connect-distributed.properties names the group and the three internal topics") {
  const Properties p = ParseProperties(*ReadConfigFile("config/connect-distributed.properties"));
  CHECK(p.Get("group.id") == "connect-cluster");
  CHECK(p.Get("offset.storage.topic") == "connect-offsets");
  CHECK(p.Get("config.storage.topic") == "connect-configs");
  CHECK(p.Get("status.storage.topic") == "connect-status");
  CHECK(p.Get("offset.storage.replication.factor") == "1");
  CHECK(p.Get("config.storage.replication.factor") == "1");
  CHECK(p.Get("status.storage.replication.factor") == "1");
  CHECK_FALSE(p.Has("offset.storage.partitions"));
  CHECK_FALSE(p.Has("listeners"));
  CHECK(p.Get("offset.flush.interval.ms") == "10000");
}

TEST_CASE("the FileStream samples read test.txt into connect-test and write test.sink.txt") {
  const Properties source = ParseProperties(*ReadConfigFile("config/connect-file-source.properties"));
  CHECK(source.Get("name") == "local-file-source");
  CHECK(source.Get("connector.class") == "FileStreamSource");
  CHECK(source.Get("tasks.max") == "1");
  CHECK(source.Get("file") == "test.txt");
  CHECK(source.Get("topic") == "connect-test");
  const Properties sink = ParseProperties(*ReadConfigFile("config/connect-file-sink.properties"));
  CHECK(sink.Get("name") == "local-file-sink");
  CHECK(sink.Get("connector.class") == "FileStreamSink");
  CHECK(sink.Get("file") == "test.sink.txt");
  CHECK(sink.Get("topics") == "connect-test");
}

TEST_CASE("a real file wins over the shipped connect config of the same path") {
  const std::string dir = "connect-config-test-dir";
  std::filesystem::create_directories(dir + "/config");
  const std::string path = dir + "/config/connect-file-source.properties";
  { std::ofstream(path) << "name=mine\n"; }
  CHECK(ParseProperties(*ReadConfigFile(path)).Get("name") == "mine");
  std::filesystem::remove_all(dir);
  CHECK_FALSE(ReadConfigFile(path).has_value());
}
