// bin/kafka-server-start.sh [-daemon] CONFIG [--override key=value]... and
// bin/kafka-server-stop.sh.
//
// In the foreground the real script never returns; in kafkasim it completes once the broker
// has registered in ZooKeeper (printing Kafka's "started" line), so that the next line of a
// scenario can use it; -daemon returns at once. kafka-server-stop.sh stops every running broker
// cleanly, as the real script signals every Kafka process on the machine: each one first moves
// its leaderships away (controlled shutdown), then closes its ZooKeeper session.

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/broker_disk.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/commands.h"
#include "sim/config/config_files.h"
#include "sim/script/builtin_commands.h"
#include "sim/script/session.h"

namespace kafkasim {
namespace {

constexpr Duration kPollInterval = Duration::Millis(50);

class StartInvocation : public Invocation {
 public:
  StartInvocation(Properties properties, bool daemon) : properties_(std::move(properties)), daemon_(daemon) {}

  void Start(Session& session, std::function<void(int)> done) override {
    auto started = session.part<BrokerPart>().StartBroker(properties_);
    if (const auto* error = std::get_if<std::string>(&started)) {
      session.PrintError(*error);
      done(1);
      return;
    }
    const StartedBroker& broker = std::get<StartedBroker>(started);
    for (const std::string& w : broker.warnings) session.PrintError(w);
    if (daemon_) {
      done(0);
      return;
    }
    // A broker that cannot reach ZooKeeper gives up after zookeeper.connection.timeout.ms
    // (which defaults to the session timeout).
    const Broker* b = session.part<BrokerPart>().Running(broker.node);
    const Duration patience = b ? b->config().zookeeper_session_timeout : Duration::Seconds(18);
    Wait(session, broker.node, session.sim().now() + patience, std::move(done));
  }

 private:
  static void Wait(Session& session, NodeId node, Time deadline, std::function<void(int)> done) {
    auto& part = session.part<BrokerPart>();
    Broker* broker = part.Running(node);
    if (broker == nullptr) {
      // It stopped while starting: say why, as server.log does.
      for (const auto& [id, n] : part.brokers()) {
        if (n == node && part.Disk(id) && !part.Disk(id)->startup_error.empty()) {
          session.PrintError(part.Disk(id)->startup_error);
        }
      }
      done(1);
      return;
    }
    if (broker->registered()) {
      session.Print(broker->LogLine("INFO", fmt::format("[KafkaServer id={}] started", broker->id().value()),
                                    "kafka.server.KafkaServer"));
      done(0);
      return;
    }
    if (session.sim().now() >= deadline) {
      session.PrintError(broker->LogLine(
          "ERROR",
          fmt::format("[KafkaServer id={}] Fatal error during KafkaServer startup. Prepare to shutdown\n"
                      "kafka.zookeeper.ZooKeeperClientTimeoutException: Timed out waiting for connection while in "
                      "state: CONNECTING",
                      broker->id().value()),
          "kafka.server.KafkaServer"));
      session.sim().Stop(node);
      done(1);
      return;
    }
    session.sim().Schedule(kPollInterval, kNoNode, [&session, node, deadline, done = std::move(done)]() mutable {
      Wait(session, node, deadline, std::move(done));
    });
  }

  Properties properties_;
  bool daemon_;
};

class StartCommand : public Command {
 public:
  std::string name() const override { return "kafka-server-start.sh"; }
  std::string summary() const override {
    return "start a broker: kafka-server-start.sh [-daemon] config/server.properties [--override key=value]...";
  }
  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>&) const override {
    static const std::string kUsage =
        "USAGE: bin/kafka-server-start.sh [-daemon] server.properties [--override property=value]*\n";
    if (args.size() == 1 && args[0] == "--help") return {.help = kUsage};
    bool daemon = false;
    std::optional<std::string> config;
    std::vector<std::pair<std::string, std::string>> overrides;
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      if (a == "-daemon") {
        daemon = true;
      } else if (a == "--override") {
        if (i + 1 == args.size()) throw UsageError("--override needs property=value", static_cast<int>(i));
        const std::string& kv = args[++i];
        const size_t eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) {
          throw UsageError(fmt::format("Invalid command line properties: {} (expected property=value)", kv),
                           static_cast<int>(i));
        }
        overrides.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
      } else if (a.starts_with("-")) {
        throw UsageError(fmt::format("unknown option '{}'\n{}", a, kUsage), static_cast<int>(i));
      } else if (!config) {
        config = a;
      } else {
        throw UsageError(kUsage, static_cast<int>(i));
      }
    }
    if (!config) throw UsageError(kUsage);
    auto text = ReadConfigFile(*config);
    if (!text) {
      throw UsageError(fmt::format("{} (No such file or directory)", *config), WordIndex(args, *config));
    }
    Properties properties = ParseProperties(*text);
    for (auto& [k, v] : overrides) properties.Set(k, v);
    return {.invocation = std::make_unique<StartInvocation>(std::move(properties), daemon)};
  }
};

class StopCommand : public Command {
 public:
  std::string name() const override { return "kafka-server-stop.sh"; }
  std::string summary() const override {
    return "stop every running broker cleanly (SIGTERM): controlled shutdown, then the session closes";
  }
  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>&) const override {
    if (args.size() == 1 && args[0] == "--help") return {.help = summary() + "\n"};
    if (!args.empty()) throw UsageError("kafka-server-stop.sh takes no arguments (to stop one broker: stop broker-N)", 0);
    return {.invocation = std::make_unique<StopAll>()};
  }

 private:
  class StopAll : public Invocation {
   public:
    void Start(Session& session, std::function<void(int)> done) override {
      auto& part = session.part<BrokerPart>();
      std::vector<NodeId> running;
      for (const auto& [id, node] : part.brokers()) {
        if (part.Running(node)) running.push_back(node);
      }
      if (running.empty()) {
        session.PrintError("No kafka server to stop");
        done(1);
        return;
      }
      auto remaining = std::make_shared<size_t>(running.size());
      auto finish = std::make_shared<std::function<void(int)>>(std::move(done));
      for (NodeId node : running) {
        StopGracefully(session.sim(), node, [remaining, finish] {
          if (--*remaining == 0) (*finish)(0);
        });
      }
    }
  };

};

}  // namespace

void RegisterBrokerServerCommands(Session& session) {
  session.commands().Register(std::make_unique<StartCommand>());
  session.commands().Register(std::make_unique<StopCommand>());
}

}  // namespace kafkasim
