#pragma once
// How `connect-standalone.sh` and `connect-distributed.sh` run in the command language: the real
// scripts run until stopped; in kafkasim the command completes once the worker is up (its REST API
// answers), printing Kafka's "Kafka Connect started" line, so the next line of a scenario can use
// it; -daemon returns at once. A worker that cannot start ends the command with exit code 1 and
// Kafka's error.

#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "sim/connect/connect_part.h"
#include "sim/script/command.h"

namespace kafkasim {

// The command line both scripts take: [-daemon] and file names (--help is the caller's). Throws
// UsageError (with `usage`) for another option or no file.
struct WorkerArgs {
  bool daemon = false;
  std::vector<std::string> files;
};
WorkerArgs ParseWorkerArgs(const std::vector<std::string>& args, const std::string& usage);

class WorkerInvocation : public Invocation {
 public:
  // `start` starts the worker: its node, or the error it dies with.
  using StartFn = std::function<std::variant<NodeId, std::string>(ConnectPart&)>;
  WorkerInvocation(StartFn start, bool daemon, Duration start_timeout)
      : start_(std::move(start)), daemon_(daemon), start_timeout_(start_timeout) {}

  void Start(Session& session, std::function<void(int)> done) override;

 private:
  static void Wait(Session& session, NodeId node, Time deadline, std::function<void(int)> done);

  StartFn start_;
  bool daemon_;
  Duration start_timeout_;
};

}  // namespace kafkasim
