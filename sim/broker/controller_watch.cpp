// What the controller reads from ZooKeeper and how it reacts to the watches it sets: brokers
// joining and dying (/brokers/ids), topics created (/brokers/topics), partitions added to a
// topic (/brokers/topics/<t>), topics marked for deletion (/admin/delete_topics).

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/controller.h"
#include "sim/broker/countdown.h"
#include "sim/broker/zk_data.h"

namespace kafkasim {

using zk::OpResult;
using zk::WatchedEvent;

void KafkaController::LoadBrokers(Done done) {
  // Reading the children sets the watch for the next change (BrokerChangeHandler).
  broker_.zk().GetChildren(
      std::string(zkdata::kBrokerIds), Guard([this, done](const OpResult& r) {
        auto found = std::make_shared<std::map<BrokerId, LiveBroker>>();
        auto next = Countdown(r.children.size(), Guard([this, found, done] {
          context_.live_brokers = *found;
          done();
        }));
        for (const std::string& child : r.children) {
          const BrokerId id(std::stoi(child));
          broker_.zk().GetData(zkdata::BrokerPath(id), Guard([found, id, next](const OpResult& d) {
            if (d.ok()) {
              if (auto reg = zkdata::DecodeBroker(id, d.data)) (*found)[id] = LiveBroker{id, reg->host, reg->port};
            }
            next();
          }));
        }
      }),
      Guard([this](const WatchedEvent&) { Enqueue([this](Done d) { OnBrokerChange(d); }); }));
}

void KafkaController::LoadTopics(const std::vector<std::string>& topics, Done done) {
  auto next = Countdown(topics.size(), done);
  for (const std::string& topic : topics) {
    // The config first: the assignment's callback then finds it (ZooKeeper answers in order).
    auto config = std::make_shared<std::map<std::string, std::string>>();
    broker_.zk().GetData(zkdata::TopicConfigPath(topic), Guard([config](const OpResult& r) {
      if (!r.ok()) return;
      if (auto c = zkdata::DecodeTopicConfig(r.data)) *config = *c;
    }));
    // Reading the assignment sets the watch for partitions added later (PartitionModificationsHandler).
    broker_.zk().GetData(
        zkdata::TopicPath(topic), Guard([this, topic, config, next](const OpResult& r) {
          if (r.ok()) {
            if (auto t = zkdata::DecodeTopic(r.data)) {
              context_.topics[topic] = TopicInfo{.topic_id = t->topic_id, .config = *config, .assignment = t->partitions};
            }
          }
          next();
        }),
        PartitionModificationWatch(topic));
  }
}

void KafkaController::LoadStates(const std::vector<TopicPartition>& partitions, Done done) {
  auto next = Countdown(partitions.size(), done);
  for (const TopicPartition& tp : partitions) {
    broker_.zk().GetData(zkdata::PartitionStatePath(tp), Guard([this, tp, next](const OpResult& r) {
      if (r.ok()) {
        if (auto s = zkdata::DecodePartitionState(r.data)) {
          s->zk_version = r.stat.version;
          context_.states[tp] = *s;
        }
      }
      next();
    }));
  }
}

void KafkaController::OnBrokerChange(Done done) {
  const std::map<BrokerId, LiveBroker> before = context_.live_brokers;
  LoadBrokers(Guard([this, before, done] {
    std::vector<BrokerId> joined, died;
    for (const auto& [id, _] : context_.live_brokers) {
      if (!before.contains(id)) joined.push_back(id);
    }
    for (const auto& [id, _] : before) {
      if (!context_.live_brokers.contains(id)) died.push_back(id);
    }
    for (BrokerId id : died) context_.shutting_down.erase(id);
    OnBrokerFailure(died, Guard([this, joined, done] { OnBrokerStartup(joined, done); }));
  }));
}

void KafkaController::OnBrokerStartup(const std::vector<BrokerId>& brokers, Done done) {
  if (brokers.empty()) return done();
  broker_.Emit({.kind = "controller.broker_joined",
                .narration = fmt::format("controller {} saw broker {} register in /brokers/ids: it tells every "
                                         "broker, and the new one which replicas it hosts",
                                         broker_.name(), JoinIds(brokers)),
                .fields = {{"brokers", JoinIds(brokers)}}});
  // onBrokerStartup: everyone learns the new broker; the new broker learns its replicas.
  SendUpdateMetadata(context_.AllPartitions());
  for (BrokerId b : brokers) {
    std::vector<TopicPartition> hosted;
    for (const TopicPartition& tp : context_.AllPartitions()) {
      if (Contains(context_.Replicas(tp), b) && context_.states.contains(tp)) hosted.push_back(tp);
    }
    if (!hosted.empty()) SendLeaderAndIsr(b, hosted);
  }
  // Partitions that had no live replica may have one now.
  ElectOfflinePartitions(Guard([this, done] { ResumeDeletions(done); }));
}

void KafkaController::OnBrokerFailure(const std::vector<BrokerId>& brokers, Done done) {
  if (brokers.empty()) return done();
  broker_.Emit({.kind = "controller.broker_failed",
                .narration = fmt::format("controller {} saw /brokers/ids/{} disappear: broker {}'s ZooKeeper "
                                         "session ended. Its partitions need new leaders and it leaves every ISR now",
                                         broker_.name(), JoinIds(brokers), JoinIds(brokers)),
                .rule = "a broker is alive while its ephemeral /brokers/ids znode exists",
                .fields = {{"brokers", JoinIds(brokers)}}});
  // onReplicasBecomeOffline: new leaders first, then the dead brokers leave the remaining ISRs.
  ElectOfflinePartitions(Guard([this, brokers, done] {
    RemoveFromIsr(brokers, Guard([this, done] {
      SendUpdateMetadata(context_.AllPartitions());
      done();
    }));
  }));
}

void KafkaController::OnTopicChange(Done done) {
  broker_.zk().GetChildren(
      std::string(zkdata::kBrokerTopics), Guard([this, done](const OpResult& r) {
        std::vector<std::string> added;
        for (const std::string& t : r.children) {
          if (!context_.topics.contains(t)) added.push_back(t);
        }
        LoadTopics(added, Guard([this, added, done] {
          std::vector<TopicPartition> fresh;
          for (const std::string& t : added) {
            if (!context_.topics.contains(t)) continue;
            broker_.Emit({.kind = "controller.topic_created",
                          .narration = fmt::format("controller {} saw the new topic {} in /brokers/topics with {} "
                                                   "partitions: it picks leaders and writes their state znodes",
                                                   broker_.name(), t, context_.topics.at(t).assignment.size()),
                          .fields = {{"topic", t}}});
            for (const TopicPartition& tp : context_.PartitionsOf(t)) fresh.push_back(tp);
          }
          InitializePartitions(fresh, done);
        }));
      }),
      Guard([this](const WatchedEvent&) { Enqueue([this](Done d) { OnTopicChange(d); }); }));
}

std::function<void(const WatchedEvent&)> KafkaController::PartitionModificationWatch(const std::string& topic) {
  return Guard([this, topic](const WatchedEvent& e) {
    if (e.type != zk::EventType::kNodeDataChanged) return;
    Enqueue([this, topic](Done d) { OnPartitionModification(topic, d); });
  });
}

void KafkaController::OnPartitionModification(const std::string& topic, Done done) {
  broker_.zk().GetData(
      zkdata::TopicPath(topic), Guard([this, topic, done](const OpResult& r) {
        auto decoded = r.ok() ? zkdata::DecodeTopic(r.data) : std::nullopt;
        auto it = context_.topics.find(topic);
        if (!decoded || it == context_.topics.end() || context_.deleting.contains(topic)) return done();
        std::vector<TopicPartition> added;
        for (const auto& [p, replicas] : decoded->partitions) {
          if (it->second.assignment.emplace(p, replicas).second) added.push_back({topic, p});
        }
        if (added.empty()) return done();
        broker_.Emit({.kind = "controller.partitions_added",
                      .narration = fmt::format("controller {} saw {} gain {} partition(s) in /brokers/topics/{}: it "
                                               "picks their leaders as for a new topic",
                                               broker_.name(), topic, added.size(), topic),
                      .fields = {{"topic", topic}, {"added", added.size()}}});
        InitializePartitions(added, done);
      }),
      PartitionModificationWatch(topic));
}

void KafkaController::OnDeleteTopicsChange(Done done) {
  broker_.zk().GetChildren(
      std::string(zkdata::kDeleteTopics), Guard([this, done](const OpResult& r) {
        for (const std::string& t : r.children) {
          if (context_.topics.contains(t)) context_.deleting.insert(t);
        }
        ResumeDeletions(done);
      }),
      Guard([this](const WatchedEvent&) { Enqueue([this](Done d) { OnDeleteTopicsChange(d); }); }));
}

}  // namespace kafkasim
