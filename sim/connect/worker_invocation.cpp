#include "sim/connect/worker_invocation.h"

#include <fmt/format.h>

#include "sim/admin/topic_command_output.h"
#include "sim/script/session.h"

namespace kafkasim {
namespace {
constexpr Duration kPollInterval = Duration::Millis(50);
}  // namespace

WorkerArgs ParseWorkerArgs(const std::vector<std::string>& args, const std::string& usage) {
  WorkerArgs out;
  for (const std::string& a : args) {
    if (a == "-daemon") {
      out.daemon = true;
    } else if (a.starts_with("-")) {
      throw UsageError(fmt::format("unknown option {}: {}", a, usage), WordIndex(args, a));
    } else {
      out.files.push_back(a);
    }
  }
  if (out.files.empty()) throw UsageError(usage);
  return out;
}

void WorkerInvocation::Start(Session& session, std::function<void(int)> done) {
  auto started = start_(session.part<ConnectPart>());
  if (auto* e = std::get_if<std::string>(&started)) {
    session.PrintError(
        fmt::format("[{}] ERROR Stopping due to error (org.apache.kafka.connect.cli.AbstractConnectCli)",
                    FormatLog4jTimestamp(session.sim().now().millis())));
    session.PrintError(*e);
    return done(1);
  }
  if (daemon_) return done(0);
  Wait(session, std::get<NodeId>(started), session.sim().now() + start_timeout_, std::move(done));
}

void WorkerInvocation::Wait(Session& session, NodeId node, Time deadline, std::function<void(int)> done) {
  Herder* worker = session.part<ConnectPart>().Running(node);
  if (worker == nullptr) return done(1);  // it died starting; it said why
  if (worker->ready()) {
    session.Print(
        fmt::format("[{}] INFO Kafka Connect started (org.apache.kafka.connect.runtime.Connect)",
                    FormatLog4jTimestamp(session.sim().now().millis())));
    return done(0);
  }
  if (session.sim().now() >= deadline) return done(1);
  session.sim().Schedule(kPollInterval, kNoNode, [&session, node, deadline, done = std::move(done)]() mutable {
    Wait(session, node, deadline, std::move(done));
  });
}

}  // namespace kafkasim
