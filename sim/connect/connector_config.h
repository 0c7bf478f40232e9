#pragma once
// A connector's configuration: the string map a user gives (a properties file in standalone mode,
// JSON over REST), checked the way Kafka 3.7's AbstractHerder.validateConnectorConfig checks it —
// ConnectorConfig's common keys, then the connector's own ConfigDef — into a list of config
// values with their errors (what PUT /connector-plugins/{plugin}/config/validate shows), and,
// when there are none, the typed settings the worker runs it with.
//
//   common        name (required), connector.class (required), tasks.max (int >= 1, default 1),
//                 key.converter / value.converter (+ .schemas.enable): override the worker's
//   FileStream-   file (null: stdin — not simulated, so required here), topic (required,
//   Source        non-empty), batch.size (int, default 2000)
//   FileStream-   file (null: the worker's standard output), topics (list) — SinkConnectorConfig:
//   Sink          "Must configure one of topics or topics.regex" (topics.regex is not simulated)
//
// The map keeps its keys in the order they were given (Jackson reads JSON objects into a
// LinkedHashMap, so REST echoes a config in the order it was sent).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/connect/connector_plugins.h"
#include "sim/connect/converter.h"

namespace kafkasim {

using ConfigJson = nlohmann::ordered_json;  // an object of string values

// A key's ConfigDef entry, as the validate endpoint shows it (keys of the common and FileStream
// definitions have theirs in connector_config.cpp; other parts give theirs with the value).
struct ConnectKeyDef {
  std::string type = "STRING";  // STRING, INT, LONG, SHORT, BOOLEAN, LIST, CLASS, PASSWORD
  bool required = false;
  std::optional<std::string> default_value;
  std::string importance = "MEDIUM";
  std::string documentation;
  std::optional<std::string> group;  // "Error Handling", "Transforms", ...: null for a connector's own keys
  std::string display_name;
};

struct ConfigValueInfo {
  std::string name;
  std::optional<std::string> value;
  std::vector<std::string> errors;
  std::optional<ConnectKeyDef> def;
};

struct ConfigValidation {
  std::vector<ConfigValueInfo> values;  // in ConfigDef order
  int error_count = 0;
};

ConfigValidation ValidateConnectorConfig(const ConfigJson& config, const ConnectorPlugin& plugin);

// BadRequestException's message for a config with errors:
// "Connector configuration is invalid and contains the following N error(s):\n...\nYou can also
// find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`"
std::string InvalidConfigMessage(const ConfigValidation& v);

// The ConfigInfos body of PUT /connector-plugins/{plugin}/config/validate.
nlohmann::ordered_json ConfigInfosJson(const ConfigValidation& v, const ConnectorPlugin& plugin);

struct ConnectorConfig {
  std::string name;
  const ConnectorPlugin* plugin = nullptr;
  int32_t tasks_max = 1;
  std::optional<ConverterConfig> key_converter, value_converter;
  std::optional<std::string> file;  // sink: nullopt writes to standard output
  std::string topic;                // source
  std::vector<std::string> topics;  // sink
  int32_t batch_size = 2000;        // source
  ConfigJson raw;                   // every key as given: plugins, transforms and errors read theirs
};

// The typed config of a map that validated without errors.
ConnectorConfig ParseConnectorConfig(const ConfigJson& config, const ConnectorPlugin& plugin);

// Reads a properties file's pairs into a ConfigJson in java.util.HashMap order: ConnectStandalone
// loads a connector file with Utils.propsToStringMap, a HashMap.
ConfigJson ConfigMapFromProperties(const std::map<std::string, std::string, std::less<>>& props);

}  // namespace kafkasim
