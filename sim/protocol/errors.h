#pragma once
// Kafka's protocol error codes (org.apache.kafka.common.protocol.Errors), with their numbers and
// names. A Kafka-level failure is a value the simulation shows and the lessons teach, never an
// exception: a request answered NOT_LEADER_OR_FOLLOWER is part of the story.

#include <cstdint>
#include <string>
#include <string_view>

namespace kafkasim {

enum class ErrorCode : int16_t {
  kUnknownServerError = -1,
  kNone = 0,
  kOffsetOutOfRange = 1,
  kCorruptMessage = 2,
  kUnknownTopicOrPartition = 3,
  kLeaderNotAvailable = 5,
  kNotLeaderOrFollower = 6,
  kRequestTimedOut = 7,
  kBrokerNotAvailable = 8,
  kReplicaNotAvailable = 9,
  kStaleControllerEpoch = 11,
  kCoordinatorLoadInProgress = 14,
  kCoordinatorNotAvailable = 15,
  kNotCoordinator = 16,
  kInvalidTopicException = 17,
  kNotEnoughReplicas = 19,
  kNotEnoughReplicasAfterAppend = 20,
  kIllegalGeneration = 22,
  kUnknownMemberId = 25,
  kRebalanceInProgress = 27,
  kTopicAlreadyExists = 36,
  kInvalidPartitions = 37,
  kInvalidReplicationFactor = 38,
  kInvalidReplicaAssignment = 39,
  kInvalidConfig = 40,
  kNotController = 41,
  kInvalidRequest = 42,
  kPolicyViolation = 44,
  kOutOfOrderSequenceNumber = 45,
  kDuplicateSequenceNumber = 46,
  kInvalidProducerEpoch = 47,
  kFetchSessionIdNotFound = 70,
  kInvalidFetchSessionEpoch = 71,
  kTopicDeletionDisabled = 73,
  kFencedLeaderEpoch = 74,
  kUnknownLeaderEpoch = 75,
  kMemberIdRequired = 79,
  kPreferredLeaderNotAvailable = 80,
  kEligibleLeadersNotAvailable = 83,
  kElectionNotNeeded = 84,
  kInvalidRecord = 87,
  kInvalidUpdateVersion = 95,
  kStaleBrokerEpoch = 77,
  // consumer groups
  kInconsistentGroupProtocol = 23,
  kInvalidGroupId = 24,
  kInvalidSessionTimeout = 26,
  kInvalidCommitOffsetSize = 28,
  kNonEmptyGroup = 68,
  kGroupIdNotFound = 69,
  kGroupMaxSizeReached = 81,
  kFencedInstanceId = 82,
  kGroupSubscribedToTopic = 86,
};

// "NOT_LEADER_OR_FOLLOWER", as Kafka's logs and tools name the error.
std::string_view ToString(ErrorCode code);
// The exception Kafka's client raises for it, fully qualified
// ("org.apache.kafka.common.errors.NotLeaderOrFollowerException"); empty for NONE.
std::string ExceptionName(ErrorCode code);
// The exception message Kafka's client shows for it ("This server is not the leader for that
// topic-partition.").
std::string_view DefaultMessage(ErrorCode code);

}  // namespace kafkasim
