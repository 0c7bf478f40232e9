#pragma once
// Where the brokers of a session are: broker id → node, and the listener addresses clients use
// (localhost:9092 → broker 0). Kept by BrokerPart; brokers and clients only read it.

#include <map>
#include <string>
#include <string_view>

#include "sim/core/strong_int.h"
#include "sim/protocol/types.h"

namespace kafkasim {

class BrokerDirectory {
 public:
  void Add(BrokerId id, NodeId node, const std::string& host, int32_t port);
  // kNoNode when no broker with that id was ever started.
  NodeId NodeOf(BrokerId id) const;
  // "localhost:9092" (also "127.0.0.1:9092", "broker-0:9092") → the broker listening there.
  NodeId Resolve(std::string_view address) const;
  const std::map<BrokerId, NodeId>& brokers() const { return nodes_; }
  // The broker a node runs and its listener, for the clients' log lines; null for another node.
  struct Endpoint {
    BrokerId id;
    std::string host;
    int32_t port = 0;
  };
  const Endpoint* EndpointOf(NodeId node) const;

 private:
  std::map<BrokerId, NodeId> nodes_;
  std::map<NodeId, Endpoint> endpoints_;
  std::map<std::string, NodeId, std::less<>> addresses_;
};

}  // namespace kafkasim
