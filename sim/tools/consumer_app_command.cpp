// `consumer start NAME --group G --topic T [--process-time 5ms] [--commit auto|after-process|before-process]
//  [--property k=v ...]` and `consumer stop NAME`: a simulated application that consumes in a
// group and processes each record for a while (consumer_app.h), on a node of its own that
// `crash` and `restart` act on like any other. `--property` takes the consumer's configs
// (max.poll.records, max.poll.interval.ms, session.timeout.ms, auto.offset.reset, ...), with
// Kafka's defaults and Kafka's config errors; `--commit` decides enable.auto.commit.
//
// The `expect` query about the apps: consumer NAME polled|processed|commits|failed-commits.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/broker/broker_part.h"
#include "sim/script/builtin_commands.h"
#include "sim/script/session.h"
#include "sim/tools/app_command.h"
#include "sim/tools/commands.h"
#include "sim/tools/consumer_app_part.h"
#include "sim/tools/ledger_part.h"

namespace kafkasim {
namespace {

struct ConsumerCommandOptions {
  std::string action, name, group, topic, process_time = "5ms", commit = "auto", bootstrap_server = "localhost:9092";
  std::vector<std::string> properties;
};

int StartConsumerApp(Session& session, const ConsumerAppSpec& spec) {
  if (AppNameTaken(session, spec.name)) return 1;
  std::shared_ptr<ConsumerAppState> state = session.part<ConsumerAppPart>().Add(spec);
  Ledger& ledger = session.part<LedgerPart>().ledger();
  Simulation& sim = session.sim();
  const BrokerDirectory& directory = session.part<BrokerPart>().directory();
  return StartAppNode(session, spec.name, "consumer", [&sim, &directory, state, &ledger](NodeId id) {
    return std::make_unique<ConsumerApp>(sim, id, directory, state, ledger);
  });
}

// `consumer stop NAME` completes once the app has finished its batch, committed and left.
class StopConsumerApp : public Invocation {
 public:
  explicit StopConsumerApp(std::string name) : name_(std::move(name)) {}
  void Start(Session& session, std::function<void(int)> done) override {
    Node* node = FindRunningApp(session, name_, "consumer", session.part<ConsumerAppPart>().Find(name_) != nullptr);
    if (node == nullptr) return done(1);
    StopGracefully(session.sim(), node->id(), [done = std::move(done)] { done(0); });
  }

