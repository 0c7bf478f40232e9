#pragma once
// What the cluster knows about every partition, read from the simulation's public state once a
// frame: the replica assignment, leader, leader epoch and ISR as the active controller holds them
// (the controller's context mirrors the state znodes in ZooKeeper), and each replica's own side —
// the role its broker believes it has, its log start and end offsets, its high watermark. The
// canvas, the partition view and the inspectors all read this one table; nothing here decides a
// rule.
//
// Which view of the metadata: the active controller's context when a controller is active;
// otherwise (the controller died and no other took over yet) the metadata cache of the running
// broker that heard from the newest controller, as a client would see it; otherwise none.
//
// A replica's role, as the canvas draws it (glyphs, so that colour is never the only signal):
//   ★ leader               its broker leads the partition (the broker's own belief: a deposed
//                          leader that has not heard yet still says so, as in Kafka)
//   ● in-sync follower     in the ISR
//   ○ out-of-sync follower not in the ISR (lagging, or not fetching yet)
//   ✖ offline              its broker's process is down (crashed, powered off, stopped)
// A follower's own copy of the ISR is stale (ISR changes reach followers only as UpdateMetadata),
// so "in sync" is judged against the controller's ISR, never the follower's.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/protocol/types.h"
#include "sim/script/session.h"
#include "sim/storage/offset.h"

namespace kafkasim::viz {

enum class ReplicaRole { kLeader, kInSyncFollower, kOutOfSyncFollower, kOffline };
std::string_view RoleGlyph(ReplicaRole role);  // "★", "●", "○", "✖"
std::string_view RoleName(ReplicaRole role);   // "leader", "in-sync follower", ...

struct ReplicaInfo {
  BrokerId broker;
  ReplicaRole role = ReplicaRole::kOffline;
  bool running = false;  // the broker's process is up
  bool hosted = false;   // the running broker holds the partition (it got a LeaderAndIsr for it)
  bool has_log = false;  // the broker's disk holds a log for it
  Offset log_start_offset{0};
  Offset log_end_offset{0};
  std::optional<Offset> high_watermark;  // the hosting Partition's; none on a down broker
};

struct PartitionInfo {
  TopicPartition tp;
  std::string name;                 // "orders-0"
  std::vector<BrokerId> replicas;   // the assignment; the first is the preferred leader
  BrokerId leader = kNoLeader;
  int32_t leader_epoch = 0;
  std::vector<BrokerId> isr;
  // Kafka's offline partition: no leader, or one the metadata does not count as live. Nobody can
  // produce to it or consume from it.
  bool offline = false;
  // The leader's process is down but the metadata still names it (ZooKeeper has not expired its
  // session yet): offline in fact, not yet in Kafka's books.
  bool leader_down = false;
  bool under_replicated = false;    // the ISR is smaller than the replica set
  std::vector<ReplicaInfo> replica_states;  // in assignment order

  BrokerId preferred_leader() const { return replicas.empty() ? kNoLeader : replicas.front(); }
  const ReplicaInfo* Replica(BrokerId broker) const;
  const ReplicaInfo* LeaderReplica() const { return Replica(leader); }
};

struct ClusterMetadata {
  // Whose view this is: "the controller (broker-0)", "broker-2's metadata cache", or empty.
  std::string source;
  BrokerId controller = kNoLeader;  // the active controller, if any
  std::vector<PartitionInfo> partitions;  // by (topic, partition)
  int offline = 0;
  int under_replicated = 0;
  // Changes whenever a read may have changed which replicas the rows name or their roles (or
  // which rows there are); a reread that only moved offsets leaves it. Never the same for two
  // states of two tables, and never 0 after a read: what is built from the roles alone (the
  // cluster view's sums by broker) is kept while it stays.
  uint64_t roles_version = 0;
  // What the last read copied of each broker, reused by the next read into this table for the
  // brokers that handled no event since (Node::events_handled): at a hundred brokers a playing
  // frame copies a few of them, not 30,000 replicas. When no broker moved, the rows stay as
  // they are. A count names one state only within one run: reset this before reading another
  // recording (another branch) into the table.
  struct ReplicaCopies;
  std::shared_ptr<ReplicaCopies> replica_copies;

  const PartitionInfo* Find(const TopicPartition& tp) const;
  std::vector<std::string> Topics() const;  // sorted, each once
};

// Reads the table from the session. Topics being deleted are left out.
ClusterMetadata ReadClusterMetadata(Session& session);
// The same, into `table`, whose storage is reused: a playing frame rereads 10,000 partitions
// without allocating for them again.
void ReadClusterMetadata(Session& session, ClusterMetadata& table);

// The bytes of every log on broker `id`'s disk (its segments' sizes). Summed once for each state
// of the broker that `table`'s last read saw, not on every frame: a hundred brokers hold 30,000
// logs.
int64_t LogBytesOnDisk(Session& session, const ClusterMetadata& table, BrokerId id);

// "broker-1" for broker id 1, as the canvas names nodes (the simulation's node name when known).
std::string BrokerName(Session& session, BrokerId id);

}  // namespace kafkasim::viz
