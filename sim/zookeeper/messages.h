#pragma once
// The packets of ZooKeeper on the simulated network, one type per request, response and Zab
// step, so that the visualizer can draw them and the trace can name them. Client packets are
// named after ZooKeeper's request types ("create", "getData", "ping"); quorum packets after
// Zab's packet types in Leader.java ("PROPOSAL", "ACK", "COMMIT", "PING", "FOLLOWERINFO",
// "NEWLEADER", "UPTODATE", "REQUEST"); election packets are FastLeaderElection's notifications.

#include <memory>
#include <string>
#include <vector>

#include "sim/core/message.h"
#include "sim/zookeeper/database.h"

namespace kafkasim::zk {

class ZkMessage : public Message {
 public:
  std::string_view Category() const override { return "zookeeper"; }
};

// --- client ↔ server ---
struct ConnectRequest final : ZkMessage {
  SessionId session = 0;  // 0 asks for a new session
  Duration timeout;       // the client's requested session timeout
  Zxid last_zxid_seen = 0;
  std::string_view Type() const override { return "connect"; }
  std::string Label() const override;
  void DescribeFields(nlohmann::ordered_json& f) const override;
};
struct ConnectResponse final : ZkMessage {
  SessionId session = 0;
  Duration timeout;  // the negotiated timeout; zero means the session is expired
  std::string_view Type() const override { return "connect"; }
  std::string Label() const override;
};
struct ClientRequest final : ZkMessage {
  int32_t xid = 0;
  SessionId session = 0;
  Op op;
  std::string_view Type() const override { return OpName(op); }
  std::string Label() const override;
  int64_t SizeBytes() const override;
  void DescribeFields(nlohmann::ordered_json& f) const override;
};
struct ClientReply final : ZkMessage {
  int32_t xid = 0;
  Zxid zxid = 0;
  std::string op_name;
  OpResult result;
  std::string_view Type() const override { return op_name; }
  std::string Label() const override;
  void DescribeFields(nlohmann::ordered_json& f) const override;
};
struct ClientPing final : ZkMessage {
  SessionId session = 0;
  std::string_view Type() const override { return "ping"; }
  std::string_view Category() const override { return "heartbeat"; }
};
struct PingReply final : ZkMessage {
  std::string_view Type() const override { return "ping"; }
  std::string_view Category() const override { return "heartbeat"; }
};
// A watch fired: sent to the client once, then the watch is gone.
struct WatcherEvent final : ZkMessage {
  WatcherEvent(EventType type, std::string path) : type(type), path(std::move(path)) {}
  EventType type = EventType::kNone;
  std::string path;
  std::string_view Type() const override { return "notification"; }
  std::string Label() const override;
};
// The server closed the connection (it stopped serving, or the session was closed).
struct Disconnect final : ZkMessage {
  explicit Disconnect(std::string reason) : reason(std::move(reason)) {}
  std::string reason;
  std::string_view Type() const override { return "close"; }
  std::string Label() const override { return "close: " + reason; }
};

// --- leader election (FastLeaderElection) ---
enum class PeerState { kLooking, kFollowing, kLeading };
std::string_view ToString(PeerState state);

struct Vote {
  int leader = 0;
  Zxid zxid = 0;
  int64_t peer_epoch = 0;
  bool operator==(const Vote&) const = default;
};
// FastLeaderElection.totalOrderPredicate: a vote beats another by higher epoch, then higher
// zxid, then higher server id.
bool Beats(const Vote& a, const Vote& b);

struct Notification final : ZkMessage {
  int sid = 0;
  Vote vote;
  int64_t election_epoch = 0;  // the sender's logical clock (election round)
  PeerState state = PeerState::kLooking;
  std::string_view Type() const override { return "vote"; }
  std::string Label() const override;
  void DescribeFields(nlohmann::ordered_json& f) const override;
};

// --- Zab between leader and followers ---
struct FollowerInfo final : ZkMessage {
  int sid = 0;
  Zxid last_zxid = 0;
  int64_t accepted_epoch = 0;
  std::string_view Type() const override { return "FOLLOWERINFO"; }
  std::string Label() const override;
};
// The leader's epoch and its committed state (a SNAP sync), then the outstanding proposals.
struct NewLeader final : ZkMessage {
  int64_t epoch = 0;
  std::shared_ptr<const ZkDatabase> snapshot;
  std::string_view Type() const override { return "NEWLEADER"; }
  std::string Label() const override;
  int64_t SizeBytes() const override;
};
struct QuorumAck final : ZkMessage {
  Zxid zxid = 0;
  bool new_leader = false;  // acknowledges NEWLEADER rather than a proposal
  std::string_view Type() const override { return "ACK"; }
  std::string Label() const override;
};
struct UpToDate final : ZkMessage {
  std::string_view Type() const override { return "UPTODATE"; }
};
struct Proposal final : ZkMessage {
  Txn txn;
  std::string_view Type() const override { return "PROPOSAL"; }
  std::string Label() const override;
  int64_t SizeBytes() const override;
};
struct Commit final : ZkMessage {
  Zxid zxid = 0;
  std::string_view Type() const override { return "COMMIT"; }
  std::string Label() const override;
};
struct LeaderPing final : ZkMessage {
  std::string_view Type() const override { return "PING"; }
  std::string_view Category() const override { return "heartbeat"; }
};
// A follower's answer to PING: the sessions its clients kept alive since the last one.
struct FollowerPing final : ZkMessage {
  std::vector<SessionId> touched;
  std::string_view Type() const override { return "PING"; }
  std::string_view Category() const override { return "heartbeat"; }
};
// A write a follower's client asked for, forwarded to the leader.
struct ForwardedRequest final : ZkMessage {
  Txn request;  // zxid and time unset: the leader assigns them
  std::string_view Type() const override { return "REQUEST"; }
  std::string Label() const override;
};

std::string DescribeBody(const Txn& txn);

}  // namespace kafkasim::zk
