#include "sim/connect/task_clients.h"

#include <fmt/format.h>

namespace kafkasim {

ClientProps PrefixedWorkerProps(const WorkerConfig& worker, std::string_view prefix) {
  ClientProps out;
  for (const auto& [k, v] : worker.originals.values()) {
    if (k.size() > prefix.size() && k.starts_with(prefix)) out[k.substr(prefix.size())] = v;
  }
  return out;
}

std::variant<ConsumerConfig, std::string> SinkTaskConsumerConfig(const WorkerConfig& worker,
                                                                 const std::string& connector,
                                                                 const std::string& client_id) {
  ClientProps props;
  props["bootstrap.servers"] = fmt::format("{}", fmt::join(worker.bootstrap_servers, ","));
  props["client.id"] = client_id;
  props["group.id"] = "connect-" + connector;  // SinkUtils.consumerGroupId
  props["auto.offset.reset"] = "earliest";
  props["enable.auto.commit"] = "false";
  for (auto& [k, v] : PrefixedWorkerProps(worker, "consumer.")) props[k] = v;
  auto parsed = ParseConsumerConfig(props);
  if (auto* e = std::get_if<AdminError>(&parsed)) return e->exception + ": " + e->message;
  return std::get<ParsedConsumerConfig>(std::move(parsed)).config;
}

std::variant<ProducerConfig, std::string> TaskProducerConfig(const WorkerConfig& worker, const std::string& client_id) {
  ClientProps props;
  props["bootstrap.servers"] = fmt::format("{}", fmt::join(worker.bootstrap_servers, ","));
  props["client.id"] = client_id;
  props["acks"] = "all";
  props["max.in.flight.requests.per.connection"] = "1";
  props["linger.ms"] = "0";
  props["delivery.timeout.ms"] = "2147483647";
  props["max.block.ms"] = "2147483647";  // Kafka: Long.MAX_VALUE; 24 days is forever here
  for (auto& [k, v] : PrefixedWorkerProps(worker, "producer.")) props[k] = v;
  auto parsed = ParseProducerConfig(props);
  if (auto* e = std::get_if<AdminError>(&parsed)) return e->exception + ": " + e->message;
  return std::get<ParsedProducerConfig>(std::move(parsed)).config;
}

}  // namespace kafkasim
