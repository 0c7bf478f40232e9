#include "sim/client/producer_record.h"

#include <string_view>

namespace kafkasim {

ProducerError ProducerErrorFor(ErrorCode code, const std::string& message) {
  return ProducerError{.code = code, .exception = ExceptionName(code),
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
