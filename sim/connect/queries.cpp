// The `expect` queries about Kafka Connect:
//   connector NAME state        → UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED or RESTARTING
//   task NAME ID state          → the same, for task ID of connector NAME
//   task NAME ID worker         → the worker the status API reports it on ("localhost:8085")
//   file PATH lines             → how many lines a real file has (0 when it does not exist)
//   file PATH last-line         → its last line
// NAME is looked up on the running workers; a connector nobody runs is an error that lists the
// ones that exist. In distributed mode the answer is what the status topic says, as GET
// .../status would: a task of a crashed worker stays RUNNING on it until it is reassigned.

#include <fstream>

#include <fmt/format.h>

#include "sim/connect/commands.h"
#include "sim/connect/connect_part.h"
#include "sim/script/session.h"

namespace kafkasim {
namespace {

const Herder* WorkerOf(Session& s, const std::string& connector, std::vector<std::string>* known) {
  auto& part = s.part<ConnectPart>();
  for (const auto& [name, node] : part.workers()) {
    const Herder* w = part.Running(node);
    if (w == nullptr) continue;
    if (w->Has(connector)) return w;
    for (const std::string& c : w->ConnectorNames()) known->push_back(c);
  }
  return nullptr;
}

QueryError NoConnector(const std::string& name, std::vector<std::string> known) {
  std::sort(known.begin(), known.end());
  return QueryError{fmt::format("no connector named '{}' on a running worker (connectors: {})", name,
                                known.empty() ? std::string("none") : fmt::format("{}", fmt::join(known, ", ")))};
}

QueryResult ConnectorQuery(Session& s, const std::vector<std::string>& a) {
  if (a[1] != "state") return QueryError{fmt::format("unknown property '{}': try state", a[1])};
  std::vector<std::string> known;
  const Herder* w = WorkerOf(s, a[0], &known);
  if (w == nullptr) return NoConnector(a[0], known);
  auto state = w->ConnectorStateOf(a[0]);
  if (!state) return QueryError{fmt::format("no status found for connector {}", a[0])};
  return std::string(ToString(*state));
}

QueryResult TaskQuery(Session& s, const std::vector<std::string>& a) {
  if (a[2] != "state" && a[2] != "worker") {
    return QueryError{fmt::format("unknown property '{}': try state or worker", a[2])};
  }
  const std::string& id = a[1];
  if (id.empty() || id.size() > 9 || !std::all_of(id.begin(), id.end(), ::isdigit)) {
    return QueryError{fmt::format("'{}' is not a task id (0, 1, ...)", id)};
  }
  std::vector<std::string> known;
  const Herder* w = WorkerOf(s, a[0], &known);
  if (w == nullptr) return NoConnector(a[0], known);
  auto state = w->TaskStateOf(a[0], std::stoi(id));
  if (!state) return QueryError{fmt::format("connector {} has no task {}", a[0], id)};
  if (a[2] == "worker") return *w->TaskWorkerOf(a[0], std::stoi(id));
  return std::string(ToString(*state));
}

QueryResult FileQuery(Session&, const std::vector<std::string>& a) {
  std::ifstream in(a[0], std::ios::binary);
  std::vector<std::string> lines;
  std::string line;
  while (in && std::getline(in, line)) lines.push_back(line);
  if (a[1] == "lines") return std::to_string(lines.size());
  if (a[1] == "last-line") {
    if (lines.empty()) return QueryError{fmt::format("{} has no lines", a[0])};
    return lines.back();
  }
  return QueryError{fmt::format("unknown property '{}': try lines or last-line", a[1])};
}

}  // namespace

void RegisterConnectQueries(Session& session) {
  session.queries().Register({.name = "connector", .usage = "connector NAME state", .arguments = 2,
                              .evaluate = ConnectorQuery});
  session.queries().Register({.name = "task", .usage = "task CONNECTOR ID state|worker", .arguments = 3,
                              .evaluate = TaskQuery});
  session.queries().Register({.name = "file", .usage = "file PATH lines|last-line", .arguments = 2,
                              .evaluate = FileQuery});
}

}  // namespace kafkasim
