#pragma once
// The controller (KafkaController in ZooKeeper mode). Every broker runs one; at most one is
// active at a time: the broker whose ephemeral /controller znode exists. Becoming controller
// also increments /controller_epoch, and every ZooKeeper write the controller makes checks that
// znode's version in the same multi-op — so a controller that lost its session (a zombie) can
// no longer write, and brokers ignore its requests because they carry an older epoch.
//
// The active controller
//  - loads the cluster from ZooKeeper (live brokers, topics, assignments, partition states);
//  - watches /brokers/ids (brokers joining and dying), /brokers/topics (new topics) and
//    /admin/delete_topics (deletions);
//  - elects partition leaders (leader_election.h), writes each partition's state znode with a
//    conditional update, and tells the brokers with LeaderAndIsr and UpdateMetadata;
//  - applies ISR changes leaders ask for (AlterPartition) and moves leadership away from a
//    broker shutting down cleanly (ControlledShutdown).
// Like Kafka's ControllerEventManager, it handles one event at a time, to completion, in the
// order the events arrived; ZooKeeper calls inside an event are awaited before the next starts.

#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "sim/broker/controller_context.h"
#include "sim/broker/leader_election.h"
#include "sim/core/simulation.h"
#include "sim/protocol/controller_requests.h"
#include "sim/zookeeper/zookeeper_client.h"

namespace kafkasim {

class Broker;
namespace zk {
struct OpResult;
}

class KafkaController {
 public:
  explicit KafkaController(Broker& broker);
  ~KafkaController();

  // Takes part in the election; called once the broker has registered.
  void Startup();
  // The broker's ZooKeeper session ended: whatever it was, it is not the controller any more.
  void OnSessionLost();

  bool active() const { return active_; }
  // The controller this broker knows of (kNoLeader while there is none).
  BrokerId active_controller_id() const { return active_controller_; }
  const ControllerContext& context() const { return context_; }

  void HandleAlterPartition(const Envelope& envelope);
  void HandleControlledShutdown(const Envelope& envelope);
  void HandleElectLeaders(const Envelope& envelope);  // controller_elect_leaders.cpp
  void HandleStopReplicaResponse(const Envelope& envelope);
  // The broker's config change listener read a topic's new config (controller_topic_config.cpp).
  // Kafka's controller rereads a topic's config from ZooKeeper whenever it elects; kafkasim's
  // keeps it in the context, which is refreshed here. Enabling unclean.leader.election.enable
  // elects the leaderless partitions at once (KafkaController.enableTopicUncleanLeaderElection).
  void OnTopicConfigChanged(const std::string& topic, const std::map<std::string, std::string>& config);

 private:
  using Done = std::function<void()>;
  using Event = std::function<void(Done)>;

  // --- events ---
  void Enqueue(Event event);
  void RunNext();
  // Wraps a ZooKeeper callback so that it is dropped if the controller resigned meanwhile.
  template <typename F>
  auto Guard(F f) {
    return [this, term = term_, f = std::move(f)](auto&&... args) mutable {
      if (term == term_) f(std::forward<decltype(args)>(args)...);
    };
  }

  // --- election (controller.cpp) ---
  void Elect();
  void WatchController();
  void Resign(const std::string& why);
  void OnBecomingController(int32_t epoch, int32_t epoch_zk_version);
  void SetupFeatureVersioning(Done next);
  void LoadAndRepair(Done done);

  // --- loading and watching ZooKeeper (controller_watch.cpp) ---
  void LoadBrokers(Done done);
  void LoadTopics(const std::vector<std::string>& topics, Done done);
  void LoadStates(const std::vector<TopicPartition>& partitions, Done done);
  void OnBrokerChange(Done done);
  void OnTopicChange(Done done);
  void OnDeleteTopicsChange(Done done);
  void OnPartitionModification(const std::string& topic, Done done);
  std::function<void(const zk::WatchedEvent&)> PartitionModificationWatch(const std::string& topic);
  void OnBrokerStartup(const std::vector<BrokerId>& brokers, Done done);
  void OnBrokerFailure(const std::vector<BrokerId>& brokers, Done done);

