#pragma once
// The broker configuration of Kafka's sample config/server.properties, with overrides, as the
// admin tests check topic rules against it.

#include <string>
#include <variant>
#include <vector>

#include "sim/admin/kafka_config.h"
#include "sim/config/config_files.h"

namespace kafkasim::testing {

inline KafkaConfig SampleBrokerConfig(std::vector<std::string> overrides = {}) {
  Properties p = ApplyOverrides(ParseProperties(*ReadConfigFile("config/server.properties")), overrides);
  return std::get<KafkaConfigLoad>(LoadKafkaConfig(p)).config;
}

}  // namespace kafkasim::testing
