#include "sim/protocol/errors.h"

namespace kafkasim {
namespace {

struct Info {
  ErrorCode code;
  std::string_view name;
  std::string_view message;
};

// Names and messages as in org.apache.kafka.common.protocol.Errors (3.7).
constexpr Info kErrors[] = {
    {ErrorCode::kUnknownServerError, "UNKNOWN_SERVER_ERROR",
     "The server experienced an unexpected error when processing the request."},
    {ErrorCode::kNone, "NONE", ""},
    {ErrorCode::kOffsetOutOfRange, "OFFSET_OUT_OF_RANGE",
     "The requested offset is not within the range of offsets maintained by the server."},
    {ErrorCode::kCorruptMessage, "CORRUPT_MESSAGE",
     "This message has failed its CRC checksum, exceeds the valid size, has a null key for a compacted "
     "topic, or is otherwise corrupt."},
    {ErrorCode::kUnknownTopicOrPartition, "UNKNOWN_TOPIC_OR_PARTITION",
     "This server does not host this topic-partition."},
    {ErrorCode::kLeaderNotAvailable, "LEADER_NOT_AVAILABLE",
     "There is no leader for this topic-partition as we are in the middle of a leadership election."},
    {ErrorCode::kNotLeaderOrFollower, "NOT_LEADER_OR_FOLLOWER",
     "For requests intended only for the leader, this error indicates that the broker is not the current "
     "leader. For requests intended for any replica, this error indicates that the broker is not a replica "
     "of the topic partition."},
    {ErrorCode::kRequestTimedOut, "REQUEST_TIMED_OUT", "The request timed out."},
    {ErrorCode::kBrokerNotAvailable, "BROKER_NOT_AVAILABLE", "The broker is not available."},
    {ErrorCode::kReplicaNotAvailable, "REPLICA_NOT_AVAILABLE",
     "The replica is not available for the requested topic-partition. Produce/Fetch requests and other "
     "requests intended only for the leader or follower return NOT_LEADER_OR_FOLLOWER if the broker is not "
     "a replica of the topic-partition."},
    {ErrorCode::kStaleControllerEpoch, "STALE_CONTROLLER_EPOCH", "The controller moved to another broker."},
    {ErrorCode::kCoordinatorLoadInProgress, "COORDINATOR_LOAD_IN_PROGRESS",
     "The coordinator is loading and hence can't process requests."},
    {ErrorCode::kCoordinatorNotAvailable, "COORDINATOR_NOT_AVAILABLE", "The coordinator is not available."},
    {ErrorCode::kNotCoordinator, "NOT_COORDINATOR", "This is not the correct coordinator."},
    {ErrorCode::kInvalidTopicException, "INVALID_TOPIC_EXCEPTION",
     "The request attempted to perform an operation on an invalid topic."},
    {ErrorCode::kNotEnoughReplicas, "NOT_ENOUGH_REPLICAS",
     "Messages are rejected since there are fewer in-sync replicas than required."},
    {ErrorCode::kNotEnoughReplicasAfterAppend, "NOT_ENOUGH_REPLICAS_AFTER_APPEND",
     "Messages are written to the log, but to fewer in-sync replicas than required."},
    {ErrorCode::kIllegalGeneration, "ILLEGAL_GENERATION", "Specified group generation id is not valid."},
    {ErrorCode::kUnknownMemberId, "UNKNOWN_MEMBER_ID", "The coordinator is not aware of this member."},
    {ErrorCode::kRebalanceInProgress, "REBALANCE_IN_PROGRESS", "The group is rebalancing, so a rejoin is needed."},
    {ErrorCode::kTopicAlreadyExists, "TOPIC_ALREADY_EXISTS", "Topic with this name already exists."},
    {ErrorCode::kInvalidPartitions, "INVALID_PARTITIONS", "Number of partitions is below 1."},
    {ErrorCode::kInvalidReplicationFactor, "INVALID_REPLICATION_FACTOR",
     "Replication factor is below 1 or larger than the number of available brokers."},
    {ErrorCode::kInvalidReplicaAssignment, "INVALID_REPLICA_ASSIGNMENT", "Replica assignment is invalid."},
    {ErrorCode::kInvalidConfig, "INVALID_CONFIG", "Configuration is invalid."},
    {ErrorCode::kNotController, "NOT_CONTROLLER", "This is not the correct controller for this cluster."},
    {ErrorCode::kInvalidRequest, "INVALID_REQUEST",
     "This most likely occurs because of a request being malformed by the client library or the message was "
     "sent to an incompatible broker. See the broker logs for more details."},
    {ErrorCode::kOutOfOrderSequenceNumber, "OUT_OF_ORDER_SEQUENCE_NUMBER",
     "The broker received an out of order sequence number."},
    {ErrorCode::kDuplicateSequenceNumber, "DUPLICATE_SEQUENCE_NUMBER",
     "The broker received a duplicate sequence number."},
    {ErrorCode::kInvalidProducerEpoch, "INVALID_PRODUCER_EPOCH",
     "Producer attempted to produce with an old epoch."},
    {ErrorCode::kTopicDeletionDisabled, "TOPIC_DELETION_DISABLED", "Topic deletion is disabled."},
    {ErrorCode::kFencedLeaderEpoch, "FENCED_LEADER_EPOCH",
     "The leader epoch in the request is older than the epoch on the broker."},
    {ErrorCode::kUnknownLeaderEpoch, "UNKNOWN_LEADER_EPOCH",
     "The leader epoch in the request is newer than the epoch on the broker."},
    {ErrorCode::kMemberIdRequired, "MEMBER_ID_REQUIRED",
     "The group member needs to have a valid member id before actually entering a consumer group."},
    {ErrorCode::kPreferredLeaderNotAvailable, "PREFERRED_LEADER_NOT_AVAILABLE",
     "The preferred leader was not available."},
    {ErrorCode::kEligibleLeadersNotAvailable, "ELIGIBLE_LEADERS_NOT_AVAILABLE",
     "Eligible topic partition leaders are not available."},
    {ErrorCode::kElectionNotNeeded, "ELECTION_NOT_NEEDED", "Leader election not needed for topic partition."},
    {ErrorCode::kInvalidRecord, "INVALID_RECORD",
     "This record has failed the validation on broker and hence will be rejected."},
    {ErrorCode::kInvalidUpdateVersion, "INVALID_UPDATE_VERSION", "The given update version was invalid."},
    {ErrorCode::kStaleBrokerEpoch, "STALE_BROKER_EPOCH", "Broker epoch has changed."},
    // consumer groups
    {ErrorCode::kInconsistentGroupProtocol, "INCONSISTENT_GROUP_PROTOCOL",
     "The group member's supported protocols are incompatible with those of existing members or first group "
     "member tried to join with empty protocol type or empty protocol list."},
    {ErrorCode::kInvalidGroupId, "INVALID_GROUP_ID", "The configured groupId is invalid."},
    {ErrorCode::kInvalidSessionTimeout, "INVALID_SESSION_TIMEOUT",
     "The session timeout is not within the range allowed by the broker (as configured by "
     "group.min.session.timeout.ms and group.max.session.timeout.ms)."},
    {ErrorCode::kInvalidCommitOffsetSize, "INVALID_COMMIT_OFFSET_SIZE",
     "The committing offset data size is not valid."},
    {ErrorCode::kNonEmptyGroup, "NON_EMPTY_GROUP", "The group is not empty."},
    {ErrorCode::kGroupIdNotFound, "GROUP_ID_NOT_FOUND", "The group id does not exist."},
    {ErrorCode::kGroupMaxSizeReached, "GROUP_MAX_SIZE_REACHED",
     "The consumer group has reached its max size."},
    {ErrorCode::kFencedInstanceId, "FENCED_INSTANCE_ID",
     "The broker rejected this static consumer since another consumer with the same group.instance.id has "
     "registered with a different member.id."},
    {ErrorCode::kGroupSubscribedToTopic, "GROUP_SUBSCRIBED_TO_TOPIC",
     "The consumer group is actively subscribed to the topic"},
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

std::string_view DefaultMessage(ErrorCode code) {
  const Info* info = Find(code);
  return info ? info->message : "";
}

}  // namespace kafkasim
