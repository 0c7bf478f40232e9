// `producer start NAME --topic T [--rate 100/s] [--keys user-{1..10}] [--value-size 100]
//  [--count N] [--property k=v ...]` and `producer stop NAME`: a simulated application that
// produces records at a steady rate (producer_app.h), on a node of its own that `crash` and
// `restart` act on like any other. `--property` takes the producer's configs (acks,
// enable.idempotence, linger.ms, ...), with Kafka's defaults and Kafka's config errors.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/broker/broker_part.h"
#include "sim/script/session.h"
#include "sim/tools/app_command.h"
#include "sim/tools/client_part.h"
#include "sim/tools/commands.h"
#include "sim/tools/ledger_part.h"
#include "sim/tools/producer_app.h"

namespace kafkasim {
namespace {

struct ProducerCommandOptions {
  std::string action, name, topic, rate = "100/s", keys, bootstrap_server = "localhost:9092";
  int64_t value_size = 100;
  std::optional<int64_t> count;
  std::vector<std::string> properties;
};

int Start(Session& session, const ProducerAppSpec& spec) {
  if (AppNameTaken(session, spec.name)) return 1;
  Ledger& ledger = session.part<LedgerPart>().ledger();
  ledger.RegisterApp(spec.name, spec.config.acks);
  auto state = std::make_shared<ProducerAppState>(
      ProducerAppState{.spec = spec, .stats = session.part<ClientPart>().AddProducer(spec.name)});
  Simulation& sim = session.sim();
  const BrokerDirectory& directory = session.part<BrokerPart>().directory();
  return StartAppNode(session, spec.name, "producer", [&sim, &directory, state, &ledger](NodeId id) {
    return std::make_unique<ProducerApp>(sim, id, directory, state, ledger);
  });
}

int Stop(Session& session, const std::string& name) {
  Node* node = FindRunningApp(session, name, "producer", session.part<LedgerPart>().ledger().HasApp(name));
  if (node == nullptr) return 1;
  session.sim().Stop(node->id());  // close(): what the producer holds is sent first
  return 0;
}

// The scenario lexer makes `{` and `}` words of their own (for `network split {a b}`): glue
// `user-` `{` `1..10` `}` back into the one word a shell would have passed.
std::vector<std::string> GlueBraces(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "{" && i + 2 < args.size() && args[i + 2] == "}") {
      const std::string braced = "{" + args[i + 1] + "}";
      if (!out.empty() && out.back().rfind("--", 0) != 0) {
        out.back() += braced;  // user- { 1..10 } -> user-{1..10}
      } else {
        out.push_back(braced);
      }
      i += 2;
      continue;
    }
    out.push_back(args[i]);
  }
  return out;
}

class ProducerAppCommand : public CliCommand {
 public:
  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>& input) const override {
    return CliCommand::Parse(GlueBraces(args), input);
  }
  std::string name() const override { return "producer"; }
  std::string summary() const override {
    return "run a producing application: producer start NAME --topic T [--rate 100/s] [--keys user-{1..10}] "
           "[--value-size 100] [--count N] [--property k=v ...]; producer stop NAME";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto o = std::make_shared<ProducerCommandOptions>();
    app.description("A simulated application with a KafkaProducer, sending records at a steady rate.");
    app.add_option("action", o->action, "start or stop")->required();
    app.add_option("name", o->name, "the app's node name, e.g. orders-app")->required();
    app.add_option("--topic", o->topic, "the topic to produce to (start)");
    app.add_option("--rate", o->rate, "records per second, as N/s (default: 100/s)");
    app.add_option("--keys", o->keys, "keys used in turn: user-{1..10}, or a,b,c (default: no key)");
    app.add_option("--value-size", o->value_size, "bytes per value (default: 100)");
    app.add_option("--count", o->count, "stop after this many records (default: no end)");
    app.add_option("--bootstrap-server", o->bootstrap_server, "bootstrap.servers (default: localhost:9092)");
    app.add_option("--property", o->properties, "a producer config, key=value (acks=1, enable.idempotence=false, ...)")
        ->take_first()
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    return [o](const std::vector<std::string>& args, const std::vector<std::string>&) -> std::unique_ptr<Invocation> {
      if (o->action == "stop") {
        return std::make_unique<InstantInvocation>([name = o->name](Session& s) { return Stop(s, name); });
      }
      if (o->action != "start") throw UsageError("the action is start or stop", WordIndex(args, o->action));
      if (o->name.find('#') != std::string::npos) {
        throw UsageError("an app's name may not contain '#' (it begins every value as NAME#n)", WordIndex(args, o->name));
      }
      if (o->topic.empty()) throw UsageError("Missing required argument \"--topic\"");
      ProducerAppSpec spec{.name = o->name, .topic = o->topic};
      const auto interval = ParseRate(o->rate);
      if (!interval) {
        throw UsageError(fmt::format("--rate {}: give records per second as N/s, N from 1 to 1000000", o->rate),
                         WordIndex(args, o->rate));
      }
      spec.interval = *interval;
      if (!o->keys.empty()) {
        auto keys = ExpandKeys(o->keys);
        if (!keys) throw UsageError(fmt::format("--keys {}: give user-{{1..10}} or a,b,c", o->keys), WordIndex(args, o->keys));
        spec.keys = std::move(*keys);
      }
      if (o->value_size < 0 || o->value_size > 1000000) {
        throw UsageError("--value-size must be between 0 and 1000000", WordIndex(args, "--value-size"));
      }
      spec.value_size = static_cast<size_t>(o->value_size);
      if (o->count) {
        if (*o->count < 0) throw UsageError("--count must not be negative", WordIndex(args, "--count"));
        spec.count = static_cast<uint64_t>(*o->count);
      }
      auto props = ParseAppProperties(o->properties, args);
      if (!props.contains("bootstrap.servers")) props["bootstrap.servers"] = o->bootstrap_server;
      if (!props.contains("client.id")) props["client.id"] = o->name;
      auto parsed = ParseProducerConfig(props);
      if (auto* e = std::get_if<AdminError>(&parsed)) throw UsageError(fmt::format("{}: {}", e->exception, e->message));
      spec.config = std::get<ParsedProducerConfig>(parsed).config;
      return std::make_unique<InstantInvocation>([spec](Session& s) { return Start(s, spec); });
    };
  }
};

}  // namespace

void RegisterProducerAppCommand(Session& session) {
  session.commands().Register(std::make_unique<ProducerAppCommand>());
}

}  // namespace kafkasim
