#include "viz/model/cluster_view.h"

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/controller.h"
#include "sim/broker/partition.h"
#include "sim/broker/replica_manager.h"
#include "sim/zookeeper/zookeeper_part.h"
#include "sim/zookeeper/zookeeper_server.h"

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

// A broker: the active controller wears the crown; its replicas are listed by role, an
// out-of-sync follower (not in the ISR its leader last told it) marked as such in words.
void DescribeBroker(Session& session, const Node& node, NodeView& view) {
  const Broker* broker = session.part<BrokerPart>().Running(node.id());
  if (broker == nullptr) return;
  if (broker->controller().active()) {
    view.role = "controller";
    view.leader = true;
  } else {
    view.role = broker->registered() ? "broker" : "starting (not registered)";
  }
  std::vector<std::string> leads, follows, lagging;
  for (const auto& [tp, hosted] : broker->replicas().partitions()) {
    if (hosted->is_leader()) {
      leads.push_back(ToString(tp));
    } else if (Contains(hosted->state().isr, broker->id())) {
      follows.push_back(ToString(tp));
    } else {
      lagging.push_back(ToString(tp));
    }
  }
  // Enough to read on a box; the partition view lists them all.
  auto list = [](const std::vector<std::string>& names) {
    constexpr size_t kShown = 3;
    std::vector<std::string> head(names.begin(), names.begin() + std::min(names.size(), kShown));
    std::string text = fmt::format("{}", fmt::join(head, " "));
    if (names.size() > kShown) text += fmt::format(" +{}", names.size() - kShown);
    return text;
  };
  if (!leads.empty()) view.details.push_back("leads " + list(leads));
  if (!follows.empty()) view.details.push_back("follows " + list(follows));
  if (!lagging.empty()) view.details.push_back("OUT OF ISR " + list(lagging));
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

ClusterView BuildClusterView(Session& session) {
  Simulation& sim = session.sim();
  std::vector<NodeGroupView> by_kind(kNodeGroupKinds);
  for (int k = 0; k < kNodeGroupKinds; ++k) {
    by_kind[k].kind = static_cast<NodeGroupKind>(k);
    by_kind[k].title = std::string(GroupTitle(by_kind[k].kind));
  }
  ClusterView view;
  view.partitioned = sim.network().partitioned();
  // Nodes in the order they were added: stable from frame to frame, as the layout needs.
  for (const auto& node : sim.nodes()) {
    NodeView n{.name = node->name(),
               .kind = node->kind(),
               .state = node->state(),
               .split_group = sim.network().group_of(node->id())};
    if (node->kind() == "zookeeper") DescribeZooKeeper(session, *node, n);
    if (node->kind() == "broker") DescribeBroker(session, *node, n);
    by_kind[static_cast<int>(GroupOfKind(node->kind()))].nodes.push_back(std::move(n));
    ++view.nodes;
  }
  for (NodeGroupView& group : by_kind) {
    if (!group.nodes.empty()) view.groups.push_back(std::move(group));
  }
  return view;
}

}  // namespace kafkasim::viz
