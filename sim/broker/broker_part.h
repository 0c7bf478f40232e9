#pragma once
// The brokers of a session: their nodes, configs, durable disks and listener addresses. Kept
// as Session::part<BrokerPart>().
//
// `kafka-server-start.sh CONFIG [--override k=v ...]` starts broker `broker-<broker.id>`;
// starting a broker that exists but is down restarts it with its disk. Its ZooKeeper servers
// are resolved from zookeeper.connect when it starts.
//
// The disks are the machines': a process crash keeps the page cache, a power loss (the
// simulator's node.crash event for a powered-off node) takes what was not written back.

#include <filesystem>
#include <map>
#include <optional>
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

class BrokerPart : public TraceSink {
 public:
  explicit BrokerPart(Session& session);
  ~BrokerPart() override;

  // --data-dir DIR: brokers started from now on mirror their logs under DIR/broker-N/.
  void set_data_dir(std::filesystem::path dir) { data_dir_ = std::move(dir); }

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
  // It listens for crashes only: a power-off loses the broker's unflushed writes.
  bool Wants(std::string_view kind) const override { return kind == "node.crash"; }
  void OnEvent(const TraceEvent& event) override;

  Session& session_;
  std::optional<std::filesystem::path> data_dir_;
  BrokerDirectory directory_;
  std::map<BrokerId, std::shared_ptr<BrokerDisk>> disks_;
};

}  // namespace kafkasim
