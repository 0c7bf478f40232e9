#pragma once
// ZooKeeper's vocabulary: error codes, zxids, session ids, the Stat of a znode, create modes,
// the operations a client can ask for and their results. Values only; no behaviour beyond
// naming things the way ZooKeeper's own messages and tools name them.

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kafkasim::zk {

// org.apache.zookeeper.KeeperException.Code, with ZooKeeper's numeric values.
enum class ErrorCode : int32_t {
  kOk = 0,
  kSystemError = -1,
  kRuntimeInconsistency = -2,  // the ops after a failed op in a multi
  kConnectionLoss = -4,
  kBadArguments = -8,
  kNoNode = -101,
  kBadVersion = -103,
  kNoChildrenForEphemerals = -108,
  kNodeExists = -110,
  kNotEmpty = -111,
  kSessionExpired = -112,
};
// "NoNode", as in "KeeperErrorCode = NoNode for /brokers/ids/1".
std::string_view ToString(ErrorCode code);

// A zxid is the epoch of the leader that proposed the transaction (high 32 bits) and a
// counter within that epoch (low 32 bits); a new leader starts its epoch's counter again.
using Zxid = int64_t;
constexpr Zxid MakeZxid(int64_t epoch, int64_t counter) { return (epoch << 32) | counter; }
constexpr int64_t ZxidEpoch(Zxid zxid) { return zxid >> 32; }
// "0x100000002", as ZooKeeper prints zxids and session ids (Long.toHexString).
std::string Hex(int64_t value);

using SessionId = int64_t;  // 0 = no session (a persistent node's ephemeralOwner)

struct Stat {
  Zxid czxid = 0;
  Zxid mzxid = 0;
  Zxid pzxid = 0;
  int64_t ctime = 0;  // milliseconds since the epoch; the simulation starts at 0
  int64_t mtime = 0;
  int32_t version = 0;
  int32_t cversion = 0;
  int32_t aversion = 0;
  SessionId ephemeral_owner = 0;
  int32_t data_length = 0;
  int32_t num_children = 0;
  bool operator==(const Stat&) const = default;
};

enum class CreateMode { kPersistent, kEphemeral, kPersistentSequential, kEphemeralSequential };
inline bool IsEphemeral(CreateMode m) {
  return m == CreateMode::kEphemeral || m == CreateMode::kEphemeralSequential;
}
inline bool IsSequential(CreateMode m) {
  return m == CreateMode::kPersistentSequential || m == CreateMode::kEphemeralSequential;
}

// Watcher.Event.EventType, with ZooKeeper's numeric values.
enum class EventType : int32_t {
  kNone = -1,
  kNodeCreated = 1,
  kNodeDeleted = 2,
  kNodeDataChanged = 3,
  kNodeChildrenChanged = 4,
};
std::string_view ToString(EventType type);

// Watcher.Event.KeeperState, as a client sees its connection.
enum class KeeperState { kDisconnected, kSyncConnected, kExpired, kClosed };
std::string_view ToString(KeeperState state);

// --- operations ---
struct CreateOp {
  std::string path;
  std::string data;
  CreateMode mode = CreateMode::kPersistent;
};
struct DeleteOp {
  std::string path;
  int32_t version = -1;  // -1 matches any version
};
struct SetDataOp {
  std::string path;
  std::string data;
  int32_t version = -1;
};
struct CheckOp {  // only inside a multi: fails the multi unless the version matches
  std::string path;
  int32_t version = -1;
};
using MultiStep = std::variant<CreateOp, DeleteOp, SetDataOp, CheckOp>;
struct MultiOp {
  std::vector<MultiStep> steps;
};
struct GetDataOp {
  std::string path;
  bool watch = false;
};
struct ExistsOp {
  std::string path;
  bool watch = false;
};
struct GetChildrenOp {
  std::string path;
  bool watch = false;
};
struct CloseSessionOp {};

using Op = std::variant<CreateOp, DeleteOp, SetDataOp, MultiOp, GetDataOp, ExistsOp, GetChildrenOp,
                        CloseSessionOp>;
// Reads are answered by the server a client is connected to; everything else is a transaction
// that goes through the leader.
bool IsRead(const Op& op);
// ZooKeeper's request names: "create", "delete", "setData", "multi", "getData", "exists",
// "getChildren", "closeSession".
std::string_view OpName(const Op& op);
std::string OpPath(const Op& op);

struct OpResult {
  ErrorCode code = ErrorCode::kOk;
  std::string path;  // create: the name actually created (sequential nodes get a suffix)
  Stat stat;
  std::string data;
  std::vector<std::string> children;  // sorted
  std::vector<OpResult> steps;        // multi: one result per step
  bool ok() const { return code == ErrorCode::kOk; }
};

// What a transaction changed, for watches: a node created, deleted, or its data set.
struct Change {
  enum Kind { kCreated, kDeleted, kDataChanged } kind;
  std::string path;
};

}  // namespace kafkasim::zk
