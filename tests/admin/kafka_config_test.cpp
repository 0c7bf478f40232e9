#include "sim/admin/kafka_config.h"

#include <catch2/catch.hpp>

#include "sim/config/config_files.h"

using namespace kafkasim;
using namespace kafkasim::time_literals;

namespace {

KafkaConfigLoad Load(const Properties& props) {
  auto r = LoadKafkaConfig(props);
  if (auto* e = std::get_if<AdminError>(&r)) FAIL(e->message);
  return std::get<KafkaConfigLoad>(r);
}

Properties ShippedServerProperties() {
  return ParseProperties(*ReadConfigFile("config/server.properties"));
}

AdminError LoadError(const Properties& props) {
  auto r = LoadKafkaConfig(props);
  REQUIRE(std::holds_alternative<AdminError>(r));
  return std::get<AdminError>(r);
}

}  // namespace

TEST_CASE("the shipped server.properties gives Kafka's laptop broker") {
  const KafkaConfigLoad load = Load(ShippedServerProperties());
  const KafkaConfig& c = load.config;
  CHECK(load.unused_keys.empty());
  CHECK(c.broker_id == 0);
  CHECK(c.listeners == std::vector<Listener>{{"PLAINTEXT", "", 9092}});
  CHECK(c.advertised_listeners == c.listeners);
  CHECK(c.log_dirs == std::vector<std::string>{"/tmp/kafka-logs"});
  CHECK(c.zookeeper_connect == "localhost:2181");
  CHECK(c.zookeeper_session_timeout == 18_s);
  CHECK(c.zookeeper_connection_timeout == 18_s);
  CHECK(c.offsets_topic_replication_factor == 1);  // the file's laptop setting
  CHECK(c.transaction_state_log_replication_factor == 1);
  CHECK(c.transaction_state_log_min_isr == 1);
  CHECK(c.group_initial_rebalance_delay == 0_ms);
  CHECK(c.log_retention == std::optional<Duration>(60_min * 168));
  CHECK(c.log_retention_check_interval == 300_s);
}

TEST_CASE("Kafka's defaults for every key the file leaves out") {
  Properties p;
  p.Set("zookeeper.connect", "localhost:2181");
  const KafkaConfig c = Load(p).config;
  CHECK(c.broker_id == -1);
  CHECK(c.num_partitions == 1);
  CHECK(c.default_replication_factor == 1);
  CHECK(c.min_insync_replicas == 1);
  CHECK_FALSE(c.unclean_leader_election_enable);
  CHECK(c.auto_create_topics_enable);
  CHECK(c.delete_topic_enable);
  CHECK(c.replica_lag_time_max == 30_s);
  CHECK(c.replica_fetch_wait_max == 500_ms);
  CHECK(c.replica_fetch_min_bytes == 1);
  CHECK(c.replica_fetch_max_bytes == 1048576);
  CHECK(c.replica_socket_timeout == 30_s);
  CHECK(c.auto_leader_rebalance_enable);
  CHECK(c.leader_imbalance_check_interval == 300_s);
  CHECK(c.leader_imbalance_per_broker_percentage == 10);
  CHECK(c.controlled_shutdown_enable);
  CHECK(c.log_segment_bytes == 1073741824);
  CHECK(c.log_roll == 60_min * 168);
  CHECK(c.log_retention_bytes == -1);
  CHECK(c.log_cleanup_policy == std::vector<std::string>{"delete"});
  CHECK(c.offsets_topic_replication_factor == 3);
  CHECK(c.offsets_topic_num_partitions == 50);
  CHECK(c.transaction_state_log_min_isr == 2);
  CHECK(c.group_initial_rebalance_delay == 3_s);
  CHECK(c.num_network_threads == 3);
  CHECK(c.log_dirs == std::vector<std::string>{"/tmp/kafka-logs"});  // log.dir's default
  CHECK(c.log_config_defaults.at("retention.ms") == "604800000");
  CHECK(c.log_config_defaults.at("segment.ms") == "604800000");
  CHECK(c.log_config_defaults.at("flush.ms") == "9223372036854775807");
  CHECK(c.log_config_defaults.at("cleanup.policy") == "delete");
  CHECK(c.log_config_defaults.at("min.cleanable.dirty.ratio") == "0.5");
}

