#pragma once
// The brokers of a session: their nodes, configs, durable disks and listener addresses. Kept
// as Session::part<BrokerPart>().
//
// `kafka-server-start.sh CONFIG [--override k=v ...]` starts broker `broker-<broker.id>`;
// starting a broker that exists but is down restarts it with its disk. Its ZooKeeper servers
// are resolved from zookeeper.connect when it starts.

#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "sim/broker/broker_config.h"
#include "sim/protocol/broker_directory.h"
#include "sim/core/simulation.h"

namespace kafkasim {

class Broker;
class Session;
struct BrokerDisk;

struct StartedBroker {
  NodeId node;
  std::vector<std::string> warnings;  // unknown config keys, as Kafka logs them
};

class BrokerPart {
 public:
  explicit BrokerPart(Session& session) : session_(session) {}

  // Starts (or restarts) the broker `properties` describe. Returns its node or Kafka's error.
  std::variant<StartedBroker, std::string> StartBroker(const Properties& properties);

  const BrokerDirectory& directory() const { return directory_; }
  // Every broker node, by broker id.
  const std::map<BrokerId, NodeId>& brokers() const { return directory_.brokers(); }
  // The running broker process with that id, or null.
  Broker* Running(BrokerId id) const;
  Broker* Running(NodeId node) const;
  // The broker that is the active controller, or null.
  Broker* ActiveController() const;
  const BrokerDisk* Disk(BrokerId id) const;

 private:
  Session& session_;
  BrokerDirectory directory_;
  std::map<BrokerId, std::shared_ptr<BrokerDisk>> disks_;
};

}  // namespace kafkasim
