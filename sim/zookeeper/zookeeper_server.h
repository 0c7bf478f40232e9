#pragma once
// One ZooKeeper server (QuorumPeer, or ZooKeeperServerMain when standalone) as a simulated
// process. Its ZkDatabase is durable and shared with the node's factory, so a crash loses only
// what a real server keeps in memory: connections, watches, sessions' liveness, proposals not
// yet committed, and its place in the ensemble.
//
// The ensemble works as Zab does, at the level a student needs (Leader.java, Follower.java,
// FastLeaderElection.java):
//  - LOOKING: servers exchange votes until a majority agree on the server with the highest
//    (epoch, zxid, server id); servers already FOLLOWING or LEADING answer with their leader.
//  - The leader waits initLimit ticks for a majority (itself included) to connect
//    (FOLLOWERINFO), picks a new epoch above every epoch they accepted, brings each follower
//    up to its committed state (NEWLEADER with a snapshot), and serves once a majority ACKed.
//  - Writes go to the leader (followers forward them as REQUEST), which assigns the next zxid,
//    sends a PROPOSAL to every follower and COMMITs, in zxid order, once a majority ACKed it.
//    Every server applies commits to its own tree; reads are answered from the tree of the
//    server a client is connected to, so a follower's answer may lag the leader's.
//  - The leader PINGs its followers every tickTime/2. A leader that has not heard from a
//    majority within syncLimit ticks, or a follower that has not heard from its leader within
//    syncLimit ticks, stops serving and goes back to LOOKING.
//  - Only the leader expires sessions; followers report the sessions they heard from in their
//    PING replies. Expiry is a closeSession transaction that deletes the session's ephemerals.
// Simplifications: a follower is always synced with a full snapshot (ZooKeeper usually sends a
// DIFF); proposals not yet committed are not logged, so they die with the server.

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "sim/core/simulation.h"
#include "sim/zookeeper/database.h"
#include "sim/zookeeper/messages.h"
#include "sim/zookeeper/server_config.h"
#include "sim/zookeeper/session_tracker.h"
#include "sim/zookeeper/watch_manager.h"

namespace kafkasim::zk {

enum class Role { kStandalone, kLooking, kFollowing, kLeading };
std::string_view ToString(Role role);

class ZooKeeperServer : public Process {
 public:
  ZooKeeperServer(Simulation& sim, NodeId self, ServerConfig config, std::shared_ptr<ZkDatabase> db);

  void OnStart() override;
  void OnMessage(const Envelope& envelope) override;

  NodeId node() const { return self_; }
  Role role() const { return role_; }
  // Answering clients: standalone, or part of an established quorum.
  bool serving() const { return serving_; }
  int leader_id() const { return leader_; }  // -1 while looking
  const ZkDatabase& db() const { return *db_; }
  const ServerConfig& config() const { return config_; }
  size_t connected_clients() const { return connections_.size(); }
  size_t watch_count() const { return watches_.size(); }

 private:
  struct Request {
    NodeId client;
    int32_t xid = 0;
    SessionId session = 0;
    Op op;
  };
  struct Follower {
    NodeId node;
    Zxid last_zxid = 0;
    int64_t accepted_epoch = 0;
    bool synced = false;     // NEWLEADER sent: it gets every proposal from now on
    bool acked = false;      // ACKed NEWLEADER: it counts for the quorum
    Time last_heard;
  };
  struct Outstanding {
    Txn txn;
    std::set<int> acks;
  };

  // --- clients and commits (zookeeper_server.cpp) ---
  void HandleConnect(const Envelope& e, const ConnectRequest& m);
  void HandleRequest(const Request& request);
  void ServeRead(const Request& request);
  void Submit(Txn txn);
  void ApplyCommitted(const Txn& txn);
  void Answer(const Txn& txn, const TxnOutcome& outcome);
  void DrainQueue(SessionId session);
  void StartServing(const std::string& narration);
  void StopServing(const std::string& reason);
  void TouchSession(SessionId session);
  SessionId NewSessionId();
  void Emit(std::string kind, std::string narration, std::string rule = "",
            nlohmann::ordered_json fields = nlohmann::ordered_json::object());
  NodeId PeerNode(int sid) const;
  const std::string& name() const;
  void Send(NodeId to, std::unique_ptr<Message> message);
  // Runs `fn` after `delay` unless the server changed role since (a new "generation").
  void After(Duration delay, std::function<void()> fn, const char* what = nullptr);

  // --- election (server_election.cpp) ---
  void StartLooking(const std::string& why);
  Vote SelfVote() const;
  void SendNotifications();
  void ResendNotifications(Duration interval);
  void HandleNotification(const Envelope& e, const Notification& n);
  void ConsiderFinishing();
  void FinishElection(int leader);
  Notification MyNotification() const;

  // --- leading (server_leader.cpp) ---
  void StartLeading();
  void StartStandalone();
  void HandleFollowerInfo(const Envelope& e, const FollowerInfo& m);
  void SyncFollower(int sid);
  void HandleAck(int sid, const QuorumAck& m);
  void Establish();
  void Propose(Txn txn);
  void TryCommit();
  void LeaderTick();
  void ScheduleExpiryCheck();
  void ExpireSessions();
  int SenderSid(NodeId from) const;

  // --- following (server_follower.cpp) ---
  void StartFollowing(int leader);
  void SendFollowerInfo();
  void HandleNewLeader(const NewLeader& m);
  void HandleProposal(const Proposal& m);
  void HandleCommit(const Commit& m);
  void FollowerTick();
  bool FromLeader(const Envelope& e) const;

  Simulation& sim_;
  NodeId self_;
  ServerConfig config_;
  std::shared_ptr<ZkDatabase> db_;

  Role role_ = Role::kLooking;
  bool serving_ = false;
  int leader_ = -1;
  uint64_t generation_ = 0;  // bumped on every role change; stale timers check it
  uint64_t next_session_id_ = 0;

  // Clients connected here, and what they wait for.
  std::map<SessionId, NodeId> connections_;
  std::map<SessionId, int> writes_in_flight_;
  std::map<SessionId, std::deque<Request>> queued_;
  WatchManager watches_;

  // Election.
  int64_t logical_clock_ = 0;
  Vote vote_;
  std::map<int, Vote> received_;
  std::map<int, std::pair<Vote, PeerState>> out_of_election_;
  uint64_t vote_generation_ = 0;

  // Leading.
  std::map<int, Follower> followers_;
  bool epoch_decided_ = false;
  bool established_ = false;
  int64_t new_epoch_ = 0;
  int64_t next_counter_ = 1;
  std::map<Zxid, Outstanding> outstanding_;
  std::optional<SessionTracker> tracker_;
  Time lead_started_;

  // Following.
  Time last_heard_leader_;
  bool synced_ = false;
  std::map<Zxid, Txn> pending_;
  std::set<SessionId> touched_;
};

}  // namespace kafkasim::zk
