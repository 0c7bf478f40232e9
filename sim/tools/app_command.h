#pragma once
// What the commands of the simulated applications share (`producer start|stop NAME`,
// `consumer start|stop NAME`): their --property words, and the node an app runs on, which
// `crash`, `restart` and `stop` act on like any other.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/node.h"

namespace kafkasim {

class Session;

// The --property key=value words, a later key winning; `args` are the command's words, to point
// a UsageError at a word without '='.
std::map<std::string, std::string, std::less<>> ParseAppProperties(const std::vector<std::string>& properties,
                                                                   const std::vector<std::string>& args);

// True, after printing why, when a node of that name exists already.
bool AppNameTaken(Session& session, const std::string& name);
// Adds the app's node (`make` builds its process for each start and restart) and starts it;
// when the name is taken, prints why and returns 1.
int StartAppNode(Session& session, const std::string& name, const std::string& kind,
                 std::function<std::unique_ptr<Process>(NodeId)> make);

// The running app named `name`, or null after printing why not ("no consumer app named 'x'",
// "x is crashed"). `is_app` says whether the session started an app of that kind by that name.
Node* FindRunningApp(Session& session, const std::string& name, std::string_view kind, bool is_app);

}  // namespace kafkasim
