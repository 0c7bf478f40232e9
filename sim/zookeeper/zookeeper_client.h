#pragma once
// The ZooKeeper client library (org.apache.zookeeper.ZooKeeper and ClientCnxn) for simulated
// processes: a broker, the shell, a test. The owning Process creates it, calls Start() from
// OnStart() and hands it every message (OnMessage returns whether it was one of its own); the
// client dies with the process, as a real one dies with its JVM.
//
// Behaviour kept from ClientCnxn:
//  - servers are tried in the order given, one after another; an attempt fails after
//    sessionTimeout / number of servers, and the next one starts after a random 0-1 s pause;
//  - the server negotiates the session timeout; the client's read timeout is 2/3 of it, and
//    it pings when it has sent nothing for half the read timeout (every timeout/3);
//  - hearing nothing for the read timeout, the client drops the connection and tries the next
//    server with the same session; a server that no longer knows the session answers that it
//    expired (state Expired, for good: the owner must create a new client);
//  - requests sent but not answered when the connection drops fail with ConnectionLoss;
//    requests made while connecting wait and are sent once connected;
//  - watches are one-shot: a notification calls each watcher set on that path once.
// Every request is a message on the simulated network to the server the client is connected to.

#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/core/simulation.h"
#include "sim/zookeeper/zk_types.h"

namespace kafkasim::zk {

struct ConnectResponse;
struct ClientReply;
struct WatcherEvent;

struct ZooKeeperClientOptions {
  std::vector<NodeId> servers;  // the connect string, resolved, in order
  // Kafka's zookeeper.session.timeout.ms default.
  Duration session_timeout = Duration::Millis(18000);
};

struct WatchedEvent {
  EventType type = EventType::kNone;
  KeeperState state = KeeperState::kSyncConnected;
  std::string path;  // empty for connection state changes
};
// "WatchedEvent state:SyncConnected type:None path:null", as WatchedEvent.toString prints it.
std::string ToString(const WatchedEvent& event);

class ZooKeeperClient {
 public:
  using Callback = std::function<void(const OpResult&)>;
  using Watcher = std::function<void(const WatchedEvent&)>;

  // `on_state` hears connection state changes (SyncConnected, Disconnected, Expired).
  ZooKeeperClient(Simulation& sim, NodeId self, ZooKeeperClientOptions options, Watcher on_state = nullptr);
  ~ZooKeeperClient();
  ZooKeeperClient(const ZooKeeperClient&) = delete;
  ZooKeeperClient& operator=(const ZooKeeperClient&) = delete;

  void Start();
  bool OnMessage(const Envelope& envelope);

  void Create(std::string path, std::string data, CreateMode mode, Callback done);
  void Delete(std::string path, int32_t version, Callback done);
  void SetData(std::string path, std::string data, int32_t version, Callback done);
  // With a watcher, the request leaves a watch that calls it once.
  void GetData(std::string path, Callback done, Watcher watcher = nullptr);
  void Exists(std::string path, Callback done, Watcher watcher = nullptr);
  void GetChildren(std::string path, Callback done, Watcher watcher = nullptr);
  void Multi(std::vector<MultiStep> steps, Callback done);
  // Closes the session (its ephemeral nodes go at once), then calls `done`.
  void Close(std::function<void()> done = nullptr);

  KeeperState state() const { return state_; }
  bool connected() const { return state_ == KeeperState::kSyncConnected; }
  SessionId session_id() const { return session_; }
  Duration negotiated_timeout() const { return negotiated_; }
  NodeId server() const { return server_; }

 private:
  struct Pending {
    int32_t xid = 0;
    Op op;
    Callback done;
    Watcher watcher;
  };

  void Submit(Op op, Callback done, Watcher watcher);
  void Send(Pending pending);
  void ConnectNext();
  void HandleConnected(const ConnectResponse& response);
  void HandleReply(const ClientReply& reply);
  void HandleWatcherEvent(const WatcherEvent& event);
  void Disconnected(const std::string& reason);
  void FailAll(ErrorCode code);
  void Arm();
  void OnTimer();
  void SendPacket(std::unique_ptr<Message> message);
  void Emit(std::string kind, std::string narration);
  const std::string& name() const;
  Duration ReadTimeout() const;

  Simulation& sim_;
  NodeId self_;
  ZooKeeperClientOptions options_;
  Watcher on_state_;

  KeeperState state_ = KeeperState::kDisconnected;
  bool connecting_ = false;
  bool closing_ = false;
  std::function<void()> on_closed_;
  SessionId session_ = 0;
  Duration negotiated_;
  Zxid last_zxid_seen_ = 0;
  size_t next_server_ = 0;
  NodeId server_ = kNoNode;
  int32_t next_xid_ = 1;
  std::deque<Pending> queued_;
  std::map<int32_t, Pending> in_flight_;
  std::map<std::string, std::vector<Watcher>> data_watches_;
  std::map<std::string, std::vector<Watcher>> exist_watches_;
  std::map<std::string, std::vector<Watcher>> child_watches_;
  Time last_send_;
  Time last_heard_;
  Time connect_deadline_;
  TimerId timer_;
};

}  // namespace kafkasim::zk
