#include "sim/connect/connect_leader_assignment.h"

#include <algorithm>

namespace kafkasim {

ConnectLeaderResult PerformConnectLeaderAssignment(IncrementalCooperativeAssignor& assignor, const ConnectLeaderInput& in) {
  ConnectLeaderResult out;
  const int16_t version = in.protocol == "sessioned" ? kConnectProtocolV2 : kConnectProtocolV1;
  WorkerAssignments running;
  for (const JoinGroupMember& m : in.members) {
    auto state = DecodeConnectMetadata(m.metadata);
    if (!state) {
      out.error = "Error reading connect worker metadata of member " + m.member_id;
      return out;
    }
    out.max_offset = std::max(out.max_offset, state->config_offset);
    out.urls[m.member_id] = state->url;
    running[m.member_id] = state->running;
  }
  auto leader_url = out.urls.find(in.leader_id);
  if (leader_url == out.urls.end()) {
    out.error = "the leader " + in.leader_id + " is not among the members";
    return out;
  }
  out.config_mismatch = in.leader_config_offset < out.max_offset;
  if (!out.config_mismatch) {
    out.cluster = assignor.PerformTaskAssignment(in.now, in.configured_tasks, in.last_completed_generation,
                                                 in.generation, running);
  }
  for (const auto& [member, held] : running) {
    ConnectAssignment a{.version = version,
                        .error = out.config_mismatch ? ConnectAssignment::kConfigMismatch : ConnectAssignment::kNoError,
                        .leader = in.leader_id,
                        .leader_url = leader_url->second,
                        .config_offset = out.max_offset};
    if (!out.config_mismatch) {
      a.assigned = out.cluster.newly_assigned[member];
      if (auto r = out.cluster.newly_revoked.find(member); r != out.cluster.newly_revoked.end()) a.revoked = r->second;
      a.delay = out.cluster.delay;
    }
    out.assignments.push_back({member, EncodeConnectAssignment(a)});
    out.decoded[member] = std::move(a);
  }
  return out;
}

}  // namespace kafkasim
