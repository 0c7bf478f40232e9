// The controller's requests to brokers (ControllerChannelManager and
// ControllerBrokerRequestBatch: one request per broker per change, carrying the controller
// epoch) and its answers to the requests brokers send it.

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/protocol/broker_directory.h"
#include "sim/broker/controller.h"
#include "sim/broker/leader_election.h"
#include "sim/broker/zk_data.h"

namespace kafkasim {

void KafkaController::SendToBroker(BrokerId to, std::unique_ptr<ControllerRequest> request) {
  const NodeId node = broker_.directory().NodeOf(to);
  if (node == kNoNode) return;
  request->controller_id = broker_.id();
  request->controller_epoch = context_.epoch;
  broker_.Send(node, std::move(request));
}

void KafkaController::SendLeaderAndIsr(BrokerId to, const std::vector<TopicPartition>& partitions) {
  auto request = std::make_unique<LeaderAndIsrRequest>();
  for (const TopicPartition& tp : partitions) request->partitions.push_back(context_.StateOf(tp));
  SendToBroker(to, std::move(request));
}

void KafkaController::SendLeaderAndIsrToReplicas(const std::vector<TopicPartition>& partitions, BrokerId not_told) {
  std::map<BrokerId, std::vector<TopicPartition>> by_broker;
  for (const TopicPartition& tp : partitions) {
    for (BrokerId r : context_.Replicas(tp)) {
      if (r != not_told && context_.live_brokers.contains(r)) by_broker[r].push_back(tp);
    }
  }
  for (const auto& [b, tps] : by_broker) SendLeaderAndIsr(b, tps);
}

void KafkaController::SendUpdateMetadata(const std::vector<TopicPartition>& partitions) {
  // The same states for every broker: built once, shared by the requests.
  auto states = std::make_shared<std::vector<PartitionState>>();
  states->reserve(partitions.size());
  for (const TopicPartition& tp : partitions) {
    if (!context_.states.contains(tp)) continue;
    PartitionState s = context_.StateOf(tp);
    if (context_.deleting.contains(tp.topic)) s.state.leader = kLeaderDuringDelete;
    states->push_back(std::move(s));
  }
  const std::shared_ptr<const std::vector<PartitionState>> shared = std::move(states);
  const std::vector<LiveBroker> live = context_.LiveBrokerList();
  for (const auto& [id, _] : context_.live_brokers) {
    auto request = std::make_unique<UpdateMetadataRequest>();
    request->live_brokers = live;
    request->partitions = shared;
    SendToBroker(id, std::move(request));
  }
}

void KafkaController::SendStopReplica(BrokerId to, const std::vector<TopicPartition>& partitions,
                                      bool delete_partitions) {
  auto request = std::make_unique<StopReplicaRequest>();
  request->partitions = partitions;
  request->delete_partitions = delete_partitions;
  SendToBroker(to, std::move(request));
}

void KafkaController::HandleAlterPartition(const Envelope& envelope) {
  const auto& req = *envelope.As<AlterPartitionRequest>();
  auto response = std::make_unique<AlterPartitionResponse>();
  response->tp = req.tp;
  auto reply = [&](ErrorCode error) {
    response->error = error;
    broker_.Reply(envelope, std::move(response));
  };
  if (!active_) return reply(ErrorCode::kNotController);
  auto it = context_.states.find(req.tp);
  if (it == context_.states.end()) return reply(ErrorCode::kUnknownTopicOrPartition);
  const LeaderAndIsr current = it->second;
  if (req.leader_epoch < current.leader_epoch) return reply(ErrorCode::kFencedLeaderEpoch);
  if (req.broker_id != current.leader) return reply(ErrorCode::kNotLeaderOrFollower);
  if (req.partition_epoch != current.zk_version) return reply(ErrorCode::kInvalidUpdateVersion);
  const NodeId from = envelope.from;
  const int32_t correlation = req.correlation_id;
  const TopicPartition tp = req.tp;
  LeaderAndIsr next = current;
  next.isr = req.new_isr;
  next.controller_epoch = context_.epoch;
  Enqueue([this, tp, next, current, from, correlation](Done done) {
    std::vector<zk::MultiStep> steps = {
        zk::CheckOp{.path = std::string(zkdata::kControllerEpoch), .version = context_.epoch_zk_version},
        zk::SetDataOp{.path = zkdata::PartitionStatePath(tp), .data = zkdata::EncodePartitionState(next),
                      .version = current.zk_version}};
    broker_.zk().Multi(std::move(steps), Guard([this, tp, next, from, correlation, done](const zk::OpResult& r) {
      auto response = std::make_unique<AlterPartitionResponse>();
      response->correlation_id = correlation;
      response->tp = tp;
      if (r.ok()) {
        LeaderAndIsr s = next;
        s.zk_version = r.steps.at(1).stat.version;
        context_.states[tp] = s;
        response->state = s;
        SendUpdateMetadata({tp});
      } else {
        response->error = ErrorCode::kInvalidUpdateVersion;
      }
      broker_.Send(from, std::move(response));
      done();
    }));
  });
}

void KafkaController::HandleControlledShutdown(const Envelope& envelope) {
  const auto& req = *envelope.As<ControlledShutdownRequest>();
  if (!active_) {
    auto response = std::make_unique<ControlledShutdownResponse>();
    response->error = ErrorCode::kNotController;
    broker_.Reply(envelope, std::move(response));
    return;
  }
  const NodeId from = envelope.from;
  const int32_t correlation = req.correlation_id;
  const BrokerId leaving = req.broker_id;
  Enqueue([this, leaving, from, correlation](Done done) {
    context_.shutting_down.insert(leaving);
    broker_.Emit({.kind = "controller.controlled_shutdown",
                  .narration = fmt::format("broker {} asked to shut down cleanly: controller {} moves its leaderships "
                                           "to other ISR members first, so no partition is left without a leader",
                                           leaving.value(), broker_.name()),
                  .rule = "controlled.shutdown.enable=true",
                  .fields = {{"broker", leaving.value()}}});
    // KafkaController.doControlledShutdown acts on the replicated partitions it hosts: those it
    // leads get new leaders, those it follows (as of now) are stopped on it.
    StateChanges changes;
    std::vector<TopicPartition> followed;
    for (const auto& [tp, state] : context_.states) {
      const std::vector<BrokerId>& replicas = context_.Replicas(tp);
      if (replicas.size() < 2 || !Contains(replicas, leaving)) continue;
      if (state.leader != leaving) {
        followed.push_back(tp);
        continue;
      }
      auto elected = ElectControlledShutdownLeader(replicas, state.isr, LiveIds(), {leaving});
      if (!elected) continue;
      changes.emplace_back(tp, AfterElection(state, *elected));
    }
    WriteStates(std::move(changes), fmt::format("broker {} is shutting down cleanly", leaving.value()),
                Guard([this, leaving, followed, from, correlation, done] {
                  RemoveShuttingDownFollower(leaving, followed, Guard([this, leaving, from, correlation, done] {
                    SendUpdateMetadata(context_.AllPartitions());
                    auto response = std::make_unique<ControlledShutdownResponse>();
                    response->correlation_id = correlation;
                    for (const auto& [tp, state] : context_.states) {
                      if (state.leader == leaving && context_.Replicas(tp).size() > 1) response->remaining.push_back(tp);
                    }
                    broker_.Send(from, std::move(response));
                    done();
                  }));
                }));
  });
}

}  // namespace kafkasim
