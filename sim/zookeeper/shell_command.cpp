// bin/zookeeper-shell.sh SERVER COMMAND...: Kafka's wrapper around ZooKeeperMain, run
// non-interactively. It runs as a short-lived client node ("zookeeper-shell-1") that connects,
// runs one command, prints what ZooKeeperMain prints, closes its session and exits:
//
//   Connecting to localhost:2181
//
//   WATCHER::
//
//   WatchedEvent state:SyncConnected type:None path:null
//   [admin, brokers, cluster, ...]
//
// Supported: ls [-s] PATH, get [-s] PATH, stat PATH, create [-e] [-s] PATH [DATA],
// set [-v VERSION] PATH DATA, delete [-v VERSION] PATH.

#include <charconv>

#include <fmt/format.h>

#include "sim/script/session.h"
#include "sim/zookeeper/commands.h"
#include "sim/zookeeper/messages.h"
#include "sim/zookeeper/shell_format.h"
#include "sim/zookeeper/zookeeper_client.h"
#include "sim/zookeeper/zookeeper_part.h"

namespace kafkasim::zk {
namespace {

// ZooKeeperMain's default -timeout.
constexpr Duration kShellSessionTimeout = Duration::Millis(30000);

struct ShellOp {
  std::string verb;
  std::string path;
  std::string data;
  bool with_stat = false;
  CreateMode mode = CreateMode::kPersistent;
  int32_t version = -1;
};

ShellOp ParseShellOp(const std::vector<std::string>& args) {
  static const char* kUsage =
      "ZooKeeper -server host:port cmd args\n\tls [-s] path\n\tget [-s] path\n\tstat path\n"
      "\tcreate [-e] [-s] path [data]\n\tset [-v version] path data\n\tdelete [-v version] path";
  if (args.size() < 2) throw UsageError(kUsage);
  ShellOp op{.verb = args[1]};
  std::vector<std::string> positional;
  for (size_t i = 2; i < args.size(); ++i) {
    const std::string& a = args[i];
    const int at = static_cast<int>(i);
    if (a == "-s" && (op.verb == "ls" || op.verb == "get")) {
      op.with_stat = true;
    } else if (a == "-s" && op.verb == "create") {
      op.mode = IsEphemeral(op.mode) ? CreateMode::kEphemeralSequential : CreateMode::kPersistentSequential;
    } else if (a == "-e" && op.verb == "create") {
      op.mode = IsSequential(op.mode) ? CreateMode::kEphemeralSequential : CreateMode::kEphemeral;
    } else if (a == "-v" && (op.verb == "set" || op.verb == "delete")) {
      if (i + 1 == args.size()) throw UsageError("-v needs a version", at);
      const std::string& v = args[++i];
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), op.version);
      if (ec != std::errc() || ptr != v.data() + v.size()) {
        throw UsageError(fmt::format("'{}' is not a version number", v), static_cast<int>(i));
      }
    } else if (a.starts_with("-") && a.size() > 1) {
      throw UsageError(fmt::format("unknown option '{}' for {}\n{}", a, op.verb, kUsage), at);
    } else {
      positional.push_back(a);
    }
  }
  const bool known = op.verb == "ls" || op.verb == "get" || op.verb == "stat" || op.verb == "create" ||
                     op.verb == "set" || op.verb == "delete";
  if (!known) throw UsageError(fmt::format("unknown command '{}'\n{}", op.verb, kUsage), 1);
  const size_t min = op.verb == "set" ? 2 : 1;
  const size_t max = op.verb == "set" || op.verb == "create" ? 2 : 1;
  if (positional.size() < min || positional.size() > max) throw UsageError(kUsage);
  op.path = positional[0];
  if (positional.size() > 1) op.data = positional[1];
  if (const std::string why = InvalidPathReason(op.path); !why.empty()) {
    throw UsageError(fmt::format("Path '{}' is invalid: {}", op.path, why), WordIndex(args, op.path));
  }
  return op;
}

// The shell's client node: runs one command and stops itself.
class ShellProcess : public Process {
 public:
  ShellProcess(Session& session, NodeId self, std::vector<NodeId> servers, ShellOp op,
               std::function<void(int)> done)
      : session_(session),
        self_(self),
        op_(std::move(op)),
        done_(std::move(done)),
        client_(session.sim(), self, ZooKeeperClientOptions{.servers = std::move(servers),
                                                            .session_timeout = kShellSessionTimeout},
                [this](const WatchedEvent& e) {
                  if (e.state == KeeperState::kSyncConnected && !announced_) {
                    announced_ = true;
                    session_.Print("\nWATCHER::\n\n" + ToString(e));
                  }
                }) {}

