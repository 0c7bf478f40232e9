#include "sim/protocol/errors.h"

#include <string>

namespace kafkasim {
namespace {

struct Info {
  ErrorCode code;
  std::string_view name;
  std::string_view exception;  // the class Errors.exception() builds
  std::string_view message;
};

// Names, exceptions and messages as in org.apache.kafka.common.protocol.Errors (3.7).
constexpr Info kErrors[] = {
    {ErrorCode::kUnknownServerError, "UNKNOWN_SERVER_ERROR", "UnknownServerException",
     "The server experienced an unexpected error when processing the request."},
    {ErrorCode::kNone, "NONE", "", ""},
    {ErrorCode::kOffsetOutOfRange, "OFFSET_OUT_OF_RANGE", "OffsetOutOfRangeException",
     "The requested offset is not within the range of offsets maintained by the server."},
    {ErrorCode::kCorruptMessage, "CORRUPT_MESSAGE", "CorruptRecordException",
     "This message has failed its CRC checksum, exceeds the valid size, has a null key for a compacted "
     "topic, or is otherwise corrupt."},
    {ErrorCode::kUnknownTopicOrPartition, "UNKNOWN_TOPIC_OR_PARTITION", "UnknownTopicOrPartitionException",
     "This server does not host this topic-partition."},
    {ErrorCode::kLeaderNotAvailable, "LEADER_NOT_AVAILABLE", "LeaderNotAvailableException",
     "There is no leader for this topic-partition as we are in the middle of a leadership election."},
    {ErrorCode::kNotLeaderOrFollower, "NOT_LEADER_OR_FOLLOWER", "NotLeaderOrFollowerException",
     "For requests intended only for the leader, this error indicates that the broker is not the current "
     "leader. For requests intended for any replica, this error indicates that the broker is not a replica "
     "of the topic partition."},
    {ErrorCode::kRequestTimedOut, "REQUEST_TIMED_OUT", "TimeoutException", "The request timed out."},
    {ErrorCode::kBrokerNotAvailable, "BROKER_NOT_AVAILABLE", "BrokerNotAvailableException", "The broker is not available."},
    {ErrorCode::kReplicaNotAvailable, "REPLICA_NOT_AVAILABLE", "ReplicaNotAvailableException",
     "The replica is not available for the requested topic-partition. Produce/Fetch requests and other "
     "requests intended only for the leader or follower return NOT_LEADER_OR_FOLLOWER if the broker is not "
     "a replica of the topic-partition."},
    {ErrorCode::kStaleControllerEpoch, "STALE_CONTROLLER_EPOCH", "ControllerMovedException", "The controller moved to another broker."},
    {ErrorCode::kCoordinatorLoadInProgress, "COORDINATOR_LOAD_IN_PROGRESS", "CoordinatorLoadInProgressException",
     "The coordinator is loading and hence can't process requests."},
    {ErrorCode::kCoordinatorNotAvailable, "COORDINATOR_NOT_AVAILABLE", "CoordinatorNotAvailableException", "The coordinator is not available."},
    {ErrorCode::kNotCoordinator, "NOT_COORDINATOR", "NotCoordinatorException", "This is not the correct coordinator."},
    {ErrorCode::kInvalidTopicException, "INVALID_TOPIC_EXCEPTION", "InvalidTopicException",
     "The request attempted to perform an operation on an invalid topic."},
    {ErrorCode::kNotEnoughReplicas, "NOT_ENOUGH_REPLICAS", "NotEnoughReplicasException",
     "Messages are rejected since there are fewer in-sync replicas than required."},
    {ErrorCode::kNotEnoughReplicasAfterAppend, "NOT_ENOUGH_REPLICAS_AFTER_APPEND", "NotEnoughReplicasAfterAppendException",
     "Messages are written to the log, but to fewer in-sync replicas than required."},
    {ErrorCode::kIllegalGeneration, "ILLEGAL_GENERATION", "IllegalGenerationException", "Specified group generation id is not valid."},
    {ErrorCode::kUnknownMemberId, "UNKNOWN_MEMBER_ID", "UnknownMemberIdException", "The coordinator is not aware of this member."},
    {ErrorCode::kRebalanceInProgress, "REBALANCE_IN_PROGRESS", "RebalanceInProgressException", "The group is rebalancing, so a rejoin is needed."},
    {ErrorCode::kTopicAlreadyExists, "TOPIC_ALREADY_EXISTS", "TopicExistsException", "Topic with this name already exists."},
    {ErrorCode::kInvalidPartitions, "INVALID_PARTITIONS", "InvalidPartitionsException", "Number of partitions is below 1."},
    {ErrorCode::kInvalidReplicationFactor, "INVALID_REPLICATION_FACTOR", "InvalidReplicationFactorException",
     "Replication factor is below 1 or larger than the number of available brokers."},
    {ErrorCode::kInvalidReplicaAssignment, "INVALID_REPLICA_ASSIGNMENT", "InvalidReplicaAssignmentException", "Replica assignment is invalid."},
    {ErrorCode::kInvalidConfig, "INVALID_CONFIG", "InvalidConfigurationException", "Configuration is invalid."},
    {ErrorCode::kNotController, "NOT_CONTROLLER", "NotControllerException", "This is not the correct controller for this cluster."},
    {ErrorCode::kInvalidRequest, "INVALID_REQUEST", "InvalidRequestException",
     "This most likely occurs because of a request being malformed by the client library or the message was "
     "sent to an incompatible broker. See the broker logs for more details."},
    {ErrorCode::kPolicyViolation, "POLICY_VIOLATION", "PolicyViolationException",
     "Request parameters do not satisfy the configured policy."},
    {ErrorCode::kOutOfOrderSequenceNumber, "OUT_OF_ORDER_SEQUENCE_NUMBER", "OutOfOrderSequenceException",
     "The broker received an out of order sequence number."},
    {ErrorCode::kDuplicateSequenceNumber, "DUPLICATE_SEQUENCE_NUMBER", "DuplicateSequenceException",
     "The broker received a duplicate sequence number."},
    {ErrorCode::kInvalidProducerEpoch, "INVALID_PRODUCER_EPOCH", "InvalidProducerEpochException",
     "Producer attempted to produce with an old epoch."},
    {ErrorCode::kTopicDeletionDisabled, "TOPIC_DELETION_DISABLED", "TopicDeletionDisabledException", "Topic deletion is disabled."},
    {ErrorCode::kFetchSessionIdNotFound, "FETCH_SESSION_ID_NOT_FOUND", "FetchSessionIdNotFoundException",
     "The fetch session ID was not found."},
    {ErrorCode::kInvalidFetchSessionEpoch, "INVALID_FETCH_SESSION_EPOCH", "InvalidFetchSessionEpochException",
     "The fetch session epoch is invalid."},
    {ErrorCode::kFencedLeaderEpoch, "FENCED_LEADER_EPOCH", "FencedLeaderEpochException",
     "The leader epoch in the request is older than the epoch on the broker."},
    {ErrorCode::kUnknownLeaderEpoch, "UNKNOWN_LEADER_EPOCH", "UnknownLeaderEpochException",
     "The leader epoch in the request is newer than the epoch on the broker."},
    {ErrorCode::kMemberIdRequired, "MEMBER_ID_REQUIRED", "MemberIdRequiredException",
     "The group member needs to have a valid member id before actually entering a consumer group."},
    {ErrorCode::kPreferredLeaderNotAvailable, "PREFERRED_LEADER_NOT_AVAILABLE", "PreferredLeaderNotAvailableException",
     "The preferred leader was not available."},
    {ErrorCode::kEligibleLeadersNotAvailable, "ELIGIBLE_LEADERS_NOT_AVAILABLE", "EligibleLeadersNotAvailableException",
     "Eligible topic partition leaders are not available."},
    {ErrorCode::kElectionNotNeeded, "ELECTION_NOT_NEEDED", "ElectionNotNeededException", "Leader election not needed for topic partition."},
    {ErrorCode::kInvalidRecord, "INVALID_RECORD", "InvalidRecordException",
     "This record has failed the validation on broker and hence will be rejected."},
    {ErrorCode::kInvalidUpdateVersion, "INVALID_UPDATE_VERSION", "InvalidUpdateVersionException", "The given update version was invalid."},
    {ErrorCode::kStaleBrokerEpoch, "STALE_BROKER_EPOCH", "StaleBrokerEpochException", "Broker epoch has changed."},
    // consumer groups
    {ErrorCode::kInconsistentGroupProtocol, "INCONSISTENT_GROUP_PROTOCOL", "InconsistentGroupProtocolException",
     "The group member's supported protocols are incompatible with those of existing members or first group "
     "member tried to join with empty protocol type or empty protocol list."},
    {ErrorCode::kInvalidGroupId, "INVALID_GROUP_ID", "InvalidGroupIdException", "The configured groupId is invalid."},
    {ErrorCode::kInvalidSessionTimeout, "INVALID_SESSION_TIMEOUT", "InvalidSessionTimeoutException",
     "The session timeout is not within the range allowed by the broker (as configured by "
     "group.min.session.timeout.ms and group.max.session.timeout.ms)."},
    {ErrorCode::kInvalidCommitOffsetSize, "INVALID_COMMIT_OFFSET_SIZE", "InvalidCommitOffsetSizeException",
     "The committing offset data size is not valid."},
    {ErrorCode::kNonEmptyGroup, "NON_EMPTY_GROUP", "GroupNotEmptyException", "The group is not empty."},
    {ErrorCode::kGroupIdNotFound, "GROUP_ID_NOT_FOUND", "GroupIdNotFoundException", "The group id does not exist."},
    {ErrorCode::kGroupMaxSizeReached, "GROUP_MAX_SIZE_REACHED", "GroupMaxSizeReachedException",
     "The consumer group has reached its max size."},
    {ErrorCode::kFencedInstanceId, "FENCED_INSTANCE_ID", "FencedInstanceIdException",
     "The broker rejected this static consumer since another consumer with the same group.instance.id has "
     "registered with a different member.id."},
    {ErrorCode::kGroupSubscribedToTopic, "GROUP_SUBSCRIBED_TO_TOPIC", "GroupSubscribedToTopicException",
     "Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it."},
};

const Info* Find(ErrorCode code) {
  for (const Info& info : kErrors) {
    if (info.code == code) return &info;
  }
  return nullptr;
}

}  // namespace

std::string_view ToString(ErrorCode code) {
  const Info* info = Find(code);
  return info ? info->name : "UNKNOWN_SERVER_ERROR";
}

std::string ExceptionName(ErrorCode code) {
  const Info* info = Find(code);
  const std::string_view exception = info ? info->exception : "UnknownServerException";
  if (exception.empty()) return "";
  // The one exception of Errors that lives outside the errors package.
  const std::string_view package =
      exception == "InvalidRecordException" ? "org.apache.kafka.common." : "org.apache.kafka.common.errors.";
  return std::string(package) + std::string(exception);
}

std::string_view DefaultMessage(ErrorCode code) {
  const Info* info = Find(code);
  return info ? info->message : "";
}

}  // namespace kafkasim
