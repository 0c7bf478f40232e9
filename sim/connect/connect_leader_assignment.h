#pragma once
// What the Connect group's leader does with the JoinGroup answer (Kafka 3.7
// IncrementalCooperativeAssignor.performAssignment): decode every member's metadata, take the
// highest config offset any member has read, and
//   - when the leader itself has read less than that, answer CONFIG_MISMATCH to everyone with
//     no assignment: they rejoin once the leader has caught up (ensureLeaderConfig);
//   - otherwise run the assignor over the members' current assignments and encode each member's
//     part: what to start, what to revoke, the leader's id and URL (where followers forward REST
//     writes), the config offset the assignment was computed at, and the scheduled delay.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/protocol/connect_protocol.h"
#include "sim/connect/incremental_cooperative_assignor.h"
#include "sim/protocol/group_requests.h"

namespace kafkasim {

struct ConnectLeaderInput {
  std::string leader_id;
  std::string protocol;  // the group's chosen protocol: "sessioned" or "compatible"
  std::vector<JoinGroupMember> members;
  int64_t leader_config_offset = -1;               // how far the leader has read the config topic
  std::map<std::string, int32_t> configured_tasks;  // its snapshot: connector → task count
  int32_t last_completed_generation = -1;
  int32_t generation = -1;
  Time now;
};

struct ConnectLeaderResult {
  std::vector<SyncGroupAssignment> assignments;  // one per member, in member id order
  std::map<std::string, ConnectAssignment> decoded;  // the same, readable (for narration)
  std::map<std::string, std::string> urls;         // member id → its REST URL
  ConnectClusterAssignment cluster;  // empty on a config mismatch
  bool config_mismatch = false;
  int64_t max_offset = -1;
  std::string error;  // a member's metadata could not be read (Kafka's SchemaException)
};

ConnectLeaderResult PerformConnectLeaderAssignment(IncrementalCooperativeAssignor& assignor, const ConnectLeaderInput& in);

}  // namespace kafkasim
