#include "viz/model/inspect_target.h"

namespace kafkasim::viz {

std::optional<InspectTarget> ResolveInspectTarget(std::string_view name, const ClusterView& cluster,
                                                  const ClusterMetadata& metadata) {
  if (name.empty() || name == "cluster") return InspectTarget{};
  if (const NodeView* node = cluster.Find(name)) {
    if (node->kind == "broker") return InspectTarget{.kind = InspectKind::kBroker, .name = node->name};
    if (node->kind == "zookeeper") return InspectTarget{.kind = InspectKind::kZooKeeper, .name = node->name};
    return std::nullopt;
  }
  for (const PartitionInfo& p : metadata.partitions) {
    if (p.name == name) return InspectTarget{.kind = InspectKind::kPartition, .name = p.name};
  }
  return std::nullopt;
}

}  // namespace kafkasim::viz
