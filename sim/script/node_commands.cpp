// crash, restart and power-off: what a teacher does to a machine.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/script/builtin_commands.h"
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
    return true;
  }

  Action action_;
};

}  // namespace

void RegisterNodeCommands(CommandRegistry& commands) {
  for (Action action : {Action::kCrash, Action::kRestart, Action::kPowerOff}) {
    commands.Register(std::make_unique<NodeCommand>(action));
  }
}

}  // namespace kafkasim
