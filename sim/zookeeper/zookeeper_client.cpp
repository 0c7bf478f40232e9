#include "sim/zookeeper/zookeeper_client.h"

#include <fmt/format.h>

#include "sim/zookeeper/messages.h"

namespace kafkasim::zk {

std::string ToString(const WatchedEvent& event) {
  return fmt::format("WatchedEvent state:{} type:{} path:{}", ToString(event.state), ToString(event.type),
                     event.path.empty() ? "null" : event.path);
}

ZooKeeperClient::ZooKeeperClient(Simulation& sim, NodeId self, ZooKeeperClientOptions options, Watcher on_state)
    : sim_(sim), self_(self), options_(std::move(options)), on_state_(std::move(on_state)) {}

ZooKeeperClient::~ZooKeeperClient() { sim_.Cancel(timer_); }

const std::string& ZooKeeperClient::name() const { return sim_.node(self_).name(); }

void ZooKeeperClient::Start() { ConnectNext(); }

Duration ZooKeeperClient::ReadTimeout() const {
  // ClientCnxn: readTimeout = negotiatedSessionTimeout * 2 / 3.
  return (state_ == KeeperState::kSyncConnected ? negotiated_ : options_.session_timeout) * 2 / 3;
}

void ZooKeeperClient::ConnectNext() {
  if (options_.servers.empty() || state_ == KeeperState::kExpired || state_ == KeeperState::kClosed) return;
  server_ = options_.servers[next_server_ % options_.servers.size()];
  next_server_ += 1;
  connecting_ = true;
  auto request = std::make_unique<ConnectRequest>();
  request->session = session_;
  request->timeout = options_.session_timeout;
  request->last_zxid_seen = last_zxid_seen_;
  SendPacket(std::move(request));
  connect_deadline_ = sim_.now() + options_.session_timeout / static_cast<int64_t>(options_.servers.size());
  Arm();
}

bool ZooKeeperClient::OnMessage(const Envelope& e) {
  // The packets a server sends its clients, each looked for once by its (final) type: a broker
  // offers every message it gets here first, and a dynamic_cast to ZkMessage walked the class
  // hierarchy for each of them.
  const auto* connected = e.As<ConnectResponse>();
  const auto* reply = e.As<ClientReply>();
  const auto* watch = e.As<WatcherEvent>();
  const auto* disconnect = e.As<Disconnect>();
  if (!connected && !reply && !watch && !disconnect && !e.As<PingReply>()) return false;
  if (e.from != server_) return true;  // an answer from a server we already left
  last_heard_ = sim_.now();  // a PingReply says no more than that
  if (connected) HandleConnected(*connected);
  if (reply) HandleReply(*reply);
  if (watch) HandleWatcherEvent(*watch);
  if (disconnect) Disconnected(fmt::format("the server closed the connection ({})", disconnect->reason));
  return true;
}

void ZooKeeperClient::HandleConnected(const ConnectResponse& r) {
  if (!connecting_) return;
  connecting_ = false;
  if (r.timeout == Duration()) {
    Emit("zookeeper.client_expired",
         fmt::format("{} learns from {} that its session {} has expired", name(), sim_.node(server_).name(),
                     Hex(session_)));
    state_ = KeeperState::kExpired;
    sim_.Cancel(timer_);
    FailAll(ErrorCode::kSessionExpired);
    if (on_state_) on_state_(WatchedEvent{.type = EventType::kNone, .state = KeeperState::kExpired});
    return;
  }
  const bool fresh = session_ == 0;
  session_ = r.session;
  negotiated_ = r.timeout;
  state_ = KeeperState::kSyncConnected;
  Emit("zookeeper.client_connected",
       fmt::format("{} {} session {} on {} (negotiated timeout {})", name(), fresh ? "opened" : "resumed",
                   Hex(session_), sim_.node(server_).name(), FormatDuration(negotiated_)));
  if (on_state_) on_state_(WatchedEvent{.type = EventType::kNone, .state = KeeperState::kSyncConnected});
  while (!queued_.empty() && connected()) {
    Pending p = std::move(queued_.front());
    queued_.pop_front();
    Send(std::move(p));
  }
  Arm();
}

void ZooKeeperClient::HandleReply(const ClientReply& reply) {
  auto it = in_flight_.find(reply.xid);
  if (it == in_flight_.end()) return;
  Pending p = std::move(it->second);
  in_flight_.erase(it);
  last_zxid_seen_ = std::max(last_zxid_seen_, reply.zxid);
  if (std::holds_alternative<CloseSessionOp>(p.op)) {
    state_ = KeeperState::kClosed;
    sim_.Cancel(timer_);
    FailAll(ErrorCode::kConnectionLoss);
    if (auto done = std::move(on_closed_)) done();  // it may end the owning process
    return;
  }
  if (p.watcher) {
    // ZKWatchManager registers a watch only when the server kept one.
    const std::string path = OpPath(p.op);
    if (std::holds_alternative<GetDataOp>(p.op) && reply.result.ok()) data_watches_[path].push_back(p.watcher);
    if (std::holds_alternative<ExistsOp>(p.op)) {
      (reply.result.ok() ? data_watches_ : exist_watches_)[path].push_back(p.watcher);
    }
    if (std::holds_alternative<GetChildrenOp>(p.op) && reply.result.ok()) {
      child_watches_[path].push_back(p.watcher);
    }
  }
  if (p.done) p.done(reply.result);
}

void ZooKeeperClient::HandleWatcherEvent(const WatcherEvent& event) {
  std::vector<Watcher> fire;
  auto take = [&](std::map<std::string, std::vector<Watcher>>& table) {
    auto it = table.find(event.path);
    if (it == table.end()) return;
    for (Watcher& w : it->second) fire.push_back(std::move(w));
    table.erase(it);
  };
  switch (event.type) {
    case EventType::kNodeCreated:
    case EventType::kNodeDataChanged:
      take(data_watches_);
      take(exist_watches_);
      break;
    case EventType::kNodeDeleted:
      take(data_watches_);
      take(exist_watches_);
      take(child_watches_);
      break;
    case EventType::kNodeChildrenChanged:
      take(child_watches_);
      break;
    case EventType::kNone:
      break;
  }
  const WatchedEvent watched{.type = event.type, .state = KeeperState::kSyncConnected, .path = event.path};
  for (Watcher& w : fire) w(watched);
}

void ZooKeeperClient::Disconnected(const std::string& reason) {
  const bool was_connected = connected();
  if (closing_) {
    // Closing anyway: the server will expire the session if the close did not reach it.
    state_ = KeeperState::kClosed;
    sim_.Cancel(timer_);
    FailAll(ErrorCode::kConnectionLoss);
    if (on_closed_) on_closed_();
    return;
  }
  connecting_ = false;
  if (state_ == KeeperState::kSyncConnected) state_ = KeeperState::kDisconnected;
  Emit("zookeeper.client_disconnected",
       fmt::format("{} {} {}: {}; it tries the next server", name(),
                   was_connected ? "lost its connection to" : "could not connect to",
                   server_ == kNoNode ? "ZooKeeper" : sim_.node(server_).name(), reason));
  server_ = kNoNode;
  FailAll(ErrorCode::kConnectionLoss);
  if (was_connected && on_state_) {
    on_state_(WatchedEvent{.type = EventType::kNone, .state = KeeperState::kDisconnected});
  }
  if (state_ != KeeperState::kDisconnected) return;  // the callback closed us
  // ClientCnxn.startConnect waits a random moment before trying another server.
  const Duration pause = Duration::Millis(static_cast<int64_t>(sim_.node(self_).random().Below(1000)));
  sim_.Cancel(timer_);
  timer_ = sim_.Schedule(pause, self_, [this] { ConnectNext(); });
}

void ZooKeeperClient::FailAll(ErrorCode code) {
  std::vector<Pending> failed;
  for (auto& [xid, p] : in_flight_) failed.push_back(std::move(p));
  in_flight_.clear();
  for (Pending& p : queued_) failed.push_back(std::move(p));
  queued_.clear();
  for (Pending& p : failed) {
    if (p.done) p.done(OpResult{.code = code, .path = OpPath(p.op)});
  }
}

void ZooKeeperClient::Arm() {
  sim_.Cancel(timer_);
  Time at;
  if (connecting_) {
    at = connect_deadline_;
  } else if (connected()) {
    const Duration read_timeout = ReadTimeout();
    at = std::min(last_heard_ + read_timeout, last_send_ + read_timeout / 2);
  } else {
    return;
  }
  timer_ = sim_.ScheduleAt(std::max(at, sim_.now()), self_, [this] { OnTimer(); });
}

void ZooKeeperClient::OnTimer() {
  if (connecting_) {
    if (sim_.now() >= connect_deadline_) {
      Disconnected(fmt::format("no answer within the connect timeout {}",
                               FormatDuration(options_.session_timeout /
                                              static_cast<int64_t>(options_.servers.size()))));
      return;
    }
  } else if (connected()) {
    const Duration read_timeout = ReadTimeout();
    if (sim_.now() - last_heard_ >= read_timeout) {
      Disconnected(fmt::format("Client session timed out, have not heard from server in {}ms for session id {}",
                               (sim_.now() - last_heard_).millis(), Hex(session_)));
      return;
    }
    if (sim_.now() - last_send_ >= read_timeout / 2) {
      auto ping = std::make_unique<ClientPing>();
      ping->session = session_;
      SendPacket(std::move(ping));
    }
  }
  Arm();
}

void ZooKeeperClient::SendPacket(std::unique_ptr<Message> message) {
  last_send_ = sim_.now();
  sim_.network().Send(self_, server_, std::move(message));
}

void ZooKeeperClient::Submit(Op op, Callback done, Watcher watcher) {
  Pending p{.xid = next_xid_++, .op = std::move(op), .done = std::move(done), .watcher = std::move(watcher)};
  if (state_ == KeeperState::kExpired || state_ == KeeperState::kClosed) {
    if (p.done) p.done(OpResult{.code = ErrorCode::kSessionExpired, .path = OpPath(p.op)});
    return;
  }
  if (!connected()) {
    queued_.push_back(std::move(p));
    return;
  }
  Send(std::move(p));
}

void ZooKeeperClient::Send(Pending p) {
  auto request = std::make_unique<ClientRequest>();
  request->xid = p.xid;
  request->session = session_;
  request->op = p.op;
  in_flight_.emplace(p.xid, std::move(p));
  SendPacket(std::move(request));
  Arm();
}

void ZooKeeperClient::Create(std::string path, std::string data, CreateMode mode, Callback done) {
  Submit(CreateOp{.path = std::move(path), .data = std::move(data), .mode = mode}, std::move(done), nullptr);
}
void ZooKeeperClient::Delete(std::string path, int32_t version, Callback done) {
  Submit(DeleteOp{.path = std::move(path), .version = version}, std::move(done), nullptr);
}
void ZooKeeperClient::SetData(std::string path, std::string data, int32_t version, Callback done) {
  Submit(SetDataOp{.path = std::move(path), .data = std::move(data), .version = version}, std::move(done), nullptr);
}
void ZooKeeperClient::GetData(std::string path, Callback done, Watcher watcher) {
  const bool watch = watcher != nullptr;
  Submit(GetDataOp{.path = std::move(path), .watch = watch}, std::move(done), std::move(watcher));
}
void ZooKeeperClient::Exists(std::string path, Callback done, Watcher watcher) {
  const bool watch = watcher != nullptr;
  Submit(ExistsOp{.path = std::move(path), .watch = watch}, std::move(done), std::move(watcher));
}
void ZooKeeperClient::GetChildren(std::string path, Callback done, Watcher watcher) {
  const bool watch = watcher != nullptr;
  Submit(GetChildrenOp{.path = std::move(path), .watch = watch}, std::move(done), std::move(watcher));
}
void ZooKeeperClient::Multi(std::vector<MultiStep> steps, Callback done) {
  Submit(MultiOp{.steps = std::move(steps)}, std::move(done), nullptr);
}

void ZooKeeperClient::Close(std::function<void()> done) {
  on_closed_ = std::move(done);
  if (!connected()) {
    state_ = KeeperState::kClosed;
    sim_.Cancel(timer_);
    FailAll(ErrorCode::kConnectionLoss);
    if (on_closed_) on_closed_();
    return;
  }
  closing_ = true;
  Submit(CloseSessionOp{}, nullptr, nullptr);
}

void ZooKeeperClient::Emit(std::string kind, std::string narration) {
  Trace& trace = sim_.trace();
  const TraceKind id = trace.Kind(kind);
  if (!trace.Wants(id)) {
    trace.Skip(id);
    return;
  }
  TraceEvent event{.time = sim_.now(), .kind = std::move(kind), .node = name(), .narration = std::move(narration)};
  if (server_ != kNoNode) event.peer = sim_.node(server_).name();
  trace.Emit(id, std::move(event));
}

}  // namespace kafkasim::zk
