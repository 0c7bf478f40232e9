// The client side of a ZooKeeper server: sessions, requests, reads, watches, and applying
// committed transactions. The ensemble side is in server_election.cpp, server_leader.cpp and
// server_follower.cpp.

#include "sim/zookeeper/zookeeper_server.h"

#include <cassert>

#include <fmt/format.h>

namespace kafkasim::zk {

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kStandalone: return "standalone";
    case Role::kLooking: return "looking";
    case Role::kFollowing: return "following";
    case Role::kLeading: return "leading";
  }
  return "looking";
}

ZooKeeperServer::ZooKeeperServer(Simulation& sim, NodeId self, ServerConfig config,
                                 std::shared_ptr<ZkDatabase> db)
    : sim_(sim), self_(self), config_(std::move(config)), db_(std::move(db)) {}

void ZooKeeperServer::OnStart() {
  // SessionTrackerImpl.initializeNextSessionId: the server id in the top byte, the start time
  // in the middle, a counter below. A standalone server counts as server 1.
  const uint64_t sid = static_cast<uint64_t>(std::max(config_.myid, 1));
  const uint64_t now_ms = static_cast<uint64_t>(sim_.now().millis());
  next_session_id_ = ((now_ms << 24) >> 8) | (sid << 56);
  if (config_.standalone()) {
    StartStandalone();
  } else {
    StartLooking("it started");
  }
}

void ZooKeeperServer::OnMessage(const Envelope& e) {
  if (const auto* m = e.As<Notification>()) return HandleNotification(e, *m);
  if (const auto* m = e.As<ConnectRequest>()) return HandleConnect(e, *m);
  if (const auto* m = e.As<ClientRequest>()) {
    auto it = connections_.find(m->session);
    if (!serving_ || it == connections_.end() || it->second != e.from) {
      Send(e.from, std::make_unique<Disconnect>("not connected here"));
      return;
    }
    TouchSession(m->session);
    return HandleRequest(Request{e.from, m->xid, m->session, m->op});
  }
  if (const auto* m = e.As<ClientPing>()) {
    if (!serving_ || !connections_.contains(m->session)) {
      Send(e.from, std::make_unique<Disconnect>("not connected here"));
      return;
    }
    TouchSession(m->session);
    Send(e.from, std::make_unique<PingReply>());
    return;
  }
  if (role_ == Role::kLeading) {
    if (const auto* m = e.As<FollowerInfo>()) return HandleFollowerInfo(e, *m);
    const int sid = SenderSid(e.from);
    auto f = followers_.find(sid);
    if (f == followers_.end()) return;  // not one of ours (any more)
    f->second.last_heard = sim_.now();
    if (const auto* m = e.As<QuorumAck>()) return HandleAck(sid, *m);
    if (const auto* m = e.As<FollowerPing>()) {
      for (SessionId s : m->touched) TouchSession(s);
      return;
    }
    if (const auto* m = e.As<ForwardedRequest>()) {
      if (established_) Propose(m->request);
      return;
    }
    return;
  }
  if (role_ == Role::kFollowing && FromLeader(e)) {
    last_heard_leader_ = sim_.now();
    if (const auto* m = e.As<NewLeader>()) return HandleNewLeader(*m);
    if (const auto* m = e.As<Proposal>()) return HandleProposal(*m);
    if (const auto* m = e.As<Commit>()) return HandleCommit(*m);
    if (e.As<UpToDate>() != nullptr) {
      StartServing(fmt::format("{} follows zookeeper-{} (epoch {}) and serves clients on port {}", name(),
                               leader_, db_->current_epoch, config_.client_port));
      return;
    }
    if (e.As<LeaderPing>() != nullptr) {
      auto reply = std::make_unique<FollowerPing>();
      reply->touched.assign(touched_.begin(), touched_.end());
      touched_.clear();
      Send(e.from, std::move(reply));
    }
  }
}

