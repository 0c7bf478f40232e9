#include "sim/broker/broker.h"

#include <fmt/format.h>

#include "sim/broker/admin_manager.h"
#include "sim/protocol/broker_directory.h"
#include "sim/broker/broker_disk.h"
#include "sim/broker/config_change_listener.h"
#include "sim/broker/controller.h"
#include "sim/broker/producer_id_manager.h"
#include "sim/broker/group_coordinator.h"
#include "sim/broker/zk_data.h"

namespace kafkasim {

using zk::CreateMode;
using zk::OpResult;

namespace {

// controlled.shutdown.max.retries and controlled.shutdown.retry.backoff.ms.
constexpr int kControlledShutdownRetries = 3;
constexpr Duration kControlledShutdownBackoff = Duration::Millis(5000);

}  // namespace

Broker::Broker(Simulation& sim, NodeId self, BrokerConfig config, const BrokerDirectory& directory,
               std::vector<NodeId> zookeeper_servers, std::shared_ptr<BrokerDisk> disk)
    : sim_(sim), self_(self), config_(std::move(config)), directory_(directory),
      zookeeper_servers_(std::move(zookeeper_servers)), disk_(std::move(disk)),
      replicas_(std::make_unique<ReplicaManager>(*this, *disk_->logs)), controller_(std::make_unique<KafkaController>(*this)),
      admin_(std::make_unique<AdminManager>(*this)), producer_ids_(std::make_unique<ProducerIdManager>(*this)),
      groups_(std::make_unique<GroupCoordinator>(*this)),
      config_changes_(std::make_unique<ConfigChangeListener>(*this)) {}

Broker::~Broker() = default;

std::string Broker::LogLine(std::string_view level, std::string_view text, std::string_view logger) const {
  const int64_t ms = sim_.now().micros() / 1000;
  const int64_t day = ms / 86'400'000 + 1;
  const int64_t in_day = ms % 86'400'000;
  return fmt::format("[1970-01-{:02} {:02}:{:02}:{:02},{:03}] {} {} ({})", day, in_day / 3'600'000,
                     in_day / 60'000 % 60, in_day / 1000 % 60, in_day % 1000, level, text, logger);
}

void Broker::Send(NodeId to, std::unique_ptr<KafkaMessage> message) {
  if (to == kNoNode) return;
  if (message->correlation_id == 0) message->correlation_id = next_correlation_id_++;
  sim_.network().Send(self_, to, std::move(message));
}

void Broker::SendToController(std::unique_ptr<KafkaMessage> request) {
  Send(directory_.NodeOf(metadata_.controller_id()), std::move(request));
}

void Broker::OnHighWatermarkAdvanced(const TopicPartition& tp) {
  replicas_->OnHighWatermarkAdvanced(tp);
  groups_->OnHighWatermarkAdvanced(tp);
}

void Broker::Reply(const Envelope& request, std::unique_ptr<KafkaMessage> response) {
  response->correlation_id = static_cast<const KafkaMessage*>(request.message.get())->correlation_id;
  sim_.network().Send(self_, request.from, std::move(response));
}

// --- startup and ZooKeeper ---

void Broker::OnStart() {
  Emit({.kind = "broker.starting",
        .narration = fmt::format("{} (broker.id={}) starts: it connects to ZooKeeper at {}", name(),
                                 config_.broker_id, config_.zookeeper_connect),
        .fields = {{"broker", config_.broker_id}}});
  // LogManager.startup: recover what the last process left (nothing to scan after a clean stop).
  for (const RecoveryInfo& info : disk_->logs->Startup(sim_.now())) {
    for (const LogEvent& e : info.events) Emit({.kind = e.kind, .narration = e.text, .rule = e.rule});
  }
  replicas_->Start();
  ConnectToZooKeeper();
}

void Broker::ConnectToZooKeeper() {
  zk_ = std::make_unique<zk::ZooKeeperClient>(
      sim_, self_,
      zk::ZooKeeperClientOptions{.servers = zookeeper_servers_, .session_timeout = config_.zookeeper_session_timeout},
      [this](const zk::WatchedEvent& event) { OnZooKeeperState(event); });
  zk_->Start();
}

void Broker::OnZooKeeperState(const zk::WatchedEvent& event) {
  if (event.state == zk::KeeperState::kSyncConnected && !registered_) {
    Register();
  } else if (event.state == zk::KeeperState::kExpired) {
    registered_ = false;
    controller_->OnSessionLost();
    Emit({.kind = "broker.session_expired",
          .narration = fmt::format("{}'s ZooKeeper session expired: its /brokers/ids/{} znode is gone, so the "
                                   "controller treats it as dead. It opens a new session and registers again",
                                   name(), config_.broker_id),
          .rule = fmt::format("zookeeper.session.timeout.ms={}", config_.zookeeper_session_timeout.micros() / 1000)});
    // The expired client is still on the stack: replace it once this callback has returned.
    sim_.Schedule(Duration(), self_, [this] { ConnectToZooKeeper(); });
  }
}

void Broker::Register() {
  for (const std::string& path : zkdata::PersistentPaths()) {
    zk_->Create(path, "", CreateMode::kPersistent, [](const OpResult&) {});
  }
  zk_->GetData(std::string(zkdata::kClusterId), [this](const OpResult& r) {
    if (r.code == zk::ErrorCode::kNoNode) {
      admin_->CreateClusterId();
    }
  });
  const std::string path = zkdata::BrokerPath(config_.id);
  zk_->Create(path, zkdata::EncodeBroker({config_.id, config_.host, config_.port}, sim_.now()),
              CreateMode::kEphemeral, [this, path](const OpResult& r) {
                if (r.ok()) {
                  registered_ = true;
                  Emit({.kind = "broker.registered",
                        .narration = fmt::format("{} registered the ephemeral {}: it is alive for the cluster as long "
                                                 "as its ZooKeeper session lives",
                                                 name(), path),
                        .fields = {{"broker", config_.broker_id}}});
                  controller_->Startup();
                  producer_ids_->Startup();
                  config_changes_->Startup();
                  return;
                }
                if (r.code != zk::ErrorCode::kNodeExists) return;
                zk_->GetData(path, [this, path](const OpResult& existing) {
                  if (existing.ok() && existing.stat.ephemeral_owner == zk_->session_id()) {
                    registered_ = true;
                    controller_->Startup();
                    producer_ids_->Startup();
                    config_changes_->Startup();
                    return;
                  }
                  Fail(fmt::format("Error while creating ephemeral at {}, node already exists and owner '{}' does "
                                   "not match current session '{}'",
                                   path, existing.stat.ephemeral_owner, zk_->session_id()));
                });
              });
}

void Broker::Fail(std::string reason) {
  disk_->startup_error = LogLine("ERROR", fmt::format("[KafkaServer id={}] Fatal error during KafkaServer startup. Prepare to "
                                          "shutdown (kafka.server.KafkaServer)\n"
                                          "org.apache.zookeeper.KeeperException$NodeExistsException: {}",
                                          config_.broker_id, reason),
                     "kafka.server.KafkaServer");
  Emit({.kind = "broker.startup_failed",
        .narration = fmt::format("{} cannot start: {}. Its previous session still holds the registration — it "
                                 "goes only when that session expires",
                                 name(), reason),
        .rule = fmt::format("zookeeper.session.timeout.ms={}", config_.zookeeper_session_timeout.micros() / 1000)});
  sim_.Stop(self_);
}

// --- requests ---

void Broker::OnMessage(const Envelope& envelope) {
  if (zk_ && zk_->OnMessage(envelope)) return;
  if (envelope.As<LeaderAndIsrRequest>()) return HandleLeaderAndIsr(envelope);
  if (envelope.As<UpdateMetadataRequest>()) return HandleUpdateMetadata(envelope);
  if (envelope.As<StopReplicaRequest>()) return HandleStopReplica(envelope);
  if (envelope.As<StopReplicaResponse>()) return controller_->HandleStopReplicaResponse(envelope);
  if (envelope.As<AlterPartitionRequest>()) return controller_->HandleAlterPartition(envelope);
  if (envelope.As<ControlledShutdownRequest>()) return controller_->HandleControlledShutdown(envelope);
  if (envelope.As<ElectLeadersRequest>()) return controller_->HandleElectLeaders(envelope);
  if (envelope.As<ControlledShutdownResponse>()) return HandleControlledShutdownResponse(envelope);
  if (envelope.As<MetadataRequest>()) return HandleMetadata(envelope);
  if (envelope.As<CreateTopicsRequest>()) return admin_->HandleCreateTopics(envelope);
  if (envelope.As<DeleteTopicsRequest>()) return admin_->HandleDeleteTopics(envelope);
  if (envelope.As<CreatePartitionsRequest>()) return admin_->HandleCreatePartitions(envelope);
  if (envelope.As<DescribeConfigsRequest>()) return admin_->HandleDescribeConfigs(envelope);
  if (envelope.As<IncrementalAlterConfigsRequest>()) return admin_->HandleIncrementalAlterConfigs(envelope);
  if (envelope.As<ProduceRequest>()) return replicas_->HandleProduce(envelope);
  if (envelope.As<InitProducerIdRequest>()) return producer_ids_->HandleInitProducerId(envelope);
  if (envelope.As<FetchRequest>()) return replicas_->HandleFetch(envelope);
  if (envelope.As<FetchResponse>()) return replicas_->HandleFetchResponse(envelope);
  if (envelope.As<ListOffsetsRequest>()) return replicas_->HandleListOffsets(envelope);
  if (envelope.As<DeleteRecordsRequest>()) return replicas_->HandleDeleteRecords(envelope);
  if (envelope.As<OffsetsForLeaderEpochRequest>()) return replicas_->HandleOffsetsForLeaderEpoch(envelope);
  if (envelope.As<OffsetsForLeaderEpochResponse>()) return replicas_->HandleOffsetsForLeaderEpochResponse(envelope);
  if (envelope.As<AlterPartitionResponse>()) return replicas_->HandleAlterPartitionResponse(envelope);
  groups_->OnMessage(envelope);
}

void Broker::HandleLeaderAndIsr(const Envelope& envelope) {
  auto response = std::make_unique<LeaderAndIsrResponse>();
  response->error = replicas_->BecomeLeaderOrFollower(*envelope.As<LeaderAndIsrRequest>());
  Reply(envelope, std::move(response));
  groups_->OnLeaderAndIsr(*envelope.As<LeaderAndIsrRequest>());
}

void Broker::HandleUpdateMetadata(const Envelope& envelope) {
  auto response = std::make_unique<UpdateMetadataResponse>();
  if (!metadata_.Apply(*envelope.As<UpdateMetadataRequest>())) response->error = ErrorCode::kStaleControllerEpoch;
  Reply(envelope, std::move(response));
  admin_->OnMetadataUpdated();
}

void Broker::HandleStopReplica(const Envelope& envelope) {
  auto response = std::make_unique<StopReplicaResponse>();
  response->partitions = replicas_->StopReplicas(*envelope.As<StopReplicaRequest>());
  Reply(envelope, std::move(response));
}

void Broker::HandleMetadata(const Envelope& envelope) {
  const auto& request = *envelope.As<MetadataRequest>();
  auto response = std::make_unique<MetadataResponse>();
  for (const LiveBroker& b : metadata_.live_brokers()) response->brokers.push_back({b.id, b.host, b.port});
  response->controller_id = metadata_.controller_id();
  response->cluster_id = admin_->cluster_id();
  response->topics = metadata_.Describe(request.topics);
  if (request.allow_auto_topic_creation && config_.auto_create_topics_enable) {
    for (TopicMetadata& topic : response->topics) {
      if (topic.error == ErrorCode::kUnknownTopicOrPartition) topic.error = admin_->AutoCreate(topic.name);
    }
  }
  Reply(envelope, std::move(response));
}

// --- controlled shutdown ---

void Broker::Shutdown(std::function<void()> done) {
  // A clean stop writes the high watermark checkpoint (ReplicaManager.shutdown), then flushes
  // every log (LogManager.shutdown), so the next start skips recovery and knows what was
  // committed.
  on_shutdown_ = [this, done = std::move(done)] {
    replicas_->CheckpointHighWatermarks();
    disk_->logs->Shutdown(sim_.now());
    done();
  };
  if (!registered_ || !config_.controlled_shutdown_enable) {
    zk_->Close([this] { on_shutdown_(); });
    return;
  }
  TryControlledShutdown(kControlledShutdownRetries);
}

void Broker::TryControlledShutdown(int attempts_left) {
  const NodeId controller = directory_.NodeOf(metadata_.controller_id());
  if (attempts_left == 0 || controller == kNoNode) {
    zk_->Close([this] { on_shutdown_(); });
    return;
  }
  auto request = std::make_unique<ControlledShutdownRequest>();
  request->broker_id = config_.id;
  Send(controller, std::move(request));
  shutdown_attempts_left_ = attempts_left - 1;
  shutdown_retry_ = sim_.Schedule(kControlledShutdownBackoff, self_,
                                  [this] { TryControlledShutdown(shutdown_attempts_left_); });
}

void Broker::HandleControlledShutdownResponse(const Envelope& envelope) {
  if (!on_shutdown_) return;
  const auto& response = *envelope.As<ControlledShutdownResponse>();
  if (response.error == ErrorCode::kNone && response.remaining.empty()) {
    sim_.Cancel(shutdown_retry_);
    zk_->Close([this] { on_shutdown_(); });
  }
}

}  // namespace kafkasim
