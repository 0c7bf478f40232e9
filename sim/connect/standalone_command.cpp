// bin/connect-standalone.sh [-daemon] worker.properties [connector1.properties connector2.json ...]
// (Kafka 3.7 ConnectStandalone): one worker, its connectors from the files that follow — Java
// properties, or JSON in the shape POST /connectors takes ({"name":...,"config":{...}}).
//
// It completes once the worker is up (worker_invocation.h). A worker config Kafka refuses or a
// connector file it cannot read ends the command with exit code 1 and Kafka's error.

#include <fmt/format.h>

#include "sim/admin/topic_command_output.h"
#include "sim/config/config_files.h"
#include "sim/connect/commands.h"
#include "sim/connect/connect_part.h"
#include "sim/connect/jackson_error.h"
#include "sim/connect/json_body.h"
#include "sim/connect/worker_invocation.h"
#include "sim/script/session.h"

namespace kafkasim {
namespace {

constexpr Duration kStartTimeout = Duration::Millis(61000);  // the cluster id lookup gives up after 60 s

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
    auto [daemon, files] = ParseWorkerArgs(args, kUsage);
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
    auto start = [config = std::get<WorkerConfig>(std::move(config)),
                  connectors = std::move(connectors)](ConnectPart& part) { return part.StartStandalone(config, connectors); };
    return {.invocation = std::make_unique<WorkerInvocation>(std::move(start), daemon, kStartTimeout)};
  }
};

}  // namespace

void RegisterConnectStandaloneCommand(Session& session) {
  session.commands().Register(std::make_unique<StandaloneCommand>());
}

}  // namespace kafkasim
