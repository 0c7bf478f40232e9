#include "sim/script/builtin_commands.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/script/session.h"

namespace kafkasim {
namespace {

class SleepCommand : public CliCommand {
 public:
  std::string name() const override { return "sleep"; }
  std::string summary() const override { return "let simulated time pass: sleep 5s"; }

 protected:
  Builder Define(CLI::App& app) const override {
    auto text = std::make_shared<std::string>();
    app.add_option("duration", *text, "how long, e.g. 250ms, 1.5s, 2m")->required();
    return [text](const std::vector<std::string>& args, const std::vector<std::string>&) {
      auto d = ParseDuration(*text);
      if (!d) {
        throw UsageError(fmt::format("'{}' is not a duration: write a number and a unit (us, ms, s, m, h), "
                                     "like 5s",
                                     *text),
                         WordIndex(args, *text));
      }
      struct Sleep : Invocation {
        Duration d;
        void Start(Session& session, std::function<void(int)> done) override {
          session.sim().Schedule(d, kNoNode, [done = std::move(done)] { done(0); });
        }
      };
      auto sleep = std::make_unique<Sleep>();
      sleep->d = *d;
      return sleep;
    };
  }
};

class NarrateCommand : public Command {
 public:
  std::string name() const override { return "narrate"; }
  std::string summary() const override { return "show a line of narration: narrate \"text\""; }
  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>&) const override {
    if (args.empty()) throw UsageError("narrate needs the text to show: narrate \"The leader is gone\"");
    if (args.size() == 1 && args[0] == "--help") return {.help = summary() + "\n"};
    const std::string text = fmt::format("{}", fmt::join(args, " "));
    return {.invocation = std::make_unique<InstantInvocation>([text](Session& s) {
      s.Narrate(text);
      return 0;
    })};
  }
};

class HelpCommand : public Command {
 public:
  explicit HelpCommand(const CommandRegistry* commands) : commands_(commands) {}
  std::string name() const override { return "help"; }
  std::string summary() const override { return "list the commands, or explain one: help crash"; }
  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>&) const override {
    std::string text;
    if (args.empty()) {
      text = "Commands (each also answers --help):\n";
      for (const Command* c : commands_->All()) text += fmt::format("  {:<32} {}\n", c->name(), c->summary());
    } else {
      const Command* c = commands_->Find(args[0]);
      if (c == nullptr) {
        std::string message = fmt::format("unknown command '{}'", args[0]);
        if (auto nearest = commands_->Suggest(args[0])) message += fmt::format("; did you mean '{}'?", *nearest);
        throw UsageError(message, 0);
      }
      text = c->Parse({"--help"}, {}).help;
    }
    return {.invocation = std::make_unique<InstantInvocation>([text](Session& s) {
      s.Print(text);
      return 0;
    })};
  }

 private:
  const CommandRegistry* commands_;
};

// A Kafka tool whose part of Kafka kafkasim does not simulate yet. It is registered so that the
// name is known (no "did you mean" for a correct name) and the error says what is missing.
class UnavailableCommand : public Command {
 public:
  UnavailableCommand(std::string name, std::string part) : name_(std::move(name)), part_(std::move(part)) {}
  std::string name() const override { return name_; }
  std::string summary() const override { return "(not available yet: needs " + part_ + ")"; }
  ParsedCommand Parse(const std::vector<std::string>&, const std::vector<std::string>&) const override {
    throw UsageError(fmt::format("not available yet: this kafkasim does not simulate {} yet", part_));
  }

 private:
  std::string name_, part_;
};

}  // namespace

