#include "sim/connect/connector_plugins.h"

#include <cassert>

#include "sim/connect/connector_tasks.h"

#include <fmt/format.h>

namespace kafkasim {

const std::vector<ConnectorPlugin>& ConnectorPlugins() {
  // Sorted by class name, as Plugins.connectorPlugins() (a TreeSet of PluginDesc) orders them.
  static const std::vector<ConnectorPlugin> kPlugins = {
      {.kind = ConnectorKind::kJdbcSink,
       .class_name = "io.confluent.connect.jdbc.JdbcSinkConnector",
       .type = ConnectorType::kSink,
       .task_class = "io.confluent.connect.jdbc.sink.JdbcSinkTask",
       .version = "10.7.4",
       .validate = ValidateJdbcSinkConfig},
      {.kind = ConnectorKind::kJdbcSource,
       .class_name = "io.confluent.connect.jdbc.JdbcSourceConnector",
       .type = ConnectorType::kSource,
       .task_class = "io.confluent.connect.jdbc.source.JdbcSourceTask",
       .version = "10.7.4",
       .validate = ValidateJdbcSourceConfig},
      {.kind = ConnectorKind::kDatagen,
       .class_name = "io.confluent.kafka.connect.datagen.DatagenConnector",
       .type = ConnectorType::kSource,
       .task_class = "io.confluent.kafka.connect.datagen.DatagenTask",
       .version = "0.6.3",
       .validate = ValidateDatagenConfig},
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

namespace kafkasim {

std::unique_ptr<SourceTask> MakeSourceTask(const ConnectorConfig& config, const TaskEnvironment& env) {
  switch (config.plugin->kind) {
    case ConnectorKind::kFileStreamSource: return MakeFileStreamSourceTask(config);
    case ConnectorKind::kJdbcSource: return MakeJdbcSourceTask(config, env);
    case ConnectorKind::kDatagen: return MakeDatagenTask(config, env);
    default: break;
  }
  assert(false && "a source connector's class");
  return nullptr;
}

std::unique_ptr<SinkTask> MakeSinkTask(const ConnectorConfig& config, const TaskEnvironment& env) {
  switch (config.plugin->kind) {
    case ConnectorKind::kFileStreamSink: return MakeFileStreamSinkTask(config, env.print);
    case ConnectorKind::kJdbcSink: return MakeJdbcSinkTask(config, env);
    default: break;
  }
  assert(false && "a sink connector's class");
  return nullptr;
}

}  // namespace kafkasim
