#pragma once
// The Explorer's model: the cluster as Offset Explorer (and Kafka UI, AKHQ) show it — a tree of
// brokers, topics with their partitions, the messages of a partition, and consumer groups with
// their committed offsets and lag — read from the simulation's public state, window-free.
//
// Messages are read as a consumer reads them (read_uncommitted): from the partition leader's log,
// from the log start offset up to the high watermark; records above the high watermark are not
// committed and no consumer sees them yet. A page is at most a few hundred rows, read from the
// segment that holds its first offset on: never the whole log.
//
// A group's lag is, as `kafka-consumer-groups.sh --describe` computes it, the partition's log
// end offset as a consumer sees it (the high watermark) minus the committed offset; a partition
// without a committed offset has no lag ("-"). The group is read from its coordinator: the
// running broker whose group coordinator owns the group's __consumer_offsets partition.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/script/session.h"
#include "viz/model/cluster_metadata.h"

namespace kafkasim {
class GroupMetadata;
}

namespace kafkasim::viz {

struct ExplorerBroker {
  BrokerId id;
  std::string name;  // "broker-1"
  bool running = false;
  bool controller = false;
  int leaders = 0;   // partitions it leads
  int replicas = 0;  // partitions it has a replica of
};

struct ExplorerPartition {
  int32_t partition = 0;
  std::string name;  // "orders-1"
  BrokerId leader = kNoLeader;
  std::vector<BrokerId> replicas, isr;
  bool offline = false;
  bool under_replicated = false;
  // The leader's log, as a consumer sees it; none while offline.
  std::optional<Offset> log_start_offset, high_watermark;
  int64_t messages() const {
    return log_start_offset && high_watermark ? high_watermark->value() - log_start_offset->value() : 0;
  }
};

struct ExplorerTopic {
  std::string name;
  bool internal = false;  // __consumer_offsets
  std::vector<ExplorerPartition> partitions;
  int64_t messages = 0;  // readable now, over every partition
};

struct ExplorerGroupOffset {
  TopicPartition tp;
  std::string name;  // "orders-1"
  int64_t committed = -1;
  std::optional<int64_t> log_end_offset;  // the partition's high watermark
  std::optional<int64_t> lag;
  std::string member;  // the client the partition is assigned to, as --describe shows ("-": none)
};

struct ExplorerGroup {
  std::string id;
  std::string state;  // "Stable", "PreparingRebalance", ...
  int32_t generation = 0;
  std::string protocol;  // the assignor: "range"
  BrokerId coordinator = kNoLeader;
  std::vector<std::string> members;  // client ids, in join order
  std::vector<ExplorerGroupOffset> offsets;
  int64_t lag = 0;  // the sum over partitions that have one
};

struct ExplorerTree {
  std::vector<ExplorerBroker> brokers;  // by id
  std::vector<ExplorerTopic> topics;    // by name; internal topics last
  std::vector<ExplorerGroup> groups;    // by id
};

ExplorerTree BuildExplorer(Session& session, const ClusterMetadata& metadata);

// Each live group with the broker coordinating it now (a deposed coordinator may still hold a
// copy), by group id.
struct CoordinatedGroup {
  const GroupMetadata* group = nullptr;
  BrokerId coordinator = kNoLeader;
};
std::vector<CoordinatedGroup> CoordinatedGroups(Session& session);

// A committed offset's lag as `--describe` computes it: the leader's high watermark minus the
// committed offset, unclamped; none without a leader, or without a commit (committed < 0).
std::optional<int64_t> CommittedLag(const ClusterMetadata& metadata, const TopicPartition& tp, int64_t committed);

// One record, as Offset Explorer's message table shows it.
struct MessageRow {
  int64_t offset = 0;
  int64_t timestamp_ms = 0;
  std::optional<std::string> key;    // none: a null key; clipped to kMaxText bytes
  std::optional<std::string> value;  // none: a null value (a tombstone)
  std::vector<std::pair<std::string, std::string>> headers;
  static constexpr size_t kMaxText = 120;
};

struct MessagePage {
  std::string partition;  // "orders-1"
  // What can be read: [log start offset, high watermark) of the leader; empty when offline.
  int64_t begin = 0, end = 0;
  int64_t first = 0;  // the page starts here
  std::vector<MessageRow> rows;
  std::string error;  // why nothing can be read ("offline: no leader")
};

inline constexpr size_t kMaxPageRows = 500;

// Up to `count` (at most kMaxPageRows) records of `tp` from offset `from` (clamped to what can
// be read).
MessagePage ReadMessages(Session& session, const ClusterMetadata& metadata, const TopicPartition& tp, int64_t from,
                         size_t count);

}  // namespace kafkasim::viz
