#pragma once
// The connector classes a kafkasim worker has, as GET /connector-plugins lists them, and how a
// connector.class value finds one: by its full class name, its simple name, or its simple name
// without "Connector" (Connect's plugin aliases: FileStreamSource).
//
// Kafka 3.7 without plugin.path also lists the MirrorMaker 2 connectors; kafkasim does not
// simulate them, so it does not offer them.

#include <string>
#include <vector>

#include "sim/connect/connect_state.h"

namespace kafkasim {

enum class ConnectorKind { kFileStreamSource, kFileStreamSink };

struct ConnectorPlugin {
  ConnectorKind kind;
  std::string class_name;  // "org.apache.kafka.connect.file.FileStreamSourceConnector"
  ConnectorType type;
  std::string task_class;  // "org.apache.kafka.connect.file.FileStreamSourceTask"
  std::string version = "3.7.0";
};

const std::vector<ConnectorPlugin>& ConnectorPlugins();
const ConnectorPlugin* FindConnectorPlugin(const std::string& name);

// Kafka's ConnectException message for a class no plugin matches:
// "Failed to find any class that implements Connector and which name matches X, available
// connectors are: PluginDesc{klass=class ..., ...}, ..."
std::string NoSuchConnectorMessage(const std::string& name);

}  // namespace kafkasim
