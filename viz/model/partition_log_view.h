#pragma once
// The partition view's model: for one topic, each partition's replicas as log strips that line up
// offset for offset — the records (their keys and leader epochs), batch and segment boundaries,
// the log start offset, the log end offset (LEO) and the high watermark (HW) — so that a student
// sees a follower trail the leader, the HW wait for the slowest in-sync replica, and a returning
// leader cut away what it alone had (truncation by leader epoch, KIP-101).
//
// Read from the replicas' logs through Log's public accessors (a down broker's log is read from
// its disk) and from the trace (`replica.truncate` events); nothing here decides a rule.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/trace.h"
#include "sim/record/timeline.h"
#include "viz/model/cluster_metadata.h"

namespace kafkasim {
class BrokerPart;
class Log;
}  // namespace kafkasim

namespace kafkasim::viz {

// A replica's log: the running broker's partition's, else the one on its disk (null: none).
const Log* ReplicaLog(const BrokerPart& brokers, BrokerId id, const TopicPartition& tp);

// A follower cut its log (the trace's `replica.truncate`).
struct Truncation {
  TraceSeq seq = 0;
  Time time;
  std::string node;  // the broker that truncated: "broker-1"
  TopicPartition tp;
  Offset from{0};    // its log end offset before
  Offset to{0};      // and after
};
// Appends the truncations among timeline events [begin, end) to `out`.
void CollectTruncations(const Timeline& timeline, size_t begin, size_t end, std::vector<Truncation>& out);

// One record of a strip.
struct RecordCell {
  Offset offset{0};
  int32_t epoch = -1;        // its batch's partitionLeaderEpoch
  bool batch_start = false;  // the first record of its batch
  bool has_key = false;
  std::string key;           // at most kMaxText bytes
  std::string value;         // at most kMaxText bytes; empty for a null value
  bool has_value = false;
  int64_t timestamp_ms = 0;
  static constexpr size_t kMaxText = 40;
};

struct ReplicaStrip {
  BrokerId broker;
  std::string broker_name;
  ReplicaRole role = ReplicaRole::kOffline;
  bool running = false;
  bool has_log = false;
  Offset log_start_offset{0};
  Offset log_end_offset{0};
  std::optional<Offset> high_watermark;
  std::vector<Offset> segment_bases;  // every segment's base offset, oldest first
  std::vector<RecordCell> records;    // those in the partition's window, by offset
  // The latest truncation of this replica at or before the cursor: the offsets it cut are drawn
  // as lost cells where the log has nothing now.
  std::optional<Truncation> truncation;
};

struct PartitionLog {
  TopicPartition tp;
  std::string name;  // "orders-1"
  BrokerId leader = kNoLeader;
  int32_t leader_epoch = 0;
  std::vector<BrokerId> isr;
  bool offline = false;
  bool under_replicated = false;
  // The offsets drawn, the same for every strip so that columns line up: the newest
  // max_offsets ones up to the largest log end offset (or truncated offset) of any replica.
  Offset window_begin{0};
  Offset window_end{0};
  std::vector<ReplicaStrip> strips;  // in assignment order: the preferred leader first
};

struct TopicLogView {
  std::string topic;
  std::vector<PartitionLog> partitions;
  size_t hidden_partitions = 0;  // beyond max_partitions: not built
};

struct PartitionViewOptions {
  int64_t max_offsets = 32;      // per partition
  size_t max_partitions = 64;    // a topic's first ones
  // Whether to read the strips' records and segments; without, ReadRecords reads them for the
  // partitions a reader shows (a panel scrolled to three of fifty).
  bool read_records = true;
};

// `truncations` are those up to the cursor (the caller filters by sequence number).
TopicLogView BuildTopicLogView(Session& session, const ClusterMetadata& metadata, std::string_view topic,
                               const std::vector<Truncation>& truncations, const PartitionViewOptions& options = {});
// Fills the strips' records and segment bases in the partition's window.
void ReadRecords(Session& session, PartitionLog& p);

}  // namespace kafkasim::viz
