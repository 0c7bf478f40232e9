#pragma once
// The pure parts of kafka-configs.sh (ConfigCommand, Kafka 3.7): how --add-config is read, which
// entries --describe prints and how, and the exception class the admin client raises for a
// broker's error code (printed as "java.util.concurrent.ExecutionException: <class>: <message>").

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/admin/admin_error.h"
#include "sim/protocol/admin_requests.h"

namespace kafkasim {

// ConfigCommand.parseConfigsToBeAdded: "k1=v1,k2=[a,b],k3=v3" splits at commas outside square
// brackets, each pair at its '=' (blanks around it dropped); brackets are removed from values
// and both sides trimmed. A pair without exactly one '=' is IllegalArgumentException
// "requirement failed: Invalid entity config: all configs to be added must be in the format
// \"key=val\".". A key given twice keeps its last value (a java.util.Properties). Sorted by key.
AdminResult<std::vector<std::pair<std::string, std::string>>> ParseConfigsToBeAdded(std::string_view text);

// --delete-config values: split on commas, each trimmed (joptsimple's withValuesSeparatedBy).
std::vector<std::string> ParseConfigsToBeDeleted(const std::vector<std::string>& args);

// The entries --describe prints, sorted by name: every entry with --all, else those whose source
// is the entity's dynamic one (DYNAMIC_TOPIC_CONFIG for a topic, DYNAMIC_BROKER_CONFIG for a
// broker).
std::vector<DescribedConfig> SelectDescribed(std::vector<DescribedConfig> configs, ConfigResourceType type, bool all);

// "  retention.ms=60000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=60000}"
std::string FormatDescribedConfig(const DescribedConfig& config);

// "Dynamic configs for topic orders are:", "All configs for broker 0 are:", and for the broker
// defaults "Default configs for brokers in the cluster are:".
std::string DescribeHeader(ConfigResourceType type, std::string_view name, bool all);

// Errors.exception(): the class the admin client raises for an error code.
std::string_view ExceptionClassFor(ErrorCode error);

}  // namespace kafkasim
