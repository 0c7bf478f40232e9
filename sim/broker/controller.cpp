// Controller election and failover (KafkaController.elect, onControllerFailover).

#include "sim/broker/controller.h"

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/zk_data.h"

namespace kafkasim {

using zk::CheckOp;
using zk::CreateMode;
using zk::CreateOp;

using zk::OpResult;
using zk::SetDataOp;
using zk::WatchedEvent;

KafkaController::KafkaController(Broker& broker) : broker_(broker) {}
KafkaController::~KafkaController() = default;

void KafkaController::Startup() { Elect(); }

void KafkaController::OnSessionLost() {
  if (active_) Resign("its ZooKeeper session ended");
  active_controller_ = kNoLeader;
}

// --- events ---

void KafkaController::Enqueue(Event event) {
  events_.push_back(std::move(event));
  if (!busy_) RunNext();
}

void KafkaController::RunNext() {
  if (events_.empty()) {
    busy_ = false;
    return;
  }
  busy_ = true;
  Event event = std::move(events_.front());
  events_.pop_front();
  event(Guard([this] { RunNext(); }));
}

// --- election ---

void KafkaController::WatchController() {
  // ControllerChangeHandler: an exists-watch on /controller, set again after every change.
  broker_.zk().Exists(std::string(zkdata::kController), [](const OpResult&) {},
                      Guard([this](const WatchedEvent& event) {
                        if (event.type == zk::EventType::kNodeDeleted) {
                          if (active_) Resign("its /controller znode was deleted");
                          active_controller_ = kNoLeader;
                          Elect();
                        } else {
                          WatchController();
                        }
                      }));
}

void KafkaController::Elect() {
  WatchController();
  broker_.zk().GetData(std::string(zkdata::kController), Guard([this](const OpResult& r) {
    if (r.ok()) {
      if (auto id = zkdata::DecodeController(r.data)) active_controller_ = *id;
      return;
    }
    // Nobody is controller: try to become it. First make sure /controller_epoch exists.
    broker_.zk().GetData(std::string(zkdata::kControllerEpoch), Guard([this](const OpResult& epoch) {
      if (epoch.code == zk::ErrorCode::kNoNode) {
        broker_.zk().Create(std::string(zkdata::kControllerEpoch), "0", CreateMode::kPersistent,
                            Guard([this](const OpResult&) { Elect(); }));
        return;
      }
      if (!epoch.ok()) return;
      const int32_t next_epoch = std::stoi(epoch.data) + 1;
      const int32_t version = epoch.stat.version;
      std::vector<zk::MultiStep> steps = {
          CreateOp{.path = std::string(zkdata::kController),
                   .data = zkdata::EncodeController(broker_.id(), broker_.sim().now()),
                   .mode = CreateMode::kEphemeral},
          SetDataOp{.path = std::string(zkdata::kControllerEpoch), .data = std::to_string(next_epoch),
                    .version = version}};
      broker_.zk().Multi(std::move(steps), Guard([this, next_epoch, version](const OpResult& r) {
        if (r.ok()) {
          OnBecomingController(next_epoch, version + 1);
          return;
        }
        // Another broker won the race: learn who.
        broker_.zk().GetData(std::string(zkdata::kController), Guard([this](const OpResult& c) {
          if (c.ok()) {
            if (auto id = zkdata::DecodeController(c.data)) active_controller_ = *id;
          }
        }));
      }));
    }));
  }));
}

void KafkaController::Resign(const std::string& why) {
  active_ = false;
  ++term_;  // every callback of the old term is dropped from now on
  events_.clear();
  busy_ = false;
  awaiting_deletion_.clear();
  broker_.Emit({.kind = "controller.resign",
                .narration = fmt::format("{} is no longer the controller: {}", broker_.name(), why),
                .fields = {{"broker", broker_.id().value()}, {"epoch", context_.epoch}}});
  context_ = ControllerContext{};
}

void KafkaController::OnBecomingController(int32_t epoch, int32_t epoch_zk_version) {
  active_ = true;
  active_controller_ = broker_.id();
  context_ = ControllerContext{.epoch = epoch, .epoch_zk_version = epoch_zk_version};
  broker_.Emit({.kind = "controller.elected",
                .narration = fmt::format("{} became the controller (controller epoch {}): it created the "
                                         "ephemeral /controller znode first",
                                         broker_.name(), epoch),
                .rule = "first broker to create /controller wins",
                .fields = {{"broker", broker_.id().value()}, {"epoch", epoch}}});
  // onControllerFailover's first imbalance check comes 5 s after failover, not a full interval.
  ScheduleLeaderRebalance(Duration::Seconds(5));
  // onControllerFailover.
  Enqueue([this](Done done) { SetupFeatureVersioning(Guard([this, done] { LoadAndRepair(done); })); });
}

// KafkaController.enableFeatureVersioning (IBP 3.7 supports it): the first controller of a
// cluster creates /feature, enabled with no finalized features (a ZooKeeper-mode broker has
// none); a later one finds it so and leaves it alone.
void KafkaController::SetupFeatureVersioning(Done next) {
  broker_.zk().GetData(std::string(zkdata::kFeature), Guard([this, next](const OpResult& r) {
    if (r.code != zk::ErrorCode::kNoNode) return next();
    broker_.zk().Create(std::string(zkdata::kFeature), zkdata::EncodeEnabledFeatures(), CreateMode::kPersistent,
                        Guard([next](const OpResult&) { next(); }));
  }));
}

// The rest of onControllerFailover: load everything, tell every broker, then repair what needs it.
void KafkaController::LoadAndRepair(Done done) {
  LoadBrokers(Guard([this, done] {
    broker_.zk().GetChildren(std::string(zkdata::kBrokerTopics), Guard([this, done](const OpResult& r) {
      LoadTopics(r.children, Guard([this, done] {
        LoadStates(context_.AllPartitions(), Guard([this, done] {
          SendUpdateMetadata(context_.AllPartitions());
          std::vector<TopicPartition> with_state, fresh;
          for (const TopicPartition& tp : context_.AllPartitions()) {
            (context_.states.contains(tp) ? with_state : fresh).push_back(tp);
          }
          SendLeaderAndIsrToReplicas(with_state);
          InitializePartitions(fresh, Guard([this, done] {
            // ReplicaStateMachine.startup: replicas on brokers that are not alive are offline,
            // and leave the ISRs, after the election gave their partitions a chance of a leader.
            std::set<BrokerId> dead;
            for (const auto& [tp, state] : context_.states) {
              for (BrokerId r : state.isr) {
                if (!context_.live_brokers.contains(r)) dead.insert(r);
              }
            }
            ElectOfflinePartitions(Guard([this, done, dead] {
             RemoveFromIsr({dead.begin(), dead.end()}, Guard([this, done] {
              broker_.zk().GetChildren(std::string(zkdata::kDeleteTopics), Guard([this, done](const OpResult& d) {
                for (const std::string& t : d.children) {
                  if (context_.topics.contains(t)) context_.deleting.insert(t);
                }
                ResumeDeletions(done);
              }), Guard([this](const WatchedEvent&) { Enqueue([this](Done d) { OnDeleteTopicsChange(d); }); }));
             }));
            }));
          }));
        }));
      }));
    }), Guard([this](const WatchedEvent&) { Enqueue([this](Done d) { OnTopicChange(d); }); }));
  }));
}

std::vector<BrokerId> KafkaController::LiveIds() const {
  std::vector<BrokerId> out;
  for (const auto& [id, _] : context_.live_brokers) {
    if (!context_.shutting_down.contains(id)) out.push_back(id);
  }
  return out;
}

std::string KafkaController::Describe(const TopicPartition& tp, const LeaderAndIsr& s) const {
  return fmt::format("{}: leader {}, leader epoch {}, ISR [{}]", ToString(tp),
                     s.leader == kNoLeader ? std::string("none") : std::to_string(s.leader.value()), s.leader_epoch,
                     JoinIds(s.isr));
}

}  // namespace kafkasim
