#pragma once
// The cluster canvas's view model: the simulation's nodes, grouped the way a Kafka diagram
// groups them (the ZooKeeper ensemble, the brokers, producers, consumer groups, Connect
// workers, command-line tools), each with its lifecycle state, its network split group and what
// its part of Kafka says about its role ("leading", "controller"). Rebuilt from the live
// simulation every frame; nothing here decides a rule, it only reads state.
//
// A part of Kafka that wants its nodes described registers a describer for its node kind (see
// cluster_view.cpp: ZooKeeper servers and brokers). A broker lists its replicas with their
// roles (cluster_metadata.h), and the brokers' group title counts partitions, under-replicated
// and offline ones.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/node.h"
#include "sim/script/session.h"
#include "viz/model/cluster_metadata.h"

namespace kafkasim::viz {

// The bands of the canvas, in drawing order.
enum class NodeGroupKind { kZooKeeper, kBroker, kProducer, kConsumerGroup, kConnect, kClient };
inline constexpr int kNodeGroupKinds = 6;
std::string_view GroupTitle(NodeGroupKind kind);
NodeGroupKind GroupOfKind(std::string_view node_kind);

// One replica a broker box lists: "★ orders-0".
struct ReplicaBadge {
  std::string partition;  // "orders-0"
  ReplicaRole role = ReplicaRole::kOffline;
};

struct NodeView {
  std::string name;
  std::string kind;  // Node::kind(): "zookeeper", "broker", "client", ...
  NodeState state = NodeState::kStopped;
  int split_group = 0;  // 0 when the node is in no split group
  std::string role;     // "leading", "following", "looking", "controller"; empty when none
  bool leader = false;  // the ensemble's leader, the controller: drawn with a crown
  std::vector<std::string> details;  // short lines under the name ("zxid 0x100000003", "2 clients")
  // A broker's replicas, leaders first, then in-sync, out-of-sync and offline ones (at most
  // kMaxBadges; replica_count says how many there are).
  std::vector<ReplicaBadge> replicas;
  int replica_count = 0;
  // How many of its replicas have each role (by ReplicaRole): what a box too small for the
  // badges shows instead.
  std::array<int, 4> role_counts{};
  static constexpr size_t kMaxBadges = 24;
};

struct NodeGroupView {
  NodeGroupKind kind = NodeGroupKind::kClient;
  std::string title;  // "ZooKeeper ensemble", "Consumer group orders-app"
  std::vector<NodeView> nodes;
};

struct ClusterView {
  std::vector<NodeGroupView> groups;  // non-empty groups only, in NodeGroupKind order
  bool partitioned = false;           // a split or block is in force
  bool split = false;                 // a split is: nodes on different sides cannot reach each other
  std::vector<std::string> blocked;   // one-way blocks: "broker-1 → broker-0"
  size_t nodes = 0;
  const NodeView* Find(std::string_view name) const;
};

// What BuildClusterView sums up of a table's replicas broker by broker (how many of each role,
// which to show as badges), kept for the next build: it depends only on which replicas the rows
// name and their roles (ClusterMetadata::roles_version), and most of a playing frame's rereads
// move offsets only. At a hundred brokers the sum walks 30,000 replicas.
class ClusterViewCache {
 public:
  struct Held;
  ClusterViewCache();
  ~ClusterViewCache();
  ClusterViewCache(ClusterViewCache&&) noexcept;
  ClusterViewCache& operator=(ClusterViewCache&&) noexcept;

 private:
  friend ClusterView BuildClusterView(Session& session, const ClusterMetadata& metadata, ClusterViewCache* cache);
  uint64_t roles_version_ = 0;  // of the table summed up; 0: none
  size_t nodes_ = 0;
  size_t brokers_ = 0;
  std::vector<Held> held_;  // by node id
};

// `metadata` is this frame's ReadClusterMetadata; the one-argument form reads it. With a
// `cache`, the last build's sums are reused while the table's roles stay.
ClusterView BuildClusterView(Session& session, const ClusterMetadata& metadata, ClusterViewCache* cache = nullptr);
ClusterView BuildClusterView(Session& session);

// A lifecycle state as the canvas labels it: "running", "CRASHED", "POWERED OFF", "stopped".
std::string_view StateLabel(NodeState state);

}  // namespace kafkasim::viz
