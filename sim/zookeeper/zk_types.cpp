#include "sim/zookeeper/zk_types.h"

#include <fmt/format.h>

namespace kafkasim::zk {

std::string_view ToString(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "OK";
    case ErrorCode::kSystemError: return "SystemError";
    case ErrorCode::kRuntimeInconsistency: return "RuntimeInconsistency";
    case ErrorCode::kConnectionLoss: return "ConnectionLoss";
    case ErrorCode::kBadArguments: return "BadArguments";
    case ErrorCode::kNoNode: return "NoNode";
    case ErrorCode::kBadVersion: return "BadVersion";
    case ErrorCode::kNoChildrenForEphemerals: return "NoChildrenForEphemerals";
    case ErrorCode::kNodeExists: return "NodeExists";
    case ErrorCode::kNotEmpty: return "Directory not empty";  // KeeperException's own wording
    case ErrorCode::kSessionExpired: return "Session expired";
  }
  return "Unknown";
}

std::string Hex(int64_t value) { return fmt::format("0x{:x}", static_cast<uint64_t>(value)); }

std::string_view ToString(EventType type) {
  switch (type) {
    case EventType::kNone: return "None";
    case EventType::kNodeCreated: return "NodeCreated";
    case EventType::kNodeDeleted: return "NodeDeleted";
    case EventType::kNodeDataChanged: return "NodeDataChanged";
    case EventType::kNodeChildrenChanged: return "NodeChildrenChanged";
  }
  return "None";
}

std::string_view ToString(KeeperState state) {
  switch (state) {
    case KeeperState::kDisconnected: return "Disconnected";
    case KeeperState::kSyncConnected: return "SyncConnected";
    case KeeperState::kExpired: return "Expired";
    case KeeperState::kClosed: return "Closed";
  }
  return "Disconnected";
}

bool IsRead(const Op& op) {
  return std::holds_alternative<GetDataOp>(op) || std::holds_alternative<ExistsOp>(op) ||
         std::holds_alternative<GetChildrenOp>(op);
}

std::string_view OpName(const Op& op) {
  constexpr std::string_view kNames[] = {"create",  "delete", "setData",     "multi",
                                         "getData", "exists", "getChildren", "closeSession"};
  static_assert(std::size(kNames) == std::variant_size_v<Op>);
  return kNames[op.index()];
}

std::string OpPath(const Op& op) {
  return std::visit(
      [](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, MultiOp>) {
          return o.steps.empty() ? "" : std::visit([](const auto& s) { return s.path; }, o.steps[0]);
        } else if constexpr (std::is_same_v<T, CloseSessionOp>) {
          return "";
        } else {
          return o.path;
        }
      },
      op);
}

}  // namespace kafkasim::zk
