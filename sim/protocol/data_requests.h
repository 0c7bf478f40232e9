#pragma once
// The data plane of Kafka's protocol: Produce (a producer writes record batches to partition
// leaders), Fetch (consumers and follower replicas read them; a follower's fetch offset is how
// the leader learns how far it got), ListOffsets (earliest, latest, by time) and
// OffsetsForLeaderEpoch (how a new follower finds where its log diverged from the leader's —
// KIP-101/279). Record batches travel as shared, immutable buffers: a replica appends the very
// bytes the leader stored.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/protocol/errors.h"
#include "sim/protocol/message_base.h"
#include "sim/protocol/types.h"
#include "sim/storage/offset.h"
#include "sim/storage/record_batch.h"

namespace kafkasim {

// --- Produce ---
struct ProduceRequest final : KafkaMessage {
  int16_t acks = -1;  // 0, 1 or -1 (all)
  Duration timeout = Duration::Millis(30000);  // request.timeout.ms: how long acks=all may wait
  std::string transactional_id;
  std::map<TopicPartition, RecordBatch> batches;
  std::string_view Type() const override { return "Produce"; }
  std::string_view Category() const override { return "produce"; }
  std::string Label() const override;
  int64_t SizeBytes() const override;
  void DescribeFields(nlohmann::ordered_json& f) const override;
};
struct PartitionProduceResponse {
  ErrorCode error = ErrorCode::kNone;
  std::string error_message;
  Offset base_offset = kUndefinedOffset;
  int64_t log_append_time_ms = -1;
  Offset log_start_offset = kUndefinedOffset;
};
struct ProduceResponse final : KafkaMessage {
  std::map<TopicPartition, PartitionProduceResponse> partitions;
  std::string_view Type() const override { return "Produce"; }
  std::string_view Category() const override { return "produce"; }
  std::string Label() const override;
};

// --- Fetch ---
inline constexpr int32_t kConsumerReplicaId = -1;
// KIP-227 fetch session metadata (FetchMetadata.java): session id 0 is no session; epoch 0 asks
// for a new session with a full fetch, -1 (FINAL) is a full fetch without one, any other epoch an
// incremental fetch in the named session (fetch_session.h, fetch_session_handler.h).
inline constexpr int32_t kInvalidSessionId = 0;
inline constexpr int32_t kInitialSessionEpoch = 0;
inline constexpr int32_t kFinalSessionEpoch = -1;
// FetchMetadata.nextEpoch: 1 after the initial epoch, wrapping to 1 after INT32_MAX.
int32_t NextSessionEpoch(int32_t epoch);
struct FetchPartition {
  Offset fetch_offset;
  LeaderEpoch current_leader_epoch = kNoLeaderEpoch;  // fences fetches from the wrong epoch
  Offset log_start_offset = kUndefinedOffset;          // a follower's own log start
  int32_t partition_max_bytes = 1048576;
  // FetchRequest.PartitionData.equals: an incremental fetch resends a partition when any differs.
  bool operator==(const FetchPartition&) const = default;
};
struct FetchRequest final : KafkaMessage {
  int32_t replica_id = kConsumerReplicaId;  // a follower's broker id, or -1 for a consumer
  Duration max_wait = Duration::Millis(500);
  int32_t min_bytes = 1;
  int32_t max_bytes = 52428800;
  int32_t session_id = kInvalidSessionId;
  int32_t session_epoch = kFinalSessionEpoch;  // a request built without a session is sessionless
  // Full: every partition wanted. Incremental: only those added to the session or changed.
  std::map<TopicPartition, FetchPartition> partitions;
  std::vector<TopicPartition> forgotten;  // ForgottenTopicsData: leave the session
  bool from_follower() const { return replica_id >= 0; }
  bool full() const { return session_epoch == kInitialSessionEpoch || session_epoch == kFinalSessionEpoch; }
  std::string_view Type() const override { return "Fetch"; }
  std::string_view Category() const override { return from_follower() ? "replication" : "fetch"; }
  std::string Label() const override;
  void DescribeFields(nlohmann::ordered_json& f) const override;
};
struct PartitionFetchResponse {
  ErrorCode error = ErrorCode::kNone;
  Offset high_watermark = kUndefinedOffset;
  Offset log_start_offset = kUndefinedOffset;
  Offset last_stable_offset = kUndefinedOffset;
  std::vector<RecordBatch> batches;
  int64_t size_bytes = 0;
};
struct FetchResponse final : KafkaMessage {
  // A session error (FETCH_SESSION_ID_NOT_FOUND, INVALID_FETCH_SESSION_EPOCH) answers the whole
  // request with no partitions.
  ErrorCode error = ErrorCode::kNone;
  int32_t session_id = kInvalidSessionId;  // the session the broker keeps for the fetcher, if any
  // A full fetch's answer names every partition; an incremental one only those with news.
  std::map<TopicPartition, PartitionFetchResponse> partitions;
  bool to_follower = false;
  std::string_view Type() const override { return "Fetch"; }
  std::string_view Category() const override { return to_follower ? "replication" : "fetch"; }
  std::string Label() const override;
  int64_t SizeBytes() const override;
};

// --- ListOffsets ---
struct ListOffsetsRequest final : KafkaMessage {
  int32_t replica_id = kConsumerReplicaId;
  std::map<TopicPartition, int64_t> timestamps;  // kEarliestTimestamp, kLatestTimestamp or a time
  std::string_view Type() const override { return "ListOffsets"; }
  std::string_view Category() const override { return "fetch"; }
};
struct PartitionListOffsetsResponse {
  ErrorCode error = ErrorCode::kNone;
  int64_t timestamp = -1;
  Offset offset = kUndefinedOffset;
  LeaderEpoch leader_epoch = kNoLeaderEpoch;
};
struct ListOffsetsResponse final : KafkaMessage {
  std::map<TopicPartition, PartitionListOffsetsResponse> partitions;
  std::string_view Type() const override { return "ListOffsets"; }
  std::string_view Category() const override { return "fetch"; }
};

// --- OffsetsForLeaderEpoch (a follower asks the leader where its epoch ended) ---
struct OffsetsForLeaderEpochRequest final : KafkaMessage {
  int32_t replica_id = kConsumerReplicaId;
  std::map<TopicPartition, std::pair<LeaderEpoch, LeaderEpoch>> partitions;  // (current epoch, epoch asked)
  std::string_view Type() const override { return "OffsetsForLeaderEpoch"; }
  std::string_view Category() const override { return "replication"; }
  std::string Label() const override;
};
struct EpochEndOffsetResponse {
  ErrorCode error = ErrorCode::kNone;
  LeaderEpoch leader_epoch = kNoLeaderEpoch;
  Offset end_offset = kUndefinedOffset;
};
struct OffsetsForLeaderEpochResponse final : KafkaMessage {
  std::map<TopicPartition, EpochEndOffsetResponse> partitions;
  std::string_view Type() const override { return "OffsetsForLeaderEpoch"; }
  std::string_view Category() const override { return "replication"; }
};

// --- InitProducerId (KIP-98: an idempotent producer asks any broker for its producer id) ---
// Without a transactional.id any broker answers from its block of ids (ProducerIdManager), with
// epoch 0; a transactional producer would ask its transaction coordinator instead (not simulated).
struct InitProducerIdRequest final : KafkaMessage {
  std::string transactional_id;  // empty: an idempotent producer without transactions
  Duration transaction_timeout = Duration::Millis(60000);
  int64_t producer_id = -1;  // -1/-1: a fresh id (KIP-360 lets a producer name its current one)
  int16_t producer_epoch = -1;
  std::string_view Type() const override { return "InitProducerId"; }
  std::string_view Category() const override { return "produce"; }
};
struct InitProducerIdResponse final : KafkaMessage {
  ErrorCode error = ErrorCode::kNone;
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
  std::string_view Type() const override { return "InitProducerId"; }
  std::string_view Category() const override { return "produce"; }
  std::string Label() const override;
};

}  // namespace kafkasim
