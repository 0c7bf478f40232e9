#pragma once
// A broker's configuration: Kafka's KafkaConfig (sim/admin/kafka_config.h, read from
// server.properties and --override) plus what the broker derives from it — its id as a strong
// type and the address clients reach it at.

#include <string>
#include <variant>
#include <vector>

#include "sim/admin/kafka_config.h"
#include "sim/protocol/types.h"

namespace kafkasim {

struct BrokerConfig : KafkaConfig {
  BrokerId id{0};
  std::string host = "localhost";  // the first listener's host; empty (all interfaces) reads localhost
  int32_t port = 9092;
};

struct ParsedBrokerConfig {
  BrokerConfig config;
  std::vector<std::string> warnings;  // what Kafka logs about the config (unused keys)
};
// The config, or the lines Kafka prints when it refuses to start with it.
std::variant<ParsedBrokerConfig, std::string> ParseBrokerConfig(const Properties& properties);

}  // namespace kafkasim
