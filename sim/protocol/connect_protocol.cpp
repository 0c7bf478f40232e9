#include "sim/protocol/connect_protocol.h"

#include <map>

#include "sim/protocol/wire_codec.h"

namespace kafkasim {
namespace {

constexpr int32_t kConnectorTask = -1;  // ConnectProtocol.CONNECTOR_TASK

void WriteConnectorTaskArray(ByteWriter& w, const ConnectorsAndTasks& a) {
  std::map<std::string, std::vector<int32_t>> by_connector;
  for (const std::string& c : a.connectors) by_connector[c].push_back(kConnectorTask);
  for (const ConnectorTaskId& t : a.tasks) by_connector[t.connector].push_back(t.task);
  w.Int32(static_cast<int32_t>(by_connector.size()));
  for (const auto& [connector, tasks] : by_connector) {
    w.String(connector);
    w.Int32(static_cast<int32_t>(tasks.size()));
    for (int32_t t : tasks) w.Int32(t);
  }
}

ConnectorsAndTasks ReadConnectorTaskArray(ByteReader& r) {
  ConnectorsAndTasks out;
  const int32_t n = r.Int32();
  if (n == -1) return out;  // a null array
  for (int32_t i = 0; i < n && r.ok(); ++i) {
    std::string connector = r.String();
    const int32_t tasks = r.ArrayCount();
    for (int32_t j = 0; j < tasks && r.ok(); ++j) {
      const int32_t t = r.Int32();
      if (t == kConnectorTask) {
        out.connectors.push_back(connector);
      } else {
        out.tasks.push_back({connector, t});
      }
    }
  }
  return out;
}

}  // namespace

std::string EncodeConnectAssignment(const ConnectAssignment& a) {
  ByteWriter w;
  w.Int16(a.version).Int16(a.error).String(a.leader).String(a.leader_url).Int64(a.config_offset);
  WriteConnectorTaskArray(w, a.assigned);
  WriteConnectorTaskArray(w, a.revoked);
  w.Int32(static_cast<int32_t>(a.delay.millis()));
  return w.Take();
}

std::optional<ConnectAssignment> DecodeConnectAssignment(std::string_view bytes) {
  ByteReader r(bytes);
  ConnectAssignment a;
  a.version = r.Int16();
  a.error = r.Int16();
  a.leader = r.String();
  a.leader_url = r.String();
  a.config_offset = r.Int64();
  a.assigned = ReadConnectorTaskArray(r);
  a.revoked = ReadConnectorTaskArray(r);
  a.delay = Duration::Millis(r.Int32());
  if (!r.ok() || !r.at_end() || a.version < kConnectProtocolV1) return std::nullopt;
  return a;
}

std::string EncodeConnectMetadata(const ConnectWorkerState& s) {
  ByteWriter w;
  w.Int16(s.version).String(s.url).Int64(s.config_offset);
  if (s.running.empty()) {
    w.Int32(-1);  // null allocation: Kafka serializes an empty assignment as null
  } else {
    // The allocation is an assignment of the same version whose lists are what the worker runs.
    ConnectAssignment held{.version = s.version, .config_offset = s.config_offset, .assigned = s.running};
    w.Bytes(EncodeConnectAssignment(held));
  }
  return w.Take();
}

std::optional<ConnectWorkerState> DecodeConnectMetadata(std::string_view bytes) {
  ByteReader r(bytes);
  ConnectWorkerState s;
  s.version = r.Int16();
  s.url = r.String();
  s.config_offset = r.Int64();
  const int32_t length = r.Int32();
  if (!r.ok() || s.version < kConnectProtocolV1) return std::nullopt;
  if (length == -1) return r.at_end() ? std::optional(s) : std::nullopt;
  // version, url, config offset, the allocation's length: then exactly `length` bytes.
  const size_t consumed = sizeof(int16_t) + sizeof(int16_t) + s.url.size() + sizeof(int64_t) + sizeof(int32_t);
  if (length < 0 || consumed + static_cast<size_t>(length) != bytes.size()) return std::nullopt;
  auto held = DecodeConnectAssignment(bytes.substr(consumed));
  if (!held) return std::nullopt;
  s.running = held->assigned;
  return s;
}

}  // namespace kafkasim
