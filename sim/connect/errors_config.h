#pragma once
// A connector's error handling settings (Kafka 3.7 ConnectorConfig / SinkConnectorConfig, KIP-298):
//
//   errors.tolerance            none (default): the first bad record fails the task with
//                               "Tolerance exceeded in error handler"; all: it is skipped
//   errors.log.enable           log each failure ("Error encountered in task ...") — default false
//   errors.log.include.messages the log names the record's key and value too — default false
//   errors.retry.timeout        0 (default): no retries. kafkasim's failures (converters and
//                               transforms) are not retriable, so Kafka would not retry them either
//   sink only:
//   errors.deadletterqueue.topic.name                  "" (off): bad records go to that topic
//   errors.deadletterqueue.topic.replication.factor    3: used when the worker creates the topic
//   errors.deadletterqueue.context.headers.enable      false: __connect.errors.* headers. kafkasim's
//                               records carry no headers yet, so true is refused as not simulated
//
// Validation appends these keys' values and errors to a ConfigValidation.

#include <cstdint>
#include <string>

#include "sim/connect/connector_config.h"

namespace kafkasim {

struct ErrorsConfig {
  bool tolerate_all = false;
  bool log_enable = false;
  bool log_include_messages = false;
  std::string dlq_topic;  // empty: no dead letter queue
  int16_t dlq_replication_factor = 3;
  bool dlq_context_headers = false;
};

void ValidateErrorsConfig(const ConfigJson& config, const ConnectorPlugin& plugin, ConfigValidation& out);
ErrorsConfig ParseErrorsConfig(const ConfigJson& config, const ConnectorPlugin& plugin);

}  // namespace kafkasim
