// bin/kafka-console-consumer.sh (Kafka 3.7, kafka.tools.ConsoleConsumer) against the simulated
// cluster, run by a consumer node `console-consumer-N`. Records print as DefaultMessageFormatter
// prints them; at the end "Processed a total of N messages" goes to stderr.
//
//   --partition P [--offset O|earliest|latest]   assign P and start there (default latest;
//                                                --from-beginning means earliest)
//   --group G                                    join group G (subscribe): the group assigns the
//                                                partitions; they start at the group's committed
//                                                offsets, else by auto.offset.reset (earliest with
//                                                --from-beginning); offsets are auto-committed and
//                                                the consumer leaves the group when it ends.
//   neither                                      subscribe in a generated group
//                                                console-consumer-N, N drawn in [0, 100000) (Java's
//                                                new Random().nextInt(100000); here from the
//                                                consumer node's seeded stream, so a run replays),
//                                                with enable.auto.commit=false unless given: the
//                                                group is not meant to be used again, so its
//                                                offsets should not fill the coordinator's cache.
//                                                It starts by auto.offset.reset (earliest with
//                                                --from-beginning, else latest).
// A group id may come from --group or --consumer-property group.id; two different ones are an
// error, and a group (given, not generated) cannot be combined with --partition.
//   --max-messages N                             stop after N records
//   --timeout-ms T                               stop when a poll waited T without a record, with
//                                                Kafka's "Error processing message, terminating
//                                                consumer process" ERROR and a TimeoutException.
// With neither of the last two the real tool runs until Ctrl-C: in a scenario the command
// returns at once and the consumer keeps printing in the background (stop it with `crash`).
// `restart` after `crash` runs the command line again on the same node (tool_client.h): with a
// group it rejoins and resumes from the committed offsets.

#include <set>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/admin/topic_command_output.h"
#include "sim/broker/broker_part.h"
#include "sim/client/consumer.h"
#include "sim/client/message_formatter.h"
#include "sim/config/config_files.h"
#include "sim/config/properties.h"
#include "sim/script/builtin_commands.h"
#include "sim/script/foreground_job.h"
#include "sim/script/session.h"
#include "sim/tools/command_line_utils.h"
#include "sim/tools/commands.h"
#include "sim/tools/tool_client.h"

namespace kafkasim {
namespace {

struct ConsoleConsumerOptions {
  std::string bootstrap_server, topic, offset, group, formatter_config, consumer_config;
  std::optional<int32_t> partition;
  std::optional<std::string> property_group;  // group.id from --consumer-property
  std::set<std::string> defaulted;            // consumer settings the tool filled in: a file's win over them
  std::optional<std::string> group_option() const { return group.empty() ? std::nullopt : std::optional(group); }
  std::optional<int64_t> max_messages, timeout_ms;
  bool from_beginning = false;
  std::vector<std::string> properties, consumer_properties;
  std::map<std::string, std::string> formatter_props;
  std::map<std::string, std::string, std::less<>> consumer_props;
};

// Utils.loadProps: a missing file is Java's NoSuchFileException, which ends the tool.
std::optional<Properties> LoadProps(Session& session, const std::string& path) {
  const std::optional<std::string> text = ReadConfigFile(path);
  if (!text) {
    session.PrintError("Exception in thread \"main\" java.nio.file.NoSuchFileException: " + path);
    return std::nullopt;
  }
  return ParseProperties(*text);
}

// ConsoleConsumer's groupIdsProvided: the group ids given (--group, --consumer.config's,
// --consumer-property's, in that order), each once; more than one is refused with this message.
std::optional<std::string> GroupIdsMismatch(std::initializer_list<std::optional<std::string>> given) {
  std::vector<std::string> ids;
  for (const std::optional<std::string>& id : given) {
    if (id && std::find(ids.begin(), ids.end(), *id) == ids.end()) ids.push_back(*id);
  }
  if (ids.size() < 2) return std::nullopt;
  return fmt::format("The group ids provided in different places (directly using '--group', via "
                     "'--consumer-property', or via '--consumer.config') do not match. Detected group ids: '{}'",
                     fmt::join(ids, "', '"));
}

class ConsoleConsumerInvocation : public Invocation {
 public:
  explicit ConsoleConsumerInvocation(ConsoleConsumerOptions o) : o_(std::move(o)) {}

