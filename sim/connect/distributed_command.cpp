// bin/connect-distributed.sh [-daemon] worker.properties (Kafka 3.7 ConnectDistributed): one
// distributed worker (distributed_worker.h) of the Connect cluster its group.id names. Connectors
// are created over its REST API, never on the command line.
//
// It completes once the worker has joined its group and serves REST (worker_invocation.h). The
// properties file is read when the command runs (a scenario may write it with `cat >` just before);
// a config Kafka refuses ends the command with exit code 1 and Kafka's ConfigException.

#include <fmt/format.h>

#include "sim/config/config_files.h"
#include "sim/connect/commands.h"
#include "sim/connect/task_clients.h"
#include "sim/connect/worker_invocation.h"
#include "sim/script/session.h"

namespace kafkasim {
namespace {

// Metadata, three topics created and read, a JoinGroup and a SyncGroup: well within this, unless
// the brokers are away (the worker then keeps trying, and the command gives up waiting).
constexpr Duration kStartTimeout = Duration::Millis(120000);

class DistributedCommand : public Command {
 public:
  std::string name() const override { return "connect-distributed.sh"; }
  std::string summary() const override {
    return "start a distributed Kafka Connect worker: connect-distributed.sh config/connect-distributed.properties";
  }
  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>&) const override {
    static const std::string kUsage = "Usage: ConnectDistributed [-daemon] worker.properties\n";
    if (args.size() == 1 && args[0] == "--help") return {.help = kUsage};
    auto [daemon, files] = ParseWorkerArgs(args, kUsage);
    if (files.size() != 1) throw UsageError(kUsage);
    // The file is read when the command runs: a scenario may write it just before (cat >).
    auto start = [file = files[0]](ConnectPart& part) -> std::variant<NodeId, std::string> {
      auto text = ReadConfigFile(file);
      if (!text) return fmt::format("java.nio.file.NoSuchFileException: {}", file);
      auto config = ParseDistributedConfig(ParseProperties(*text));
      if (auto* e = std::get_if<std::string>(&config)) return *e;
      DistributedConfig c = std::get<DistributedConfig>(std::move(config));
      // The internal topics' clients take the worker's producer.* overrides: refuse bad ones here.
      auto producer = TaskProducerConfig(c.worker, c.group_id + "-configs");
      if (auto* e = std::get_if<std::string>(&producer)) return *e;
      return part.StartDistributed(std::move(c));
    };
    return {.invocation = std::make_unique<WorkerInvocation>(std::move(start), daemon, kStartTimeout)};
  }
};

}  // namespace

void RegisterConnectDistributedCommand(Session& session) {
  session.commands().Register(std::make_unique<DistributedCommand>());
}

}  // namespace kafkasim
