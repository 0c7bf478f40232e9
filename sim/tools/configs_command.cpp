// bin/kafka-configs.sh (ConfigCommand, Kafka 3.7) against the simulated cluster, with
// --bootstrap-server: --describe [--all] and --alter --add-config/--delete-config of topics
// (--entity-type topics --entity-name T, or --topic T), and --describe of brokers (--entity-type
// brokers --entity-name N, --broker N, --entity-default, --broker-defaults, or every broker).
//
// --alter first describes the topic (the names --delete-config removes must be overrides:
// "Invalid config(s): k"), then sends one IncrementalAlterConfigs with a SET per added key and a
// DELETE per removed one, and prints "Completed updating config for topic orders.". What the
// broker refuses comes back as the tool prints a failed future: "Error while executing config
// command with args '...'" and the ExecutionException's line (kafkasim leaves out the Java stack
// frames). Altering broker configs needs dynamic broker configs, which kafkasim does not have.

#include <charconv>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/admin/topic_name.h"
#include "sim/client/admin_client.h"
#include "sim/script/session.h"
#include "sim/tools/admin_tool.h"
#include "sim/tools/commands.h"
#include "sim/tools/configs_output.h"

namespace kafkasim {
namespace {

struct ConfigsOptions {
  std::string bootstrap_server;
  bool alter = false, describe = false, all = false, entity_default = false, broker_defaults = false;
  std::vector<std::string> entity_types, entity_names;
  std::string topic, broker;
  std::string add_config;
  std::vector<std::string> delete_config;
  // Derived in the builder.
  ConfigResourceType type = ConfigResourceType::kTopic;
  std::optional<std::string> name;  // nullopt: every entity of the type
  std::vector<std::pair<std::string, std::string>> to_add;
  std::vector<std::string> to_delete;
  std::string args;  // the words as typed, for "Error while executing config command with args '...'"
};

class ConfigsInvocation : public AdminToolInvocation {
 public:
  explicit ConfigsInvocation(ConfigsOptions o)
      : AdminToolInvocation("kafka-configs", o.bootstrap_server), o_(std::move(o)) {}

 private:
  void Run() override {
    if (o_.alter) return Alter();
    if (o_.name) return DescribeEach({*o_.name});
    ListEntities();
  }

  // ConfigCommand.main's catch-all: a failed future (or timeout) is not one of the exceptions it
  // prints bare.
  void FailWith(std::string_view exception, const std::string& message) {
    session().PrintError(fmt::format("Error while executing config command with args '{}'\n"
                                     "java.util.concurrent.ExecutionException: {}: {}",
                                     o_.args, exception, message));
    Finish(1);
  }
  void Fail(ErrorCode error, const std::string& message) {
    FailWith(ExceptionClassFor(error), message.empty() ? std::string(DefaultMessage(error)) : message);
  }
  void TimedOut(const std::string& message) { FailWith("org.apache.kafka.common.errors.TimeoutException", message); }

  // Without a name: every topic (listTopics, internal ones included), or every broker then the
  // cluster defaults.
  void ListEntities() {
    client().Call(o_.type == ConfigResourceType::kTopic ? "listTopics" : "describeCluster",
                  AdminClient::Target::kAnyBroker, [] { return std::make_unique<MetadataRequest>(); },
                  [this](const Envelope* response, const std::string& error) {
                    if (response == nullptr) return TimedOut(error);
                    const auto& metadata = *response->As<MetadataResponse>();
                    std::vector<std::string> names;
                    if (o_.type == ConfigResourceType::kTopic) {
                      for (const TopicMetadata& t : metadata.topics) names.push_back(t.name);
                      std::sort(names.begin(), names.end());
                    } else {
                      for (const BrokerMetadata& b : metadata.brokers) names.push_back(std::to_string(b.id.value()));
                      names.push_back("");
                    }
                    DescribeEach(std::move(names));
                  });
  }

  void DescribeEach(std::vector<std::string> names) {
    if (names.empty()) return Finish(0);
    const std::string name = names.front();
    names.erase(names.begin());
    session().Print(DescribeHeader(o_.type, name, o_.all));
    Describe(name, /*include_synonyms=*/true, [this, names](std::vector<DescribedConfig> configs) {
      for (const DescribedConfig& c : SelectDescribed(std::move(configs), o_.type, o_.all)) {
        session().Print(FormatDescribedConfig(c));
      }
      DescribeEach(names);
    });
  }

