#include "sim/client/producer_record.h"

#include <string_view>

namespace kafkasim {
namespace {

std::string_view ExceptionClass(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNotLeaderOrFollower: return "org.apache.kafka.common.errors.NotLeaderOrFollowerException";
    case ErrorCode::kUnknownTopicOrPartition: return "org.apache.kafka.common.errors.UnknownTopicOrPartitionException";
    case ErrorCode::kLeaderNotAvailable: return "org.apache.kafka.common.errors.LeaderNotAvailableException";
    case ErrorCode::kRequestTimedOut: return "org.apache.kafka.common.errors.TimeoutException";
    case ErrorCode::kNotEnoughReplicas: return "org.apache.kafka.common.errors.NotEnoughReplicasException";
    case ErrorCode::kNotEnoughReplicasAfterAppend:
      return "org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException";
    case ErrorCode::kCorruptMessage: return "org.apache.kafka.common.errors.CorruptRecordException";
    case ErrorCode::kInvalidRecord: return "org.apache.kafka.common.InvalidRecordException";
    case ErrorCode::kOffsetOutOfRange: return "org.apache.kafka.common.errors.OffsetOutOfRangeException";
    case ErrorCode::kInvalidTopicException: return "org.apache.kafka.common.errors.InvalidTopicException";
    case ErrorCode::kFencedLeaderEpoch: return "org.apache.kafka.common.errors.FencedLeaderEpochException";
    case ErrorCode::kUnknownLeaderEpoch: return "org.apache.kafka.common.errors.UnknownLeaderEpochException";
    case ErrorCode::kOutOfOrderSequenceNumber: return "org.apache.kafka.common.errors.OutOfOrderSequenceException";
    case ErrorCode::kBrokerNotAvailable: return "org.apache.kafka.common.errors.BrokerNotAvailableException";
    default: return "org.apache.kafka.common.errors.UnknownServerException";
  }
}

}  // namespace

ProducerError ProducerErrorFor(ErrorCode code, const std::string& message) {
  return ProducerError{.code = code, .exception = std::string(ExceptionClass(code)),
                       .message = message.empty() ? std::string(DefaultMessage(code)) : message};
}

bool IsRetriable(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNotLeaderOrFollower:
    case ErrorCode::kUnknownTopicOrPartition:
    case ErrorCode::kLeaderNotAvailable:
    case ErrorCode::kRequestTimedOut:
    case ErrorCode::kNotEnoughReplicas:
    case ErrorCode::kNotEnoughReplicasAfterAppend:
    case ErrorCode::kCorruptMessage:
    case ErrorCode::kOffsetOutOfRange:
    case ErrorCode::kFencedLeaderEpoch:
    case ErrorCode::kUnknownLeaderEpoch:
    case ErrorCode::kReplicaNotAvailable:
    case ErrorCode::kCoordinatorLoadInProgress:
    case ErrorCode::kCoordinatorNotAvailable:
    case ErrorCode::kNotCoordinator:
      return true;
    default:
      return false;
  }
}

bool IsInvalidMetadata(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNotLeaderOrFollower:
    case ErrorCode::kUnknownTopicOrPartition:
    case ErrorCode::kLeaderNotAvailable:
    case ErrorCode::kFencedLeaderEpoch:
    case ErrorCode::kUnknownLeaderEpoch:
      return true;
    default:
      return false;
  }
}

}  // namespace kafkasim
