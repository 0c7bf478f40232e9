#include "sim/connect/connector_plugins.h"

#include <fmt/format.h>

namespace kafkasim {

const std::vector<ConnectorPlugin>& ConnectorPlugins() {
  // Sorted by class name, as Plugins.connectorPlugins() (a TreeSet of PluginDesc) orders them.
  static const std::vector<ConnectorPlugin> kPlugins = {
      {.kind = ConnectorKind::kFileStreamSink,
       .class_name = "org.apache.kafka.connect.file.FileStreamSinkConnector",
       .type = ConnectorType::kSink,
       .task_class = "org.apache.kafka.connect.file.FileStreamSinkTask"},
      {.kind = ConnectorKind::kFileStreamSource,
       .class_name = "org.apache.kafka.connect.file.FileStreamSourceConnector",
       .type = ConnectorType::kSource,
       .task_class = "org.apache.kafka.connect.file.FileStreamSourceTask"},
  };
  return kPlugins;
}

const ConnectorPlugin* FindConnectorPlugin(const std::string& name) {
  for (const ConnectorPlugin& p : ConnectorPlugins()) {
    const std::string simple = p.class_name.substr(p.class_name.rfind('.') + 1);
    const std::string alias = simple.substr(0, simple.size() - std::string_view("Connector").size());
    if (name == p.class_name || name == simple || name == alias) return &p;
  }
  return nullptr;
}

std::string NoSuchConnectorMessage(const std::string& name) {
  std::string list;
  for (const ConnectorPlugin& p : ConnectorPlugins()) {
    if (!list.empty()) list += ", ";
    const std::string type(ToString(p.type));
    list += fmt::format("PluginDesc{{klass=class {0}, name='{0}', version='{1}', encodedVersion={1}, type={2}, "
                        "typeName='{2}', location='classpath'}}",
                        p.class_name, p.version, type);
  }
  return fmt::format("Failed to find any class that implements Connector and which name matches {}, available "
                     "connectors are: {}",
                     name, list);
}

}  // namespace kafkasim
