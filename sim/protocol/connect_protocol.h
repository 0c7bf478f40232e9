#pragma once
// The Connect worker group's embedded protocol inside JoinGroup and SyncGroup (Kafka 3.7
// ConnectProtocol and IncrementalCooperativeConnectProtocol): opaque bytes to the broker's group
// coordinator, read only by the workers. Protocol names, best first: "sessioned" (version 2,
// KIP-507, the 3.7 default), "compatible" (version 1, KIP-415 incremental cooperative), "default"
// (version 0, eager; not modelled beyond its name).
//
//   metadata (JoinGroup)   version INT16, url STRING, config_offset INT64,
//                          allocation NULLABLE_BYTES = the member's current assignment, serialized
//                          as below (null when it runs nothing)
//   assignment (SyncGroup) version INT16, error INT16 (0 NO_ERROR, 1 CONFIG_MISMATCH),
//                          leader STRING, leader_url STRING, config_offset INT64,
//                          assignment [connector STRING, tasks [INT32]],
//                          revoked [connector STRING, tasks [INT32]], delay INT32
//
// In the arrays a connector itself is the task number -1 (CONNECTOR_TASK), so a connector and its
// tasks share one entry. Entries are in connector order (Kafka's HashMap order differs; only the
// decoded sets matter to a worker).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/protocol/connect_assignment.h"

namespace kafkasim {

inline constexpr int16_t kConnectProtocolV1 = 1;  // compatible
inline constexpr int16_t kConnectProtocolV2 = 2;  // sessioned

struct ConnectAssignment {
  enum Error : int16_t { kNoError = 0, kConfigMismatch = 1 };
  int16_t version = kConnectProtocolV2;
  int16_t error = kNoError;
  std::string leader;      // the leader's member id
  std::string leader_url;  // its REST URL: where followers forward writes
  int64_t config_offset = -1;
  ConnectorsAndTasks assigned;
  ConnectorsAndTasks revoked;
  Duration delay;  // scheduled.rebalance.max.delay.ms still to wait (ms precision)
  bool operator==(const ConnectAssignment&) const = default;
};

struct ConnectWorkerState {
  int16_t version = kConnectProtocolV2;
  std::string url;  // this worker's REST URL ("http://localhost:8083/")
  int64_t config_offset = -1;  // how far it has read the config topic
  ConnectorsAndTasks running;  // its current assignment (what it runs)
  bool operator==(const ConnectWorkerState&) const = default;
};

std::string EncodeConnectMetadata(const ConnectWorkerState& s);
std::string EncodeConnectAssignment(const ConnectAssignment& a);
// Nullopt for malformed bytes.
std::optional<ConnectWorkerState> DecodeConnectMetadata(std::string_view bytes);
std::optional<ConnectAssignment> DecodeConnectAssignment(std::string_view bytes);

}  // namespace kafkasim
