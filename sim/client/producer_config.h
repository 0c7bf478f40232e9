#pragma once
// The producer's configuration, read as Kafka 3.7's ProducerConfig reads it: the keys kafkasim
// models, with Kafka's defaults, types and validators, and the checks KafkaProducer's constructor
// adds (delivery.timeout.ms must cover linger.ms + request.timeout.ms; idempotence needs
// acks=all, retries > 0 and at most 5 requests in flight).
//
// Idempotence (KIP-98, `idempotence`) is on by default; Kafka 3.7's rules for it are in
// ParseProducerConfig: retries=0 or acks other than all quietly turn the default off but are a
// ConfigException when enable.idempotence=true was set explicitly, and more than 5 requests in
// flight is always an error while idempotence is (still) on.

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "sim/admin/admin_error.h"
#include "sim/core/time.h"

namespace kafkasim {

enum class PartitionerKind { kBuiltIn, kRoundRobin };

struct ProducerConfig {
  std::vector<std::string> bootstrap_servers;
  std::string client_id = "producer-1";
  int16_t acks = -1;  // "all" is -1
  int32_t batch_size = 16384;
  Duration linger = Duration::Millis(0);
  int32_t max_in_flight = 5;  // max.in.flight.requests.per.connection
  int32_t retries = 2147483647;
  Duration retry_backoff = Duration::Millis(100);
  Duration retry_backoff_max = Duration::Millis(1000);  // KIP-580, 3.7
  Duration delivery_timeout = Duration::Millis(120000);
  Duration request_timeout = Duration::Millis(30000);
  Duration metadata_max_age = Duration::Millis(300000);
  Duration max_block = Duration::Millis(60000);
  int32_t max_request_size = 1048576;
  bool idempotence = true;  // enable.idempotence, after ProducerConfig's post-processing
  bool partitioner_ignore_keys = false;
  bool adaptive_partitioning = true;  // partitioner.adaptive.partitioning.enable
  PartitionerKind partitioner = PartitionerKind::kBuiltIn;
};

struct ParsedProducerConfig {
  ProducerConfig config;
  std::vector<std::string> unknown;  // keys ProducerConfig does not know, sorted
};

// The config `props` describe ("acks" → "1", ...), or the ConfigException Kafka would throw.
AdminResult<ParsedProducerConfig> ParseProducerConfig(const std::map<std::string, std::string, std::less<>>& props);

}  // namespace kafkasim