  void Start(Session& session, std::function<void(int)> done) override {
    session_ = &session;
    job_.Begin(session, std::move(done));
    // ConsoleConsumer's ConsumerConfig reads --consumer.config first (here, when the command runs:
    // a scenario may write the file just before).
    std::map<std::string, std::string, std::less<>> consumer_props = o_.consumer_props;
    if (!o_.consumer_config.empty()) {
      const std::optional<Properties> file = LoadProps(session, o_.consumer_config);
      if (!file) return Finish(1);
      if (auto mismatch = GroupIdsMismatch({o_.group_option(), file->Get("group.id"), o_.property_group})) {
        session.PrintError(*mismatch);
        return Finish(1);
      }
      // --consumer-property and --group win over the file; the file wins over the tool's defaults.
      for (const auto& [k, v] : file->values()) {
        if (!consumer_props.contains(k) || o_.defaulted.contains(k)) consumer_props[k] = v;
      }
      if (consumer_props.contains("group.id") && o_.partition) {
        session.PrintError("Options group and partition cannot be specified together.");
        return Finish(1);
      }
    }
    // `stop` (SIGTERM): ConsoleConsumer's shutdown hook wakes the consumer, which closes and
    // reports its count.
    job_.OnTerminate([this] { ReportEnd(); });
    // --formatter-config's file first; --property wins over it.
    std::map<std::string, std::string> formatter_props;
    if (!o_.formatter_config.empty()) {
      const std::optional<Properties> file = LoadProps(session, o_.formatter_config);
      if (!file) return Finish(1);
      for (const auto& [k, v] : file->values()) formatter_props[k] = v;
    }
    for (const auto& [k, v] : o_.formatter_props) formatter_props[k] = v;
    formatter_ = ParseMessageFormatterConfig(formatter_props);
    auto parsed = ParseConsumerConfig(consumer_props);
    if (auto* e = std::get_if<AdminError>(&parsed)) {
      session.PrintError(fmt::format("{}: {}", e->exception, e->message));
      return Finish(1);
    }
    auto config = std::make_shared<ConsumerConfig>(std::get<ParsedConsumerConfig>(parsed).config);
    Simulation& sim = session.sim();
    const BrokerDirectory& directory = session.part<BrokerPart>().directory();
    auto id = std::make_shared<NodeId>(kNoNode);
    node_ = sim.AddNode(FreeToolNodeName(session, "console-consumer"), "consumer", [this, &sim, id, &directory, config] {
      return std::make_unique<ToolConsumerProcess>(sim, *id, directory, *config,
                                                      [this](Consumer& c) { OnProcessStart(c); });
    });
    *id = node_;
    job_.RunsAs(node_);
    if (!config->group && !o_.partition) *config = GeneratedGroupConfig(sim.node(node_).random());
    sim.Start(node_);
    if (!o_.max_messages && !o_.timeout_ms) {
      background_ = true;
      job_.Finish(0);
    }
  }

 private:
  // Every start of the process, the first and each `restart`: a restart after the tool ended
  // is a new run of the same command line, in the background.
  void OnProcessStart(Consumer& c) {
    if (ended_) {
      ended_ = false;
      count_ = 0;
    }
    c.SetLogSink([this](const std::string& line) { session_->PrintError(line); });
    c.SetHandlers([this](const std::vector<ConsumerRecord>& records) { OnRecords(records); },
                  [this](const std::string& error) {
                    session_->PrintError(fmt::format("[{}] ERROR Error processing message, terminating consumer "
                                                     "process:  (kafka.tools.ConsoleConsumer$)",
                                                     Timestamp()));
                    session_->PrintError(error);
                    End(0);
                  });
    if (o_.partition) {
      const TopicPartition tp{o_.topic, *o_.partition};
      c.Assign({tp});
      if (o_.offset == "earliest" || (o_.offset.empty() && o_.from_beginning)) {
        c.SeekToBeginning(tp);
      } else if (o_.offset.empty() || o_.offset == "latest") {
        c.SeekToEnd(tp);
      } else {
        c.Seek(tp, Offset(std::stoll(o_.offset)));
      }
    } else {
      c.Subscribe({o_.topic});
    }
    ArmTimeout();
  }