  // getResourceConfig: one DescribeConfigs, to any broker for a topic and to the broker itself
  // for a broker's own configs.
  void Describe(const std::string& name, bool include_synonyms, std::function<void(std::vector<DescribedConfig>)> next) {
    auto make = [resource = ConfigResource{o_.type, name}, include_synonyms] {
      auto r = std::make_unique<DescribeConfigsRequest>();
      r->resources.push_back(resource);
      r->include_synonyms = include_synonyms;
      return r;
    };
    auto done = [this, next](const Envelope* response, const std::string& error) {
      if (response == nullptr) return TimedOut(error);
      DescribeConfigsResult result = response->As<DescribeConfigsResponse>()->results.at(0);
      if (result.error != ErrorCode::kNone) return Fail(result.error, result.message);
      next(std::move(result.configs));
    };
    int32_t id = 0;
    if (o_.type == ConfigResourceType::kBroker && !name.empty() &&
        std::from_chars(name.data(), name.data() + name.size(), id).ec == std::errc()) {
      return client().CallBroker("describeConfigs", BrokerId(id), make, done);
    }
    client().Call("describeConfigs", AdminClient::Target::kAnyBroker, make, done);
  }

  void Alter() {
    Describe(*o_.name, /*include_synonyms=*/false, [this](std::vector<DescribedConfig> configs) {
      std::vector<std::string> invalid;
      for (const std::string& k : o_.to_delete) {
        const bool present = std::any_of(configs.begin(), configs.end(), [&](const DescribedConfig& c) {
          return c.name == k && c.source == ConfigSource::kTopicConfig;
        });
        if (!present) invalid.push_back(k);
      }
      if (!invalid.empty()) {
        // InvalidConfigurationException: ConfigCommand prints its message alone.
        session().PrintError(fmt::format("Invalid config(s): {}", fmt::join(invalid, ",")));
        return Finish(1);
      }
      AlterConfigsResource resource{.resource = {o_.type, *o_.name}};
      for (const auto& [k, v] : o_.to_add) resource.configs.push_back({k, AlterConfigOpType::kSet, v});
      for (const std::string& k : o_.to_delete) resource.configs.push_back({k, AlterConfigOpType::kDelete, ""});
      client().Call(
          "incrementalAlterConfigs", AdminClient::Target::kAnyBroker,
          [resource] {
            auto r = std::make_unique<IncrementalAlterConfigsRequest>();
            r->resources.push_back(resource);
            return r;
          },
          [this](const Envelope* response, const std::string& error) {
            if (response == nullptr) return TimedOut(error);
            const AlterConfigsResult& r = response->As<IncrementalAlterConfigsResponse>()->results.at(0);
            if (r.error != ErrorCode::kNone) return Fail(r.error, r.message);
            session().Print(fmt::format("Completed updating config for topic {}.", *o_.name));
            Finish(0);
          });
    });
  }