  void OnStart() override {
    client_.Start();
    Run();
  }
  void OnMessage(const Envelope& e) override { client_.OnMessage(e); }

 private:
  void Run() {
    auto answer = [this](const OpResult& r) { Finish(r); };
    if (op_.verb == "ls") {
      client_.GetChildren(op_.path, answer);
    } else if (op_.verb == "get") {
      client_.GetData(op_.path, answer);
    } else if (op_.verb == "stat") {
      client_.Exists(op_.path, answer);
    } else if (op_.verb == "create") {
      client_.Create(op_.path, op_.data, op_.mode, answer);
    } else if (op_.verb == "set") {
      client_.SetData(op_.path, op_.data, op_.version, answer);
    } else if (op_.verb == "delete") {
      client_.Delete(op_.path, op_.version, answer);
    }
  }

  void Finish(const OpResult& r) {
    int code = 0;
    if (!r.ok()) {
      session_.PrintError(r.code == ErrorCode::kConnectionLoss || r.code == ErrorCode::kSessionExpired
                              ? fmt::format("KeeperErrorCode = {} for {}", ToString(r.code), op_.path)
                              : FormatError(r.code, op_.path));
      code = 1;
    } else if (op_.verb == "ls") {
      session_.Print(FormatChildren(r.children) + (op_.with_stat ? "\n" + FormatStat(r.stat) : ""));
    } else if (op_.verb == "get") {
      session_.Print(r.data + (op_.with_stat ? "\n" + FormatStat(r.stat) : ""));
    } else if (op_.verb == "stat") {
      session_.Print(FormatStat(r.stat));
    } else if (op_.verb == "create") {
      session_.Print("Created " + r.path);
    }
    // Ephemeral nodes the shell created go with its session, as in the real shell.
    client_.Close([this, code] {
      Simulation& sim = session_.sim();
      auto done = std::move(done_);
      sim.Stop(self_);
      done(code);
    });
  }

  Session& session_;
  NodeId self_;
  ShellOp op_;
  std::function<void(int)> done_;
  bool announced_ = false;
  ZooKeeperClient client_;
};

class ShellInvocation : public Invocation {
 public:
  ShellInvocation(std::string server, ShellOp op) : server_(std::move(server)), op_(std::move(op)) {}

  void Start(Session& session, std::function<void(int)> done) override {
    auto& part = session.part<ZooKeeperPart>();
    session.Print("Connecting to " + server_);
    std::vector<NodeId> servers = part.Resolve(server_);
    if (servers.empty()) {
      // Nothing listens there: the real shell retries "Connection refused" until its request
      // times out; kafkasim says so at once.
      session.PrintError(fmt::format("KeeperErrorCode = ConnectionLoss for {} (nothing listens on {})", op_.path,
                                     server_));
      done(1);
      return;
    }
    Simulation& sim = session.sim();
    auto id = std::make_shared<NodeId>(kNoNode);
    const NodeId node = sim.AddNode(
        part.NextClientName("zookeeper-shell"), "client",
        [&session, id, servers, op = op_, done = std::move(done)]() mutable -> std::unique_ptr<Process> {
          return std::make_unique<ShellProcess>(session, *id, servers, op, std::move(done));
        });
    *id = node;
    sim.Start(node);
  }

 private:
  std::string server_;
  ShellOp op_;
};

class ShellCommand : public Command {
 public:
  std::string name() const override { return "zookeeper-shell.sh"; }
  std::string summary() const override {
    return "run one ZooKeeper command: zookeeper-shell.sh localhost:2181 ls /brokers/ids";
  }
  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>&) const override {
    if (args.size() == 1 && args[0] == "--help") {
      return {.help = "USAGE: bin/zookeeper-shell.sh zookeeper_host:port[/path] [args...]\n"};
    }
    if (args.empty()) {
      throw UsageError("USAGE: bin/zookeeper-shell.sh zookeeper_host:port[/path] [args...] (kafkasim runs one "
                       "command, e.g. zookeeper-shell.sh localhost:2181 ls /)");
    }
    return {.invocation = std::make_unique<ShellInvocation>(args[0], ParseShellOp(args))};
  }
};

}  // namespace

void RegisterShellCommand(Session& session) { session.commands().Register(std::make_unique<ShellCommand>()); }

}  // namespace kafkasim::zk
