#include "sim/admin/topic_command_output.h"
#include "sim/connect/worker.h"

#include <fmt/format.h>

#include "sim/connect/connector_runtime.h"
#include "sim/connect/http_messages.h"
#include "sim/connect/rest_server.h"
#include "sim/core/domain_event.h"
#include "sim/protocol/admin_requests.h"

namespace kafkasim {
namespace {
constexpr Duration kClusterIdRetry = Duration::Millis(1000);
constexpr Duration kClusterIdTimeout = Duration::Millis(60000);  // default.api.timeout.ms
}  // namespace

Worker::Worker(Simulation& sim, NodeId self, const BrokerDirectory& directory, WorkerDisk& disk,
               std::function<void(const std::string&)> print)
    : sim_(sim), self_(self), directory_(directory), disk_(disk), print_(std::move(print)),
      network_(sim, self, directory, "[AdminClient clientId=" + disk.name + "-shared-admin]"),
      worker_id_(disk.config.worker_id()) {}

Worker::~Worker() {
  // The JVM is gone, and its tasks' clients with it.
  std::vector<std::unique_ptr<WorkerTask>> orphans;
  for (auto& [name, c] : connectors_) {
    for (auto& t : c.tasks) orphans.push_back(std::move(t));
  }
  AbandonTasks(sim_, std::move(orphans));
}

void Worker::OnStart() {
  started_at_ = sim_.now();
  LookUpClusterId();
}

// ConnectUtils.lookupKafkaClusterId: the worker needs the cluster's id before anything else.
void Worker::LookUpClusterId() {
  if (ready_) return;
  if (sim_.now() - started_at_ >= kClusterIdTimeout) {
    print_(fmt::format("[{}] ERROR Stopping due to error (org.apache.kafka.connect.cli.AbstractConnectCli)\n"
                       "org.apache.kafka.connect.errors.ConnectException: Failed to connect to and describe Kafka "
                       "cluster. Check worker's broker connection and security properties.",
                       FormatLog4jTimestamp(sim_.now().millis())));
    sim_.Stop(self_);
    return;
  }
  const auto& servers = disk_.config.bootstrap_servers;
  const NodeId broker = directory_.Resolve(servers[next_bootstrap_++ % servers.size()]);
  if (broker != kNoNode && network_.Connectable(broker, servers[(next_bootstrap_ - 1) % servers.size()])) {
    auto request = std::make_unique<MetadataRequest>();
    request->topics = std::vector<std::string>{};
    network_.Send(
        broker, std::move(request), Duration::Millis(30000),
        [this](const Envelope& e) {
          const auto* r = e.As<MetadataResponse>();
          if (r == nullptr || r->cluster_id.empty()) {
            sim_.Schedule(kClusterIdRetry, self_, [this] { LookUpClusterId(); });
            return;
          }
          cluster_id_ = r->cluster_id;
          BecomeReady();
        },
        [this](ErrorCode, const std::string&) { LookUpClusterId(); });
    return;
  }
  sim_.Schedule(kClusterIdRetry, self_, [this] { LookUpClusterId(); });
}

void Worker::BecomeReady() {
  ready_ = true;
  EmitDomainEvent(sim_, self_,
                  {.kind = "connect.worker_started",
                   .narration = fmt::format("Kafka Connect worker {} started (cluster {}); REST API at http://{}/",
                                            disk_.name, cluster_id_, worker_id_)});
  // ConnectStandalone creates the connectors of its command line one after the other.
  for (const ConfigJson& config : disk_.startup_connectors) {
    const std::string name = config.value("name", "");
    auto created = PutConnectorConfig(name, config, /*allow_replace=*/false);
    if (auto* e = std::get_if<HerderError>(&created)) {
      print_(fmt::format("[{}] ERROR Failed to create connector for {} (org.apache.kafka.connect.cli.ConnectStandalone)"
                         "\njava.util.concurrent.ExecutionException: {}",
                         FormatLog4jTimestamp(sim_.now().millis()), name, e->message));
    }
  }
  ScheduleOffsetFlush();
}

void Worker::ScheduleOffsetFlush() {
  sim_.Schedule(disk_.config.offset_flush_interval, self_, [this] {
    for (auto& [name, c] : connectors_) {
      for (auto& t : c.tasks) {
        if (t) t->CommitOffsets();
      }
    }
    ScheduleOffsetFlush();
  });
}

void Worker::OnMessage(const Envelope& envelope) {
  if (const auto* request = envelope.As<HttpRequest>()) {
    auto response = std::make_unique<HttpResponse>(HandleRestRequest(*this, *request));
    response->id = request->id;
    sim_.network().Send(self_, envelope.from, std::move(response));
    return;
  }
  network_.Deliver(envelope);
}

void Worker::Shutdown(std::function<void()> done) {
  // Connect.stop(): the herder stops every connector and task; tasks commit on the way out.
  for (auto& [name, c] : connectors_) StopTasks(c, /*clean=*/true);
  done();
}

void Worker::SetState(const std::string& connector, std::optional<int32_t> task, ConnectStatus status) {
  auto it = connectors_.find(connector);
  assert(it != connectors_.end() && "states are set for known connectors");
  Connector& c = it->second;
  const std::string what = task ? fmt::format("task {}-{}", connector, *task) : "connector " + connector;
  ConnectStatus& slot = task ? c.task_status.at(static_cast<size_t>(*task)) : c.status;
  if (slot.state == status.state && slot.trace == status.trace) return;
  slot = std::move(status);
  EmitDomainEvent(sim_, self_,
                  {.kind = task ? "connect.task_state" : "connect.connector_state",
                   .narration = fmt::format("{} is {}{}", what, ToString(slot.state),
                                            slot.state == ConnectState::kFailed ? ": " + slot.trace.substr(0, slot.trace.find('\n')) : ""),
                   .fields = {{"connector", connector}, {"task", task ? Json(*task) : Json()},
                              {"state", std::string(ToString(slot.state))}}});
}

}  // namespace kafkasim
