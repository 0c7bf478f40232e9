// kafka-configs.sh (ConfigCommand, Kafka 3.7): how --add-config is read, what --describe prints,
// and the tool's output end to end against a simulated cluster — successes and errors as the
// real tool prints them.

#include <cctype>
#include <sstream>

#include <catch2/catch.hpp>

#include "sim/tools/configs_output.h"
#include "tests/broker/cluster_fixture.h"

namespace kafkasim {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs Added(std::string_view text) {
  auto r = ParseConfigsToBeAdded(text);
  REQUIRE(std::holds_alternative<Pairs>(r));
  return std::get<Pairs>(r);
}

TEST_CASE("--add-config splits at commas outside brackets and at '=' with blanks around it") {
  CHECK(Added("retention.ms=60000,cleanup.policy=compact") ==
        Pairs{{"cleanup.policy", "compact"}, {"retention.ms", "60000"}});
  CHECK(Added("cleanup.policy=[compact,delete], retention.ms = 5") ==
        Pairs{{"cleanup.policy", "compact,delete"}, {"retention.ms", "5"}});
  CHECK(Added("a=1,a=2") == Pairs{{"a", "2"}});
  CHECK(Added("ssl.endpoint.identification.algorithm=") == Pairs{{"ssl.endpoint.identification.algorithm", ""}});
  for (std::string_view bad : {"retention.ms", "a=1=2", "a=1,", ""}) {
    auto r = ParseConfigsToBeAdded(bad);
    REQUIRE(std::holds_alternative<AdminError>(r));
    CHECK(std::get<AdminError>(r).message ==
          "requirement failed: Invalid entity config: all configs to be added must be in the format \"key=val\".");
  }
}

TEST_CASE("--delete-config splits on commas and trims") {
  CHECK(ParseConfigsToBeDeleted({"retention.ms, cleanup.policy", "segment.bytes"}) ==
        std::vector<std::string>{"retention.ms", "cleanup.policy", "segment.bytes"});
}

TEST_CASE("--describe prints the dynamic entries by name, or every one with --all") {
  const std::vector<DescribedConfig> configs = {
      {.name = "segment.bytes", .value = "1073741824", .source = ConfigSource::kDefaultConfig,
       .synonyms = {{"log.segment.bytes", "1073741824", ConfigSource::kDefaultConfig}}},
      {.name = "retention.ms", .value = "60000", .source = ConfigSource::kTopicConfig,
       .synonyms = {{"retention.ms", "60000", ConfigSource::kTopicConfig}}},
      {.name = "cleanup.policy", .value = "compact", .source = ConfigSource::kTopicConfig,
       .synonyms = {{"cleanup.policy", "compact", ConfigSource::kTopicConfig},
                    {"log.cleanup.policy", "delete", ConfigSource::kDefaultConfig}}},
  };
  const auto dynamic = SelectDescribed(configs, ConfigResourceType::kTopic, false);
  REQUIRE(dynamic.size() == 2);
  CHECK(FormatDescribedConfig(dynamic[0]) ==
        "  cleanup.policy=compact sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact, "
        "DEFAULT_CONFIG:log.cleanup.policy=delete}");
  CHECK(FormatDescribedConfig(dynamic[1]) ==
        "  retention.ms=60000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=60000}");
  CHECK(SelectDescribed(configs, ConfigResourceType::kTopic, true).size() == 3);
  CHECK(SelectDescribed(configs, ConfigResourceType::kBroker, false).empty());
  CHECK(FormatDescribedConfig({.name = "log.retention.ms"}) == "  log.retention.ms=null sensitive=false synonyms={}");
  CHECK(DescribeHeader(ConfigResourceType::kTopic, "orders", false) == "Dynamic configs for topic orders are:");
  CHECK(DescribeHeader(ConfigResourceType::kBroker, "0", true) == "All configs for broker 0 are:");
  CHECK(DescribeHeader(ConfigResourceType::kBroker, "", false) == "Default configs for brokers in the cluster are:");
}

// --- end to end ---

const std::string kOrders = std::string(testing::kThreeBrokers) +
                            "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders "
                            "--partitions 1 --replication-factor 3\n";
const std::string kConfigs = "bin/kafka-configs.sh --bootstrap-server localhost:9092 ";

// What the tools printed, without the commands, the narration of events and the expectations.
std::string ToolLines(const std::string& narration) {
  std::istringstream in(narration);
  std::string out, line;
  while (std::getline(in, line)) {
    if (line.starts_with("$ ") || line.starts_with("  \u25b6")) continue;
    const size_t bar = line.find("\u2502");
    const size_t seconds = line.find_first_not_of(' ');
    const bool event = bar != std::string::npos && seconds != std::string::npos && std::isdigit(line[seconds]) &&
                       line.find("s ", seconds) < bar;
    if (!event) out += line + "\n";
  }
  return out;
}

std::string Play(const std::string& commands) {
  auto run = testing::PlayCluster(kOrders + commands);
  INFO(run.narration);
  REQUIRE(run.report.finished);
  return ToolLines(run.narration);
}

TEST_CASE("kafka-configs.sh alters a topic and describes its dynamic configs with their synonyms") {
  const std::string out = Play(kConfigs + "--describe --entity-type topics --entity-name orders\n" + kConfigs +
                               "--entity-type topics --entity-name orders --alter --add-config "
                               "retention.ms=60000,cleanup.policy=compact\n" +
                               kConfigs + "--describe --topic orders\n");
  CHECK_THAT(out, Catch::Contains("Dynamic configs for topic orders are:\n"));
  CHECK_THAT(out, Catch::Contains("Completed updating config for topic orders.\n"));
  CHECK_THAT(out, Catch::Contains(
                      "Dynamic configs for topic orders are:\n"
                      "  cleanup.policy=compact sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact, "
                      "DEFAULT_CONFIG:log.cleanup.policy=delete}\n"
                      "  retention.ms=60000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=60000}\n"));
  // kafka-topics.sh --describe lists the overrides too.
  const std::string topics = Play(kConfigs + "--topic orders --alter --add-config retention.ms=60000\n"
                                  "bin/kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic orders\n");
  CHECK_THAT(topics, Catch::Contains("Configs: retention.ms=60000\n"));
}

TEST_CASE("--describe --all lists every topic config, the defaults with their broker synonyms") {
  const std::string out = Play(kConfigs + "--describe --all --topic orders\n");
  CHECK_THAT(out, Catch::Contains("All configs for topic orders are:\n"
                                  "  cleanup.policy=delete sensitive=false synonyms={DEFAULT_CONFIG:log.cleanup.policy=delete}\n"
                                  "  compression.type=producer sensitive=false synonyms={DEFAULT_CONFIG:compression.type=producer}\n"));
  CHECK_THAT(out, Catch::Contains("  retention.ms=604800000 sensitive=false synonyms={}\n"));
  CHECK_THAT(out, Catch::Contains("  unclean.leader.election.enable=false sensitive=false "
                                  "synonyms={DEFAULT_CONFIG:unclean.leader.election.enable=false}\n"));
}

TEST_CASE("--delete-config removes an override, and refuses a name that is not one") {
  const std::string out = Play(kConfigs + "--topic orders --alter --add-config retention.ms=60000\n" + kConfigs +
                               "--topic orders --alter --delete-config retention.ms,segment.bytes\n" + kConfigs +
                               "--topic orders --alter --delete-config retention.ms\n" + kConfigs +
                               "--describe --topic orders\n");
  // The first removal names a key that is not an override: nothing is removed, retention.ms
  // included; the second removes it, and nothing dynamic is left.
  CHECK_THAT(out, Catch::EndsWith("Created topic orders.\n"
                                  "Completed updating config for topic orders.\n"
                                  "Invalid config(s): segment.bytes\n"
                                  "Completed updating config for topic orders.\n"
                                  "Dynamic configs for topic orders are:\n"));
}

TEST_CASE("what the broker refuses is printed as the failed future the tool gets") {
  const std::string out = Play(kConfigs + "--topic orders --alter --add-config retention.msx=1\n" + kConfigs +
                               "--topic orders --alter --add-config retention.ms=soon\n" + kConfigs +
                               "--describe --topic nope\n" + kConfigs +
                               "--topic nope --alter --add-config retention.ms=1\n");
  CHECK_THAT(out, Catch::Contains(
                      "Error while executing config command with args '--bootstrap-server localhost:9092 --topic "
                      "orders --alter --add-config retention.msx=1'\n"
                      "java.util.concurrent.ExecutionException: "
                      "org.apache.kafka.common.errors.InvalidConfigurationException: Unknown topic config name: "
                      "retention.msx\n"));
  CHECK_THAT(out, Catch::Contains("java.util.concurrent.ExecutionException: "
                                  "org.apache.kafka.common.errors.InvalidRequestException: Invalid config value for "
                                  "resource ConfigResource(type=TOPIC, name='orders'): Invalid value soon for "
                                  "configuration retention.ms: Not a number of type LONG\n"));
  CHECK_THAT(out, Catch::Contains("Dynamic configs for topic nope are:\n"
                                  "Error while executing config command with args '--bootstrap-server localhost:9092 "
                                  "--describe --topic nope'\n"
                                  "java.util.concurrent.ExecutionException: "
                                  "org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does "
                                  "not host this topic-partition.\n"));
  CHECK_THAT(out, Catch::Contains("--topic nope --alter --add-config retention.ms=1'\n"
                                  "java.util.concurrent.ExecutionException: "
                                  "org.apache.kafka.common.errors.UnknownTopicOrPartitionException"));
}

TEST_CASE("a broker describes its own configs; its dynamic ones are none") {
  const std::string out = Play(kConfigs + "--describe --entity-type brokers --entity-name 1\n" + kConfigs +
                               "--describe --all --broker 1\n");
  CHECK_THAT(out, Catch::Contains("Dynamic configs for broker 1 are:\nAll configs for broker 1 are:\n"));
  CHECK_THAT(out, Catch::Contains("  broker.id=1 sensitive=false synonyms={STATIC_BROKER_CONFIG:broker.id=1, "
                                  "DEFAULT_CONFIG:broker.id=-1}\n"));
  CHECK_THAT(out, Catch::Contains("  log.retention.hours=168 sensitive=false synonyms={STATIC_BROKER_CONFIG:"
                                  "log.retention.hours=168, DEFAULT_CONFIG:log.retention.hours=168}\n"));
}

TEST_CASE("argument mistakes are refused before anything runs, with ConfigCommand's messages") {
  Session session(SessionOptions{.seed = 1});
  InstallKafka(session);
  const Command* command = session.commands().Find("kafka-configs.sh");
  REQUIRE(command != nullptr);
  auto error = [&](std::vector<std::string> args) -> std::string {
    try {
      command->Parse(args, {});
    } catch (const UsageError& e) {
      return e.what();
    }
    return "";
  };
  CHECK(error({"--bootstrap-server", "localhost:9092", "--topic", "orders"}) ==
        "Command must include exactly one action: --describe, --alter");
  CHECK(error({"--bootstrap-server", "localhost:9092", "--alter", "--topic", "orders"}) ==
        "At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter");
  CHECK(error({"--bootstrap-server", "localhost:9092", "--describe", "--entity-type", "topic", "--entity-name", "o"}) ==
        "Invalid entity type topic, the entity type must be one of topics, clients, users, brokers, ips, "
        "broker-loggers, client-metrics with a --bootstrap-server or --bootstrap-controller argument");
  CHECK(error({"--bootstrap-server", "localhost:9092", "--describe", "--entity-type", "brokers", "--entity-name", "x"}) ==
        "The entity name for brokers must be a valid integer broker id, but it is: x");
  CHECK(error({"--bootstrap-server", "localhost:9092", "--describe", "--entity-type", "topics", "--topic", "o"}) ==
        "Duplicate entity type(s) specified: topics");
  CHECK(error({"--bootstrap-server", "localhost:9092", "--describe", "--entity-name", "o", "--topic", "o"}) ==
        "--entity-{type,name,default} should not be used in conjunction with specific entity flags");
  CHECK(error({"--bootstrap-server", "localhost:9092", "--alter", "--entity-type", "topics", "--add-config", "a=1"}) ==
        "An entity name must be specified with --alter of topics");
  CHECK(error({"--bootstrap-server", "localhost:9092", "--alter", "--topic", "o", "--add-config", "retention.ms"}) ==
        "requirement failed: Invalid entity config: all configs to be added must be in the format \"key=val\".");
  CHECK(error({"--bootstrap-server", "localhost:9092", "--describe", "--topic", "o", "--add-config", "a=1"}) ==
        "Option \"[describe]\" can't be used with option \"[add-config]\"");
  CHECK_THAT(error({"--bootstrap-server", "localhost:9092", "--alter", "--broker", "0", "--add-config", "a=1"}),
             Catch::Contains("not available yet"));
}

}  // namespace
}  // namespace kafkasim
