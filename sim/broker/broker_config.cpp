#include "sim/broker/broker_config.h"

#include <fmt/format.h>

namespace kafkasim {

std::variant<ParsedBrokerConfig, std::string> ParseBrokerConfig(const Properties& properties) {
  auto loaded = LoadKafkaConfig(properties);
  if (auto* error = std::get_if<AdminError>(&loaded)) {
    return fmt::format("ERROR Exiting Kafka due to fatal exception (kafka.Kafka$)\n{}: {}", error->exception,
                       error->message);
  }
  KafkaConfigLoad& load = std::get<KafkaConfigLoad>(loaded);
  if (load.config.broker_id < 0) {
    // Kafka would generate an id from /brokers/seqid; kafkasim names brokers by their id.
    return std::string("ERROR Exiting Kafka: kafkasim needs an explicit broker.id (>= 0) to name the broker node");
  }
  ParsedBrokerConfig parsed;
  static_cast<KafkaConfig&>(parsed.config) = std::move(load.config);
  BrokerConfig& c = parsed.config;
  c.id = BrokerId(c.broker_id);
  const std::vector<Listener>& advertised = c.advertised_listeners.empty() ? c.listeners : c.advertised_listeners;
  if (!advertised.empty()) {
    if (!advertised.front().host.empty()) c.host = advertised.front().host;
    c.port = advertised.front().port;
  }
  if (!load.unused_keys.empty()) {
    parsed.warnings.push_back(
        fmt::format("WARN {} (org.apache.kafka.common.config.AbstractConfig)",
                    UnusedConfigsMessage(load.unused_keys, properties.values().size())));
  }
  return parsed;
}

}  // namespace kafkasim
