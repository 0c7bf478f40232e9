// Following (Follower.java, Learner.java): connect to the elected leader, take its snapshot,
// acknowledge proposals, apply commits, answer pings, and give up on a silent leader.

#include <cassert>

#include <fmt/format.h>

#include "sim/zookeeper/zookeeper_server.h"

namespace kafkasim::zk {

bool ZooKeeperServer::FromLeader(const Envelope& e) const { return e.from == PeerNode(leader_); }

void ZooKeeperServer::StartFollowing(int leader) {
  ++generation_;
  role_ = Role::kFollowing;
  leader_ = leader;
  synced_ = false;
  pending_.clear();
  last_heard_leader_ = sim_.now();
  SendFollowerInfo();
  After(config_.tick / 2, [this] { FollowerTick(); });
}

void ZooKeeperServer::SendFollowerInfo() {
  auto info = std::make_unique<FollowerInfo>();
  info->sid = config_.myid;
  info->last_zxid = db_->last_zxid();
  info->accepted_epoch = db_->accepted_epoch;
  Send(PeerNode(leader_), std::move(info));
}

void ZooKeeperServer::HandleNewLeader(const NewLeader& m) {
  // Keep what the leader sent: its committed history is now ours (a SNAP sync).
  *db_ = *m.snapshot;
  synced_ = true;
  auto ack = std::make_unique<QuorumAck>();
  ack->new_leader = true;
  Send(PeerNode(leader_), std::move(ack));
}

void ZooKeeperServer::HandleProposal(const Proposal& m) {
  if (!synced_) return;
  pending_[m.txn.zxid] = m.txn;
  auto ack = std::make_unique<QuorumAck>();
  ack->zxid = m.txn.zxid;
  Send(PeerNode(leader_), std::move(ack));
}

void ZooKeeperServer::HandleCommit(const Commit& m) {
  auto it = pending_.find(m.zxid);
  if (it == pending_.end()) return;
  assert(it == pending_.begin() && "the leader commits in zxid order");
  const Txn txn = std::move(it->second);
  pending_.erase(it);
  ApplyCommitted(txn);
}

void ZooKeeperServer::FollowerTick() {
  // Before the sync the follower waits initLimit ticks, afterwards syncLimit ticks.
  const int limit = serving_ ? config_.sync_limit : config_.init_limit;
  const Duration silence = sim_.now() - last_heard_leader_;
  if (silence > config_.tick * limit) {
    const std::string why = fmt::format("no word from its leader zookeeper-{} for {} ({}={} × tickTime={})",
                                        leader_, FormatDuration(Duration::Millis(silence.millis())),
                                        serving_ ? "syncLimit" : "initLimit", limit, config_.tick.millis());
    Emit("zookeeper.leader_lost", fmt::format("{} lost its leader: {}; it stops serving", name(), why));
    StartLooking(why);
    return;
  }
  // The leader may not have finished its own election when we first knocked (Learner.
  // connectToLeader retries): knock again until it sends NEWLEADER.
  if (!synced_) SendFollowerInfo();
  After(config_.tick / 2, [this] { FollowerTick(); });
}

}  // namespace kafkasim::zk