  // ConsoleConsumer without a group: "console-consumer-" + nextInt(100000), and no auto commit
  // unless the user set it.
  ConsumerConfig GeneratedGroupConfig(Random& random) const {
    auto props = o_.consumer_props;
    props["group.id"] = fmt::format("console-consumer-{}", random.Below(100000));
    if (!props.contains("enable.auto.commit")) props["enable.auto.commit"] = "false";
    auto parsed = ParseConsumerConfig(props);
    assert(std::holds_alternative<ParsedConsumerConfig>(parsed) && "the same properties parsed once already");
    return std::get<ParsedConsumerConfig>(parsed).config;
  }
  std::string Timestamp() const { return FormatLog4jTimestamp(session_->sim().now().millis()); }

  void OnRecords(const std::vector<ConsumerRecord>& records) {
    if (ended_) return;
    for (size_t i = 0; i < records.size(); ++i) {
      const ConsumerRecord& r = records[i];
      std::string text = FormatRecord(formatter_, ConsumerRecordView{.partition = r.tp.partition, .offset = r.offset,
                                                                     .timestamp_ms = r.timestamp_ms,
                                                                     .log_append_time = r.log_append_time,
                                                                     .key = r.key, .value = r.value});
      if (text.ends_with('\n')) text.pop_back();
      session_->Print(text);
      ++count_;
      if (o_.max_messages && count_ >= *o_.max_messages) {
        ResetUnconsumedOffsets(records, i + 1);
        return End(0);
      }
    }
    ArmTimeout();
  }

  // ConsumerWrapper.cleanup: the records of the last poll not printed are sought back to, so
  // the commit on close (auto commit) covers only what was printed.
  void ResetUnconsumedOffsets(const std::vector<ConsumerRecord>& records, size_t from) {
    Consumer& c = static_cast<ToolConsumerProcess*>(session_->sim().node(node_).process())->consumer();
    std::map<TopicPartition, int64_t> smallest;
    for (size_t i = from; i < records.size(); ++i) smallest.try_emplace(records[i].tp, records[i].offset);
    for (const auto& [tp, offset] : smallest) c.Seek(tp, Offset(offset));
  }

  void ArmTimeout() {
    if (!o_.timeout_ms) return;
    Simulation& sim = session_->sim();
    sim.Cancel(timeout_);
    timeout_ = sim.Schedule(Duration::Millis(*o_.timeout_ms), kNoNode, [this] {
      if (ended_ || !session_->sim().node(node_).running()) return;  // a killed tool prints nothing
      session_->PrintError(fmt::format("[{}] ERROR Error processing message, terminating consumer process:  "
                                       "(kafka.tools.ConsoleConsumer$)",
                                       Timestamp()));
      session_->PrintError("org.apache.kafka.common.errors.TimeoutException");
      End(0);
    });
  }

  // The run is over: its count goes to stderr, once. False when it already ended.
  bool ReportEnd() {
    if (ended_) return false;
    ended_ = true;
    session_->sim().Cancel(timeout_);
    session_->PrintError(fmt::format("Processed a total of {} messages", count_));
    return true;
  }

  void End(int code) {
    if (!ReportEnd()) return;
    // Close the consumer in an event of our own: this may run inside one of its callbacks. A
    // group member commits and leaves the group first (KafkaConsumer.close).
    session_->sim().Schedule(Duration(), kNoNode, [this, code] {
      if (!session_->sim().node(node_).running()) return Finish(code);
      StopGracefully(session_->sim(), node_, [this, code] { Finish(code); });
    });
  }

  void Finish(int code) { job_.Finish(code); }

