#include "sim/admin/topic_config.h"

#include <catch2/catch.hpp>

#include "sim/config/config_files.h"
#include "tests/admin/broker_config_fixture.h"

using namespace kafkasim;
using namespace kafkasim::time_literals;

namespace {

AdminError ArgsError(std::vector<std::string> args) {
  auto r = ParseTopicConfigArgs(args);
  REQUIRE(std::holds_alternative<AdminError>(r));
  return std::get<AdminError>(r);
}

std::string Joined(const std::vector<ConfigEntry>& entries) {
  std::string out;
  for (const ConfigEntry& e : entries) out += (out.empty() ? "" : ",") + e.name + "=" + e.value;
  return out;
}

}  // namespace

TEST_CASE("--config key=val pairs parse with blanks around '=' and values trimmed") {
  auto r = ParseTopicConfigArgs(
      std::vector<std::string>{"retention.ms=60000", "cleanup.policy = compact "});
  REQUIRE(std::holds_alternative<ConfigMap>(r));
  CHECK(std::get<ConfigMap>(r) ==
        ConfigMap{{"cleanup.policy", "compact"}, {"retention.ms", "60000"}});
}

TEST_CASE("--config errors are TopicCommand's and LogConfig's") {
  const std::string format =
      "requirement failed: Invalid topic config: all configs to be added must be in the format "
      "\"key=val\".";
  CHECK(ArgsError({"retention.ms"}) == AdminError{"java.lang.IllegalArgumentException", format});
  CHECK(ArgsError({"retention.ms="}).message == format);
  CHECK(ArgsError({"a=b=c"}).message == format);
  CHECK(ArgsError({"a = = b"}).message == format);
  CHECK(ArgsError({"=1"}).message == "Unknown topic config name: ");
  CHECK(ArgsError({"foo=1"}) ==
        AdminError{"org.apache.kafka.common.errors.InvalidConfigurationException",
                   "Unknown topic config name: foo"});
  CHECK(ArgsError({"retention.ms=abc"}) ==
        AdminError{"org.apache.kafka.common.config.ConfigException",
                   "Invalid value abc for configuration retention.ms: Not a number of type LONG"});
  CHECK(ArgsError({"min.insync.replicas=0"}).message ==
        "Invalid value 0 for configuration min.insync.replicas: Value must be at least 1");
  CHECK(ArgsError({"cleanup.policy=forever"}).message ==
        "Invalid value forever for configuration cleanup.policy: String must be one of: compact, "
        "delete");
  CHECK(ArgsError({"min.cleanable.dirty.ratio=1.5"}).message ==
        "Invalid value 1.5 for configuration min.cleanable.dirty.ratio: Value must be no more than "
        "1");
  // LogConfig parses in definition order: segment.bytes comes before retention.ms.
  CHECK(ArgsError({"retention.ms=x", "segment.bytes=y"}).message ==
        "Invalid value y for configuration segment.bytes: Not a number of type INT");
  CHECK(
      ArgsError({"min.compaction.lag.ms=10", "max.compaction.lag.ms=5"}) ==
      AdminError{
          "org.apache.kafka.common.errors.InvalidConfigurationException",
          "conflict topic config setting min.compaction.lag.ms (10) > max.compaction.lag.ms (5)"});
}

TEST_CASE("a topic's config: its overrides over the broker's log defaults") {
  TopicConfig plain = std::get<TopicConfig>(EffectiveTopicConfig(testing::SampleBrokerConfig(), {}));
  CHECK(plain.retention == std::optional<Duration>(60_min * 168));
  CHECK(plain.retention_bytes == -1);
  CHECK(plain.segment_bytes == 1073741824);
  CHECK(plain.segment == 60_min * 168);
  CHECK(plain.cleanup_policy == std::vector<std::string>{"delete"});
  CHECK(plain.cleanup_delete);
  CHECK_FALSE(plain.cleanup_compact);
  CHECK(plain.min_insync_replicas == 1);
  CHECK_FALSE(plain.unclean_leader_election_enable);
  CHECK(plain.delete_retention == 60_min * 24);
  CHECK(plain.min_cleanable_dirty_ratio == 0.5);
  CHECK(plain.max_message_bytes == 1048588);
  CHECK(plain.flush == Duration::Max());
  CHECK(plain.max_compaction_lag == Duration::Max());

  const KafkaConfig broker =
      testing::SampleBrokerConfig({"log.retention.hours=1", "min.insync.replicas=2", "log.cleanup.policy=compact"});
  TopicConfig inherited = std::get<TopicConfig>(EffectiveTopicConfig(broker, {}));
  CHECK(inherited.retention == std::optional<Duration>(60_min));
  CHECK(inherited.min_insync_replicas == 2);
  CHECK(inherited.cleanup_compact);
  TopicConfig own =
      std::get<TopicConfig>(EffectiveTopicConfig(broker, {{"retention.ms", "-1"},
                                                          {"min.insync.replicas", "3"},
                                                          {"cleanup.policy", "compact,delete"}}));
  CHECK_FALSE(own.retention.has_value());
  CHECK(own.min_insync_replicas == 3);
  CHECK((own.cleanup_compact && own.cleanup_delete));
  CHECK(std::get<AdminError>(EffectiveTopicConfig(broker, {{"retention.ms", "soon"}})).message ==
        "Invalid value soon for configuration retention.ms: Not a number of type LONG");
}

