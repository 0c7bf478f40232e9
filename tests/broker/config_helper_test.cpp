// What a broker answers to DescribeConfigs for a topic (values, sources, synonyms) and how it
// checks an IncrementalAlterConfigs, against Kafka 3.7's ConfigHelper and ZkAdminManager.

#include "sim/broker/config_helper.h"

#include <catch2/catch.hpp>

#include "sim/broker/zk_data.h"
#include "sim/config/config_files.h"
#include "tests/admin/broker_config_fixture.h"

using namespace kafkasim;

namespace {

DescribedConfig Find(const std::vector<DescribedConfig>& configs, std::string_view name) {
  for (const DescribedConfig& c : configs) {
    if (c.name == name) return c;
  }
  FAIL("no entry " << name);
  return {};
}

std::string Synonyms(const DescribedConfig& c) {
  std::string out;
  for (const ConfigSynonym& s : c.synonyms) {
    out += fmt::format("{}{}:{}={}", out.empty() ? "" : ", ", ToString(s.source), s.name, s.value.value_or("null"));
  }
  return out;
}

AlterError Refused(ConfigMap current, std::vector<AlterableConfig> ops) {
  auto r = PrepareTopicConfigs("orders", std::move(current), ops);
  REQUIRE(std::holds_alternative<AlterError>(r));
  return std::get<AlterError>(r);
}

ConfigMap Prepared(ConfigMap current, std::vector<AlterableConfig> ops) {
  auto r = PrepareTopicConfigs("orders", std::move(current), ops);
  REQUIRE(std::holds_alternative<ConfigMap>(r));
  return std::get<ConfigMap>(r);
}

}  // namespace

TEST_CASE("a topic describes every LogConfig key, its override first among the synonyms") {
  const auto configs = DescribeTopicConfigs(testing::SampleBrokerConfig(), {{"retention.ms", "60000"}}, true);
  CHECK(configs.size() == TopicConfigDefs().size());
  const DescribedConfig retention = Find(configs, "retention.ms");
  CHECK(retention.value == "60000");
  CHECK(retention.source == ConfigSource::kTopicConfig);
  CHECK_FALSE(retention.is_sensitive);
  // server.properties sets log.retention.hours: the chain of log.retention.ms starts there, and
  // everything before the first entry named log.retention.ms is dropped — nothing is left.
  CHECK(Synonyms(retention) == "DYNAMIC_TOPIC_CONFIG:retention.ms=60000");
  const DescribedConfig segment = Find(configs, "segment.bytes");
  CHECK(segment.value == "1073741824");
  CHECK(segment.source == ConfigSource::kDefaultConfig);
  CHECK(Synonyms(segment) == "DEFAULT_CONFIG:log.segment.bytes=1073741824");
  CHECK(Synonyms(Find(configs, "cleanup.policy")) == "DEFAULT_CONFIG:log.cleanup.policy=delete");
  CHECK(Find(configs, "leader.replication.throttled.replicas").value == "");
  CHECK(Synonyms(Find(configs, "flush.ms")).empty());  // log.flush.interval.ms has no default
}

TEST_CASE("without an override a topic's retention.ms is the broker's, from log.retention.hours") {
  const DescribedConfig retention = Find(DescribeTopicConfigs(testing::SampleBrokerConfig(), {}, true), "retention.ms");
  CHECK(retention.value == "604800000");
  CHECK(retention.source == ConfigSource::kDefaultConfig);
  CHECK(retention.synonyms.empty());
}

TEST_CASE("a broker's own setting of the primary synonym is a STATIC_BROKER_CONFIG synonym") {
  const auto configs = DescribeTopicConfigs(
      testing::SampleBrokerConfig({"log.retention.ms=3600000", "log.retention.minutes=30", "log.segment.bytes=1048576"}), {}, true);
  const DescribedConfig retention = Find(configs, "retention.ms");
  CHECK(retention.value == "3600000");
  CHECK(retention.source == ConfigSource::kStaticBrokerConfig);
  CHECK(Synonyms(retention) ==
        "STATIC_BROKER_CONFIG:log.retention.ms=3600000, STATIC_BROKER_CONFIG:log.retention.minutes=30, "
        "STATIC_BROKER_CONFIG:log.retention.hours=168, DEFAULT_CONFIG:log.retention.hours=168");
  CHECK(Synonyms(Find(configs, "segment.bytes")) ==
        "STATIC_BROKER_CONFIG:log.segment.bytes=1048576, DEFAULT_CONFIG:log.segment.bytes=1073741824");
}

TEST_CASE("synonyms are left out unless asked for, but the source is the same") {
  const DescribedConfig retention = Find(DescribeTopicConfigs(testing::SampleBrokerConfig(), {{"retention.ms", "1"}}, false), "retention.ms");
  CHECK(retention.synonyms.empty());
  CHECK(retention.source == ConfigSource::kTopicConfig);
}

TEST_CASE("log.retention.ms, .minutes and .hours are one chain; other keys are their own") {
  CHECK(BrokerConfigSynonyms("log.retention.hours") ==
        std::vector<std::string_view>{"log.retention.ms", "log.retention.minutes", "log.retention.hours"});
  CHECK(BrokerConfigSynonyms("log.roll.ms") == std::vector<std::string_view>{"log.roll.ms", "log.roll.hours"});
  CHECK(BrokerConfigSynonyms("log.flush.interval.ms") ==
        std::vector<std::string_view>{"log.flush.interval.ms", "log.flush.scheduler.interval.ms"});
  CHECK(BrokerConfigSynonyms("num.partitions") == std::vector<std::string_view>{"num.partitions"});
}

