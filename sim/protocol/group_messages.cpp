// Labels of the group protocol's messages: what the visualizer writes on a packet
// ("JoinGroup billing", "SyncGroup gen 3", "Heartbeat REBALANCE_IN_PROGRESS").

#include <fmt/format.h>

#include "sim/protocol/group_requests.h"

namespace kafkasim {
namespace {

std::string WithError(std::string_view type, ErrorCode error, std::string ok) {
  if (error != ErrorCode::kNone) return fmt::format("{} {}", type, ToString(error));
  return ok;
}

}  // namespace

std::string FindCoordinatorResponse::Label() const {
  return WithError(Type(), error, fmt::format("FindCoordinator → broker {}", node_id.value()));
}

std::string JoinGroupRequest::Label() const {
  return member_id.empty() ? fmt::format("JoinGroup {}", group_id) : fmt::format("JoinGroup {} {}", group_id, member_id);
}

std::string JoinGroupResponse::Label() const {
  return WithError(Type(), error,
                   fmt::format("JoinGroup gen {}{}", generation_id, members.empty() ? "" : " (leader)"));
}

std::string SyncGroupRequest::Label() const {
  return assignments.empty() ? fmt::format("SyncGroup gen {}", generation_id)
                             : fmt::format("SyncGroup gen {} ×{} assignments", generation_id, assignments.size());
}

std::string SyncGroupResponse::Label() const { return WithError(Type(), error, "SyncGroup"); }

std::string HeartbeatResponse::Label() const { return WithError(Type(), error, "Heartbeat"); }

std::string OffsetCommitRequest::Label() const {
  if (offsets.size() == 1) {
    const auto& [tp, o] = *offsets.begin();
    return fmt::format("OffsetCommit {} @{}", ToString(tp), o.offset);
  }
  return fmt::format("OffsetCommit ×{}", offsets.size());
}

std::string OffsetCommitResponse::Label() const {
  for (const auto& [tp, e] : partitions) {
    if (e != ErrorCode::kNone) return fmt::format("OffsetCommit {}", ToString(e));
  }
  return "OffsetCommit";
}

}  // namespace kafkasim
