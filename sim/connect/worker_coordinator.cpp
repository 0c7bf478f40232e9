#include "sim/connect/worker_coordinator.h"

#include <algorithm>
#include <cassert>
#include <utility>

#include <fmt/format.h>

#include "sim/connect/connect_leader_assignment.h"
#include "sim/connect/connect_rebalance_narration.h"

namespace kafkasim {
namespace {

// `from` without what `gone` holds, in `from`'s order.
ConnectorsAndTasks WorkerMinus(const ConnectorsAndTasks& from, const ConnectorsAndTasks& gone) {
  ConnectorsAndTasks out;
  for (const std::string& c : from.connectors) {
    if (std::find(gone.connectors.begin(), gone.connectors.end(), c) == gone.connectors.end()) {
      out.connectors.push_back(c);
    }
  }
  for (const ConnectorTaskId& t : from.tasks) {
    if (std::find(gone.tasks.begin(), gone.tasks.end(), t) == gone.tasks.end()) out.tasks.push_back(t);
  }
  return out;
}

// `into` plus what `more` holds that it lacks, appended.
void WorkerAppend(ConnectorsAndTasks& into, const ConnectorsAndTasks& more) {
  const ConnectorsAndTasks fresh = WorkerMinus(more, into);
  into.connectors.insert(into.connectors.end(), fresh.connectors.begin(), fresh.connectors.end());
  into.tasks.insert(into.tasks.end(), fresh.tasks.begin(), fresh.tasks.end());
}

}  // namespace

WorkerCoordinatorConfig MakeWorkerCoordinatorConfig(const DistributedConfig& c, std::string client_id,
                                                    std::string rest_url, Duration request_timeout,
                                                    Duration retry_backoff) {
  return WorkerCoordinatorConfig{.membership = GroupMembershipConfig{.group_id = c.group_id,
                                                                     .client_id = std::move(client_id),
                                                                     .session_timeout = c.session_timeout,
                                                                     .heartbeat_interval = c.heartbeat_interval,
                                                                     .rebalance_timeout = c.rebalance_timeout,
                                                                     .request_timeout = request_timeout,
                                                                     .retry_backoff = retry_backoff},
                                 .rest_url = std::move(rest_url),
                                 .connect_protocol = c.connect_protocol,
                                 .scheduled_rebalance_max_delay = c.scheduled_rebalance_max_delay};
}

WorkerCoordinator::WorkerCoordinator(Simulation& sim, NodeId self, const BrokerDirectory& directory,
                                     NetworkClient& network, ClientMetadata& metadata, WorkerCoordinatorConfig config,
                                     Hooks hooks)
    : AbstractCoordinator(sim, self, directory, network, metadata, config.membership),
      config_(std::move(config)), hooks_(std::move(hooks)), assignor_(config_.scheduled_rebalance_max_delay) {
  assert(config_.connect_protocol != ConnectProtocolCompatibility::kEager && "the eager protocol is not modelled");
  NeedRejoinFromStart();
}

std::vector<JoinGroupProtocol> WorkerCoordinator::JoinMetadata() {
  // IncrementalCooperativeConnectProtocol.metadataRequest: one entry per protocol, best first;
  // the allocation is what the worker runs now (it keeps running it through the rebalance).
  std::vector<JoinGroupProtocol> protocols;
  for (const std::string& name : ConnectProtocolNames(config_.connect_protocol)) {
    if (name == "default") continue;  // v0, eager: not modelled
    const int16_t version = name == "sessioned" ? kConnectProtocolV2 : kConnectProtocolV1;
    protocols.push_back({name, EncodeConnectMetadata(ConnectWorkerState{.version = version,
                                                                        .url = config_.rest_url,
                                                                        .config_offset = hooks_.config_offset(),
                                                                        .running = running_})});
  }
  return protocols;
}

void WorkerCoordinator::OnJoinPrepare() {
  // Cooperative: nothing stops before the join; the leader says what to revoke.
  if (running_.empty()) return;
  Narrate("connect.rebalance_started",
          fmt::format("{} rejoins group {} running {}: with incremental cooperative rebalancing it keeps running "
                      "them until the leader revokes them",
                      Actor(), membership_.group_id, FormatConnectorsAndTasks(running_)),
          "KIP-415: connectors and tasks run on through a rebalance");
}

std::vector<SyncGroupAssignment> WorkerCoordinator::OnLeaderElected(const JoinGroupResponse& r) {
  const ConnectLeaderResult result = PerformConnectLeaderAssignment(
      assignor_, ConnectLeaderInput{.leader_id = member_id(),
                                    .protocol = r.protocol_name.value_or(""),
                                    .members = r.members,
                                    .leader_config_offset = hooks_.config_offset(),
                                    .configured_tasks = hooks_.configured_tasks(),
                                    .last_completed_generation = last_completed_generation_,
                                    .generation = generation(),
                                    .now = sim_.now()});
  if (!result.error.empty()) {
    // Kafka throws from performAssignment; the leader's SyncGroup carries nothing and the group
    // rebalances again.
    network_.Log("ERROR", result.error, logger());
    return {};
  }
  if (result.config_mismatch) {
    Narrate("connect.assignment_computed",
            fmt::format("{} leads group {} in generation {} but has read the config topic only to offset {} while a "
                        "member has read to {}: it assigns nothing (CONFIG_MISMATCH) and everyone rejoins once it "
                        "has caught up",
                        Actor(), membership_.group_id, generation(), hooks_.config_offset(),
                        result.max_offset),
            "the leader assigns only from the newest config");
    return result.assignments;
  }
  // Other members are shown by their member ids (client id and a UUID); the leader by its name.
  const std::vector<std::string> lines =
      NarrateConnectAssignment(result.cluster, member_id(), {{member_id(), Actor()}});
  Narrate("connect.assignment_computed",
          fmt::format("{} leads group {} in generation {}: {}", Actor(), membership_.group_id,
                      generation(), fmt::join(lines, "; ")),
          "IncrementalCooperativeAssignor (KIP-415): only what moves is revoked, lost work waits for its worker");
  return result.assignments;
}

void WorkerCoordinator::OnJoinComplete(const std::string& bytes) {
  auto decoded = DecodeConnectAssignment(bytes);
  if (!decoded) {
    // The leader could not assign (it failed): nothing changes; the group rebalances again.
    network_.Log("WARN", "Join group completed, but assignment failed. We were up to date, so just retrying.", logger());
    return RequestRejoin("no assignment");
  }
  last_assignment_ = *decoded;
  last_completed_generation_ = generation();
  if (decoded->error == ConnectAssignment::kConfigMismatch) {
    // DistributedHerder.handleRebalanceCompleted: read the config topic to the end and rejoin.
    network_.Log("WARN", "Join group completed, but assignment failed. We were up to date, so just retrying.", logger());
    return RequestRejoin("config mismatch");
  }
  // onJoinComplete: stop what is revoked, then run the rest with the new work.
  const ConnectorsAndTasks revoked = decoded->revoked;
  if (!revoked.empty()) {
    running_ = WorkerMinus(running_, revoked);
    hooks_.on_revoked(revoked);
  }
  const ConnectorsAndTasks started = WorkerMinus(decoded->assigned, running_);
  WorkerAppend(running_, decoded->assigned);
  std::vector<std::string> news;
  if (!started.empty()) news.push_back(fmt::format("starts {}", FormatConnectorsAndTasks(started)));
  if (!revoked.empty()) news.push_back(fmt::format("stops {}", FormatConnectorsAndTasks(revoked)));
  if (decoded->delay > Duration()) {
    news.push_back(fmt::format("lost work is held back {} ms: it rejoins then", decoded->delay.millis()));
  }
  Narrate("connect.assigned",
          fmt::format("{} runs {} in generation {} of group {}{}{}", Actor(),
                      FormatConnectorsAndTasks(running_), generation(), membership_.group_id,
                      news.empty() ? "" : ": ", fmt::join(news, "; ")),
          decoded->leader == member_id() ? "this worker is the leader" : "");
  hooks_.on_assigned(started, *decoded);
  // handleRebalanceCompleted's follow-ups: a delay means a rebalance when it runs out (the
  // leader hands out lost work then); a revocation means one at once (its new owner gets it).
  scheduled_rebalance_ = decoded->delay > Duration() ? sim_.now() + decoded->delay : Time::Max();
  if (!revoked.empty()) RequestRejoin("revoked connectors or tasks must be reassigned");
  if (scheduled_rebalance_ != Time::Max()) Wake(scheduled_rebalance_);
}

void WorkerCoordinator::OnPollStable(Time now) {
  if (scheduled_rebalance_ == Time::Max()) return;
  if (now < scheduled_rebalance_) return Wake(scheduled_rebalance_);
  scheduled_rebalance_ = Time::Max();
  Narrate("connect.scheduled_rebalance",
          fmt::format("{}'s scheduled rebalance is due: the lost work held back for scheduled.rebalance.max.delay.ms="
                      "{} is reassigned if its worker did not come back",
                      Actor(), config_.scheduled_rebalance_max_delay.millis()),
          fmt::format("scheduled.rebalance.max.delay.ms={}", config_.scheduled_rebalance_max_delay.millis()));
  RequestRejoin("scheduled rebalance timeout has been reached");
}

void WorkerCoordinator::OnFenced() {
  if (running_.empty()) return;
  hooks_.on_revoked(std::exchange(running_, {}));
}

}  // namespace kafkasim
