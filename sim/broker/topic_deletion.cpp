// Topic deletion (TopicDeletionManager): kafka-topics.sh --delete creates
// /admin/delete_topics/<topic>; the controller removes the topic from every broker's metadata,
// tells each replica to stop and delete its log (StopReplica with delete), and once every
// replica confirmed, deletes the topic's znodes. A replica on a dead broker makes the deletion
// wait ("ineligible") until that broker is back.

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/controller.h"
#include "sim/broker/countdown.h"
#include "sim/broker/zk_data.h"
#include "sim/protocol/broker_directory.h"

namespace kafkasim {

void KafkaController::ResumeDeletions(Done done) {
  if (!broker_.config().delete_topic_enable) {
    // The marker is removed and the topic stays.
    auto next = Countdown(context_.deleting.size(), done);
    for (const std::string& topic : context_.deleting) {
      broker_.zk().Delete(zkdata::DeleteTopicPath(topic), -1, Guard([next](const zk::OpResult&) { next(); }));
    }
    context_.deleting.clear();
    return;
  }
  for (const std::string& topic : context_.deleting) {
    if (awaiting_deletion_.contains(topic)) continue;
    std::set<BrokerId> replicas;
    for (const TopicPartition& tp : context_.PartitionsOf(topic)) {
      for (BrokerId r : context_.Replicas(tp)) replicas.insert(r);
    }
    const bool eligible = std::all_of(replicas.begin(), replicas.end(),
                                      [this](BrokerId r) { return context_.live_brokers.contains(r); });
    if (!eligible) {
      broker_.Emit({.kind = "topic.delete_waiting",
                    .narration = fmt::format("deleting {} waits: a broker holding one of its replicas is down, and "
                                             "the controller deletes only when every replica confirmed",
                                             topic),
                    .fields = {{"topic", topic}}});
      continue;
    }
    broker_.Emit({.kind = "topic.delete_started",
                  .narration = fmt::format("controller {} deletes {}: brokers forget it, replicas stop and delete "
                                           "their logs",
                                           broker_.name(), topic),
                  .fields = {{"topic", topic}}});
    awaiting_deletion_[topic] = replicas;
    SendUpdateMetadata(context_.PartitionsOf(topic));
    for (BrokerId r : replicas) {
      std::vector<TopicPartition> hosted;
      for (const TopicPartition& tp : context_.PartitionsOf(topic)) {
        if (Contains(context_.Replicas(tp), r)) hosted.push_back(tp);
      }
      SendStopReplica(r, hosted, /*delete_partitions=*/true);
    }
  }
  done();
}

void KafkaController::HandleStopReplicaResponse(const Envelope& envelope) {
  const auto& response = *envelope.As<StopReplicaResponse>();
  if (!active_) return;
  BrokerId from = kNoLeader;
  for (const auto& [id, node] : broker_.directory().brokers()) {
    if (node == envelope.from) from = id;
  }
  std::set<std::string> topics;
  for (const TopicPartition& tp : response.partitions) topics.insert(tp.topic);
  for (const std::string& topic : topics) {
    auto it = awaiting_deletion_.find(topic);
    if (it == awaiting_deletion_.end()) continue;
    it->second.erase(from);
    if (it->second.empty()) {
      Enqueue([this, topic](Done done) { CompleteDeletion(topic, done); });
    }
  }
}

void KafkaController::CompleteDeletion(const std::string& topic, Done done) {
  std::vector<zk::MultiStep> steps;
  for (const TopicPartition& tp : context_.PartitionsOf(topic)) {
    if (context_.states.contains(tp)) steps.push_back(zk::DeleteOp{.path = zkdata::PartitionStatePath(tp)});
    steps.push_back(zk::DeleteOp{.path = fmt::format("{}/{}", zkdata::PartitionsPath(topic), tp.partition)});
  }
  steps.push_back(zk::DeleteOp{.path = zkdata::PartitionsPath(topic)});
  steps.push_back(zk::DeleteOp{.path = zkdata::TopicPath(topic)});
  broker_.zk().Multi(std::move(steps), Guard([this, topic, done](const zk::OpResult&) {
    broker_.zk().Delete(zkdata::TopicConfigPath(topic), -1, [](const zk::OpResult&) {});
    broker_.zk().Delete(zkdata::DeleteTopicPath(topic), -1, Guard([this, topic, done](const zk::OpResult&) {
      for (const TopicPartition& tp : context_.PartitionsOf(topic)) context_.states.erase(tp);
      context_.topics.erase(topic);
      context_.deleting.erase(topic);
      awaiting_deletion_.erase(topic);
      broker_.Emit({.kind = "topic.deleted",
                    .narration = fmt::format("topic {} is deleted: every replica removed its log and its znodes are gone",
                                             topic),
                    .fields = {{"topic", topic}}});
      done();
    }));
  }));
}

}  // namespace kafkasim