void RegisterBuiltinCommands(CommandRegistry& commands, const QueryRegistry& queries) {
  commands.Register(std::make_unique<SleepCommand>());
  commands.Register(std::make_unique<NarrateCommand>());
  commands.Register(std::make_unique<HelpCommand>(&commands));
  commands.Register(MakeExpectCommand(queries));
  RegisterNodeCommands(commands);
  RegisterNetworkCommand(commands);

  const std::pair<const char*, const char*> kUnavailable[] = {
      {"zookeeper-server-start.sh", "ZooKeeper"},       {"zookeeper-server-stop.sh", "ZooKeeper"},
      {"zookeeper-shell.sh", "ZooKeeper"},              {"kafka-server-start.sh", "brokers"},
      {"kafka-server-stop.sh", "brokers"},              {"kafka-topics.sh", "brokers"},
      {"kafka-configs.sh", "brokers"},                  {"kafka-leader-election.sh", "brokers"},
      {"kafka-delete-records.sh", "brokers"},           {"kafka-dump-log.sh", "log segments"},
      {"kafka-console-producer.sh", "clients"},         {"kafka-console-consumer.sh", "clients"},
      {"kafka-consumer-groups.sh", "consumer groups"},  {"kafka-producer-perf-test.sh", "clients"},
      {"kafka-consumer-perf-test.sh", "clients"},       {"producer", "clients"},
      {"consumer", "clients"},                          {"connect-standalone.sh", "Kafka Connect"},
      {"connect-distributed.sh", "Kafka Connect"},      {"curl", "Kafka Connect's REST API"},
      // The rest of Kafka 3.7's bin/: known by name, so that a student is never told a real tool
      // does not exist.
      {"connect-mirror-maker.sh", "MirrorMaker 2 (a second cluster)"},
      {"connect-plugin-path.sh", "Connect plugin installation"},
      {"kafka-acls.sh", "authorization (ACLs)"},
      {"kafka-broker-api-versions.sh", "API version negotiation"},
      {"kafka-client-metrics.sh", "client metrics subscriptions (KIP-714)"},
      {"kafka-cluster.sh", "the cluster tool"},
      {"kafka-delegation-tokens.sh", "delegation tokens"},
      {"kafka-e2e-latency.sh", "the end-to-end latency tool"},
      {"kafka-features.sh", "feature flags"},
      {"kafka-get-offsets.sh", "the get-offsets tool"},
      {"kafka-jmx.sh", "JMX metrics"},
      {"kafka-log-dirs.sh", "the log dirs tool (DescribeLogDirs)"},
      {"kafka-metadata-quorum.sh", "KRaft (it models ZooKeeper mode)"},
      {"kafka-metadata-shell.sh", "KRaft (it models ZooKeeper mode)"},
      {"kafka-storage.sh", "KRaft (it models ZooKeeper mode)"},
      {"kafka-mirror-maker.sh", "MirrorMaker (a second cluster)"},
      {"kafka-reassign-partitions.sh", "partition reassignment"},
      {"kafka-replica-verification.sh", "the replica verification tool"},
      {"kafka-run-class.sh", "a JVM"},
      {"kafka-streams-application-reset.sh", "Kafka Streams"},
      {"kafka-transactions.sh", "the transactions tool"},
      {"kafka-verifiable-consumer.sh", "the system tests' verifiable clients"},
      {"kafka-verifiable-producer.sh", "the system tests' verifiable clients"},
      {"trogdor.sh", "Trogdor (fault injection)"},
      {"zookeeper-security-migration.sh", "ZooKeeper ACLs"},
  };
  for (const auto& [name, part] : kUnavailable) {
    if (commands.Find(name) == nullptr) commands.Register(std::make_unique<UnavailableCommand>(name, part));
  }
}

void RegisterBuiltinQueries(QueryRegistry& queries) {
  queries.Register(Query{.name = "time", .usage = "time", .arguments = 0,
                         .evaluate = [](Session& s, const std::vector<std::string>&) -> QueryResult {
                           return FormatDuration(s.sim().now() - Time::Zero());
                         }});
  queries.Register(Query{.name = "node", .usage = "node NAME state", .arguments = 2,
                         .evaluate = [](Session& s, const std::vector<std::string>& a) -> QueryResult {
                           if (a[1] != "state") return QueryError{fmt::format("unknown property '{}': try state", a[1])};
                           Node* node = s.FindNode(a[0]);
                           if (node == nullptr) return QueryError{s.UnknownNodeMessage(a[0])};
                           return std::string(ToString(node->state()));
                         }});
  queries.Register(Query{.name = "events", .usage = "events KIND   (e.g. events node.crash)", .arguments = 1,
                         .evaluate = [](Session& s, const std::vector<std::string>& a) -> QueryResult {
                           return std::to_string(s.CountEvents(a[0]));
                         }});
}

}  // namespace kafkasim