  // --- partition and replica states (controller_partitions.cpp) ---
  using StateChanges = std::vector<std::pair<TopicPartition, LeaderAndIsr>>;
  // Leaders for new partitions: create their state znodes.
  void InitializePartitions(const std::vector<TopicPartition>& partitions, Done done);
  // Leaders for partitions whose leader is not live (OfflinePartitionLeaderElection).
  void ElectOfflinePartitions(Done done);
  // Dead brokers leave the ISR of every partition (a leader among them leaves its partition
  // leaderless; the last member of an ISR stays in it).
  void RemoveFromIsr(const std::vector<BrokerId>& brokers, Done done);
  // A broker shutting down cleanly stops fetching the partitions it followed when it asked
  // (StopReplica, its logs kept) and leaves their ISRs; the LeaderAndIsr goes to the other
  // replicas only (OfflineReplica in ZkReplicaStateMachine). Those it led follow their new
  // leaders until it stops.
  void RemoveShuttingDownFollower(BrokerId leaving, std::vector<TopicPartition> followed, Done done);
  // Why a partition's state changed, told in its narration.
  using Reason = std::function<std::string(const LeaderAndIsr& before, const LeaderAndIsr& after)>;
  // Writes the new states (conditional on the current zk versions and the controller epoch),
  // and on success records them and sends LeaderAndIsr to the replicas (but `not_told`).
  // Partitions whose write fails keep their old state.
  void WriteStates(StateChanges changes, Reason why, Done done, BrokerId not_told = kNoLeader);
  void WriteStates(StateChanges changes, std::string why, Done done, BrokerId not_told = kNoLeader) {
    WriteStates(std::move(changes), [why = std::move(why)](const LeaderAndIsr&, const LeaderAndIsr&) { return why; },
                std::move(done), not_told);
  }
  // The state once `elected` leads: its ISR, the next leader epoch, this controller's epoch.
  LeaderAndIsr AfterElection(const LeaderAndIsr& state, const ElectionResult& elected) const;
  // unclean.leader.election.enable for `topic`: its override in /config/topics, else the broker's.
  bool UncleanLeaderElectionEnabled(const std::string& topic) const;

  // --- requests to brokers (controller_channel.cpp) ---
  void SendLeaderAndIsr(BrokerId to, const std::vector<TopicPartition>& partitions);
  void SendLeaderAndIsrToReplicas(const std::vector<TopicPartition>& partitions, BrokerId not_told = kNoLeader);
  void SendUpdateMetadata(const std::vector<TopicPartition>& partitions);
  void SendStopReplica(BrokerId to, const std::vector<TopicPartition>& partitions, bool delete_partitions);
  void SendToBroker(BrokerId to, std::unique_ptr<ControllerRequest> request);

  // --- preferred-leader balancing (controller_rebalance.cpp) ---
  void ScheduleLeaderRebalance(Duration delay);
  void RebalanceLeaders(Done done);

  // --- topic deletion (topic_deletion.cpp) ---
  void ResumeDeletions(Done done);
  void CompleteDeletion(const std::string& topic, Done done);

  std::vector<BrokerId> LiveIds() const;
  std::string Describe(const TopicPartition& tp, const LeaderAndIsr& s) const;

  Broker& broker_;
  bool active_ = false;
  BrokerId active_controller_ = kNoLeader;
  uint64_t term_ = 0;  // bumped on resignation: callbacks of an older term are dropped
  ControllerContext context_;
  std::deque<Event> events_;
  bool busy_ = false;
  // Topic deletion: replicas that have not yet confirmed StopReplica(delete).
  std::map<std::string, std::set<BrokerId>> awaiting_deletion_;
};

}  // namespace kafkasim
