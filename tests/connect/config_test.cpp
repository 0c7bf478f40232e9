#include <catch2/catch.hpp>

#include "sim/config/properties.h"
#include "sim/connect/connector_config.h"
#include "sim/connect/worker_config.h"

using namespace kafkasim;
using Json = nlohmann::ordered_json;

TEST_CASE("a standalone worker needs its converters and its offset file, as Kafka's WorkerConfig says") {
  auto missing = ParseStandaloneWorkerConfig(ParseProperties("bootstrap.servers=localhost:9092\n"));
  REQUIRE(std::holds_alternative<std::string>(missing));
  CHECK(std::get<std::string>(missing) ==
        "org.apache.kafka.common.config.ConfigException: Missing required configuration \"key.converter\" which has "
        "no default value.");
  auto no_file = ParseStandaloneWorkerConfig(
      ParseProperties("key.converter=org.apache.kafka.connect.json.JsonConverter\n"
                      "value.converter=org.apache.kafka.connect.storage.StringConverter\n"));
  REQUIRE(std::holds_alternative<std::string>(no_file));
  CHECK(std::get<std::string>(no_file).ends_with("\"offset.storage.file.filename\" which has no default value."));
}

TEST_CASE("worker defaults: port 8083, offsets flushed each minute, schemas on") {
  auto c = ParseStandaloneWorkerConfig(ParseProperties("key.converter=JsonConverter\nvalue.converter=JsonConverter\n"
                                                       "value.converter.schemas.enable=false\n"
                                                       "offset.storage.file.filename=/tmp/x\n"));
  REQUIRE(std::holds_alternative<WorkerConfig>(c));
  const WorkerConfig& w = std::get<WorkerConfig>(c);
  CHECK(w.worker_id() == "localhost:8083");
  CHECK(w.offset_flush_interval == Duration::Millis(60000));
  CHECK(w.key_converter.schemas_enable);
  CHECK_FALSE(w.value_converter.schemas_enable);
  CHECK(w.bootstrap_servers == std::vector<std::string>{"localhost:9092"});
  auto port = ParseStandaloneWorkerConfig(ParseProperties("key.converter=JsonConverter\nvalue.converter=JsonConverter\n"
                                                          "offset.storage.file.filename=/tmp/x\n"
                                                          "listeners=HTTP://:8084\n"));
  CHECK(std::get<WorkerConfig>(port).worker_id() == "localhost:8084");
  auto bad = ParseStandaloneWorkerConfig(ParseProperties("key.converter=io.confluent.connect.avro.AvroConverter\n"));
  CHECK(std::get<std::string>(bad) ==
        "org.apache.kafka.common.config.ConfigException: Invalid value io.confluent.connect.avro.AvroConverter for "
        "configuration key.converter: Class io.confluent.connect.avro.AvroConverter could not be found.");
}

TEST_CASE("connector classes resolve by full name, simple name and alias") {
  const ConnectorPlugin* source = FindConnectorPlugin("FileStreamSource");
  REQUIRE(source != nullptr);
  CHECK(source->class_name == "org.apache.kafka.connect.file.FileStreamSourceConnector");
  CHECK(FindConnectorPlugin("FileStreamSinkConnector")->type == ConnectorType::kSink);
  CHECK(FindConnectorPlugin("org.apache.kafka.connect.file.FileStreamSinkConnector") != nullptr);
  CHECK(FindConnectorPlugin("MongoSourceConnector") == nullptr);
  // The connectors a class meets at work, under their real class names and aliases.
  CHECK(FindConnectorPlugin("io.confluent.connect.jdbc.JdbcSourceConnector")->kind == ConnectorKind::kJdbcSource);
  CHECK(FindConnectorPlugin("JdbcSink")->kind == ConnectorKind::kJdbcSink);
  CHECK(FindConnectorPlugin("DatagenConnector")->kind == ConnectorKind::kDatagen);
  CHECK(NoSuchConnectorMessage("Foo").starts_with(
      "Failed to find any class that implements Connector and which name matches Foo, available connectors are: "
      "PluginDesc{klass=class io.confluent.connect.jdbc.JdbcSinkConnector, "
      "name='io.confluent.connect.jdbc.JdbcSinkConnector', version='10.7.4', encodedVersion=10.7.4, "
      "type=sink, typeName='sink', location='classpath'}"));
}

TEST_CASE("validation lists every error, and the 400 message counts them") {
  const ConnectorPlugin& sink = *FindConnectorPlugin("FileStreamSink");
  const ConfigValidation v = ValidateConnectorConfig(Json{{"connector.class", "FileStreamSink"}, {"tasks.max", "0"}}, sink);
  CHECK(v.error_count == 3);
  CHECK(InvalidConfigMessage(v) ==
        "Connector configuration is invalid and contains the following 3 error(s):\n"
        "Missing required configuration \"name\" which has no default value.\n"
        "Invalid value 0 for configuration tasks.max: Value must be at least 1\n"
        "Must configure one of topics or topics.regex\n"
        "You can also find the above list of errors at the endpoint "
        "`/connector-plugins/{connectorType}/config/validate`");
  const Json infos = ConfigInfosJson(v, sink);
  CHECK(infos["name"] == "org.apache.kafka.connect.file.FileStreamSinkConnector");
  CHECK(infos["error_count"] == 3);
  CHECK(infos["configs"][0]["value"]["name"] == "name");
  CHECK(infos["configs"][0]["value"]["errors"].size() == 1);
  CHECK(infos["configs"][0]["definition"]["required"] == true);
}

TEST_CASE("a source needs a non-empty topic; a valid config parses with Kafka's defaults") {
  const ConnectorPlugin& source = *FindConnectorPlugin("FileStreamSource");
  Json config{{"name", "s"}, {"connector.class", "FileStreamSource"}, {"file", "in.txt"}, {"topic", ""}};
  CHECK(ValidateConnectorConfig(config, source).error_count == 1);
  config["topic"] = "t";
  REQUIRE(ValidateConnectorConfig(config, source).error_count == 0);
  const ConnectorConfig c = ParseConnectorConfig(config, source);
  CHECK(c.tasks_max == 1);
  CHECK(c.batch_size == 2000);
  CHECK(c.topic == "t");
  CHECK(*c.file == "in.txt");
}

TEST_CASE("a properties file's keys come back in java.util.HashMap order") {
  std::map<std::string, std::string, std::less<>> props = {{"name", "local-file-sink"},
                                                           {"connector.class", "FileStreamSink"},
                                                           {"tasks.max", "1"},
                                                           {"file", "test.sink.txt"},
                                                           {"topics", "connect-test"}};
  std::vector<std::string> keys;
  const Json config = ConfigMapFromProperties(props);
  for (const auto& [k, v] : config.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"connector.class", "file", "tasks.max", "topics", "name"});
}
