#include "sim/tools/app_command.h"

#include <fmt/format.h>

#include "sim/script/command.h"
#include "sim/script/session.h"

namespace kafkasim {

std::map<std::string, std::string, std::less<>> ParseAppProperties(const std::vector<std::string>& properties,
                                                                   const std::vector<std::string>& args) {
  std::map<std::string, std::string, std::less<>> props;
  for (const std::string& p : properties) {
    const size_t eq = p.find('=');
    if (eq == std::string::npos) {
      throw UsageError(fmt::format("Invalid property: {} (key=value)", p), WordIndex(args, p));
    }
    props.insert_or_assign(p.substr(0, eq), p.substr(eq + 1));
  }
  return props;
}

bool AppNameTaken(Session& session, const std::string& name) {
  if (session.FindNode(name) == nullptr) return false;
  session.PrintError(fmt::format("a node named '{}' exists already (restart it with `restart {}`)", name, name));
  return true;
}

int StartAppNode(Session& session, const std::string& name, const std::string& kind,
                 std::function<std::unique_ptr<Process>(NodeId)> make) {
  if (AppNameTaken(session, name)) return 1;
  Simulation& sim = session.sim();
  // The factory needs the node's id, which AddNode gives once the factory exists.
  auto id = std::make_shared<NodeId>(kNoNode);
  const NodeId node = sim.AddNode(name, kind, [id, make = std::move(make)] { return make(*id); });
  *id = node;
  sim.Start(node);
  return 0;
}

Node* FindRunningApp(Session& session, const std::string& name, std::string_view kind, bool is_app) {
  Node* node = session.FindNode(name);
  if (node == nullptr || node->kind() != kind || !is_app) {
    session.PrintError(fmt::format("no {} app named '{}'", kind, name));
    return nullptr;
  }
  if (!node->running()) {
    session.PrintError(fmt::format("{} is {}", name, ToString(node->state())));
    return nullptr;
  }
  return node;
}

}  // namespace kafkasim
