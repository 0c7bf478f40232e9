#include "sim/zookeeper/znode_tree.h"

#include <algorithm>
#include <cassert>
#include <optional>

#include <fmt/format.h>

namespace kafkasim::zk {

std::string ParentPath(std::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == 0 || slash == std::string_view::npos) return "/";
  return std::string(path.substr(0, slash));
}

std::string InvalidPathReason(std::string_view path) {
  if (path.empty()) return "Path length must be > 0";
  if (path[0] != '/') return "Path must start with / character";
  if (path.size() == 1) return "";
  if (path.back() == '/') return "Path must not end with / character";
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(start, end - start);
    if (part.empty()) return fmt::format("empty node name specified @{}", start);
    if (part == "." || part == "..") return fmt::format("relative paths not allowed @{}", start);
    start = end + 1;
  }
  return "";
}

namespace {

std::string ChildName(std::string_view path) { return std::string(path.substr(path.rfind('/') + 1)); }

bool VersionMatches(int32_t wanted, int32_t actual) { return wanted == -1 || wanted == actual; }

OpResult Error(ErrorCode code) { return OpResult{.code = code}; }

}  // namespace

ZnodeTree::ZnodeTree() {
  nodes_["/"].children = {"zookeeper"};
  nodes_["/"].stat.num_children = 1;
  nodes_["/zookeeper"].children = {"config", "quota"};
  nodes_["/zookeeper"].stat.num_children = 2;
  nodes_["/zookeeper/config"];
  nodes_["/zookeeper/quota"];
}

const Znode* ZnodeTree::Find(std::string_view path) const {
  auto it = nodes_.find(path);
  return it == nodes_.end() ? nullptr : &it->second;
}

OpResult ZnodeTree::Create(const CreateOp& op, const TxnContext& txn, std::vector<Change>& changes) {
  if (!InvalidPathReason(op.path).empty() || op.path == "/") return Error(ErrorCode::kBadArguments);
  const std::string parent_path = ParentPath(op.path);
  auto parent = nodes_.find(parent_path);
  if (parent == nodes_.end()) return Error(ErrorCode::kNoNode);
  if (parent->second.stat.ephemeral_owner != 0) return Error(ErrorCode::kNoChildrenForEphemerals);
  std::string path = op.path;
  if (IsSequential(op.mode)) path += fmt::format("{:010d}", parent->second.stat.cversion);
  if (nodes_.contains(path)) return Error(ErrorCode::kNodeExists);

  Znode node{.data = op.data};
  node.stat = Stat{.czxid = txn.zxid, .mzxid = txn.zxid, .pzxid = txn.zxid, .ctime = txn.time_ms,
                   .mtime = txn.time_ms, .data_length = static_cast<int32_t>(op.data.size())};
  if (IsEphemeral(op.mode)) {
    assert(txn.session != 0 && "an ephemeral node needs the session that owns it");
    node.stat.ephemeral_owner = txn.session;
    ephemerals_[txn.session].insert(path);
  }
  Stat& ps = parent->second.stat;
  parent->second.children.insert(ChildName(path));
  ps.cversion += 1;
  ps.pzxid = txn.zxid;
  ps.num_children = static_cast<int32_t>(parent->second.children.size());
  nodes_.emplace(path, std::move(node));
  changes.push_back({Change::kCreated, path});
  return OpResult{.path = path, .stat = nodes_.at(path).stat};
}

OpResult ZnodeTree::Delete(const DeleteOp& op, const TxnContext& txn, std::vector<Change>& changes) {
  if (!InvalidPathReason(op.path).empty() || op.path == "/") return Error(ErrorCode::kBadArguments);
  auto it = nodes_.find(op.path);
  if (it == nodes_.end()) return Error(ErrorCode::kNoNode);
  if (!VersionMatches(op.version, it->second.stat.version)) return Error(ErrorCode::kBadVersion);
  if (!it->second.children.empty()) return Error(ErrorCode::kNotEmpty);
  if (const SessionId owner = it->second.stat.ephemeral_owner; owner != 0) {
    auto e = ephemerals_.find(owner);
    e->second.erase(op.path);
    if (e->second.empty()) ephemerals_.erase(e);
  }
  nodes_.erase(it);
  Znode& parent = nodes_.at(ParentPath(op.path));
  parent.children.erase(ChildName(op.path));
  parent.stat.cversion += 1;
  parent.stat.pzxid = txn.zxid;
  parent.stat.num_children = static_cast<int32_t>(parent.children.size());
  changes.push_back({Change::kDeleted, op.path});
  return OpResult{.path = op.path};
}

OpResult ZnodeTree::SetData(const SetDataOp& op, const TxnContext& txn, std::vector<Change>& changes) {
  auto it = nodes_.find(op.path);
  if (it == nodes_.end()) return Error(ErrorCode::kNoNode);
  Stat& stat = it->second.stat;
  if (!VersionMatches(op.version, stat.version)) return Error(ErrorCode::kBadVersion);
  it->second.data = op.data;
  stat.version += 1;
  stat.mzxid = txn.zxid;
  stat.mtime = txn.time_ms;
  stat.data_length = static_cast<int32_t>(op.data.size());
  changes.push_back({Change::kDataChanged, op.path});
  return OpResult{.path = op.path, .stat = stat};
}