  ConsoleConsumerOptions o_;
  MessageFormatterConfig formatter_;
  Session* session_ = nullptr;
  NodeId node_ = kNoNode;
  TimerId timeout_;
  int64_t count_ = 0;
  bool ended_ = false;
  bool background_ = false;
  ForegroundJob job_;
};

class ConsoleConsumerCommand : public CliCommand {
 public:
  std::string name() const override { return "kafka-console-consumer.sh"; }
  std::string summary() const override {
    return "print a topic's records: kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders "
           "--from-beginning --max-messages 10";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto o = std::make_shared<ConsoleConsumerOptions>();
    app.description("This tool helps to read data from Kafka topics and outputs it to standard output.");
    app.add_option("--bootstrap-server", o->bootstrap_server, "REQUIRED: The server(s) to connect to.");
    app.add_option("--topic", o->topic, "The topic to consume on.");
    app.add_option("--partition", o->partition, "The partition to consume from.");
    app.add_option("--offset", o->offset, "The offset to consume from (a non-negative number), or 'earliest' which "
                                          "means from beginning, or 'latest' which means from end (default: latest)");
    app.add_flag("--from-beginning", o->from_beginning,
                 "If the consumer does not already have an established offset to consume from, start with the "
                 "earliest message present in the log rather than the latest message.");
    app.add_option("--max-messages", o->max_messages, "The maximum number of messages to consume before exiting.");
    app.add_option("--timeout-ms", o->timeout_ms, "If specified, exit if no message is available for consumption "
                                                  "for the specified interval.");
    app.add_option("--group", o->group, "The consumer group id of the consumer.");
    app.add_option("--property", o->properties, "The properties to initialize the message formatter: print.timestamp, "
                                                "print.key, print.offset, print.partition, print.headers, print.value, "
                                                "key.separator, line.separator, null.literal")
        ->take_first()
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_option("--formatter-config", o->formatter_config,
                   "Config properties file to initialize the message formatter. Note that [property] takes "
                   "precedence over this config.");
    app.add_option("--consumer.config", o->consumer_config,
                   "Consumer config properties file. Note that [consumer-property] takes precedence over this config.");
    app.add_option("--consumer-property", o->consumer_properties, "A consumer property in the form key=value.")
        ->take_first()
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    return [o](const std::vector<std::string>& args, const std::vector<std::string>&) -> std::unique_ptr<Invocation> {
      if (o->bootstrap_server.empty()) throw UsageError("Missing required argument \"[bootstrap-server]\"");
      if (o->topic.empty()) throw UsageError("Exactly one of whitelist/topic is required.");
      if (!o->offset.empty() && !o->partition) {
        throw UsageError("The partition is required when offset is specified.", WordIndex(args, "--offset"));
      }
      if (!o->offset.empty() && o->from_beginning) {
        throw UsageError("Options from-beginning and offset cannot be specified together.", WordIndex(args, "--offset"));
      }
      if (!o->offset.empty() && o->offset != "earliest" && o->offset != "latest") {
        const bool digits = std::all_of(o->offset.begin(), o->offset.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits || o->offset.size() > 18) {
          throw UsageError(fmt::format("The provided offset value '{}' is incorrect. Valid values are 'earliest', "
                                       "'latest', or a non-negative long.",
                                       o->offset),
                           WordIndex(args, o->offset));
        }
      }
      ConsoleConsumerOptions opts = *o;
      for (const std::string& p : opts.properties) {
        auto [k, v] = ParseKeyValueArg(p);
        opts.formatter_props[k] = v;
      }
      for (const std::string& p : opts.consumer_properties) {
        auto [k, v] = ParseKeyValueArg(p);
        if (k == "group.id") opts.property_group = v;
        opts.consumer_props[k] = v;
      }
      opts.consumer_props["bootstrap.servers"] = opts.bootstrap_server;
      // The file's group id is checked when the command runs, with the file.
      if (auto mismatch = GroupIdsMismatch({opts.group_option(), opts.property_group})) {
        throw UsageError(*mismatch, WordIndex(args, "--group"));
      }
      if (!opts.group.empty()) opts.consumer_props["group.id"] = opts.group;
      if (opts.consumer_props.contains("group.id") && opts.partition) {
        throw UsageError("Options group and partition cannot be specified together.", WordIndex(args, "--partition"));
      }
      if (!opts.consumer_props.contains("client.id")) {
        opts.consumer_props["client.id"] = "console-consumer";
        opts.defaulted.insert("client.id");
      }
      // ConsoleConsumer sets auto.offset.reset from --from-beginning unless given as a property.
      if (!opts.consumer_props.contains("auto.offset.reset")) {
        opts.consumer_props["auto.offset.reset"] = opts.from_beginning ? "earliest" : "latest";
        opts.defaulted.insert("auto.offset.reset");
      }
      return std::make_unique<ConsoleConsumerInvocation>(std::move(opts));
    };
  }
};

}  // namespace

void RegisterConsoleConsumerCommand(Session& session) {
  session.commands().Register(std::make_unique<ConsoleConsumerCommand>());
}

}  // namespace kafkasim