 private:
  std::string name_;
};

ConsumerAppSpec BuildSpec(const ConsumerCommandOptions& o, const std::vector<std::string>& args) {
  if (o.action != "start") throw UsageError("the action is start or stop", WordIndex(args, o.action));
  if (o.group.empty()) throw UsageError("Missing required argument \"--group\"");
  if (o.topic.empty()) throw UsageError("Missing required argument \"--topic\"");
  ConsumerAppSpec spec{.name = o.name, .group = o.group, .topic = o.topic};
  const std::optional<Duration> process_time = o.process_time == "0" ? Duration() : ParseDuration(o.process_time);
  if (!process_time || *process_time > Duration::Seconds(3600)) {
    throw UsageError(fmt::format("--process-time {}: give a duration per record, e.g. 5ms, 250us or 2s (at most 1h)",
                                 o.process_time),
                     WordIndex(args, o.process_time));
  }
  spec.process_time = *process_time;
  const std::optional<CommitMode> mode = ParseCommitMode(o.commit);
  if (!mode) {
    throw UsageError(fmt::format("--commit {}: choose auto, after-process or before-process", o.commit),
                     WordIndex(args, o.commit));
  }
  spec.commit = *mode;
  auto props = ParseAppProperties(o.properties, args);
  if (props.contains("group.id") && props.at("group.id") != o.group) {
    throw UsageError(fmt::format("--property group.id={} contradicts --group {}", props.at("group.id"), o.group),
                     WordIndex(args, "group.id=" + props.at("group.id")));
  }
  const std::string auto_commit = spec.commit == CommitMode::kAuto ? "true" : "false";
  if (auto e = props.find("enable.auto.commit"); e != props.end() && e->second != auto_commit) {
    throw UsageError(fmt::format("--property enable.auto.commit={} contradicts --commit {}: the commit mode decides "
                                 "it (auto commits with enable.auto.commit=true, the others call commitSync)",
                                 e->second, o.commit),
                     WordIndex(args, "enable.auto.commit=" + e->second));
  }
  props["group.id"] = o.group;
  props["enable.auto.commit"] = auto_commit;
  if (!props.contains("bootstrap.servers")) props["bootstrap.servers"] = o.bootstrap_server;
  if (!props.contains("client.id")) props["client.id"] = o.name;
  auto parsed = ParseConsumerConfig(props);
  if (auto* e = std::get_if<AdminError>(&parsed)) throw UsageError(fmt::format("{}: {}", e->exception, e->message));
  spec.config = std::get<ParsedConsumerConfig>(parsed).config;
  return spec;
}

class ConsumerAppCommand : public CliCommand {
 public:
  std::string name() const override { return "consumer"; }
  std::string summary() const override {
    return "run a consuming application: consumer start NAME --group G --topic T [--process-time 5ms] "
           "[--commit auto|after-process|before-process] [--property k=v ...]; consumer stop NAME";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto o = std::make_shared<ConsumerCommandOptions>();
    app.description("A simulated application with a KafkaConsumer in a group: it polls, processes each record for "
                    "--process-time, and commits as --commit says.");
    app.add_option("action", o->action, "start or stop")->required();
    app.add_option("name", o->name, "the app's node name, e.g. billing-app")->required();
    app.add_option("--group", o->group, "the consumer group, group.id (start)");
    app.add_option("--topic", o->topic, "the topic to subscribe to (start)");
    app.add_option("--process-time", o->process_time, "simulated time to process one record (default: 5ms)");
    app.add_option("--commit", o->commit,
                   "auto (enable.auto.commit), after-process (commitSync after each batch: at-least-once) or "
                   "before-process (commitSync before processing: at-most-once); default: auto");
    app.add_option("--bootstrap-server", o->bootstrap_server, "bootstrap.servers (default: localhost:9092)");
    app.add_option("--property", o->properties,
                   "a consumer config, key=value (max.poll.records=10, session.timeout.ms=10000, ...)")
        ->take_first()
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    return [o](const std::vector<std::string>& args, const std::vector<std::string>&) -> std::unique_ptr<Invocation> {
      if (o->action == "stop") return std::make_unique<StopConsumerApp>(o->name);
      return std::make_unique<InstantInvocation>(
          [spec = BuildSpec(*o, args)](Session& s) { return StartConsumerApp(s, spec); });
    };
  }
};

QueryResult ConsumerAppQuery(Session& s, const std::vector<std::string>& a) {
  const ConsumerAppState* app = s.part<ConsumerAppPart>().Find(a[0]);
  if (app == nullptr) {
    std::vector<std::string> names;
    for (const auto& [name, state] : s.part<ConsumerAppPart>().apps()) names.push_back(name);
    return QueryError{fmt::format("no consumer app named '{}' (consumer apps: {})", a[0],
                                  names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", ")))};
  }
  const ConsumerAppStats& st = app->stats;
  if (a[1] == "polled") return std::to_string(st.polled);
  if (a[1] == "processed") return std::to_string(st.processed);
  if (a[1] == "commits") return std::to_string(st.commits);
  if (a[1] == "failed-commits") return std::to_string(st.failed_commits);
  return QueryError{fmt::format("unknown property '{}': try polled, processed, commits or failed-commits", a[1])};
}

}  // namespace

void RegisterConsumerAppCommand(Session& session) {
  session.commands().Register(std::make_unique<ConsumerAppCommand>());
  session.queries().Register({.name = "consumer",
                              .usage = "consumer NAME polled|processed|commits|failed-commits",
                              .arguments = 2,
                              .evaluate = ConsumerAppQuery});
}

}  // namespace kafkasim
