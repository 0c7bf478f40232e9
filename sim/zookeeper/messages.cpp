#include "sim/zookeeper/messages.h"

#include <fmt/format.h>

namespace kafkasim::zk {

std::string_view ToString(PeerState state) {
  switch (state) {
    case PeerState::kLooking: return "LOOKING";
    case PeerState::kFollowing: return "FOLLOWING";
    case PeerState::kLeading: return "LEADING";
  }
  return "LOOKING";
}

bool Beats(const Vote& a, const Vote& b) {
  if (a.peer_epoch != b.peer_epoch) return a.peer_epoch > b.peer_epoch;
  if (a.zxid != b.zxid) return a.zxid > b.zxid;
  return a.leader > b.leader;
}

std::string DescribeBody(const Txn& txn) {
  if (const auto* c = std::get_if<CreateSessionTxn>(&txn.body)) {
    return fmt::format("createSession {}", Hex(c->session));
  }
  const Op& op = std::get<Op>(txn.body);
  if (std::holds_alternative<CloseSessionOp>(op)) return fmt::format("closeSession {}", Hex(txn.session));
  return fmt::format("{} {}", OpName(op), OpPath(op));
}

std::string ConnectRequest::Label() const {
  return session == 0 ? "connect (new session)" : fmt::format("connect (session {})", Hex(session));
}
void ConnectRequest::DescribeFields(nlohmann::ordered_json& f) const {
  f["sessionId"] = Hex(session);
  f["timeOut"] = timeout.millis();
  f["lastZxidSeen"] = Hex(last_zxid_seen);
}

std::string ConnectResponse::Label() const {
  if (timeout == Duration()) return "connect: session expired";
  return fmt::format("connect: session {}, timeout {}", Hex(session), FormatDuration(timeout));
}

std::string ClientRequest::Label() const {
  const std::string path = OpPath(op);
  if (const auto* m = std::get_if<MultiOp>(&op)) return fmt::format("multi ×{} {}", m->steps.size(), path);
  return path.empty() ? std::string(OpName(op)) : fmt::format("{} {}", OpName(op), path);
}
int64_t ClientRequest::SizeBytes() const {
  int64_t size = 32 + static_cast<int64_t>(OpPath(op).size());
  if (const auto* c = std::get_if<CreateOp>(&op)) size += static_cast<int64_t>(c->data.size());
  if (const auto* s = std::get_if<SetDataOp>(&op)) size += static_cast<int64_t>(s->data.size());
  return size;
}
void ClientRequest::DescribeFields(nlohmann::ordered_json& f) const {
  f["xid"] = xid;
  f["sessionId"] = Hex(session);
  f["path"] = OpPath(op);
}

std::string ClientReply::Label() const {
  return fmt::format("{} → {}", op_name, result.ok() ? "OK" : ToString(result.code));
}
void ClientReply::DescribeFields(nlohmann::ordered_json& f) const {
  f["xid"] = xid;
  f["zxid"] = Hex(zxid);
  f["err"] = static_cast<int32_t>(result.code);
}

std::string WatcherEvent::Label() const { return fmt::format("{} {}", ToString(type), path); }

std::string Notification::Label() const {
  return fmt::format("vote zookeeper-{} (zxid {}, round {}, {})", vote.leader, Hex(vote.zxid),
                     election_epoch, ToString(state));
}
void Notification::DescribeFields(nlohmann::ordered_json& f) const {
  f["sid"] = sid;
  f["leader"] = vote.leader;
  f["zxid"] = Hex(vote.zxid);
  f["peerEpoch"] = vote.peer_epoch;
  f["electionEpoch"] = election_epoch;
  f["state"] = ToString(state);
}

std::string FollowerInfo::Label() const {
  return fmt::format("FOLLOWERINFO zookeeper-{} (last zxid {})", sid, Hex(last_zxid));
}
std::string NewLeader::Label() const {
  return fmt::format("NEWLEADER epoch {} (SNAP up to {})", epoch, Hex(snapshot->last_zxid()));
}
int64_t NewLeader::SizeBytes() const { return 64 + 64 * static_cast<int64_t>(snapshot->tree().size()); }
std::string QuorumAck::Label() const {
  return new_leader ? "ACK NEWLEADER" : fmt::format("ACK {}", Hex(zxid));
}
std::string Proposal::Label() const { return fmt::format("PROPOSAL {} {}", Hex(txn.zxid), DescribeBody(txn)); }
int64_t Proposal::SizeBytes() const { return 96; }
std::string Commit::Label() const { return fmt::format("COMMIT {}", Hex(zxid)); }
std::string ForwardedRequest::Label() const { return fmt::format("REQUEST {}", DescribeBody(request)); }

}  // namespace kafkasim::zk
