#include "sim/protocol/broker_directory.h"

#include <fmt/format.h>

namespace kafkasim {

void BrokerDirectory::Add(BrokerId id, NodeId node, const std::string& host, int32_t port) {
  nodes_[id] = node;
  addresses_[fmt::format("{}:{}", host, port)] = node;
  if (host == "localhost") addresses_[fmt::format("127.0.0.1:{}", port)] = node;
  addresses_[fmt::format("broker-{}:{}", id.value(), port)] = node;
}

NodeId BrokerDirectory::NodeOf(BrokerId id) const {
  auto it = nodes_.find(id);
  return it == nodes_.end() ? kNoNode : it->second;
}

NodeId BrokerDirectory::Resolve(std::string_view address) const {
  auto it = addresses_.find(address);
  return it == addresses_.end() ? kNoNode : it->second;
}

}  // namespace kafkasim
