#include "sim/tools/admin_tool.h"

#include <fmt/format.h>

#include "sim/broker/broker_part.h"
#include "sim/client/admin_client.h"
#include "sim/script/session.h"

namespace kafkasim {

std::vector<std::string> SplitServers(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

NodeId StartAdminClient(Session& session, std::string_view prefix, const std::string& bootstrap_servers) {
  std::string name;
  for (int i = 1; name.empty() || session.FindNode(name) != nullptr; ++i) name = fmt::format("{}-{}", prefix, i);
  Simulation& sim = session.sim();
  const BrokerDirectory& directory = session.part<BrokerPart>().directory();
  auto id = std::make_shared<NodeId>(kNoNode);
  AdminClientOptions options{.bootstrap_servers = SplitServers(bootstrap_servers)};
  const NodeId node = sim.AddNode(name, "client", [&sim, id, &directory, options] {
    return std::make_unique<AdminClient>(sim, *id, directory, options);
  });
  *id = node;
  sim.Start(node);
  return node;
}

}  // namespace kafkasim
