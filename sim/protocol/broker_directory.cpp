#include "sim/protocol/broker_directory.h"

#include <fmt/format.h>

namespace kafkasim {

void BrokerDirectory::Add(BrokerId id, NodeId node, const std::string& host, int32_t port) {
  nodes_[id] = node;
  endpoints_[node] = Endpoint{.id = id, .host = host, .port = port};
  addresses_[fmt::format("{}:{}", host, port)] = node;
  if (host == "localhost") addresses_[fmt::format("127.0.0.1:{}", port)] = node;
  addresses_[fmt::format("broker-{}:{}", id.value(), port)] = node;
}

NodeId BrokerDirectory::NodeOf(BrokerId id) const {
  auto it = nodes_.find(id);
  return it == nodes_.end() ? kNoNode : it->second;
}

const BrokerDirectory::Endpoint* BrokerDirectory::EndpointOf(NodeId node) const {
  auto it = endpoints_.find(node);
  return it == endpoints_.end() ? nullptr : &it->second;
}

NodeId BrokerDirectory::Resolve(std::string_view address) const {
  auto it = addresses_.find(address);
  return it == addresses_.end() ? kNoNode : it->second;
}

}  // namespace kafkasim
