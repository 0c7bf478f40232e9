// The assignors by name, as partition.assignment.strategy lists them.

#include "sim/client/partition_assignor.h"

#include "sim/client/abstract_sticky_assignor.h"

namespace kafkasim {

std::string_view ToString(RebalanceProtocol protocol) {
  return protocol == RebalanceProtocol::kCooperative ? "COOPERATIVE" : "EAGER";
}

std::unique_ptr<PartitionAssignor> MakeAssignor(std::string_view name) {
  constexpr std::string_view kPackage = "org.apache.kafka.clients.consumer.";
  if (name.starts_with(kPackage)) {
    const std::string_view simple = name.substr(kPackage.size());
    if (simple == "RangeAssignor") return std::make_unique<RangeAssignor>();
    if (simple == "RoundRobinAssignor") return std::make_unique<RoundRobinAssignor>();
    if (simple == "StickyAssignor") return std::make_unique<StickyAssignor>();
    if (simple == "CooperativeStickyAssignor") return std::make_unique<CooperativeStickyAssignor>();
    return nullptr;
  }
  if (name == "range") return std::make_unique<RangeAssignor>();
  if (name == "roundrobin") return std::make_unique<RoundRobinAssignor>();
  if (name == "sticky") return std::make_unique<StickyAssignor>();
  if (name == "cooperative-sticky") return std::make_unique<CooperativeStickyAssignor>();
  return nullptr;
}

}  // namespace kafkasim
