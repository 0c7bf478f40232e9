#pragma once
// A small language for ZooKeeper tests: a session with ZooKeeper installed, commands typed as
// in a scenario, client nodes that embed the client library, and the trace kept for reading.

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "sim/script/session.h"
#include "sim/zookeeper/install.h"
#include "sim/zookeeper/zookeeper_client.h"
#include "sim/zookeeper/zookeeper_part.h"
#include "sim/zookeeper/zookeeper_server.h"
#include "tests/core/sim_fixture.h"

namespace kafkasim::testing {

// A process that is nothing but a ZooKeeper client, recording the watch events it sees.
class ClientProcess : public Process {
 public:
  ClientProcess(Simulation& sim, NodeId self, zk::ZooKeeperClientOptions options)
      : client(sim, self, std::move(options), [this](const zk::WatchedEvent& e) { states.push_back(e.state); }) {}
  void OnStart() override { client.Start(); }
  void OnMessage(const Envelope& e) override { client.OnMessage(e); }

  zk::ZooKeeperClient client;
  std::vector<zk::KeeperState> states;
};

class ZkWorld {
 public:
  explicit ZkWorld(uint64_t seed = 1) : session(SessionOptions{.seed = seed}) {
    InstallZooKeeper(session);
    session.trace().AddSink(&log);
  }
  ~ZkWorld() { session.trace().RemoveSink(&log); }

  Simulation& sim() { return session.sim(); }
  zk::ZooKeeperPart& part() { return session.part<zk::ZooKeeperPart>(); }

  // Runs a command line (words split on blanks) until it completes; returns its exit code,
  // or -1 when it did not complete within `limit`.
  int Run(const std::string& line, Duration limit = Duration::Seconds(120)) {
    std::istringstream words(line);
    std::vector<std::string> args;
    for (std::string w; words >> w;) args.push_back(w);
    const Command* command = session.commands().Find(args.at(0));
    REQUIRE(command != nullptr);
    args.erase(args.begin());
    ParsedCommand parsed = command->Parse(args, {});
    int exit_code = -1;
    parsed.invocation->Start(session, [&exit_code](int code) { exit_code = code; });
    sim().RunWhile([&] { return exit_code == -1; }, sim().now() + limit);
    return exit_code;
  }
  // Runs until a marker timer at now + d fires, and stops right there. (Simulation::RunUntil
  // peeks at the next event, and the event queue then refuses anything scheduled before it,
  // which a test injecting requests afterwards would trip over.)
  void RunFor(Duration d) {
    bool reached = false;
    sim().Schedule(d, kNoNode, [&reached] { reached = true; });
    sim().RunWhile([&reached] { return !reached; }, Time::Max());
  }
  void StartEnsemble(int n = 3) {
    const std::string dir = n == 3 ? "config/" : "config/ensemble-5/";
    for (int id = 1; id <= n; ++id) {
      REQUIRE(Run(fmt::format("zookeeper-server-start.sh -daemon {}zookeeper-{}.properties", dir, id)) == 0);
    }
    RunFor(Duration::Seconds(10));
  }
  std::string Query(const std::string& name, std::vector<std::string> args) {
    QueryResult r = session.queries().Find(name)->evaluate(session, args);
    if (auto* e = std::get_if<QueryError>(&r)) return "error: " + e->message;
    return std::get<std::string>(r);
  }
  std::string Leader() { return Query("zookeeper", {"leader"}); }
  std::string Role(const std::string& server) { return Query("zkserver", {server, "role"}); }
  bool Exists(const std::string& path) { return Query("znode", {path, "exists"}) == "yes"; }
  zk::ZooKeeperServer& Server(const std::string& name) {
    zk::ZooKeeperServer* s = part().Server(sim().FindNode(name)->id());
    REQUIRE(s != nullptr);
    return *s;
  }

  ClientProcess& AddClient(const std::string& name, const std::string& connect,
                           Duration timeout = Duration::Millis(18000)) {
    auto id = std::make_shared<NodeId>(kNoNode);
    zk::ZooKeeperClientOptions options{.servers = part().Resolve(connect), .session_timeout = timeout};
    *id = sim().AddNode(name, "client", [this, id, options] {
      return std::make_unique<ClientProcess>(sim(), *id, options);
    });
    sim().Start(*id);
    RunFor(Duration::Millis(100));
    return Client(name);
  }
  ClientProcess& Client(const std::string& name) {
    return *dynamic_cast<ClientProcess*>(sim().FindNode(name)->process());
  }
  // Issues a request and runs until its answer arrives.
  zk::OpResult Await(const std::function<void(zk::ZooKeeperClient::Callback)>& request,
                     Duration limit = Duration::Seconds(30)) {
    std::optional<zk::OpResult> result;
    request([&result](const zk::OpResult& r) { result = r; });
    sim().RunWhile([&] { return !result.has_value(); }, sim().now() + limit);
    REQUIRE(result.has_value());
    return *result;
  }

  // What commands printed, one line each.
  std::vector<std::string> Output() const {
    std::vector<std::string> lines;
    for (const TraceEvent* e : log.OfKind("script.output")) lines.push_back(e->narration);
    return lines;
  }

  Session session;
  TraceLog log;
};

}  // namespace kafkasim::testing
