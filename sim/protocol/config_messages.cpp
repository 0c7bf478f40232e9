// Names of DescribeConfigs' and IncrementalAlterConfigs' enums as Kafka prints them, and the
// IncrementalAlterConfigs packet label.

#include <fmt/format.h>

#include "sim/protocol/admin_requests.h"

namespace kafkasim {

std::string_view ToString(ConfigResourceType type) {
  switch (type) {
    case ConfigResourceType::kTopic: return "TOPIC";
    case ConfigResourceType::kBroker: return "BROKER";
    case ConfigResourceType::kBrokerLogger: return "BROKER_LOGGER";
    case ConfigResourceType::kUnknown: break;
  }
  return "UNKNOWN";
}

std::string_view ToString(ConfigSource source) {
  switch (source) {
    case ConfigSource::kTopicConfig: return "DYNAMIC_TOPIC_CONFIG";
    case ConfigSource::kDynamicBrokerConfig: return "DYNAMIC_BROKER_CONFIG";
    case ConfigSource::kDynamicDefaultBrokerConfig: return "DYNAMIC_DEFAULT_BROKER_CONFIG";
    case ConfigSource::kStaticBrokerConfig: return "STATIC_BROKER_CONFIG";
    case ConfigSource::kDefaultConfig: return "DEFAULT_CONFIG";
    case ConfigSource::kDynamicBrokerLoggerConfig: return "DYNAMIC_BROKER_LOGGER_CONFIG";
    case ConfigSource::kUnknown: break;
  }
  return "UNKNOWN";
}

std::string ToString(const ConfigResource& resource) {
  return fmt::format("ConfigResource(type={}, name='{}')", ToString(resource.type), resource.name);
}

std::string IncrementalAlterConfigsRequest::Label() const {
  if (resources.size() != 1) return fmt::format("IncrementalAlterConfigs ×{}", resources.size());
  std::vector<std::string> ops;
  for (const AlterableConfig& c : resources.front().configs) {
    ops.push_back(c.op == AlterConfigOpType::kDelete ? "-" + c.name : fmt::format("{}={}", c.name, c.value.value_or("")));
  }
  return fmt::format("IncrementalAlterConfigs {} {}", resources.front().resource.name, fmt::join(ops, ","));
}

}  // namespace kafkasim
