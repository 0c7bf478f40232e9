#pragma once
// The connector classes a kafkasim worker has, as GET /connector-plugins lists them, and how a
// connector.class value finds one: by its full class name, its simple name, or its simple name
// without "Connector" (Connect's plugin aliases: FileStreamSource).
//
// Kafka 3.7 without plugin.path also lists the MirrorMaker 2 connectors; kafkasim does not
// simulate them, so it does not offer them. Besides Kafka's FileStream connectors it has the
// ones a class meets at work: Confluent's JDBC source and sink (on SQLite files) and
// kafka-connect-datagen, under their real class names. connector_tasks.h builds their tasks.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/connect/connect_state.h"

namespace kafkasim {

enum class ConnectorKind { kFileStreamSource, kFileStreamSink, kJdbcSource, kJdbcSink, kDatagen };

struct ConfigValidation;

struct ConnectorPlugin {
  ConnectorKind kind;
  std::string class_name;  // "org.apache.kafka.connect.file.FileStreamSourceConnector"
  ConnectorType type;
  std::string task_class;  // "org.apache.kafka.connect.file.FileStreamSourceTask"
  std::string version = "3.7.0";
  // The connector's own keys, checked after the common ones (null: FileStream's, which
  // connector_config.cpp checks).
  void (*validate)(const nlohmann::ordered_json& config, ConfigValidation& out) = nullptr;
};

// The JDBC and datagen connectors' config checks (jdbc_config.cpp, datagen_task.cpp).
void ValidateJdbcSourceConfig(const nlohmann::ordered_json& config, ConfigValidation& out);
void ValidateJdbcSinkConfig(const nlohmann::ordered_json& config, ConfigValidation& out);
void ValidateDatagenConfig(const nlohmann::ordered_json& config, ConfigValidation& out);

const std::vector<ConnectorPlugin>& ConnectorPlugins();
const ConnectorPlugin* FindConnectorPlugin(const std::string& name);

// Kafka's ConnectException message for a class no plugin matches:
// "Failed to find any class that implements Connector and which name matches X, available
// connectors are: PluginDesc{klass=class ..., ...}, ..."
std::string NoSuchConnectorMessage(const std::string& name);

}  // namespace kafkasim
