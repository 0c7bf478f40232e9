#include "sim/connect/distributed_worker.h"

#include <fmt/format.h>

#include "sim/admin/topic_command_output.h"
#include "sim/connect/connector_runtime.h"
#include "sim/connect/rest_server.h"
#include "sim/connect/task_clients.h"
#include "sim/core/domain_event.h"
#include "sim/protocol/admin_requests.h"

namespace kafkasim {
namespace {

constexpr Duration kRequestTimeout = Duration::Millis(40000);  // a distributed worker's request.timeout.ms
constexpr Duration kRetryBackoff = Duration::Millis(100);
constexpr Duration kMetadataRetry = Duration::Millis(1000);

// The port of a REST URL ("http://localhost:8085/"); 0 when there is none.
int32_t UrlPort(const std::string& url) {
  const size_t colon = url.rfind(':');
  if (colon == std::string::npos) return 0;
  return std::atoi(url.c_str() + colon + 1);
}

// Writes go to the leader (HerderRequestHandler.completeOrForwardRequest); reads and validation are
// answered where they arrive.
bool IsLeaderWrite(const HttpRequest& r) {
  if (r.method == "GET") return false;
  return r.target.starts_with("/connectors");
}

// DistributedHerder's client id: client.id, else "connect-" and a sequence number per JVM. Each
// worker is a JVM of its own with one herder, so every worker is "connect-1": their group member
// ids ("connect-1-<uuid>") sort by their random UUIDs, and so does the leader's assignment.
std::string HerderClientId(const WorkerConfig& c) {
  const std::string id = c.originals.GetOr("client.id", "");
  return id.empty() ? "connect-1" : id;
}

// The `forward` query parameter a forwarded request carries ("true", "false"; empty when none): the
// last parameter, as Forward appends it.
std::string ForwardParam(const HttpRequest& r) {
  const size_t at = r.target.rfind("forward=");
  if (at == std::string::npos || at == 0 || (r.target[at - 1] != '?' && r.target[at - 1] != '&')) return "";
  return r.target.substr(at + 8);
}

// POST /connectors/{c}/tasks/{t}/restart: the task.
std::optional<ConnectorTaskId> TaskRestartTarget(const HttpRequest& r) {
  if (r.method != "POST") return std::nullopt;
  const std::string path = r.target.substr(0, r.target.find('?'));
  std::vector<std::string> parts;
  for (size_t from = 1; from <= path.size();) {
    const size_t slash = std::min(path.find('/', from), path.size());
    parts.push_back(path.substr(from, slash - from));
    from = slash + 1;
  }
  if (parts.size() != 5 || parts[0] != "connectors" || parts[2] != "tasks" || parts[4] != "restart") {
    return std::nullopt;
  }
  const std::string& t = parts[3];
  if (t.empty() || t.size() > 9 || !std::all_of(t.begin(), t.end(), ::isdigit)) return std::nullopt;
  return ConnectorTaskId{parts[1], std::stoi(t)};
}

}  // namespace

DistributedWorker::DistributedWorker(Simulation& sim, NodeId self, const BrokerDirectory& directory, WorkerDisk& disk,
                                     std::function<NodeId(int32_t)> rest_node,
                                     std::function<void(const std::string&)> print)
    : sim_(sim),
      self_(self),
      directory_(directory),
      disk_(disk),
      rest_node_(std::move(rest_node)),
      print_(std::move(print)),
      network_(
          sim, self, directory,
          fmt::format("[Worker clientId={}, groupId={}]", HerderClientId(disk.config), disk.distributed->group_id)),
      coordinator_(sim, self, directory, network_, metadata_,
                   MakeWorkerCoordinatorConfig(*disk.distributed, HerderClientId(disk.config),
                                               fmt::format("http://{}/", disk.config.worker_id()), kRequestTimeout,
                                               kRetryBackoff),
                   WorkerCoordinator::Hooks{.config_offset = [this] { return config_state_.offset() - 1; },
                                            .configured_tasks = [this] { return config_state_.TaskCounts(); },
                                            .on_revoked = [this](const ConnectorsAndTasks& stop) { OnRevoked(stop); },
                                            .on_assigned = [this](const ConnectorsAndTasks& start,
                                                                  const ConnectAssignment& a) { OnAssigned(start, a); },
                                            .wake = [this](Time at) { wake_.At(at); }}),
      admin_(sim, directory, disk.name + "-shared-admin",
             AdminClientOptions{.bootstrap_servers = disk.config.bootstrap_servers,
                                .client_id = disk.distributed->group_id + "-shared-admin"}),
      worker_id_(disk.config.worker_id()),
      wake_(sim, self, [this] { Tick(); }) {
  assert(disk_.distributed.has_value() && "a distributed worker has a DistributedConfig");
  // The offsets are the process's memory, filled from the topic: a new process starts empty.
  disk_.offsets = std::make_unique<OffsetStore>();
}

DistributedWorker::~DistributedWorker() {
  // The JVM is gone: its tasks and clients with it, nothing written.
  std::vector<std::unique_ptr<WorkerTask>> orphans;
  for (auto& [id, task] : tasks_) orphans.push_back(std::move(task));
  AbandonTasks(sim_, std::move(orphans));
  for (auto& log : logs_) log->Halt();
  admin_.Halt();
  // disk_.offsets keeps a writer into this process: harmless, as its tasks are halted and the next
  // process of this worker starts a fresh store. (The disk may be gone already: the session ends
  // its parts before its nodes.)
}

void DistributedWorker::OnStart() { wake_.At(sim_.now()); }

void DistributedWorker::Tick() {
  switch (phase_) {
    case Phase::kMetadata:
      return RefreshMetadata();
    case Phase::kTopics:
    case Phase::kReading:
      return;  // callbacks move on
    case Phase::kJoining:
    case Phase::kRunning:
      if (metadata_.NextUpdateTime(Duration::Millis(300000), kRetryBackoff) <= sim_.now()) RefreshMetadata();
      if (needs_reconfig_rebalance_ && coordinator_.stable()) {
        needs_reconfig_rebalance_ = false;
        coordinator_.RequestRejoin("the connectors or their tasks changed");
      }
      coordinator_.Poll(sim_.now());
      return;
  }
}

// The worker's Metadata request: to bootstrap.servers first (the cluster id, for the REST root and
// the worker's start), then to any broker it knows.
void DistributedWorker::RefreshMetadata() {
  if (metadata_in_flight_) return;
  const auto& servers = disk_.config.bootstrap_servers;
  const std::string& server = servers[next_bootstrap_++ % servers.size()];
  const NodeId node = directory_.Resolve(server);
  if (node == kNoNode || !network_.Connectable(node, server)) return wake_.At(sim_.now() + kMetadataRetry);
  auto request = std::make_unique<MetadataRequest>();
  request->topics = std::vector<std::string>{};
  metadata_in_flight_ = true;
  network_.Send(
      node, std::move(request), kRequestTimeout,
      [this](const Envelope& e) {
        metadata_in_flight_ = false;
        const auto* m = e.As<MetadataResponse>();
        if (m == nullptr || m->cluster_id.empty()) return wake_.At(sim_.now() + kMetadataRetry);
        metadata_.Update(*m, sim_.now());
        if (phase_ == Phase::kMetadata) {
          cluster_id_ = m->cluster_id;
          phase_ = Phase::kTopics;
          return CreateTopics(0);
        }
        wake_.At(sim_.now());
      },
      [this](ErrorCode, const std::string&) {
        metadata_in_flight_ = false;
        wake_.At(sim_.now() + kMetadataRetry);
      });
}

void DistributedWorker::CreateTopics(size_t next) {
  const DistributedConfig& c = config();
  const std::vector<const InternalTopicConfig*> topics = {&c.offset_storage, &c.status_storage, &c.config_storage};
  if (next == topics.size()) {
    admin_.Close();
    return StartLogs();
  }
  admin_.CreateOrFindTopic(*topics[next], [this, next](const std::optional<std::string>& error) {
    if (error) return Die(*error);
    CreateTopics(next + 1);
  });
}

void DistributedWorker::StartLogs() {
  phase_ = Phase::kReading;
  const DistributedConfig& c = config();
  const std::string base = c.group_id + "-";  // ConnectUtils.clientIdBase
  struct LogSpec {
    const InternalTopicConfig* topic;
    std::string purpose;  // Kafka's client id suffix
    KafkaBasedLog** slot;
    KafkaBasedLog::Callback on_record;
  };
  std::vector<LogSpec> specs = {
      {&c.offset_storage, "offsets", &offset_log_,
       [this](const ConsumerRecord& r) {
         if (r.key && r.value) disk_.offsets->Restore(std::string(*r.key), std::string(*r.value));
       }},
      {&c.status_storage, "statuses", &status_log_, [this](const ConsumerRecord& r) { OnStatusRecord(r); }},
      {&c.config_storage, "configs", &config_log_, [this](const ConsumerRecord& r) { OnConfigRecord(r); }},
  };
  for (LogSpec& spec : specs) {
    const std::string client_id = base + spec.purpose;
    auto producer = TaskProducerConfig(c.worker, client_id);
    assert(std::holds_alternative<ProducerConfig>(producer) && "the worker's producer settings were checked at start");
    ConsumerConfig consumer{.bootstrap_servers = c.worker.bootstrap_servers, .client_id = client_id};
    logs_.push_back(
        std::make_unique<KafkaBasedLog>(sim_, directory_,
                                        KafkaBasedLogOptions{.topic = spec.topic->topic,
                                                             .node_prefix = disk_.name + "-" + spec.purpose,
                                                             .worker = self_,
                                                             .consumer = consumer,
                                                             .producer = std::get<ProducerConfig>(producer)},
                                        std::move(spec.on_record)));
    *spec.slot = logs_.back().get();
  }
  disk_.offsets->SetWriter([this](const std::string& key, const std::string& value) { offset_log_->Send(key, value); });
  auto remaining = std::make_shared<size_t>(logs_.size());
  for (auto& log : logs_) {
    log->Start();
    log->ReadToEnd([this, remaining] {
      if (--*remaining > 0) return;
      phase_ = Phase::kJoining;
      EmitDomainEvent(
          sim_, self_,
          {.kind = "connect.worker_started",
           .narration = fmt::format("Kafka Connect worker {} read {}, {} and {} to their ends and joins group {}",
                                    disk_.name, config().offset_storage.topic, config().status_storage.topic,
                                    config().config_storage.topic, config().group_id)});
      ScheduleOffsetFlush();
      wake_.At(sim_.now());
    });
  }
}

void DistributedWorker::Die(const std::string& error) {
  print_(
      fmt::format("[{}] ERROR [Worker clientId={}, groupId={}] Uncaught exception in herder work thread, exiting: "
                  "(org.apache.kafka.connect.runtime.distributed.DistributedHerder)\n{}",
                  FormatLog4jTimestamp(sim_.now().millis()), disk_.name, config().group_id, error));
  sim_.Stop(self_);
}

void DistributedWorker::ScheduleOffsetFlush() {
  sim_.Schedule(disk_.config.offset_flush_interval, self_, [this] {
    for (auto& [id, task] : tasks_) task->CommitOffsets();
    ScheduleOffsetFlush();
  });
}

void DistributedWorker::OnMessage(const Envelope& envelope) {
  if (const auto* request = envelope.As<HttpRequest>()) return HandleRest(envelope, *request);
  if (const auto* response = envelope.As<HttpResponse>()) {
    // The leader's answer to a forwarded request: relay it.
    auto it = forwards_.find(response->id);
    if (it == forwards_.end()) return;
    const PendingForward to = it->second;
    forwards_.erase(it);
    return Reply(to.from, to.id, *response);
  }
  network_.Deliver(envelope);
}

void DistributedWorker::Reply(NodeId to, uint64_t id, HttpResponse response) {
  auto message = std::make_unique<HttpResponse>(std::move(response));
  message->id = id;
  sim_.network().Send(self_, to, std::move(message));
}

void DistributedWorker::HandleRest(const Envelope& envelope, const HttpRequest& request) {
  // A forwarded request was sent here on purpose: it is not sent back to the leader, and goes on
  // at most once more (forward=true: from the leader to the worker running a task).
  const std::string forward = ForwardParam(request);
  if (forward.empty() && IsLeaderWrite(request) && !is_leader()) {
    const auto& assignment = coordinator_.last_assignment();
    return Forward(envelope, request, assignment ? assignment->leader_url : "",
                   fmt::format("{} is not the leader of group {}", disk_.name, config().group_id),
                   "HerderRequestHandler: only the leader writes the config topic");
  }
  if (auto task = TaskRestartTarget(request); forward != "false" && task && !tasks_.contains(*task)) {
    // DistributedHerder.restartTask on a worker that does not run the task: NotAssignedException,
    // and the request goes on to the worker that does (the status topic says which).
    auto owner = TaskWorkerOf(task->connector, task->task);
    if (owner && *owner != worker_id_) {
      return Forward(envelope, request, fmt::format("http://{}/", *owner),
                     fmt::format("{} does not run task {}", disk_.name, task->ToString()),
                     "HerderRequestHandler: a task is restarted by the worker that runs it");
    }
  }
  Reply(envelope.from, request.id, HandleRestRequest(*this, request));
}

void DistributedWorker::Forward(const Envelope& envelope, const HttpRequest& request, const std::string& url,
                                const std::string& why, const std::string& rule) {
  const NodeId target = url.empty() ? kNoNode : rest_node_(UrlPort(url));
  if (target == kNoNode) {
    return Reply(envelope.from, request.id,
                 RestErrorResponse(409, "Cannot complete request momentarily due to no known leader URL, likely "
                                        "because a rebalance was underway."));
  }
  if (!sim_.node(target).running()) {
    return Reply(envelope.from, request.id,
                 RestErrorResponse(500, "IO Error trying to forward REST request: java.net.ConnectException: "
                                        "Connection refused"));
  }
  const uint64_t id = next_forward_id_++;
  forwards_[id] = PendingForward{.from = envelope.from, .id = request.id};
  // HerderRequestHandler marks the hop: forward=true after the first (the leader may send it on
  // once more, to the worker running a task), forward=false after the second.
  auto forwarded = std::make_unique<HttpRequest>(request);
  forwarded->id = id;
  const bool first_hop = ForwardParam(request).empty();
  if (!first_hop) forwarded->target.erase(forwarded->target.find("forward=") - 1);  // it is the last parameter
  forwarded->target += fmt::format("{}forward={}", forwarded->target.find('?') == std::string::npos ? "?" : "&",
                                   first_hop ? "true" : "false");
  EmitDomainEvent(sim_, self_,
                  {.kind = "connect.rest_forwarded",
                   .narration = fmt::format("{}: it forwards {} {} to {}", why, request.method, request.target, url),
                   .rule = rule});
  sim_.network().Send(self_, target, std::move(forwarded));
}

void DistributedWorker::Shutdown(std::function<void()> done) {
  // Connect.stop(): the herder stops its connectors and tasks (tasks commit on the way out), leaves
  // the group, and closes its logs.
  for (auto& [id, task] : tasks_) task->Stop();
  tasks_.clear();
  auto finish = [this, done = std::move(done)] {
    for (auto& log : logs_) log->Stop();
    done();
  };
  if (phase_ == Phase::kJoining || phase_ == Phase::kRunning) return coordinator_.Close(std::move(finish));
  finish();
}

}  // namespace kafkasim
