// Leading (Leader.java, LearnerHandler.java) and standalone serving: establishing an epoch,
// syncing followers, proposing and committing writes, the quorum check, session expiry.

#include <cassert>

#include <fmt/format.h>

#include "sim/zookeeper/zookeeper_server.h"

namespace kafkasim::zk {

int ZooKeeperServer::SenderSid(NodeId from) const {
  for (const auto& [sid, f] : followers_) {
    if (f.node == from) return sid;
  }
  return -1;
}

void ZooKeeperServer::StartStandalone() {
  ++generation_;
  role_ = Role::kStandalone;
  established_ = true;
  next_counter_ = (db_->last_zxid() & 0xffffffffLL) + 1;  // epoch 0: zxids count from 1
  tracker_.emplace(config_.tick);
  // Sessions restored from disk get a full timeout to reconnect (ZooKeeperServer.loadData).
  for (const auto& [session, info] : db_->sessions()) tracker_->Touch(session, info.timeout, sim_.now());
  StartServing(fmt::format("{} is serving clients on port {} (standalone)", name(), config_.client_port));
  ScheduleExpiryCheck();
}

void ZooKeeperServer::StartLeading() {
  ++generation_;
  role_ = Role::kLeading;
  leader_ = config_.myid;
  lead_started_ = sim_.now();
  followers_.clear();
  epoch_decided_ = established_ = false;
  LeaderTick();
}

void ZooKeeperServer::HandleFollowerInfo(const Envelope& e, const FollowerInfo& m) {
  Follower& f = followers_[m.sid];
  f = Follower{.node = e.from, .last_zxid = m.last_zxid, .accepted_epoch = m.accepted_epoch,
               .last_heard = sim_.now()};
  if (epoch_decided_) return SyncFollower(m.sid);
  if (followers_.size() + 1 < config_.quorum()) return;
  // Leader.getEpochToPropose: one above every epoch the majority has accepted.
  int64_t max_epoch = db_->accepted_epoch;
  for (const auto& [sid, follower] : followers_) max_epoch = std::max(max_epoch, follower.accepted_epoch);
  new_epoch_ = max_epoch + 1;
  db_->accepted_epoch = new_epoch_;
  epoch_decided_ = true;
  next_counter_ = 1;
  for (const auto& [sid, follower] : followers_) SyncFollower(sid);
}

void ZooKeeperServer::SyncFollower(int sid) {
  Follower& f = followers_.at(sid);
  auto snapshot = std::make_shared<ZkDatabase>(*db_);
  snapshot->current_epoch = snapshot->accepted_epoch = new_epoch_;
  auto message = std::make_unique<NewLeader>();
  message->epoch = new_epoch_;
  message->snapshot = std::move(snapshot);
  Send(f.node, std::move(message));
  // Proposals still waiting for their quorum follow the snapshot, in order, on the same link.
  for (const auto& [zxid, o] : outstanding_) {
    auto proposal = std::make_unique<Proposal>();
    proposal->txn = o.txn;
    Send(f.node, std::move(proposal));
  }
  f.synced = true;
  f.acked = false;
}

void ZooKeeperServer::HandleAck(int sid, const QuorumAck& m) {
  Follower& f = followers_.at(sid);
  if (m.new_leader) {
    f.acked = true;
    if (!established_) {
      size_t acked = 1;
      for (const auto& [s, fl] : followers_) acked += fl.acked;
      if (acked >= config_.quorum()) Establish();
    } else {
      Send(f.node, std::make_unique<UpToDate>());
    }
    return;
  }
  auto it = outstanding_.find(m.zxid);
  if (it == outstanding_.end()) return;  // committed already
  it->second.acks.insert(sid);
  TryCommit();
}

void ZooKeeperServer::Establish() {
  established_ = true;
  db_->current_epoch = new_epoch_;
  tracker_.emplace(config_.tick);
  // A new leader gives every session a full timeout: it cannot know when they were last heard.
  for (const auto& [session, info] : db_->sessions()) tracker_->Touch(session, info.timeout, sim_.now());
  std::vector<std::string> names;
  for (const auto& [sid, f] : followers_) {
    if (!f.acked) continue;
    names.push_back(ServerConfig::NodeName(sid));
    Send(f.node, std::make_unique<UpToDate>());
  }
  StartServing(fmt::format("{} leads epoch {} with {} following, and serves clients on port {}", name(),
                           new_epoch_, fmt::join(names, ", "), config_.client_port));
  ScheduleExpiryCheck();
}

void ZooKeeperServer::Propose(Txn txn) {
  const int64_t epoch = role_ == Role::kStandalone ? 0 : new_epoch_;
  txn.zxid = MakeZxid(epoch, next_counter_++);
  txn.time_ms = sim_.now().millis();
  Outstanding& o = outstanding_[txn.zxid];
  o.txn = txn;
  o.acks.insert(config_.myid);
  for (const auto& [sid, f] : followers_) {
    if (!f.synced) continue;
    auto proposal = std::make_unique<Proposal>();
    proposal->txn = txn;
    Send(f.node, std::move(proposal));
  }
  TryCommit();
}

void ZooKeeperServer::TryCommit() {
  // Commits happen in zxid order: a later proposal never overtakes an earlier one.
  while (!outstanding_.empty() && outstanding_.begin()->second.acks.size() >= config_.quorum()) {
    const Txn txn = outstanding_.begin()->second.txn;
    outstanding_.erase(outstanding_.begin());
    for (const auto& [sid, f] : followers_) {
      if (!f.synced) continue;
      auto commit = std::make_unique<Commit>();
      commit->zxid = txn.zxid;
      Send(f.node, std::move(commit));
    }
    ApplyCommitted(txn);
  }
}

void ZooKeeperServer::LeaderTick() {
  const Duration sync_window = config_.tick * config_.sync_limit;
  size_t synced = 1;
  std::vector<std::string> reachable{name()};
  for (auto& [sid, f] : followers_) {
    if (f.synced) Send(f.node, std::make_unique<LeaderPing>());
    if (sim_.now() - f.last_heard > sync_window) continue;
    if (f.acked) {
      ++synced;
      reachable.push_back(ServerConfig::NodeName(sid));
    }
  }
  if (!established_) {
    if (sim_.now() - lead_started_ > config_.tick * config_.init_limit) {
      StartLooking(fmt::format("as leader it heard from only {} of {} servers within initLimit={} ticks",
                               followers_.size() + 1, config_.ensemble_size(), config_.init_limit));
      return;
    }
  } else if (synced < config_.quorum()) {
    Emit("zookeeper.quorum_lost",
         fmt::format("{} lost the quorum: {} of {} servers reachable ({}); it stops serving", name(), synced,
                     config_.ensemble_size(), fmt::join(reachable, ", ")),
         fmt::format("syncLimit={} × tickTime={}", config_.sync_limit, config_.tick.millis()));
    StartLooking("it lost the quorum");
    return;
  }
  After(config_.tick / 2, [this] { LeaderTick(); });
}

void ZooKeeperServer::ScheduleExpiryCheck() {
  // ExpiryQueue buckets end on tick boundaries; look at each boundary.
  const int64_t tick = config_.tick.micros();
  const Time next = Time::FromMicros((sim_.now().micros() / tick + 1) * tick);
  After(next - sim_.now(), [this] {
    ExpireSessions();
    ScheduleExpiryCheck();
  });
}

void ZooKeeperServer::ExpireSessions() {
  for (const SessionTracker::Expired& x : tracker_->TakeExpired(sim_.now())) {
    auto it = db_->sessions().find(x.session);
    if (it == db_->sessions().end()) continue;
    const std::vector<std::string> ephemerals = db_->tree().EphemeralsOf(x.session);
    const std::string deleted =
        ephemerals.empty() ? "it owned no ephemeral node"
                           : fmt::format("{} deleted", fmt::join(ephemerals, ", "));
    nlohmann::ordered_json fields;
    fields["session"] = Hex(x.session);
    fields["client"] = it->second.owner;
    fields["ephemerals"] = ephemerals;
    Emit("zookeeper.session_expired",
         fmt::format("{}'s ZooKeeper session {} expired after {} without a heartbeat: {}", it->second.owner,
                     Hex(x.session), FormatDuration(Duration::Millis((sim_.now() - x.last_heard).millis())), deleted),
         fmt::format("session timeout {}", FormatDuration(it->second.timeout)), std::move(fields));
    Propose(Txn{.session = x.session, .body = Op(CloseSessionOp{})});
  }
}

}  // namespace kafkasim::zk
