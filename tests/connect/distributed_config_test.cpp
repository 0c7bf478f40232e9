// A distributed worker's config: Kafka 3.7's shipped connect-distributed.properties, DistributedConfig's
// defaults, and the ConfigException lines Kafka prints for what it refuses.

#include <catch2/catch.hpp>

#include "sim/config/config_files.h"
#include "sim/config/properties.h"
#include "sim/connect/distributed_config.h"

using namespace kafkasim;

namespace {

const std::string kConverters =
    "key.converter=org.apache.kafka.connect.json.JsonConverter\n"
    "value.converter=org.apache.kafka.connect.json.JsonConverter\n";
const std::string kTopics =
    "config.storage.topic=connect-configs\noffset.storage.topic=connect-offsets\nstatus.storage.topic=connect-status\n";

std::string ErrorOf(const std::string& text) {
  auto c = ParseDistributedConfig(ParseProperties(text));
  REQUIRE(std::holds_alternative<std::string>(c));
  return std::get<std::string>(c);
}

}  // namespace

TEST_CASE("the shipped config/connect-distributed.properties: group connect-cluster, RF 1 topics, 10 s flushes") {
  auto text = ReadConfigFile("config/connect-distributed.properties");
  REQUIRE(text);
  auto parsed = ParseDistributedConfig(ParseProperties(*text));
  REQUIRE(std::holds_alternative<DistributedConfig>(parsed));
  const DistributedConfig& c = std::get<DistributedConfig>(parsed);
  CHECK(c.group_id == "connect-cluster");
  CHECK(c.config_storage.topic == "connect-configs");
  CHECK(c.config_storage.partitions == 1);
  CHECK(c.config_storage.replication_factor == 1);
  CHECK(c.offset_storage.topic == "connect-offsets");
  CHECK(c.offset_storage.partitions == 25);
  CHECK(c.status_storage.topic == "connect-status");
  CHECK(c.status_storage.partitions == 5);
  CHECK(c.worker.offset_flush_interval == Duration::Millis(10000));
  CHECK(c.worker.worker_id() == "localhost:8083");
}

TEST_CASE("distributed defaults: 10 s sessions, 3 s heartbeats, sessioned protocol, 5 minute scheduled delay, RF 3") {
  auto parsed = ParseDistributedConfig(ParseProperties(kConverters + kTopics + "group.id=g\n"));
  REQUIRE(std::holds_alternative<DistributedConfig>(parsed));
  const DistributedConfig& c = std::get<DistributedConfig>(parsed);
  CHECK(c.session_timeout == Duration::Millis(10000));
  CHECK(c.heartbeat_interval == Duration::Millis(3000));
  CHECK(c.rebalance_timeout == Duration::Millis(60000));
  CHECK(c.scheduled_rebalance_max_delay == Duration::Millis(300000));
  CHECK(c.connect_protocol == ConnectProtocolCompatibility::kSessioned);
  CHECK(ConnectProtocolNames(c.connect_protocol) == std::vector<std::string>{"sessioned", "compatible", "default"});
  CHECK(c.offset_storage.replication_factor == 3);
  CHECK(c.worker.offset_flush_interval == Duration::Millis(60000));
}

TEST_CASE("a distributed worker needs group.id and the three topic names") {
  CHECK(ErrorOf(kConverters + kTopics) ==
        "org.apache.kafka.common.config.ConfigException: Missing required configuration \"group.id\" which has no "
        "default value.");
  CHECK(ErrorOf(kConverters + "group.id=g\noffset.storage.topic=o\nstatus.storage.topic=s\n")
            .ends_with("\"config.storage.topic\" which has no default value."));
  // No offset file needed: offsets live in Kafka.
  CHECK(std::holds_alternative<DistributedConfig>(ParseDistributedConfig(ParseProperties(kConverters + kTopics + "group.id=g\n"))));
}

TEST_CASE("bad distributed values are refused with Kafka's messages") {
  const std::string base = kConverters + kTopics + "group.id=g\n";
  CHECK(ErrorOf(base + "connect.protocol=fancy\n") ==
        "org.apache.kafka.common.config.ConfigException: Invalid value fancy for configuration connect.protocol: "
        "Invalid Connect protocol compatibility");
  CHECK(ErrorOf(base + "offset.storage.replication.factor=0\n")
            .ends_with("Replication factor must be positive and not larger than the number of brokers in the Kafka "
                       "cluster, or -1 to use the broker's default"));
  CHECK(ErrorOf(base + "status.storage.partitions=0\n")
            .ends_with("Number of partitions must be positive, or -1 to use the broker's default"));
  CHECK(ErrorOf(base + "scheduled.rebalance.max.delay.ms=-5\n") ==
        "org.apache.kafka.common.config.ConfigException: Invalid value -5 for configuration "
        "scheduled.rebalance.max.delay.ms: Value must be at least 0");
  CHECK(ErrorOf(base + "session.timeout.ms=ten\n").ends_with("Not a number of type INT"));
}

TEST_CASE("the config topic always has one partition: a partitions setting is ignored with Kafka's warning") {
  auto parsed = ParseDistributedConfig(
      ParseProperties(kConverters + kTopics + "group.id=g\nconfig.storage.partitions=3\n"
                      "offset.storage.replication.factor=-1\nconnect.protocol=COMPATIBLE\n"));
  REQUIRE(std::holds_alternative<DistributedConfig>(parsed));
  const DistributedConfig& c = std::get<DistributedConfig>(parsed);
  CHECK(c.config_storage.partitions == 1);
  CHECK(c.warnings == std::vector<std::string>{
                          "Ignoring 'config.storage.partitions=3' setting, since config topic partitions is always 1"});
  CHECK(c.offset_storage.replication_factor == -1);
  CHECK(ConnectProtocolNames(c.connect_protocol) == std::vector<std::string>{"compatible", "default"});
}
