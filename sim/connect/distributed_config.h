#pragma once
// A distributed worker's configuration (Kafka 3.7 DistributedConfig): the keys every worker reads
// (WorkerConfig, worker_config.h) plus the group and the three internal topics, with Kafka's
// defaults and its ConfigException messages:
//
//   group.id                              required: the Connect cluster (sample: connect-cluster)
//   session.timeout.ms                    10000
//   heartbeat.interval.ms                 3000
//   rebalance.timeout.ms                  60000
//   connect.protocol                      sessioned (eager | compatible | sessioned)
//   scheduled.rebalance.max.delay.ms      300000: how long a departed worker's work waits
//   config.storage.topic                  required; always 1 partition (a partitions setting is
//                                         ignored with a warning, as Kafka does)
//   config.storage.replication.factor     3
//   offset.storage.topic                  required
//   offset.storage.partitions             25
//   offset.storage.replication.factor     3
//   status.storage.topic                  required
//   status.storage.partitions             5
//   status.storage.replication.factor     3
//
// A replication factor or partition count of -1 means the broker's default (KIP-464).

#include <string>
#include <variant>
#include <vector>

#include "sim/config/properties.h"
#include "sim/connect/worker_config.h"
#include "sim/core/time.h"

namespace kafkasim {

enum class ConnectProtocolCompatibility { kEager, kCompatible, kSessioned };
// The protocol names a worker offers in JoinGroup, best first: "sessioned" offers sessioned,
// compatible and default (eager); "compatible" offers compatible and default; "eager" default.
std::vector<std::string> ConnectProtocolNames(ConnectProtocolCompatibility c);

struct InternalTopicConfig {
  std::string topic;
  int32_t partitions = 1;  // -1: the broker's num.partitions
  int16_t replication_factor = 3;  // -1: the broker's default.replication.factor
};

struct DistributedConfig {
  WorkerConfig worker;
  std::string group_id;
  Duration session_timeout = Duration::Millis(10000);
  Duration heartbeat_interval = Duration::Millis(3000);
  Duration rebalance_timeout = Duration::Millis(60000);
  ConnectProtocolCompatibility connect_protocol = ConnectProtocolCompatibility::kSessioned;
  Duration scheduled_rebalance_max_delay = Duration::Millis(300000);
  InternalTopicConfig config_storage{.partitions = 1};
  InternalTopicConfig offset_storage{.partitions = 25};
  InternalTopicConfig status_storage{.partitions = 5};
  // What Kafka logs as WARN while parsing (e.g. config.storage.partitions ignored).
  std::vector<std::string> warnings;
};

// The config, or the ConfigException line Kafka prints.
std::variant<DistributedConfig, std::string> ParseDistributedConfig(const Properties& props);

}  // namespace kafkasim