void ZooKeeperServer::HandleConnect(const Envelope& e, const ConnectRequest& m) {
  if (!serving_) {
    Send(e.from, std::make_unique<Disconnect>("ZooKeeperServer not running"));
    return;
  }
  if (m.last_zxid_seen > db_->last_zxid()) {
    // ZooKeeperServer.processConnectRequest: a client must never travel back in time.
    Send(e.from, std::make_unique<Disconnect>(fmt::format("Refusing session request for client as it has seen zxid {} our "
                                           "last zxid is {}",
                                           Hex(m.last_zxid_seen), Hex(db_->last_zxid()))));
    return;
  }
  if (m.session != 0) {
    auto it = db_->sessions().find(m.session);
    auto response = std::make_unique<ConnectResponse>();
    response->session = m.session;
    if (it != db_->sessions().end()) {
      response->timeout = it->second.timeout;
      connections_[m.session] = e.from;
      TouchSession(m.session);
    }
    Send(e.from, std::move(response));
    return;
  }
  const SessionId session = NewSessionId();
  connections_[session] = e.from;
  Submit(Txn{.session = session,
             .body = CreateSessionTxn{.session = session,
                                      .timeout = config_.Negotiate(m.timeout),
                                      .owner = sim_.node(e.from).name()},
             .origin_server = config_.myid,
             .origin_client = e.from.value()});
}

void ZooKeeperServer::HandleRequest(const Request& r) {
  const bool busy = writes_in_flight_[r.session] > 0 || !queued_[r.session].empty();
  if (busy) {
    // ZooKeeper answers a session's requests in order: nothing overtakes a pending write.
    queued_[r.session].push_back(r);
    return;
  }
  if (IsRead(r.op)) return ServeRead(r);
  writes_in_flight_[r.session] += 1;
  Submit(Txn{.session = r.session, .body = r.op, .origin_server = config_.myid,
             .origin_client = r.client.value(), .xid = r.xid});
}

void ZooKeeperServer::DrainQueue(SessionId session) {
  auto& queue = queued_[session];
  while (!queue.empty() && writes_in_flight_[session] == 0) {
    Request r = std::move(queue.front());
    queue.pop_front();
    if (IsRead(r.op)) {
      ServeRead(r);
    } else {
      writes_in_flight_[session] += 1;
      Submit(Txn{.session = r.session, .body = r.op, .origin_server = config_.myid,
                 .origin_client = r.client.value(), .xid = r.xid});
    }
  }
}

void ZooKeeperServer::ServeRead(const Request& r) {
  const ZnodeTree& tree = db_->tree();
  auto reply = std::make_unique<ClientReply>();
  reply->xid = r.xid;
  reply->zxid = db_->last_zxid();
  reply->op_name = std::string(OpName(r.op));
  if (const auto* get = std::get_if<GetDataOp>(&r.op)) {
    reply->result = tree.GetData(get->path);
    if (get->watch && reply->result.ok()) watches_.AddDataWatch(get->path, r.session);
  } else if (const auto* exists = std::get_if<ExistsOp>(&r.op)) {
    reply->result = tree.Exists(exists->path);
    // exists() leaves a watch even on a missing node: that is how one waits for a creation.
    if (exists->watch) watches_.AddDataWatch(exists->path, r.session);
  } else if (const auto* children = std::get_if<GetChildrenOp>(&r.op)) {
    reply->result = tree.GetChildren(children->path);
    if (children->watch && reply->result.ok()) watches_.AddChildWatch(children->path, r.session);
  }
  Send(r.client, std::move(reply));
}

void ZooKeeperServer::Submit(Txn txn) {
  if (role_ == Role::kLeading || role_ == Role::kStandalone) return Propose(std::move(txn));
  assert(role_ == Role::kFollowing && serving_);
  auto forward = std::make_unique<ForwardedRequest>();
  forward->request = std::move(txn);
  Send(PeerNode(leader_), std::move(forward));
}

