// The assignors by name, as partition.assignment.strategy lists them.

#include "sim/client/partition_assignor.h"

#include <algorithm>
#include <cassert>

#include "sim/client/abstract_sticky_assignor.h"

namespace kafkasim {

std::string_view ToString(RebalanceProtocol protocol) {
  return protocol == RebalanceProtocol::kCooperative ? "COOPERATIVE" : "EAGER";
}

RebalanceProtocol CommonRebalanceProtocol(const std::vector<std::unique_ptr<PartitionAssignor>>& assignors) {
  assert(!assignors.empty());
  std::vector<RebalanceProtocol> common = assignors.front()->SupportedProtocols();
  for (const auto& a : assignors) {
    const std::vector<RebalanceProtocol> theirs = a->SupportedProtocols();
    std::erase_if(common, [&](RebalanceProtocol p) { return std::find(theirs.begin(), theirs.end(), p) == theirs.end(); });
  }
  assert(!common.empty() && "every modelled assignor supports EAGER");
  return *std::max_element(common.begin(), common.end());
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