TEST_CASE("--override wins over the file; retention takes ms, then minutes, then hours") {
  const std::vector<std::string> overrides = {"broker.id=2",
                                              "listeners=PLAINTEXT://localhost:9094",
                                              "log.dirs=/tmp/a, /tmp/b",
                                              "log.retention.minutes=5",
                                              "min.insync.replicas=2",
                                              "advertised.listeners=PLAINTEXT://broker-2:9094"};
  const KafkaConfig c = Load(ApplyOverrides(ShippedServerProperties(), overrides)).config;
  CHECK(c.broker_id == 2);
  CHECK(c.listeners == std::vector<Listener>{{"PLAINTEXT", "localhost", 9094}});
  CHECK(c.advertised_listeners == std::vector<Listener>{{"PLAINTEXT", "broker-2", 9094}});
  CHECK(c.log_dirs == std::vector<std::string>{"/tmp/a", "/tmp/b"});
  CHECK(c.log_retention == std::optional<Duration>(5_min));  // minutes beat the file's hours
  CHECK(c.min_insync_replicas == 2);
  CHECK(c.log_config_defaults.at("retention.ms") == "300000");
  const KafkaConfig forever = Load(ApplyOverrides(ShippedServerProperties(),
                                                  std::vector<std::string>{"log.retention.ms=-1"}))
                                  .config;
  CHECK_FALSE(forever.log_retention.has_value());
  CHECK(forever.log_config_defaults.at("retention.ms") == "-1");
  // "k" alone is an empty value; "k=a=b" keeps everything after the first '='.
  const Properties p = ApplyOverrides({}, std::vector<std::string>{"flag", "k=a=b"});
  CHECK(p.Get("flag") == "");
  CHECK(p.Get("k") == "a=b");
}

TEST_CASE("bad values are Kafka's ConfigException, not a crash") {
  Properties p = ShippedServerProperties();
  p.Set("num.partitions", "abc");
  CHECK(LoadError(p) ==
        AdminError{"org.apache.kafka.common.config.ConfigException",
                   "Invalid value abc for configuration num.partitions: Not a number of type INT"});
  p.Set("num.partitions", "0");
  CHECK(LoadError(p).message ==
        "Invalid value 0 for configuration num.partitions: Value must be at least 1");
  p = ShippedServerProperties();
  p.Set("unclean.leader.election.enable", "maybe");
  CHECK(LoadError(p).message ==
        "Invalid value maybe for configuration unclean.leader.election.enable: Expected value to "
        "be either true or false");
  Properties no_zk;
  CHECK(
      LoadError(no_zk) ==
      AdminError{"org.apache.kafka.common.config.ConfigException",
                 "Missing required configuration `zookeeper.connect` which has no default value."});
  p = ShippedServerProperties();
  p.Set("listeners", "localhost:9092");
  CHECK(LoadError(p) == AdminError{"org.apache.kafka.common.KafkaException",
                                   "Unable to parse localhost:9092 to a broker endpoint"});
  p.Set("listeners", "FOO://:9092");
  CHECK(LoadError(p).message == "No security protocol defined for listener FOO");
}

TEST_CASE("listeners parse as Kafka's EndPoint pattern does") {
  auto parse = [](std::string_view text) { return ParseListeners(text); };
  CHECK(std::get<std::vector<Listener>>(parse("PLAINTEXT://localhost:9092, ssl://:9093")) ==
        std::vector<Listener>{{"PLAINTEXT", "localhost", 9092}, {"SSL", "", 9093}});
  CHECK(std::get<std::vector<Listener>>(parse("PLAINTEXT://[::1]:9092")) ==
        std::vector<Listener>{{"PLAINTEXT", "::1", 9092}});
  CHECK(std::get<AdminError>(parse("PLAINTEXT://host:port")).message ==
        "Unable to parse PLAINTEXT://host:port to a broker endpoint");
  CHECK(std::get<AdminError>(parse("PLAINTEXT://a b:9092")).message ==
        "Unable to parse PLAINTEXT://a b:9092 to a broker endpoint");
  CHECK(std::get<AdminError>(parse("PLAINTEXT://:99999999999")).message ==
        "Unable to parse PLAINTEXT://:99999999999 to a broker endpoint");
}

TEST_CASE("unknown keys are returned, with AbstractConfig.logUnused's line") {
  Properties p = ShippedServerProperties();
  p.Set("foo", "1");
  p.Set("bar", "2");
  p.Set("log.retention.hour", "3");  // a typo: Kafka does not guess
  const KafkaConfigLoad load = Load(p);
  CHECK(load.unused_keys == std::vector<std::string>{"bar", "foo", "log.retention.hour"});
  CHECK(load.config.log_retention == std::optional<Duration>(60_min * 168));
  // 20 keys supplied: a HashSet of 32 buckets, in which (by String.hashCode, computed separately
  // in Python) "foo" falls in bucket 7, "bar" in 18 and "log.retention.hour" in 19.
  CHECK(
      UnusedConfigsMessage(load.unused_keys, p.values().size()) ==
      "These configurations '[foo, bar, log.retention.hour]' were supplied but are not used yet.");
}

TEST_CASE("the quickstart's server-1 and server-2 are brokers 1 and 2 on 9093 and 9094") {
  for (int id = 1; id <= 2; ++id) {
    INFO("server-" << id);
    const std::string path = "config/server-" + std::to_string(id) + ".properties";
    const KafkaConfig c = Load(ParseProperties(*ReadConfigFile(path))).config;
    CHECK(c.broker_id == id);
    CHECK(c.listeners == std::vector<Listener>{{"PLAINTEXT", "", 9092 + id}});
    CHECK(c.log_dirs == std::vector<std::string>{"/tmp/kafka-logs-" + std::to_string(id)});
    CHECK(c.zookeeper_connect == "localhost:2181");
  }
}
