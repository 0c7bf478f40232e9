#pragma once
// What every admin tool (kafka-topics.sh, kafka-configs.sh, kafka-leader-election.sh,
// kafka-consumer-groups.sh, kafka-delete-records.sh) does around its own work: start a
// short-lived AdminClient node of its own, bootstrapped from --bootstrap-server, and at the end
// print what the client logged, stop the node and report the exit code — as Kafka's tools create
// an Admin in main() and close it on the way out.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/client/admin_client.h"
#include "sim/core/simulation.h"
#include "sim/script/command.h"
#include "sim/script/foreground_job.h"

namespace kafkasim {

class Session;

// "localhost:9092,localhost:9093" -> its servers; empty entries are skipped.
std::vector<std::string> SplitServers(const std::string& list);

// Starts an AdminClient node named `<prefix>-N` (the first free N) and returns it.
// `options.bootstrap_servers` is replaced by `bootstrap_servers`.
NodeId StartAdminClient(Session& session, std::string_view prefix, const std::string& bootstrap_servers,
                        AdminClientOptions options = {});

// The AdminClient process of a running tool node.
AdminClient& AdminClientOf(Simulation& sim, NodeId node);

// One run of an admin tool. Start() starts the client node, then calls Run(); the tool's steps
// end with exactly one Finish(code) (later calls are ignored: a step that fails after another
// already finished the run must not report twice).
class AdminToolInvocation : public Invocation {
 public:
  void Start(Session& session, std::function<void(int)> done) final;

 protected:
  // `prefix` names the node (`kafka-topics` -> `kafka-topics-1`); `options` are the client's
  // settings but for the bootstrap servers, which come from `bootstrap_server`.
  AdminToolInvocation(std::string prefix, std::string bootstrap_server, AdminClientOptions options = {});

  // Runs before the client node starts: a tool that reads a --command-config file sets the
  // client's settings here. An exit code ends the run at once, without a client.
  virtual std::optional<int> Configure(AdminClientOptions&) { return std::nullopt; }
  // The tool's own work, once its client node runs.
  virtual void Run() = 0;

  Session& session() const { return *session_; }
  AdminClient& client();
  NodeId node() const { return node_; }
  // Prints the client's log (its WARN lines) on stderr, stops the node and reports `code`.
  void Finish(int code);

 private:
  std::string prefix_;
  std::string bootstrap_server_;
  AdminClientOptions options_;
  Session* session_ = nullptr;
  NodeId node_ = kNoNode;
  ForegroundJob job_;
};

}  // namespace kafkasim
