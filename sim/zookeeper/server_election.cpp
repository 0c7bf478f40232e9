// Leader election, after FastLeaderElection.lookForLeader: each LOOKING server votes for
// itself, then adopts any better vote it hears (higher epoch, then zxid, then server id) and
// tells everyone. When a majority agrees with its vote it waits finalizeWait (200 ms) for a
// better vote and, hearing none, follows the winner or leads. Servers already in an ensemble
// answer a LOOKING server with their leader; a majority of such answers that includes the
// leader itself lets a (re)starting server join without a new election.

#include <fmt/format.h>

#include "sim/zookeeper/zookeeper_server.h"

namespace kafkasim::zk {
namespace {

constexpr Duration kFinalizeWait = Duration::Millis(200);           // FastLeaderElection.finalizeWait
constexpr Duration kMaxNotificationInterval = Duration::Seconds(60);  // maxNotificationInterval

}  // namespace

Vote ZooKeeperServer::SelfVote() const {
  return Vote{.leader = config_.myid, .zxid = db_->last_zxid(), .peer_epoch = db_->current_epoch};
}

Notification ZooKeeperServer::MyNotification() const {
  Notification n;
  n.sid = config_.myid;
  n.vote = vote_;
  n.election_epoch = logical_clock_;
  n.state = role_ == Role::kLeading ? PeerState::kLeading
            : role_ == Role::kFollowing ? PeerState::kFollowing
                                        : PeerState::kLooking;
  return n;
}

void ZooKeeperServer::StartLooking(const std::string& why) {
  if (serving_) StopServing("the server is looking for a leader");
  ++generation_;
  role_ = Role::kLooking;
  leader_ = -1;
  followers_.clear();
  outstanding_.clear();
  pending_.clear();
  touched_.clear();
  tracker_.reset();
  epoch_decided_ = established_ = synced_ = false;
  ++logical_clock_;
  vote_ = SelfVote();
  received_.clear();
  out_of_election_.clear();
  received_[config_.myid] = vote_;
  Emit("zookeeper.looking",
       fmt::format("{} is LOOKING for a leader (election round {}): {}; it votes for itself (zxid {})", name(),
                   logical_clock_, why, Hex(vote_.zxid)));
  SendNotifications();
  ResendNotifications(kFinalizeWait);
}

void ZooKeeperServer::SendNotifications() {
  for (const auto& [sid, address] : config_.servers) {
    if (sid == config_.myid) continue;
    Send(PeerNode(sid), std::make_unique<Notification>(MyNotification()));
  }
}

void ZooKeeperServer::ResendNotifications(Duration interval) {
  // Without an answer, FastLeaderElection sends its vote again, backing off up to a minute.
  After(interval, [this, interval] {
    if (role_ != Role::kLooking) return;
    SendNotifications();
    ResendNotifications(std::min(interval * 2, kMaxNotificationInterval));
  });
}

void ZooKeeperServer::HandleNotification(const Envelope& e, const Notification& n) {
  if (!config_.servers.contains(n.sid)) return;
  if (role_ != Role::kLooking) {
    // An established server tells a looking one who leads.
    if (n.state == PeerState::kLooking) Send(e.from, std::make_unique<Notification>(MyNotification()));
    return;
  }
  if (n.state == PeerState::kLooking) {
    if (n.election_epoch > logical_clock_) {
      logical_clock_ = n.election_epoch;
      received_.clear();
      vote_ = Beats(n.vote, SelfVote()) ? n.vote : SelfVote();
      ++vote_generation_;
      SendNotifications();
    } else if (n.election_epoch < logical_clock_) {
      Send(e.from, std::make_unique<Notification>(MyNotification()));
      return;
    } else if (Beats(n.vote, vote_)) {
      vote_ = n.vote;
      ++vote_generation_;
      SendNotifications();
    }
    received_[n.sid] = n.vote;
    received_[config_.myid] = vote_;
    ConsiderFinishing();
    return;
  }
  // FOLLOWING or LEADING: an ensemble exists. Join it once a majority, leader included, says so.
  out_of_election_[n.sid] = {n.vote, n.state};
  size_t agree = 0;
  bool leader_confirms = false;
  for (const auto& [sid, entry] : out_of_election_) {
    if (entry.first.leader != n.vote.leader || entry.first.peer_epoch != n.vote.peer_epoch) continue;
    ++agree;
    if (sid == n.vote.leader && entry.second == PeerState::kLeading) leader_confirms = true;
  }
  if (agree >= config_.quorum() && leader_confirms) {
    logical_clock_ = n.election_epoch;
    vote_ = n.vote;
    FinishElection(n.vote.leader);
  }
}

void ZooKeeperServer::ConsiderFinishing() {
  size_t agree = 0;
  for (const auto& [sid, v] : received_) agree += v == vote_;
  if (agree < config_.quorum()) return;
  After(kFinalizeWait, [this, gen = vote_generation_] {
    if (role_ != Role::kLooking || gen != vote_generation_) return;  // a better vote came
    size_t still = 0;
    for (const auto& [sid, v] : received_) still += v == vote_;
    if (still >= config_.quorum()) FinishElection(vote_.leader);
  });
}

void ZooKeeperServer::FinishElection(int leader) {
  std::vector<std::string> voters;
  for (const auto& [sid, v] : received_) {
    if (v == vote_) voters.push_back(ServerConfig::NodeName(sid));
  }
  if (leader == config_.myid) {
    Emit("zookeeper.elected",
         fmt::format("{} wins the election (round {}): it has the highest (epoch, zxid, id) = ({}, {}, {}) "
                     "among {}",
                     name(), logical_clock_, vote_.peer_epoch, Hex(vote_.zxid), vote_.leader,
                     fmt::join(voters, ", ")),
         "FastLeaderElection.totalOrderPredicate");
    StartLeading();
  } else {
    StartFollowing(leader);
  }
}

}  // namespace kafkasim::zk
