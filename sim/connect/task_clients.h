#pragma once
// The Kafka clients a worker builds for its tasks, configured as Kafka 3.7's Worker does
// (Worker.baseProducerConfigs / baseConsumerConfigs): the worker's bootstrap.servers, the
// client.id Connect names, Connect's safe defaults, then the worker's `producer.` / `consumer.`
// prefixed keys on top (a worker-wide override, as in connect-standalone.properties).
//
//   source producer   acks=all, max.in.flight.requests.per.connection=1, linger.ms=0,
//                     delivery.timeout.ms and max.block.ms "forever": no loss, no reordering
//   sink consumer     group.id=connect-<connector>, auto.offset.reset=earliest,
//                     enable.auto.commit=false (the task commits what it has put)
//
// A bad override fails the task with the client's ConfigException, as the Java constructor would.

#include <map>
#include <string>
#include <variant>

#include "sim/client/consumer.h"
#include "sim/client/producer_config.h"
#include "sim/connect/worker_config.h"

namespace kafkasim {

using ClientProps = std::map<std::string, std::string, std::less<>>;

// The worker's keys under `prefix` ("consumer."), without it.
ClientProps PrefixedWorkerProps(const WorkerConfig& worker, std::string_view prefix);

// The config, or the stack trace's first line that fails the task.
std::variant<ConsumerConfig, std::string> SinkTaskConsumerConfig(const WorkerConfig& worker,
                                                                 const std::string& connector,
                                                                 const std::string& client_id);
std::variant<ProducerConfig, std::string> TaskProducerConfig(const WorkerConfig& worker, const std::string& client_id);

}  // namespace kafkasim
