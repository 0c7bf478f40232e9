#pragma once
// One Kafka broker (KafkaServer in ZooKeeper mode) as a simulated process.
//
// Startup, as KafkaServer.startup does it: connect to ZooKeeper, create the top-level paths,
// read or create the cluster id, register the ephemeral /brokers/ids/<id> (the broker's proof
// of life — it disappears only when the session ends), then take part in the controller
// election. A broker restarted while its previous session is still alive finds its own old
// registration and stops with Kafka's NodeExistsException: a crashed broker is only replaced
// after zookeeper.session.timeout.ms.
//
// Owned by the process (lost on a crash): the ZooKeeper session, the metadata cache, the
// controller role, replica roles. Durable (in BrokerDisk, kept by BrokerPart): the logs.

#include <memory>
#include <string>

#include "sim/broker/broker_config.h"
#include "sim/broker/metadata_cache.h"
#include "sim/broker/replica_manager.h"
#include "sim/core/domain_event.h"
#include "sim/core/simulation.h"
#include "sim/protocol/message_base.h"
#include "sim/zookeeper/zookeeper_client.h"

namespace kafkasim {

class BrokerDirectory;
class KafkaController;
class AdminManager;
class ProducerIdManager;
class GroupCoordinator;
class ConfigChangeListener;
struct BrokerDisk;

class Broker : public Process {
 public:
  Broker(Simulation& sim, NodeId self, BrokerConfig config, const BrokerDirectory& directory,
         std::vector<NodeId> zookeeper_servers, std::shared_ptr<BrokerDisk> disk);
  ~Broker() override;

  void OnStart() override;
  void OnMessage(const Envelope& envelope) override;

  // Leaves the cluster cleanly (kafka-server-stop.sh): controlled shutdown, then the session
  // is closed so the registration disappears at once; `done` runs when the process may end.
  void Shutdown(std::function<void()> done) override;

  BrokerId id() const { return config_.id; }
  const BrokerConfig& config() const { return config_; }
  bool registered() const { return registered_; }
  const MetadataCache& metadata() const { return metadata_; }
  const ReplicaManager& replicas() const { return *replicas_; }
  ReplicaManager& replicas() { return *replicas_; }
  const KafkaController& controller() const { return *controller_; }
  KafkaController& controller() { return *controller_; }
  const ProducerIdManager& producer_ids() const { return *producer_ids_; }
  const BrokerDirectory& directory() const { return directory_; }
  const GroupCoordinator& group_coordinator() const { return *groups_; }
  AdminManager& admin() { return *admin_; }

  // Services for the broker's parts.
  Simulation& sim() { return sim_; }
  NodeId node() const { return self_; }
  const std::string& name() const { return sim_.node(self_).name(); }
  zk::ZooKeeperClient& zk() { return *zk_; }
  void Send(NodeId to, std::unique_ptr<KafkaMessage> message);
  void Reply(const Envelope& request, std::unique_ptr<KafkaMessage> response);
  TraceSeq Emit(DomainEvent event) { return EmitDomainEvent(sim_, self_, std::move(event)); }
  // Lazy: `build()` runs only when a trace sink wants `kind` (see EmitDomainEvent).
  template <typename Build>
  TraceSeq Emit(std::string_view kind, Build&& build) {
    return EmitDomainEvent(sim_, self_, kind, std::forward<Build>(build));
  }
  void SendToController(std::unique_ptr<KafkaMessage> request);
  void OnHighWatermarkAdvanced(const TopicPartition& tp);
  // "[1970-01-01 00:00:05,123] INFO ... (kafka.server.KafkaServer)": Kafka's log4j line, with
  // simulated time since the epoch.
  std::string LogLine(std::string_view level, std::string_view text, std::string_view logger) const;

 private:
  void ConnectToZooKeeper();
  void OnZooKeeperState(const zk::WatchedEvent& event);
  void Register();
  void HandleLeaderAndIsr(const Envelope& envelope);
  void HandleUpdateMetadata(const Envelope& envelope);
  void HandleStopReplica(const Envelope& envelope);
  void HandleMetadata(const Envelope& envelope);
  void HandleControlledShutdownResponse(const Envelope& envelope);
  void TryControlledShutdown(int attempts_left);
  void Fail(std::string reason);

  Simulation& sim_;
  NodeId self_;
  BrokerConfig config_;
  const BrokerDirectory& directory_;
  std::vector<NodeId> zookeeper_servers_;
  std::shared_ptr<BrokerDisk> disk_;
  std::unique_ptr<zk::ZooKeeperClient> zk_;
  MetadataCache metadata_;
  std::unique_ptr<ReplicaManager> replicas_;
  std::unique_ptr<KafkaController> controller_;
  std::unique_ptr<AdminManager> admin_;
  std::unique_ptr<ProducerIdManager> producer_ids_;
  std::unique_ptr<GroupCoordinator> groups_;
  std::unique_ptr<ConfigChangeListener> config_changes_;  // follows /config/changes
  bool registered_ = false;
  int32_t next_correlation_id_ = 1;
  std::function<void()> on_shutdown_;
  int shutdown_attempts_left_ = 0;
  TimerId shutdown_retry_;
};

}  // namespace kafkasim