void ZooKeeperServer::ApplyCommitted(const Txn& txn) {
  const TxnOutcome outcome = db_->Apply(txn);
  if (const auto* create = std::get_if<CreateSessionTxn>(&txn.body)) {
    if (tracker_) tracker_->Touch(create->session, create->timeout, sim_.now());
  } else if (std::holds_alternative<CloseSessionOp>(std::get<Op>(txn.body))) {
    if (tracker_) tracker_->Remove(txn.session);
    watches_.RemoveSession(txn.session);
  }
  for (const Change& change : outcome.changes) {
    for (const FiredWatch& w : watches_.Trigger(change)) {
      auto c = connections_.find(w.session);
      if (c == connections_.end()) continue;
      Send(c->second, std::make_unique<WatcherEvent>(w.type, w.path));
    }
  }
  if (txn.origin_server == config_.myid) Answer(txn, outcome);
  if (const Op* op = std::get_if<Op>(&txn.body); op && std::holds_alternative<CloseSessionOp>(*op)) {
    auto c = connections_.find(txn.session);
    if (c != connections_.end() && txn.origin_server != config_.myid) {
      Send(c->second, std::make_unique<Disconnect>("session expired"));
    }
    if (c != connections_.end()) connections_.erase(c);
    writes_in_flight_.erase(txn.session);
    queued_.erase(txn.session);
  }
}

void ZooKeeperServer::Answer(const Txn& txn, const TxnOutcome& outcome) {
  const NodeId client(txn.origin_client);
  if (const auto* create = std::get_if<CreateSessionTxn>(&txn.body)) {
    if (!connections_.contains(create->session)) return;  // the client gave up meanwhile
    auto response = std::make_unique<ConnectResponse>();
    response->session = create->session;
    response->timeout = create->timeout;
    Send(client, std::move(response));
    return;
  }
  if (!connections_.contains(txn.session)) return;
  auto reply = std::make_unique<ClientReply>();
  reply->xid = txn.xid;
  reply->zxid = txn.zxid;
  reply->op_name = std::string(OpName(std::get<Op>(txn.body)));
  reply->result = outcome.result;
  Send(client, std::move(reply));
  if (writes_in_flight_[txn.session] > 0) writes_in_flight_[txn.session] -= 1;
  DrainQueue(txn.session);
}

void ZooKeeperServer::StartServing(const std::string& narration) {
  serving_ = true;
  Emit("zookeeper.serving", narration);
}

void ZooKeeperServer::StopServing(const std::string& reason) {
  for (const auto& [session, client] : connections_) {
    Send(client, std::make_unique<Disconnect>(reason));
  }
  connections_.clear();
  writes_in_flight_.clear();
  queued_.clear();
  watches_.Clear();
  serving_ = false;
}

void ZooKeeperServer::TouchSession(SessionId session) {
  if (role_ == Role::kFollowing) {
    touched_.insert(session);
  } else if (tracker_ && tracker_->Tracking(session)) {
    tracker_->Touch(session, db_->sessions().at(session).timeout, sim_.now());
  }
}

SessionId ZooKeeperServer::NewSessionId() { return static_cast<SessionId>(next_session_id_++); }

void ZooKeeperServer::Emit(std::string kind, std::string narration, std::string rule,
                           nlohmann::ordered_json fields) {
  Trace& trace = sim_.trace();
  const TraceKind id = trace.Kind(kind);
  if (!trace.Wants(id)) {
    trace.Skip(id);
    return;
  }
  trace.Emit(id, TraceEvent{.time = sim_.now(), .kind = std::move(kind), .node = name(), .rule = std::move(rule),
                        .fields = std::move(fields), .narration = std::move(narration)});
}

NodeId ZooKeeperServer::PeerNode(int sid) const {
  Node* node = sim_.FindNode(ServerConfig::NodeName(sid));
  return node == nullptr ? kNoNode : node->id();
}

const std::string& ZooKeeperServer::name() const { return sim_.node(self_).name(); }

void ZooKeeperServer::Send(NodeId to, std::unique_ptr<Message> message) {
  if (to == kNoNode) return;
  sim_.network().Send(self_, to, std::move(message));
}

void ZooKeeperServer::After(Duration delay, std::function<void()> fn, const char* what) {
  sim_.Schedule(
      delay, self_,
      [this, gen = generation_, fn = std::move(fn)] {
        if (gen == generation_) fn();
      },
      what);
}

}  // namespace kafkasim::zk
