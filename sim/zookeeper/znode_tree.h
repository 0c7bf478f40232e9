#pragma once
// ZooKeeper's data tree (org.apache.zookeeper.server.DataTree): znodes by path, each with its
// data, its Stat and its sorted children. Every server of an ensemble holds one and applies the
// same committed transactions to it in zxid order, so every tree goes through the same states.
//
// Rules kept from ZooKeeper:
//  - a node's parent must exist (NoNode) and must not be ephemeral (NoChildrenForEphemerals);
//  - a sequential node's name is the requested path plus the parent's cversion, zero-padded to
//    ten digits ("%010d" in PrepRequestProcessor), taken before the create bumps it;
//  - creating or deleting a child bumps the parent's cversion and sets its pzxid;
//  - a conditional setData/delete/check passes when the version is -1 or equals the node's;
//  - a node with children cannot be deleted (NotEmpty);
//  - a multi is all or nothing: if a step fails, the steps before it report OK, the failed one
//    its error, the ones after it RuntimeInconsistency, and the tree is as before the multi.
// The tree starts with /zookeeper, /zookeeper/config and /zookeeper/quota, as ZooKeeper's does.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/zookeeper/zk_types.h"

namespace kafkasim::zk {

struct Znode {
  std::string data;
  Stat stat;
  std::set<std::string> children;  // names, not paths; sorted like `ls` prints them
};

// Who writes and when: the transaction a change belongs to.
struct TxnContext {
  Zxid zxid = 0;
  int64_t time_ms = 0;
  SessionId session = 0;
};

class ZnodeTree {
 public:
  ZnodeTree();

  // Writes. Changes for watches are appended to `changes` (only when the write succeeded).
  OpResult Create(const CreateOp& op, const TxnContext& txn, std::vector<Change>& changes);
  OpResult Delete(const DeleteOp& op, const TxnContext& txn, std::vector<Change>& changes);
  OpResult SetData(const SetDataOp& op, const TxnContext& txn, std::vector<Change>& changes);
  OpResult Check(const CheckOp& op) const;
  OpResult Multi(const MultiOp& op, const TxnContext& txn, std::vector<Change>& changes);
  // Deletes every ephemeral node `session` owns (deepest first); returns their paths, sorted.
  std::vector<std::string> DeleteEphemerals(SessionId session, const TxnContext& txn,
                                            std::vector<Change>& changes);

  // Reads.
  const Znode* Find(std::string_view path) const;
  OpResult GetData(std::string_view path) const;
  OpResult Exists(std::string_view path) const;
  OpResult GetChildren(std::string_view path) const;
  std::vector<std::string> EphemeralsOf(SessionId session) const;
  size_t size() const { return nodes_.size(); }

 private:
  struct Saved {
    std::string path;
    std::optional<Znode> node;
  };
  OpResult ApplyStep(const MultiStep& step, const TxnContext& txn, std::vector<Change>& changes,
                     std::vector<Saved>& undo);
  void Save(std::vector<Saved>& undo, const std::string& path) const;
  // Puts `node` (or its absence) at `path`, keeping the ephemeral index right.
  void Restore(const std::string& path, const std::optional<Znode>& node);

  std::map<std::string, Znode, std::less<>> nodes_;
  std::map<SessionId, std::set<std::string>> ephemerals_;
};

// "/a/b" → "/a"; "/a" → "/".
std::string ParentPath(std::string_view path);
// ZooKeeper's PathUtils.validatePath: absolute, no empty, "." or ".." components, no trailing
// slash except for "/" itself. Returns the reason a path is invalid, or empty when it is valid.
std::string InvalidPathReason(std::string_view path);

}  // namespace kafkasim::zk