  ConfigsOptions o_;
};

// ConfigCommandOptions.checkArgs and processCommand's checks, for the entity types kafkasim has.
void CheckArgs(ConfigsOptions& o, const std::vector<std::string>& args) {
  if (o.alter + o.describe != 1) throw UsageError("Command must include exactly one action: --describe, --alter");
  if (o.describe) {
    for (const char* flag : {"--add-config", "--delete-config"}) {
      if (WordIndex(args, flag) >= 0) {
        throw UsageError(fmt::format("Option \"[describe]\" can't be used with option \"[{}]\"",
                                     std::string_view(flag).substr(2)),
                         WordIndex(args, flag));
      }
    }
  }
  std::vector<std::string> types = o.entity_types;
  std::vector<std::string> names;
  if (!o.topic.empty()) types.push_back("topics");
  if (!o.broker.empty() || o.broker_defaults) types.push_back("brokers");
  for (size_t i = 0; i < types.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (types[i] == types[j]) throw UsageError(fmt::format("Duplicate entity type(s) specified: {}", types[i]));
    }
  }
  if (o.bootstrap_server.empty()) {
    throw UsageError("One of the required --bootstrap-server or --bootstrap-controller arguments must be specified "
                     "(kafkasim has no --zookeeper mode)");
  }
  static constexpr std::string_view kAllowed[] = {"topics",  "clients",        "users",         "brokers",
                                                  "ips",     "broker-loggers", "client-metrics"};
  for (const std::string& t : types) {
    if (std::find(std::begin(kAllowed), std::end(kAllowed), t) == std::end(kAllowed)) {
      throw UsageError(fmt::format("Invalid entity type {}, the entity type must be one of {} with a "
                                   "--bootstrap-server or --bootstrap-controller argument",
                                   t, fmt::join(kAllowed, ", ")),
                       WordIndex(args, t));
    }
  }
  if (types.empty()) throw UsageError("At least one entity type must be specified");
  if (types.size() > 1) throw UsageError("Only 'users' and 'clients' entity types may be specified together");
  if ((!o.entity_types.empty() || !o.entity_names.empty() || o.entity_default) &&
      (!o.topic.empty() || !o.broker.empty() || o.broker_defaults)) {
    throw UsageError("--entity-{type,name,default} should not be used in conjunction with specific entity flags");
  }
  const std::string& type = types.front();
  if (type != "topics" && type != "brokers") {
    throw UsageError(fmt::format("kafka-configs.sh --entity-type {} is not available yet in kafkasim (topics and "
                                 "brokers are)",
                                 type));
  }
  o.type = type == "topics" ? ConfigResourceType::kTopic : ConfigResourceType::kBroker;
  if (!o.entity_names.empty()) o.name = o.entity_names.front();
  if (!o.topic.empty()) o.name = o.topic;
  if (!o.broker.empty()) o.name = o.broker;
  if (o.entity_default || o.broker_defaults) o.name = "";
  if (o.entity_names.size() > 1) throw UsageError("Only one entity name may be given");
  if (o.type == ConfigResourceType::kBroker && o.name && !o.name->empty()) {
    int32_t id = 0;
    const auto [end, ec] = std::from_chars(o.name->data(), o.name->data() + o.name->size(), id);
    if (ec != std::errc() || end != o.name->data() + o.name->size()) {
      throw UsageError(
          fmt::format("The entity name for brokers must be a valid integer broker id, but it is: {}", *o.name),
          WordIndex(args, *o.name));
    }
  }
  if (o.describe && o.type == ConfigResourceType::kTopic && o.entity_default) {
    throw UsageError("--entity-default must not be specified with --describe of topics");
  }
  if (o.type == ConfigResourceType::kTopic && o.name && !o.name->empty()) {
    // Topic.validate, which getResourceConfig runs before asking the broker.
    if (auto invalid = ValidateTopicName(*o.name)) throw UsageError(invalid->message, WordIndex(args, *o.name));
  }
  if (!o.alter) return;
  if (o.type == ConfigResourceType::kBroker) {
    throw UsageError("kafka-configs.sh --alter of brokers is not available yet in kafkasim: it has no dynamic broker "
                     "configs (set them in server.properties or with kafka-server-start.sh --override)");
  }
  if (!o.name || o.name->empty()) throw UsageError("An entity name must be specified with --alter of topics");
  if (o.add_config.empty() && WordIndex(args, "--add-config") < 0 && o.delete_config.empty()) {
    throw UsageError("At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter");
  }
  if (WordIndex(args, "--add-config") >= 0) {
    auto added = ParseConfigsToBeAdded(o.add_config);
    if (auto* e = std::get_if<AdminError>(&added)) throw UsageError(e->message, WordIndex(args, o.add_config));
    o.to_add = std::get<0>(added);
  }
  o.to_delete = ParseConfigsToBeDeleted(o.delete_config);
}

class ConfigsCommand : public CliCommand {
 public:
  std::string name() const override { return "kafka-configs.sh"; }
  std::string summary() const override {
    return "describe and change topic configs: kafka-configs.sh --bootstrap-server localhost:9092 --entity-type topics "
           "--entity-name orders --alter --add-config retention.ms=60000";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto o = std::make_shared<ConfigsOptions>();
    app.description("This tool helps to manipulate and describe entity config for a topic, client, user, broker, ip "
                    "or client-metrics");
    app.add_option("--bootstrap-server", o->bootstrap_server, "The Kafka servers to connect to.");
    app.add_flag("--alter", o->alter, "Alter the configuration for the entity.");
    app.add_flag("--describe", o->describe, "List configs for the given entity.");
    app.add_flag("--all", o->all, "List all configs for the given entity, including static configs if available.");
    app.add_option("--entity-type", o->entity_types,
                   "Type of entity (topics/clients/users/brokers/broker-loggers/ips/client-metrics)")
        ->take_all();
    app.add_option("--entity-name", o->entity_names,
                   "Name of entity (topic name/client id/user principal name/broker id/ip/client metrics)")
        ->take_all();
    app.add_flag("--entity-default", o->entity_default,
                 "Default entity name for clients/users/brokers/ips (applies to corresponding entity type)");
    app.add_option("--add-config", o->add_config,
                   "Key Value pairs of configs to add. Square brackets can be used to group values which contain "
                   "commas: 'k1=v1,k2=[v1,v2,v2],k3=v3'.");
    app.add_option("--delete-config", o->delete_config, "config keys to remove 'k1,k2'")->take_all();
    app.add_option("--topic", o->topic, "The topic's name.");
    app.add_option("--broker", o->broker, "The broker's ID.");
    app.add_flag("--broker-defaults", o->broker_defaults, "The config defaults for all brokers.");
    return [o](const std::vector<std::string>& args, const std::vector<std::string>&) -> std::unique_ptr<Invocation> {
      ConfigsOptions options = *o;
      CheckArgs(options, args);
      options.args = fmt::format("{}", fmt::join(args, " "));
      return std::make_unique<ConfigsInvocation>(std::move(options));
    };
  }
};

}  // namespace

void RegisterConfigsCommand(Session& session) { session.commands().Register(std::make_unique<ConfigsCommand>()); }

}  // namespace kafkasim