OpResult ZnodeTree::Check(const CheckOp& op) const {
  const Znode* node = Find(op.path);
  if (node == nullptr) return Error(ErrorCode::kNoNode);
  if (!VersionMatches(op.version, node->stat.version)) return Error(ErrorCode::kBadVersion);
  return OpResult{.path = op.path};
}

void ZnodeTree::Save(std::vector<Saved>& undo, const std::string& path) const {
  auto it = nodes_.find(path);
  undo.push_back(Saved{path, it == nodes_.end() ? std::nullopt : std::optional<Znode>(it->second)});
}

void ZnodeTree::Restore(const std::string& path, const std::optional<Znode>& node) {
  if (auto it = nodes_.find(path); it != nodes_.end() && it->second.stat.ephemeral_owner != 0) {
    auto e = ephemerals_.find(it->second.stat.ephemeral_owner);
    e->second.erase(path);
    if (e->second.empty()) ephemerals_.erase(e);
  }
  if (!node) {
    nodes_.erase(path);
    return;
  }
  nodes_[path] = *node;
  if (node->stat.ephemeral_owner != 0) ephemerals_[node->stat.ephemeral_owner].insert(path);
}

OpResult ZnodeTree::ApplyStep(const MultiStep& step, const TxnContext& txn,
                              std::vector<Change>& changes, std::vector<Saved>& undo) {
  return std::visit(
      [&](const auto& op) -> OpResult {
        using T = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<T, CheckOp>) {
          return Check(op);
        } else {
          // A sequential create names its node from the parent's cversion; the parent is saved
          // first, the node itself is saved under the name the create will pick.
          const std::string parent = ParentPath(op.path);
          std::string path = op.path;
          if constexpr (std::is_same_v<T, CreateOp>) {
            if (IsSequential(op.mode)) {
              if (const Znode* p = Find(parent)) path += fmt::format("{:010d}", p->stat.cversion);
            }
          }
          Save(undo, path);
          if (parent != path) Save(undo, parent);
          if constexpr (std::is_same_v<T, CreateOp>) return Create(op, txn, changes);
          if constexpr (std::is_same_v<T, DeleteOp>) return Delete(op, txn, changes);
          if constexpr (std::is_same_v<T, SetDataOp>) return SetData(op, txn, changes);
        }
      },
      step);
}

OpResult ZnodeTree::Multi(const MultiOp& op, const TxnContext& txn, std::vector<Change>& changes) {
  std::vector<Saved> undo;
  std::vector<Change> pending;
  OpResult result;
  size_t failed = op.steps.size();
  for (size_t i = 0; i < op.steps.size(); ++i) {
    result.steps.push_back(ApplyStep(op.steps[i], txn, pending, undo));
    if (!result.steps.back().ok()) {
      failed = i;
      break;
    }
  }
  if (failed == op.steps.size()) {
    changes.insert(changes.end(), pending.begin(), pending.end());
    return result;
  }
  for (auto it = undo.rbegin(); it != undo.rend(); ++it) Restore(it->path, it->node);
  result.code = result.steps[failed].code;
  for (size_t i = 0; i < op.steps.size(); ++i) {
    if (i < failed) result.steps[i] = OpResult{.code = ErrorCode::kOk};
    if (i > failed) result.steps.push_back(OpResult{.code = ErrorCode::kRuntimeInconsistency});
  }
  return result;
}

std::vector<std::string> ZnodeTree::DeleteEphemerals(SessionId session, const TxnContext& txn,
                                                     std::vector<Change>& changes) {
  std::vector<std::string> paths = EphemeralsOf(session);
  // Ephemeral nodes have no children, so any order works; deepest first keeps that obvious.
  for (auto it = paths.rbegin(); it != paths.rend(); ++it) {
    const OpResult r = Delete(DeleteOp{.path = *it}, txn, changes);
    assert(r.ok() && "an ephemeral node can always be deleted: it has no children");
    (void)r;
  }
  return paths;
}

std::vector<std::string> ZnodeTree::EphemeralsOf(SessionId session) const {
  auto it = ephemerals_.find(session);
  if (it == ephemerals_.end()) return {};
  return {it->second.begin(), it->second.end()};
}

OpResult ZnodeTree::GetData(std::string_view path) const {
  const Znode* node = Find(path);
  if (node == nullptr) return Error(ErrorCode::kNoNode);
  return OpResult{.path = std::string(path), .stat = node->stat, .data = node->data};
}

OpResult ZnodeTree::Exists(std::string_view path) const {
  const Znode* node = Find(path);
  if (node == nullptr) return Error(ErrorCode::kNoNode);
  return OpResult{.path = std::string(path), .stat = node->stat};
}

OpResult ZnodeTree::GetChildren(std::string_view path) const {
  const Znode* node = Find(path);
  if (node == nullptr) return Error(ErrorCode::kNoNode);
  return OpResult{.path = std::string(path), .stat = node->stat,
                  .children = {node->children.begin(), node->children.end()}};
}

}  // namespace kafkasim::zk
