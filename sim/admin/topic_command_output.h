#pragma once
// What `kafka-topics.sh` (Kafka 3.7, org.apache.kafka.tools.TopicCommand) prints, formatted from
// plain values so that the tool's command in the simulator only gathers facts and calls these.
//
//  --create    "Created topic orders." (after "WARNING: Due to limitations in metric names..."
//              for names with '.' or '_'); with --if-not-exists an existing topic prints nothing.
//  --list      the selected names sorted, one a line; an empty selection prints one empty line
//              (Java joins the names with "\n" and println's the result).
//  --describe  per topic a header
//                "Topic: orders\tTopicId: <id>\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: "
//              (the configs not at their defaults, "k=v" joined by ","; when there are none the
//              line ends in "Configs: " with its space) then one line per partition, by id:
//                "\tTopic: orders\tPartition: 0\tLeader: 0\tReplicas: 0,1,2\tIsr: 0,1,2"
//              with "Leader: none" for a partition without a leader. 3.7 prints no Elr columns.
//              Several topics come in the order of the admin client's HashMap of descriptions.
//              --under-replicated-partitions (ISR smaller than the replicas),
//              --unavailable-partitions (no leader, or a leader that is not a live broker),
//              --under-min-isr-partitions (no leader, or ISR below min.insync.replicas) and
//              --at-min-isr-partitions (ISR size == min.insync.replicas) print only the matching
//              partition lines and no headers; --topics-with-overrides prints only the headers
//              of topics with non-default configs.
//  errors      on stdout "Error while executing topic command : <message>", then on stderr the
//              log4j line of the tools' logger:
//                "[<timestamp>] ERROR <exception class>: <message>\n
//                (org.apache.kafka.tools.TopicCommand)"
//              Kafka logs the whole stack trace there. Errors that come back from the broker
//              (ApiExceptions) have no frames, so that is exactly what Kafka prints; for
//              client-side exceptions (IllegalArgumentException, ConfigException, ...) Kafka
//              adds "\tat ..." frame lines, which kafkasim leaves out (they name Kafka's source
//              lines, not anything a student acts on). The timestamp is the caller's: pass the
//              simulated time through FormatLog4jTimestamp to keep runs replayable.
//
// Order of a --create's output in Kafka: errors in --config or --replica-assignment come first
// (the options are parsed before anything else), then the collision warning, then TopicCommand's
// own argument checks and the broker's answer.

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/admin/admin_error.h"
#include "sim/admin/topic_config.h"
#include "sim/admin/uuid.h"

namespace kafkasim {

struct ToolOutput {
  std::string out;  // stdout
  std::string err;  // stderr
  int exit_code = 0;
  bool operator==(const ToolOutput&) const = default;
};

struct PartitionDescription {
  int32_t partition = 0;
  std::optional<int32_t> leader;  // nullopt: no leader (-1 in ZooKeeper), printed "none"
  std::vector<int32_t> replicas;  // assignment order, preferred leader first
  std::vector<int32_t> isr;
};

struct TopicDescription {
  std::string name;
  Uuid topic_id;  // Uuid::Zero() leaves the TopicId column out, as Kafka does
  std::vector<PartitionDescription> partitions;
  std::vector<ConfigEntry> non_default_configs;  // NonDefaultTopicConfigs: already in Kafka's order
  int32_t min_insync_replicas = 1;               // the topic's effective min.insync.replicas
};

struct DescribeOptions {
  bool under_replicated_partitions = false;
  bool unavailable_partitions = false;
  bool under_min_isr_partitions = false;
  bool at_min_isr_partitions = false;
  bool topics_with_overrides = false;
};

// TopicCommand.getTopics: all topic names sorted, filtered by --topic (a Java regex; ',' means
// '|', blanks and surrounding quotes are dropped), internal topics left out when
// --exclude-internal is given.
AdminResult<std::vector<std::string>> SelectTopics(std::vector<std::string> all_topics,
                                                   std::optional<std::string_view> topic_filter,
                                                   bool exclude_internal);

// TopicCommand.ensureTopicExists for --alter, --delete and --describe: a --topic that selects
// nothing is IllegalArgumentException "Topic 'x' does not exist as expected", unless --if-exists.
std::optional<AdminError> EnsureTopicExists(std::span<const std::string> selected,
                                            std::optional<std::string_view> requested,
                                            bool if_exists);

std::string FormatList(std::span<const std::string> selected);

// The output of a --create that reached the broker: `error` is the broker's answer (nullopt on
// success). Includes the collision warning for names with '.' or '_'.
ToolOutput FormatCreateResult(std::string_view topic, const std::optional<AdminError>& error,
                              bool if_not_exists, std::string_view log_timestamp);

// Any failed kafka-topics command: exit code 1, the stdout line and the stderr log line.
ToolOutput FormatTopicCommandError(const AdminError& error, std::string_view log_timestamp);

// log4j's %d: "2024-03-04 21:46:20,108" for milliseconds since the Unix epoch (UTC).
std::string FormatLog4jTimestamp(int64_t epoch_millis);

// The order --describe prints several topics in: the iteration order of a
// java.util.HashMap<String, TopicDescription> created for that many topics.
std::vector<std::string> DescribeTopicOrder(std::vector<std::string> names);

// The whole --describe output for `topics` (printed in DescribeTopicOrder), given the live
// brokers (DescribeCluster's nodes) for --unavailable-partitions.
std::string FormatDescribe(std::span<const TopicDescription> topics,
                           const std::set<int32_t>& live_brokers,
                           const DescribeOptions& options = {});

}  // namespace kafkasim
