#include "viz/model/cluster_view.h"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/controller.h"
#include "sim/broker/partition.h"
#include "sim/broker/replica_manager.h"
#include "sim/broker/zk_data.h"
#include "sim/zookeeper/zookeeper_part.h"
#include "sim/zookeeper/zookeeper_server.h"
#include "viz/model/broker_slots.h"

namespace kafkasim::viz {
namespace {

void DescribeZooKeeper(Session& session, const Node& node, NodeView& view) {
  const zk::ZooKeeperServer* server = session.part<zk::ZooKeeperPart>().Server(node.id());
  if (server == nullptr) return;  // down: the lifecycle state says it all
  view.role = std::string(zk::ToString(server->role()));
  view.leader = server->role() == zk::Role::kLeading || server->role() == zk::Role::kStandalone;
  view.details.push_back(server->serving() ? "serving" : "not serving");
  if (server->connected_clients() > 0) {
    view.details.push_back(fmt::format("{} client{}", server->connected_clients(),
                                       server->connected_clients() == 1 ? "" : "s"));
  }
}

}  // namespace

// What a broker holds, summed up in one pass over the table: how many replicas of each role, how
// many of those it leads are under-replicated, and the badges to show, leaders first.
struct ClusterViewCache::Held {
  struct Badge {
    size_t row = 0;  // in the table: a badge copies the partition's name only when shown
    ReplicaRole role = ReplicaRole::kOffline;
  };
  std::array<int, 4> role_counts{};  // by ReplicaRole
  int under_replicated = 0;
  std::vector<Badge> badges;
};

ClusterViewCache::ClusterViewCache() = default;
ClusterViewCache::~ClusterViewCache() = default;
ClusterViewCache::ClusterViewCache(ClusterViewCache&&) noexcept = default;
ClusterViewCache& ClusterViewCache::operator=(ClusterViewCache&&) noexcept = default;

namespace {

using Held = ClusterViewCache::Held;
constexpr size_t kBadgeCandidates = 4 * NodeView::kMaxBadges;

// By node id.
void ByNode(Session& session, const ClusterMetadata& metadata, std::vector<Held>& out) {
  out.assign(session.sim().nodes().size(), Held{});
  BrokerSlots node_of;
  for (const auto& [id, node] : session.part<BrokerPart>().directory().brokers()) {
    if (node.value() < out.size()) node_of.Set(id, static_cast<int32_t>(node.value()));
  }
  for (size_t row = 0; row < metadata.partitions.size(); ++row) {
    const PartitionInfo& p = metadata.partitions[row];
    for (const ReplicaInfo& r : p.replica_states) {
      const int32_t node = node_of.Of(r.broker);
      if (node == BrokerSlots::kNone) continue;
      Held& h = out[node];
      ++h.role_counts[static_cast<size_t>(r.role)];
      if (r.role == ReplicaRole::kLeader) h.under_replicated += p.under_replicated;
      if (h.badges.size() < kBadgeCandidates) h.badges.push_back(Held::Badge{.row = row, .role = r.role});
    }
  }
  // Leaders first, of the first candidates met: what a broker leads matters most.
  for (Held& h : out) {
    std::stable_sort(h.badges.begin(), h.badges.end(),
                     [](const Held::Badge& a, const Held::Badge& b) { return a.role < b.role; });
    if (h.badges.size() > NodeView::kMaxBadges) h.badges.resize(NodeView::kMaxBadges);
  }
}

// Whether ZooKeeper's /controller names this broker (in the ensemble's latest view).
bool IsNamedController(Session& session, const Node& node) {
  const zk::ZkDatabase* db = session.part<zk::ZooKeeperPart>().View();
  const zk::Znode* znode = db == nullptr ? nullptr : db->tree().Find(zkdata::kController);
  const std::optional<BrokerId> controller = znode == nullptr ? std::nullopt : zkdata::DecodeController(znode->data);
  if (!controller) return false;
  const auto& brokers = session.part<BrokerPart>().brokers();
  const auto it = brokers.find(*controller);
  return it != brokers.end() && it->second == node.id();
}

// A broker: the active controller wears the crown; its replicas are listed with their roles as
// the metadata and the broker's own partitions say (cluster_metadata.h).
void DescribeBroker(Session& session, const Node& node, const ClusterMetadata& metadata, const std::vector<Held>& held,
                    NodeView& view) {
  BrokerPart& part = session.part<BrokerPart>();
  if (const Broker* broker = part.Running(node.id())) {
    if (broker->controller().active()) {
      view.role = "controller";
      view.leader = true;
    } else {
      view.role = broker->registered() ? "broker" : "starting (not registered)";
    }
  } else if (IsNamedController(session, node)) {
    // A crashed controller stays the controller until ZooKeeper expires its session and
    // deletes /controller: no other broker may take over before.
    view.role = "controller";
    view.leader = true;
    view.details.push_back("still named in /controller");
  }
  if (node.id().value() >= held.size()) return;
  const Held& h = held[node.id().value()];
  view.replica_count = std::accumulate(h.role_counts.begin(), h.role_counts.end(), 0);
  if (view.replica_count == 0) return;
  view.role_counts = h.role_counts;
  view.replicas.reserve(h.badges.size());
  for (const Held::Badge& b : h.badges) {
    view.replicas.push_back(ReplicaBadge{.partition = metadata.partitions[b.row].name, .role = b.role});
  }
  if (node.state() == NodeState::kRunning) {
    view.details.push_back(fmt::format("leads {} of {}", h.role_counts[static_cast<size_t>(ReplicaRole::kLeader)],
                                       view.replica_count));
    // Kafka's per-broker UnderReplicatedPartitions: partitions it leads whose ISR is short.
    if (h.under_replicated > 0) view.details.push_back(fmt::format("\xE2\x9A\xA0 {} under-replicated", h.under_replicated));
  }
}

}  // namespace

std::string_view GroupTitle(NodeGroupKind kind) {
  switch (kind) {
    case NodeGroupKind::kZooKeeper: return "ZooKeeper ensemble";
    case NodeGroupKind::kBroker: return "Kafka brokers";
    case NodeGroupKind::kProducer: return "Producers";
    case NodeGroupKind::kConsumerGroup: return "Consumer groups";
    case NodeGroupKind::kConnect: return "Kafka Connect";
    case NodeGroupKind::kClient: return "Tools and clients";
  }
  return "Other";
}

NodeGroupKind GroupOfKind(std::string_view kind) {
  if (kind == "zookeeper") return NodeGroupKind::kZooKeeper;
  if (kind == "broker") return NodeGroupKind::kBroker;
  if (kind == "producer") return NodeGroupKind::kProducer;
  if (kind == "consumer") return NodeGroupKind::kConsumerGroup;
  if (kind == "connect") return NodeGroupKind::kConnect;
  return NodeGroupKind::kClient;
}

std::string_view StateLabel(NodeState state) {
  switch (state) {
    case NodeState::kRunning: return "running";
    case NodeState::kStopped: return "stopped";
    case NodeState::kCrashed: return "CRASHED";
    case NodeState::kPoweredOff: return "POWERED OFF";
  }
  return "?";
}

const NodeView* ClusterView::Find(std::string_view name) const {
  for (const NodeGroupView& group : groups) {
    for (const NodeView& node : group.nodes) {
      if (node.name == name) return &node;
    }
  }
  return nullptr;
}

ClusterView BuildClusterView(Session& session) { return BuildClusterView(session, ReadClusterMetadata(session)); }

ClusterView BuildClusterView(Session& session, const ClusterMetadata& metadata, ClusterViewCache* cache) {
  Simulation& sim = session.sim();
  ClusterViewCache local;
  if (cache == nullptr) cache = &local;
  const size_t brokers = session.part<BrokerPart>().directory().brokers().size();
  if (metadata.roles_version == 0 || cache->roles_version_ != metadata.roles_version ||
      cache->nodes_ != sim.nodes().size() || cache->brokers_ != brokers) {
    ByNode(session, metadata, cache->held_);
    cache->roles_version_ = metadata.roles_version;
    cache->nodes_ = sim.nodes().size();
    cache->brokers_ = brokers;
  }
  const std::vector<Held>& held = cache->held_;
  std::vector<NodeGroupView> by_kind(kNodeGroupKinds);
  for (int k = 0; k < kNodeGroupKinds; ++k) {
    by_kind[k].kind = static_cast<NodeGroupKind>(k);
    by_kind[k].title = std::string(GroupTitle(by_kind[k].kind));
  }
  ClusterView view;
  view.partitioned = sim.network().partitioned();
  view.split = sim.network().split();
  for (const auto& [from, to] : sim.network().blocked()) {
    view.blocked.push_back(fmt::format("{} \xE2\x86\x92 {}", sim.node(from).name(), sim.node(to).name()));
  }
  // Nodes in the order they were added: stable from frame to frame, as the layout needs.
  for (const auto& node : sim.nodes()) {
    NodeView n{.name = node->name(),
               .kind = node->kind(),
               .state = node->state(),
               .split_group = sim.network().group_of(node->id())};
    if (node->kind() == "zookeeper") DescribeZooKeeper(session, *node, n);
    if (node->kind() == "broker") DescribeBroker(session, *node, metadata, held, n);
    by_kind[static_cast<int>(GroupOfKind(node->kind()))].nodes.push_back(std::move(n));
    ++view.nodes;
  }
  if (!metadata.partitions.empty()) {
    std::string& title = by_kind[static_cast<int>(NodeGroupKind::kBroker)].title;
    title += fmt::format(" \xC2\xB7 {} partition{} \xC2\xB7 {} under-replicated \xC2\xB7 {} offline",
                         metadata.partitions.size(), metadata.partitions.size() == 1 ? "" : "s",
                         metadata.under_replicated, metadata.offline);
  }
  for (NodeGroupView& group : by_kind) {
    if (!group.nodes.empty()) view.groups.push_back(std::move(group));
  }
  return view;
}

}  // namespace kafkasim::viz
