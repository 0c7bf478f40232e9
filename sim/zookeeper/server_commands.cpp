// bin/zookeeper-server-start.sh [-daemon] CONFIG and bin/zookeeper-server-stop.sh.
//
// In the foreground the real script never returns; in kafkasim the command completes once the
// server serves clients (standalone, or in an ensemble with a quorum), so that the next line of
// a scenario can use it. A server of an ensemble cannot serve before a majority is up, so the
// first servers are started with -daemon (which returns at once, as the real script does).
// A foreground start gives up waiting after a minute of simulated time.

#include <fmt/format.h>

#include "sim/script/session.h"
#include "sim/zookeeper/commands.h"
#include "sim/zookeeper/zookeeper_part.h"
#include "sim/zookeeper/zookeeper_server.h"

namespace kafkasim::zk {
namespace {

constexpr Duration kPollInterval = Duration::Millis(50);
constexpr Duration kGiveUpAfter = Duration::Seconds(60);

class StartInvocation : public Invocation {
 public:
  StartInvocation(std::string config, bool daemon) : config_(std::move(config)), daemon_(daemon) {}

  void Start(Session& session, std::function<void(int)> done) override {
    auto started = session.part<ZooKeeperPart>().StartServer(config_);
    if (const auto* error = std::get_if<std::string>(&started)) {
      session.PrintError(*error);
      done(1);
      return;
    }
    if (daemon_) {
      done(0);
      return;
    }
    Wait(session, std::get<NodeId>(started), session.sim().now() + kGiveUpAfter, std::move(done));
  }

 private:
  static void Wait(Session& session, NodeId node, Time deadline, std::function<void(int)> done) {
    const ZooKeeperServer* server = session.part<ZooKeeperPart>().Server(node);
    if (server != nullptr && server->serving()) {
      done(0);
      return;
    }
    if (session.sim().now() >= deadline) {
      session.PrintError(fmt::format("{} is running but not serving: it has no quorum yet (start the other "
                                     "servers of its ensemble)",
                                     session.sim().node(node).name()));
      done(1);
      return;
    }
    session.sim().Schedule(kPollInterval, kNoNode, [&session, node, deadline, done = std::move(done)]() mutable {
      Wait(session, node, deadline, std::move(done));
    });
  }

  std::string config_;
  bool daemon_;
};

class StartCommand : public Command {
 public:
  std::string name() const override { return "zookeeper-server-start.sh"; }
  std::string summary() const override {
    return "start a ZooKeeper server: zookeeper-server-start.sh [-daemon] config/zookeeper.properties";
  }
  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>&) const override {
    static const std::string kUsage =
        "USAGE: bin/zookeeper-server-start.sh [-daemon] zookeeper.properties\n"
        "  config/zookeeper.properties          the standalone server zookeeper-0 (Kafka's own file)\n"
        "  config/zookeeper-N.properties        server N of a 3-server ensemble (N = 1, 2, 3)\n"
        "  config/ensemble-5/zookeeper-N.properties  server N of a 5-server ensemble\n"
        "  -daemon                              return at once instead of when the server serves\n";
    if (args.size() == 1 && args[0] == "--help") return {.help = kUsage};
    bool daemon = false;
    std::vector<std::string> rest;
    for (const std::string& a : args) {
      if (a == "-daemon") {
        daemon = true;
      } else {
        rest.push_back(a);
      }
    }
    if (rest.size() != 1) throw UsageError(kUsage);
    return {.invocation = std::make_unique<StartInvocation>(rest[0], daemon)};
  }
};

class StopCommand : public Command {
 public:
  std::string name() const override { return "zookeeper-server-stop.sh"; }
  std::string summary() const override { return "stop every running ZooKeeper server (SIGTERM)"; }
  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>&) const override {
    if (args.size() == 1 && args[0] == "--help") return {.help = summary() + "\n"};
    return {.invocation = std::make_unique<InstantInvocation>([](Session& session) {
      int stopped = 0;
      for (NodeId node : session.part<ZooKeeperPart>().servers()) {
        if (!session.sim().node(node).running()) continue;
        session.sim().Stop(node);
        ++stopped;
      }
      if (stopped == 0) {
        session.PrintError("No zookeeper server to stop");
        return 1;
      }
      return 0;
    })};
  }
};

}  // namespace

void RegisterServerCommands(Session& session) {
  session.commands().Register(std::make_unique<StartCommand>());
  session.commands().Register(std::make_unique<StopCommand>());
}

}  // namespace kafkasim::zk