TEST_CASE("describe lists overrides and the broker's primary synonyms, not lesser ones") {
  CHECK(NonDefaultTopicConfigs(testing::SampleBrokerConfig(), {}).empty());  // 3.7's file: log.retention.hours only
  CHECK(Joined(NonDefaultTopicConfigs(testing::SampleBrokerConfig({"log.segment.bytes=1073741824"}), {})) ==
        "segment.bytes=1073741824");
  CHECK(Joined(NonDefaultTopicConfigs(testing::SampleBrokerConfig({"log.retention.ms=3600000"}), {})) ==
        "retention.ms=3600000");
  CHECK(NonDefaultTopicConfigs(testing::SampleBrokerConfig({"log.retention.minutes=60"}), {}).empty());
  CHECK(Joined(NonDefaultTopicConfigs(testing::SampleBrokerConfig(), {{"retention.ms", "60000"}})) ==
        "retention.ms=60000");
  // Values print as Kafka converts them back: trimmed list, Java's booleans and doubles (order:
  // buckets 18, 44, 45 of 64, computed separately in Python).
  CHECK(Joined(NonDefaultTopicConfigs(testing::SampleBrokerConfig(), {{"cleanup.policy", "compact, delete"},
                                                 {"unclean.leader.election.enable", "TRUE"},
                                                 {"min.cleanable.dirty.ratio", ".1"}})) ==
        "cleanup.policy=compact,delete,min.cleanable.dirty.ratio=0.1,unclean.leader.election."
        "enable=true");
}

TEST_CASE("describe's order is the client's HashMap order, as real clusters print it") {
  // __consumer_offsets as every Kafka prints it: "Configs: compression.type=producer,
  // cleanup.policy=compact,segment.bytes=104857600" (its creation overrides).
  const ConfigMap offsets = {{"cleanup.policy", "compact"},
                             {"compression.type", "producer"},
                             {"segment.bytes", "104857600"}};
  CHECK(Joined(NonDefaultTopicConfigs(testing::SampleBrokerConfig(), offsets)) ==
        "compression.type=producer,cleanup.policy=compact,segment.bytes=104857600");
  // A cluster whose brokers set flush, size and message limits, as one user's describe showed it.
  const KafkaConfig tuned =
      testing::SampleBrokerConfig({"log.flush.interval.ms=1000", "log.flush.interval.messages=10000",
              "message.max.bytes=1000012", "log.retention.bytes=1073741824"});
  CHECK(Joined(NonDefaultTopicConfigs(tuned, offsets)) ==
        "compression.type=producer,cleanup.policy=compact,flush.ms=1000,segment.bytes=104857600,"
        "flush.messages=10000,max.message.bytes=1000012,retention.bytes=1073741824");
  // Neither alphabetical nor definition order: buckets 10, 18, 27, 37 of 64.
  CHECK(Joined(NonDefaultTopicConfigs(testing::SampleBrokerConfig(), {{"retention.ms", "1"},
                                                 {"cleanup.policy", "delete"},
                                                 {"min.insync.replicas", "1"},
                                                 {"max.message.bytes", "1"}})) ==
        "min.insync.replicas=1,cleanup.policy=delete,retention.ms=1,max.message.bytes=1");
}

TEST_CASE("every topic config knows its broker default") {
  CHECK(ServerDefaultProperty("retention.ms") == "log.retention.ms");
  CHECK(ServerDefaultProperty("max.message.bytes") == "message.max.bytes");
  CHECK(ServerDefaultProperty("min.insync.replicas") == "min.insync.replicas");
  CHECK_FALSE(ServerDefaultProperty("remote.storage.enable").has_value());
  CHECK(TopicConfigDefs().size() == 31);
  const KafkaConfig broker = testing::SampleBrokerConfig();
  for (const ConfigKeyDef& def : TopicConfigDefs()) {
    const auto synonym = ServerDefaultProperty(def.name);
    if (synonym) CHECK(broker.log_config_defaults.count(def.name) == 1);
  }
}
