#pragma once
// What a ZooKeeper server keeps on disk (ZKDatabase: the snapshot plus the transaction log,
// replayed): the data tree, the sessions, the last committed zxid, and the epochs Zab needs.
// It lives on the Node's durable side, so a crashed server restarts with everything it had
// committed. Every server applies the same committed transactions in zxid order.

#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "sim/core/time.h"
#include "sim/zookeeper/znode_tree.h"

namespace kafkasim::zk {

struct SessionInfo {
  Duration timeout;
  std::string owner;  // the client node's name, for narration (ZooKeeper itself does not know)
};

struct CreateSessionTxn {
  SessionId session = 0;
  Duration timeout;
  std::string owner;
};

// A committed change: who asked (the session), what (a session's birth, or an operation, of
// which closeSession ends a session and its ephemeral nodes), and the zxid the leader gave it.
struct Txn {
  Zxid zxid = 0;
  int64_t time_ms = 0;
  SessionId session = 0;
  std::variant<CreateSessionTxn, Op> body;
  // Where to answer once committed: the server the client is connected to, the client, and
  // the request's number. Only that server answers.
  int origin_server = -1;
  uint32_t origin_client = UINT32_MAX;
  int32_t xid = 0;
};

struct TxnOutcome {
  OpResult result;
  std::vector<Change> changes;
  std::vector<std::string> deleted_ephemerals;  // when a session closed or expired
};

class ZkDatabase {
 public:
  TxnOutcome Apply(const Txn& txn);

  const ZnodeTree& tree() const { return tree_; }
  const std::map<SessionId, SessionInfo>& sessions() const { return sessions_; }
  Zxid last_zxid() const { return last_zxid_; }
  // Zab's two epochs (acceptedEpoch and currentEpoch files in dataDir): the epoch a server
  // promised to follow, and the epoch of the leader whose history it holds.
  int64_t accepted_epoch = 0;
  int64_t current_epoch = 0;

 private:
  ZnodeTree tree_;
  std::map<SessionId, SessionInfo> sessions_;
  Zxid last_zxid_ = 0;
};

}  // namespace kafkasim::zk
