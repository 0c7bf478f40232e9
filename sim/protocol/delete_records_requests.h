#pragma once
// DeleteRecords (API key 21, KIP-107): an admin client asks each partition's
// leader to move the partition's log start offset up to an offset, making every
// record below it unreadable (kafka-delete-records.sh, Admin.deleteRecords).
// Offset -1 means the high watermark.
//
// The leader refuses an offset above its high watermark (OFFSET_OUT_OF_RANGE),
// a topic whose cleanup.policy lacks `delete` (POLICY_VIOLATION), and a
// partition it does not lead (NOT_LEADER_OR_FOLLOWER, or
// UNKNOWN_TOPIC_OR_PARTITION when no such partition exists). Otherwise it
// answers once the low watermark — the lowest log start offset of the
// partition's live replicas, which followers report in their fetches — reached
// the offset, or REQUEST_TIMED_OUT after `timeout`
// (ReplicaManager.deleteRecords and its DelayedDeleteRecords).

#include <map>

#include "sim/core/time.h"
#include "sim/protocol/errors.h"
#include "sim/protocol/message_base.h"
#include "sim/protocol/types.h"
#include "sim/storage/offset.h"

namespace kafkasim {

// DeleteRecordsRequest.HIGH_WATERMARK: delete everything below the high
// watermark.
inline constexpr int64_t kDeleteToHighWatermark = -1;

struct DeleteRecordsRequest final : KafkaMessage {
  std::map<TopicPartition, int64_t>
      offsets; // the offset to delete before, or kDeleteToHighWatermark
  Duration timeout =
      Duration::Millis(30000); // how long the leader may wait for its followers
  std::string_view Type() const override { return "DeleteRecords"; }
  std::string_view Category() const override { return "metadata"; }
};

struct PartitionDeleteRecordsResponse {
  ErrorCode error = ErrorCode::kNone;
  Offset low_watermark = kUndefinedOffset;
};

struct DeleteRecordsResponse final : KafkaMessage {
  std::map<TopicPartition, PartitionDeleteRecordsResponse> partitions;
  std::string_view Type() const override { return "DeleteRecords"; }
  std::string_view Category() const override { return "metadata"; }
};

} // namespace kafkasim
