#include "sim/tools/admin_tool.h"

#include <cassert>

#include <fmt/format.h>

#include "sim/broker/broker_part.h"
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

NodeId StartAdminClient(Session& session, std::string_view prefix, const std::string& bootstrap_servers,
                        AdminClientOptions options) {
  std::string name;
  for (int i = 1; name.empty() || session.FindNode(name) != nullptr; ++i) name = fmt::format("{}-{}", prefix, i);
  Simulation& sim = session.sim();
  const BrokerDirectory& directory = session.part<BrokerPart>().directory();
  auto id = std::make_shared<NodeId>(kNoNode);
  options.bootstrap_servers = SplitServers(bootstrap_servers);
  const NodeId node = sim.AddNode(name, "client", [&sim, id, &directory, options] {
    return std::make_unique<AdminClient>(sim, *id, directory, options);
  });
  *id = node;
  sim.Start(node);
  return node;
}

AdminClient& AdminClientOf(Simulation& sim, NodeId node) {
  Process* process = sim.node(node).process();
  assert(process != nullptr && "a tool's client runs until the tool finishes");
  return *static_cast<AdminClient*>(process);
}

AdminToolInvocation::AdminToolInvocation(std::string prefix, std::string bootstrap_server, AdminClientOptions options)
    : prefix_(std::move(prefix)), bootstrap_server_(std::move(bootstrap_server)), options_(std::move(options)) {}

void AdminToolInvocation::Start(Session& session, std::function<void(int)> done) {
  session_ = &session;
  job_.Begin(session, std::move(done));
  if (const std::optional<int> code = Configure(options_)) return job_.Finish(*code);
  node_ = StartAdminClient(session, prefix_, bootstrap_server_, options_);
  job_.RunsAs(node_);
  Run();
}

AdminClient& AdminToolInvocation::client() { return AdminClientOf(session_->sim(), node_); }

void AdminToolInvocation::Finish(int code) {
  if (!job_.running()) return;
  if (auto* client = static_cast<AdminClient*>(session_->sim().node(node_).process())) {
    for (const std::string& line : client->TakeLog()) session_->PrintError(line);
  }
  session_->sim().Stop(node_);
  job_.Finish(code);
}

}  // namespace kafkasim
