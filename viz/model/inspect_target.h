#pragma once
// What the inspector shows: the broker-centric overview of the cluster, one broker, one ZooKeeper
// server or one partition. The user picks it by clicking (a node on the canvas, a partition in the
// partition view) or by name (`kafkasim-viz --inspect broker-1|zookeeper-0|orders-1|cluster`).

#include <string>
#include <string_view>

#include "viz/model/cluster_metadata.h"
#include "viz/model/cluster_view.h"

namespace kafkasim::viz {

enum class InspectKind { kCluster, kBroker, kZooKeeper, kPartition };

struct InspectTarget {
  InspectKind kind = InspectKind::kCluster;
  std::string name;  // the node ("broker-1") or partition ("orders-1"); empty for the cluster
  bool operator==(const InspectTarget&) const = default;
};

// "cluster" (or empty) is the overview; a node's name inspects that node when the inspector knows
// its kind; "orders-1" a partition the metadata knows. Anything else: nullopt.
std::optional<InspectTarget> ResolveInspectTarget(std::string_view name, const ClusterView& cluster,
                                                  const ClusterMetadata& metadata);

}  // namespace kafkasim::viz