TEST_CASE("a broker describes its static configs as STATIC_BROKER_CONFIG and the rest as defaults") {
  const auto configs = DescribeBrokerConfigs(testing::SampleBrokerConfig(), true);
  CHECK(std::is_sorted(configs.begin(), configs.end(),
                       [](const DescribedConfig& a, const DescribedConfig& b) { return a.name < b.name; }));
  const DescribedConfig hours = Find(configs, "log.retention.hours");
  CHECK(hours.value == "168");
  CHECK(hours.source == ConfigSource::kStaticBrokerConfig);
  CHECK(Synonyms(hours) == "STATIC_BROKER_CONFIG:log.retention.hours=168, DEFAULT_CONFIG:log.retention.hours=168");
  const DescribedConfig partitions = Find(configs, "num.partitions");
  CHECK(partitions.source == ConfigSource::kStaticBrokerConfig);
  const DescribedConfig unclean = Find(configs, "unclean.leader.election.enable");
  CHECK(unclean.source == ConfigSource::kDefaultConfig);
  CHECK(unclean.value == "false");
  CHECK(Find(configs, "log.retention.ms").value == std::nullopt);  // no default: null
}

TEST_CASE("altering a topic applies SET and DELETE to the stored overrides") {
  CHECK(Prepared({{"retention.ms", "1000"}, {"segment.bytes", "1048576"}},
                 {{"retention.ms", AlterConfigOpType::kSet, "60000"},
                  {"segment.bytes", AlterConfigOpType::kDelete, std::nullopt},
                  {"cleanup.policy", AlterConfigOpType::kSet, "compact"}}) ==
        ConfigMap{{"cleanup.policy", "compact"}, {"retention.ms", "60000"}});
}

TEST_CASE("APPEND and SUBTRACT work on list configs only, starting from the default") {
  CHECK(Prepared({}, {{"cleanup.policy", AlterConfigOpType::kAppend, "compact"}}) ==
        ConfigMap{{"cleanup.policy", "delete,compact"}});
  CHECK(Prepared({{"cleanup.policy", "delete,compact"}}, {{"cleanup.policy", AlterConfigOpType::kSubtract, "delete"}}) ==
        ConfigMap{{"cleanup.policy", "compact"}});
  CHECK(Refused({}, {{"retention.ms", AlterConfigOpType::kAppend, "5"}}) ==
        AlterError{ErrorCode::kInvalidRequest, "Config value append is not allowed for config key: retention.ms"});
  CHECK(Refused({}, {{"nope", AlterConfigOpType::kAppend, "5"}}) ==
        AlterError{ErrorCode::kInvalidConfig, "Unknown topic config name: nope"});
}

TEST_CASE("an unknown name is INVALID_CONFIG, a bad value INVALID_REQUEST naming the resource") {
  CHECK(Refused({}, {{"retention.msx", AlterConfigOpType::kSet, "1"}}) ==
        AlterError{ErrorCode::kInvalidConfig, "Unknown topic config name: retention.msx"});
  CHECK(Refused({}, {{"retention.ms", AlterConfigOpType::kSet, "soon"}}) ==
        AlterError{ErrorCode::kInvalidRequest,
                   "Invalid config value for resource ConfigResource(type=TOPIC, name='orders'): Invalid value soon "
                   "for configuration retention.ms: Not a number of type LONG"});
  CHECK(Refused({}, {{"min.insync.replicas", AlterConfigOpType::kSet, "0"}}).error == ErrorCode::kInvalidRequest);
  // A stored override that conflicts with the new one is checked too.
  CHECK(Refused({{"max.compaction.lag.ms", "10"}}, {{"min.compaction.lag.ms", AlterConfigOpType::kSet, "20"}}) ==
        AlterError{ErrorCode::kInvalidConfig,
                   "conflict topic config setting min.compaction.lag.ms (20) > max.compaction.lag.ms (10)"});
}

TEST_CASE("a request naming a key twice, or setting null, is refused before anything is read") {
  CHECK(CheckAlterOps({{"retention.ms", AlterConfigOpType::kSet, "1"}, {"retention.ms", AlterConfigOpType::kDelete, ""}}) ==
        AlterError{ErrorCode::kInvalidRequest, "Error due to duplicate config keys : retention.ms"});
  CHECK(CheckAlterOps({{"retention.ms", AlterConfigOpType::kSet, std::nullopt}}) ==
        AlterError{ErrorCode::kInvalidRequest, "Null value not supported for : SET:retention.ms"});
  CHECK_FALSE(CheckAlterOps({{"retention.ms", AlterConfigOpType::kDelete, std::nullopt}}));
}

TEST_CASE("a config change notification is version 2 with the entity path") {
  CHECK(zkdata::EncodeConfigChange("topics/orders") == R"({"version":2,"entity_path":"topics/orders"})");
  CHECK(zkdata::DecodeConfigChange(R"({"version":2,"entity_path":"topics/orders"})") == "topics/orders");
  CHECK_FALSE(zkdata::DecodeConfigChange(R"({"version":1,"entity_type":"topics","entity_name":"orders"})"));
}
