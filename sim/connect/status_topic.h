#pragma once
// The status topic of a distributed Connect cluster (Kafka 3.7 KafkaStatusBackingStore): every
// worker writes the states of the connectors and tasks it runs, and reads everyone's, so that any
// worker answers GET /connectors/{c}/status.
//
//   status-connector-<c>    {"state":"RUNNING","trace":null,"worker_id":"localhost:8083","generation":5}
//   status-task-<c>-<n>     the same fields; null: the status is gone (its connector was deleted)
//
// The generation is the worker group's generation the writer was in. Two rules keep a stale
// writer from hiding a newer state:
//   write (putSafe): a worker does not overwrite a status another worker wrote in a newer
//     generation (CacheEntry.canWriteSafely) — a worker whose task was moved away does not
//     report it UNASSIGNED over its new owner's RUNNING;
//   read (KAFKA-12525): an UNASSIGNED task status of an older generation than the RUNNING one
//     already read is ignored.
// A worker that crashes writes nothing: its tasks keep their last status (RUNNING, with the dead
// worker's id) until another worker starts them; a worker that stops cleanly writes UNASSIGNED.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "sim/protocol/connect_assignment.h"
#include "sim/connect/connect_state.h"

namespace kafkasim {

struct ConnectStatusEntry {
  ConnectState state = ConnectState::kUnassigned;
  std::string trace;  // empty: null
  std::string worker_id;
  int32_t generation = -1;
  bool operator==(const ConnectStatusEntry&) const = default;
};

std::string ConnectorStatusKey(const std::string& connector);
std::string TaskStatusKey(const ConnectorTaskId& task);
std::string EncodeStatusValue(const ConnectStatusEntry& s);
std::optional<ConnectStatusEntry> DecodeStatusValue(const std::string& value);

class StatusStore {
 public:
  // putSafe: whether the write may go out (and then it is cached as written).
  bool CanWriteSafely(const std::string& key, const ConnectStatusEntry& s) const;
  // A record read back from the topic; nullopt value: a tombstone. Returns whether it changed
  // the cached status.
  bool Read(const std::string& key, const std::optional<std::string>& value);

  std::optional<ConnectStatusEntry> connector(const std::string& c) const;
  std::optional<ConnectStatusEntry> task(const ConnectorTaskId& t) const;

 private:
  std::map<std::string, ConnectStatusEntry> statuses_;  // by record key
};

}  // namespace kafkasim
