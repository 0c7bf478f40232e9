#pragma once
// A failure of an admin operation, as the Java exception Kafka would throw: its class and message.
// The tools print both ("Error while executing topic command : <message>" on stdout, then
// "ERROR <class>: <message>" in the log on stderr), so the simulator keeps both as a value.

#include <string>
#include <string_view>
#include <variant>

namespace kafkasim {

struct AdminError {
  std::string exception;  // fully qualified Java class, e.g.
                          // "org.apache.kafka.common.errors.TopicExistsException"
  std::string message;
  bool operator==(const AdminError&) const = default;
};

// A value or the error Kafka would report instead.
template <typename T>
using AdminResult = std::variant<T, AdminError>;

// The exception classes kafkasim reports (Kafka 3.7 package names).
namespace exceptions {
inline constexpr std::string_view kTopicExists =
    "org.apache.kafka.common.errors.TopicExistsException";
inline constexpr std::string_view kInvalidPartitions =
    "org.apache.kafka.common.errors.InvalidPartitionsException";
inline constexpr std::string_view kInvalidReplicationFactor =
    "org.apache.kafka.common.errors.InvalidReplicationFactorException";
inline constexpr std::string_view kInvalidReplicaAssignment =
    "org.apache.kafka.common.errors.InvalidReplicaAssignmentException";
inline constexpr std::string_view kInvalidConfiguration =
    "org.apache.kafka.common.errors.InvalidConfigurationException";
inline constexpr std::string_view kInvalidRequest =
    "org.apache.kafka.common.errors.InvalidRequestException";
inline constexpr std::string_view kInvalidTopic =
    "org.apache.kafka.common.errors.InvalidTopicException";
inline constexpr std::string_view kUnknownTopicOrPartition =
    "org.apache.kafka.common.errors.UnknownTopicOrPartitionException";
inline constexpr std::string_view kBrokerNotAvailable =
    "org.apache.kafka.common.errors.BrokerNotAvailableException";
inline constexpr std::string_view kConfigException =
    "org.apache.kafka.common.config.ConfigException";
inline constexpr std::string_view kKafkaException = "org.apache.kafka.common.KafkaException";
inline constexpr std::string_view kAdminOperation =
    "org.apache.kafka.server.common.AdminOperationException";
inline constexpr std::string_view kAdminCommandFailed =
    "org.apache.kafka.server.common.AdminCommandFailedException";
inline constexpr std::string_view kIllegalArgument = "java.lang.IllegalArgumentException";
inline constexpr std::string_view kNumberFormat = "java.lang.NumberFormatException";
}  // namespace exceptions

inline AdminError MakeAdminError(std::string_view exception, std::string message) {
  return AdminError{std::string(exception), std::move(message)};
}

}  // namespace kafkasim
