// bin/connect-standalone.sh [-daemon] worker.properties [connector1.properties connector2.json ...]
// (Kafka 3.7 ConnectStandalone): one worker, its connectors from the files that follow — Java
// properties, or JSON in the shape POST /connectors takes ({"name":...,"config":{...}}).
//
// The real script runs until stopped; in kafkasim the command completes once the worker is up
// (it found the Kafka cluster and serves REST), printing Kafka's "Kafka Connect started" line, so
// the next line of a scenario can use it; -daemon returns at once. A worker config Kafka refuses
// or a connector file it cannot read ends the command with exit code 1 and Kafka's error.

#include <fmt/format.h>

#include "sim/admin/topic_command_output.h"
#include "sim/config/config_files.h"
#include "sim/connect/commands.h"
#include "sim/connect/connect_part.h"
#include "sim/connect/jackson_error.h"
#include "sim/connect/json_body.h"
#include "sim/script/session.h"

namespace kafkasim {
namespace {

constexpr Duration kPollInterval = Duration::Millis(50);
constexpr Duration kStartTimeout = Duration::Millis(61000);  // the cluster id lookup gives up after 60 s

class StandaloneInvocation : public Invocation {
 public:
  StandaloneInvocation(WorkerConfig config, std::vector<ConfigJson> connectors, bool daemon)
      : config_(std::move(config)), connectors_(std::move(connectors)), daemon_(daemon) {}

  void Start(Session& session, std::function<void(int)> done) override {
    auto started = session.part<ConnectPart>().StartStandalone(config_, connectors_);
    if (auto* e = std::get_if<std::string>(&started)) {
      session.PrintError(fmt::format("[{}] ERROR Stopping due to error (org.apache.kafka.connect.cli.AbstractConnectCli)",
                                     FormatLog4jTimestamp(session.sim().now().millis())));
      session.PrintError(*e);
      return done(1);
    }
    if (daemon_) return done(0);
    Wait(session, std::get<NodeId>(started), session.sim().now() + kStartTimeout, std::move(done));
  }

 private:
  static void Wait(Session& session, NodeId node, Time deadline, std::function<void(int)> done) {
    Worker* worker = session.part<ConnectPart>().Running(node);
    if (worker == nullptr) return done(1);  // it died starting; it said why
    if (worker->ready()) {
      session.Print(fmt::format("[{}] INFO Kafka Connect started (org.apache.kafka.connect.runtime.Connect)",
                                FormatLog4jTimestamp(session.sim().now().millis())));
      return done(0);
    }
    if (session.sim().now() >= deadline) return done(1);
    session.sim().Schedule(kPollInterval, kNoNode, [&session, node, deadline, done = std::move(done)]() mutable {
      Wait(session, node, deadline, std::move(done));
    });
  }

  WorkerConfig config_;
  std::vector<ConfigJson> connectors_;
  bool daemon_;
};

// A connector file: properties, or a .json CreateConnectorRequest. An error names the file.
std::variant<ConfigJson, std::string> ReadConnectorFile(const std::string& path) {
  auto text = ReadConfigFile(path);
  if (!text) return fmt::format("java.nio.file.NoSuchFileException: {}", path);
  if (!path.ends_with(".json")) return ConfigMapFromProperties(ParseProperties(*text).values());
  if (auto e = JacksonParseError(*text)) {
    return fmt::format("org.apache.kafka.connect.errors.ConnectException: Failed to read connector configuration "
                       "from {}\nCaused by: com.fasterxml.jackson.core.JsonParseException: {}",
                       path, *e);
  }
  auto json = ParseFirstJsonValue(*text);
  if (!json.is_object() || !json.contains("name") || !json["name"].is_string() || !json.contains("config") ||
      !json["config"].is_object()) {
    return fmt::format("org.apache.kafka.connect.errors.ConnectException: Failed to read connector configuration "
                       "from {}: expected {{\"name\": ..., \"config\": {{...}}}}",
                       path);
  }
  ConfigJson config = ConfigJson::object();
  for (const auto& [k, v] : json["config"].items()) config[k] = v.is_string() ? v : nlohmann::ordered_json(v.dump());
  if (!config.contains("name")) config["name"] = json["name"];
  return config;
}

class StandaloneCommand : public Command {
 public:
  std::string name() const override { return "connect-standalone.sh"; }
  std::string summary() const override {
    return "start a standalone Kafka Connect worker: connect-standalone.sh config/connect-standalone.properties "
           "config/connect-file-source.properties [more connector files...]";
  }
  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>&) const override {
    static const std::string kUsage =
        "Usage: ConnectStandalone [-daemon] worker.properties [connector1.properties connector2.json ...]\n";
    if (args.size() == 1 && args[0] == "--help") return {.help = kUsage};
    bool daemon = false;
    std::vector<std::string> files;
    for (const std::string& a : args) {
      if (a == "-daemon") {
        daemon = true;
      } else if (a.starts_with("-")) {
        throw UsageError(fmt::format("unknown option {}: {}", a, kUsage), WordIndex(args, a));
      } else {
        files.push_back(a);
      }
    }
    if (files.empty()) throw UsageError(kUsage);
    auto text = ReadConfigFile(files[0]);
    if (!text) throw UsageError(fmt::format("java.nio.file.NoSuchFileException: {}", files[0]), WordIndex(args, files[0]));
    auto config = ParseStandaloneWorkerConfig(ParseProperties(*text));
    if (auto* e = std::get_if<std::string>(&config)) throw UsageError(*e, WordIndex(args, files[0]));
    std::vector<ConfigJson> connectors;
    for (size_t i = 1; i < files.size(); ++i) {
      auto c = ReadConnectorFile(files[i]);
      if (auto* e = std::get_if<std::string>(&c)) throw UsageError(*e, WordIndex(args, files[i]));
      connectors.push_back(std::get<ConfigJson>(std::move(c)));
    }
    return {.invocation = std::make_unique<StandaloneInvocation>(std::get<WorkerConfig>(std::move(config)),
                                                                 std::move(connectors), daemon)};
  }
};

}  // namespace

void RegisterConnectStandaloneCommand(Session& session) {
  session.commands().Register(std::make_unique<StandaloneCommand>());
}

}  // namespace kafkasim
