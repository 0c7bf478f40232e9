// crash, restart, power-off and stop: what a teacher does to a machine.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/script/builtin_commands.h"
#include "sim/script/foreground_job.h"
#include "sim/script/session.h"

namespace kafkasim {
namespace {

enum class Action { kCrash, kRestart, kPowerOff };

class NodeCommand : public CliCommand {
 public:
  explicit NodeCommand(Action action) : action_(action) {}

  std::string name() const override {
    switch (action_) {
      case Action::kCrash: return "crash";
      case Action::kRestart: return "restart";
      case Action::kPowerOff: return "power-off";
    }
    return "";
  }
  std::string summary() const override {
    switch (action_) {
      case Action::kCrash: return "kill a node's process (kill -9): memory is lost, its disk survives";
      case Action::kRestart: return "start a crashed, powered-off or stopped node again";
      case Action::kPowerOff: return "cut a node's power: memory and unflushed writes are lost";
    }
    return "";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto nodes = std::make_shared<std::vector<std::string>>();
    app.add_option("node", *nodes, "the node(s), e.g. broker-0")->required();
    return [nodes, action = action_](const std::vector<std::string>&, const std::vector<std::string>&) {
      return std::make_unique<InstantInvocation>([nodes, action](Session& session) {
        int failures = 0;
        for (const std::string& name : *nodes) failures += !Apply(session, action, name);
        return failures == 0 ? 0 : 1;
      });
    };
  }

 private:
  static bool Apply(Session& session, Action action, const std::string& name) {
    Node* node = session.FindNode(name);
    if (node == nullptr) {
      session.PrintError(session.UnknownNodeMessage(name));
      return false;
    }
    const bool wants_running = action != Action::kRestart;
    if (node->running() != wants_running) {
      session.PrintError(fmt::format("{} is {}", name, ToString(node->state())));
      return false;
    }
    Simulation& sim = session.sim();
    switch (action) {
      case Action::kCrash: sim.Crash(node->id()); break;
      case Action::kRestart: sim.Restart(node->id()); break;
      case Action::kPowerOff: sim.PowerOff(node->id()); break;
    }
    if (action != Action::kRestart) session.part<ForegroundJobs>().Killed(node->id());
    return true;
  }

  Action action_;
};

// stop NODE...: a clean shutdown, which may take simulated time (a broker first hands its
// leaderships over); the command completes when every node has stopped.
class StopCommand : public CliCommand {
 public:
  std::string name() const override { return "stop"; }
  std::string summary() const override {
    return "shut a node down cleanly (SIGTERM): a broker first moves its leaderships away";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto nodes = std::make_shared<std::vector<std::string>>();
    app.add_option("node", *nodes, "the node(s), e.g. broker-0")->required();
    return [nodes](const std::vector<std::string>&, const std::vector<std::string>&) {
      return std::make_unique<Stopping>(*nodes);
    };
  }

 private:
  class Stopping : public Invocation {
   public:
    explicit Stopping(std::vector<std::string> names) : names_(std::move(names)) {}
    void Start(Session& session, std::function<void(int)> done) override {
      std::vector<NodeId> running;
      int failures = 0;
      for (const std::string& name : names_) {
        Node* node = session.FindNode(name);
        if (node == nullptr) {
          session.PrintError(session.UnknownNodeMessage(name));
          ++failures;
        } else if (!node->running()) {
          session.PrintError(fmt::format("{} is {}", name, ToString(node->state())));
          ++failures;
        } else {
          running.push_back(node->id());
        }
      }
      auto remaining = std::make_shared<size_t>(running.size() + 1);
      auto finish = [remaining, failures, done = std::move(done)] {
        if (--*remaining == 0) done(failures == 0 ? 0 : 1);
      };
      for (NodeId node : running) {
        StopGracefully(session.sim(), node, [&session, node, finish] {
          session.part<ForegroundJobs>().Terminated(node);
          finish();
        });
      }
      finish();
    }

   private:
    std::vector<std::string> names_;
  };
};

}  // namespace

void StopGracefully(Simulation& sim, NodeId node, std::function<void()> stopped) {
  Process* process = sim.node(node).process();
  if (process == nullptr) return stopped();
  const uint32_t incarnation = sim.node(node).incarnation();
  process->Shutdown([&sim, node, incarnation, stopped = std::move(stopped)] {
    // The process may be inside its own handler: end it once that has returned.
    sim.Schedule(Duration(), kNoNode, [&sim, node, incarnation, stopped] {
      if (sim.node(node).running() && sim.node(node).incarnation() == incarnation) sim.Stop(node);
      stopped();
    });
  });
}

void RegisterNodeCommands(CommandRegistry& commands) {
  for (Action action : {Action::kCrash, Action::kRestart, Action::kPowerOff}) {
    commands.Register(std::make_unique<NodeCommand>(action));
  }
  commands.Register(std::make_unique<StopCommand>());
}

}  // namespace kafkasim
