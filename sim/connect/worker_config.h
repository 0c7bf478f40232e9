#pragma once
// A Connect worker's configuration (Kafka 3.7 WorkerConfig / StandaloneConfig), the keys kafkasim
// models, with Kafka's defaults and its ConfigException messages:
//
//   bootstrap.servers          localhost:9092
//   key.converter              required (no default)
//   value.converter            required (no default)
//   <converter>.schemas.enable JsonConverter's setting, by prefix (default true)
//   offset.storage.file.filename   required in standalone mode
//   offset.flush.interval.ms   60000 (the shipped samples say 10000)
//   listeners                  http://:8083 (rest.host.name/rest.port are gone in 3.x)
//
// Keys kafkasim does not model are accepted and listed (Kafka logs them as unused). plugin.path is
// accepted but not needed: the FileStream connectors are built in (in Kafka 3.2+ they are only
// found when plugin.path names libs/connect-file-3.7.0.jar, as the quickstart says).

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "sim/config/properties.h"
#include "sim/connect/converter.h"
#include "sim/core/time.h"

namespace kafkasim {

struct WorkerConfig {
  std::vector<std::string> bootstrap_servers = {"localhost:9092"};
  ConverterConfig key_converter;
  ConverterConfig value_converter;
  std::string offset_storage_file;
  Duration offset_flush_interval = Duration::Millis(60000);
  std::string rest_host = "localhost";  // the advertised host: the simulated machine is localhost
  int32_t rest_port = 8083;
  // Every key as given: the tasks' clients take the consumer.* / producer.* overrides from here.
  Properties originals;
  // The worker id Kafka reports in statuses: the advertised host:port.
  std::string worker_id() const { return rest_host + ":" + std::to_string(rest_port); }
};

// The config, or the ConfigException line Kafka prints
// ("org.apache.kafka.common.config.ConfigException: Missing required configuration ...").
std::variant<WorkerConfig, std::string> ParseStandaloneWorkerConfig(const Properties& props);
// The keys every worker reads (WorkerConfig), standalone or distributed.
std::variant<WorkerConfig, std::string> ParseCommonWorkerConfig(const Properties& props);

// "http://:8083", "HTTP://localhost:8083" → host (empty when not given) and port; an error
// message for a listener Kafka would refuse.
std::variant<std::pair<std::string, int32_t>, std::string> ParseListener(const std::string& listener);

// A list setting ("a, b,c") as Connect reads it: split at commas, blanks trimmed, empty items dropped.
std::vector<std::string> SplitConfigList(const std::string& s);

}  // namespace kafkasim
