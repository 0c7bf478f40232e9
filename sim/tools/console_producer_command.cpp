// bin/kafka-console-producer.sh (Kafka 3.7, org.apache.kafka.tools.ConsoleProducer) against the
// simulated cluster, run by a short-lived producer node `console-producer-N`.
//
// Its standard input is the scenario's `>` lines. On a terminal the tool prints a `>` prompt
// before reading each line, the last one before it reads end-of-input; kafkasim prints each
// prompt with the line the student typed after it (">user-1:first order"), and the final ">"
// alone, which is what the terminal shows.
//
// Without --sync each record is sent with Kafka's ErrorLoggingCallback, which logs a failure as
//   [ts] ERROR Error when sending message to topic T with key: null, value: 5 bytes with error:
//   (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)
//   <exception>: <message>
// and the tool exits 0 once the producer closed (close() sends what linger.ms still holds).
// With --sync each record is awaited before the next line is read, and a failure ends the tool
// with exit code 1 after printing the ExecutionException.
//
// The tool's own defaults differ from a producer's: linger.ms 1000 (--timeout), acks -1,
// request.timeout.ms 1500, retries 3, client.id console-producer. A flag given on the command
// line beats --producer-property; the tool's default only applies when neither set the key.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/admin/topic_command_output.h"
#include "sim/broker/broker_part.h"
#include "sim/client/line_message_reader.h"
#include "sim/client/producer.h"
#include "sim/script/foreground_job.h"
#include "sim/script/session.h"
#include "sim/tools/client_part.h"
#include "sim/tools/command_line_utils.h"
#include "sim/tools/commands.h"

namespace kafkasim {
namespace {

using PropertyMap = std::map<std::string, std::string, std::less<>>;

struct ConsoleProducerOptions {
  std::string bootstrap_server, broker_list, topic;
  std::vector<std::string> properties, producer_properties;
  bool sync = false;
  std::optional<std::string> acks;
  std::optional<int64_t> timeout_ms, retry_backoff_ms, metadata_expiry_ms, max_block_ms;
  std::optional<int32_t> batch_size, retries, request_timeout_ms, max_partition_memory_bytes;
  std::string compression_codec;
  // Parsed
  PropertyMap producer_props;
  std::map<std::string, std::string> reader_props;
};

class ConsoleProducerInvocation : public Invocation {
 public:
  ConsoleProducerInvocation(ConsoleProducerOptions o, std::vector<std::string> input)
      : o_(std::move(o)), input_(std::move(input)) {}

  void Start(Session& session, std::function<void(int)> done) override {
    session_ = &session;
    job_.Begin(session, std::move(done));
    auto parsed = ParseProducerConfig(o_.producer_props);
    if (auto* e = std::get_if<AdminError>(&parsed)) return Die(fmt::format("{}: {}", e->exception, e->message));
    auto reader = ParseLineReaderConfig(o_.reader_props);
    if (auto* e = std::get_if<std::string>(&reader)) return Die("org.apache.kafka.common.KafkaException: " + *e);
    reader_ = std::get<LineReaderConfig>(reader);
    const ProducerConfig config = std::get<ParsedProducerConfig>(parsed).config;

    Simulation& sim = session.sim();
    const BrokerDirectory& directory = session.part<BrokerPart>().directory();
    const std::string name = NextName(session);
    auto stats = session.part<ClientPart>().AddProducer(name);
    auto id = std::make_shared<NodeId>(kNoNode);
    node_ = sim.AddNode(name, "producer", [&sim, id, &directory, config, stats] {
      return std::make_unique<Producer>(sim, *id, directory, config, stats);
    });
    *id = node_;
    job_.RunsAs(node_);
    sim.Start(node_);
    producer().SetLogSink([this](const std::string& line) { session_->PrintError(line); });
    ReadNext();
  }

 private:
  static std::string NextName(Session& session) {
    for (int i = 1;; ++i) {
      std::string name = fmt::format("console-producer-{}", i);
      if (session.FindNode(name) == nullptr) return name;
    }
  }
  Producer* running_producer() {
    Process* p = session_->sim().node(node_).process();
    return static_cast<Producer*>(p);
  }
  Producer& producer() { return *running_producer(); }
  std::string Timestamp() const { return FormatLog4jTimestamp(session_->sim().now().millis()); }

  // The tool died before or without its producer: the exception Java prints, exit code 1.
  void Die(const std::string& exception_line) {
    session_->PrintError(exception_line);
    Finish(1);
  }

  // Reads lines until the input ends (async) or one record is on its way (sync).
  void ReadNext() {
    while (true) {
      if (running_producer() == nullptr) return Finish(1);  // the producer node crashed
      if (next_line_ >= input_.size()) {
        session_->Print(">");
        return Close(0);
      }
      const std::string& line = input_[next_line_++];
      session_->Print(">" + line);
      auto record = ReadLineRecord(reader_, o_.topic, line, static_cast<int>(next_line_));
      if (auto* e = std::get_if<std::string>(&record)) {
        // The exception leaves the read loop; Exit(1)'s shutdown hook still closes the producer.
        session_->PrintError("org.apache.kafka.common.KafkaException: " + *e);
        return Close(1);
      }
      ProducerRecord r = std::get<ProducerRecord>(std::move(record));
      const std::string key = r.key ? fmt::format("{} bytes", r.key->size()) : "null";
      const std::string value = r.value ? fmt::format("{} bytes", r.value->size()) : "null";
      if (!o_.sync) {
        producer().Send(std::move(r), [this, key, value](const DeliveryReport& report) {
          if (report.ok()) return;
          session_->PrintError(fmt::format("[{}] ERROR Error when sending message to topic {} with key: {}, value: {} "
                                           "with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)",
                                           Timestamp(), o_.topic, key, value));
          session_->PrintError(report.error->ToString());
        });
        continue;
      }
      producer().Send(std::move(r), [this](const DeliveryReport& report) {
        if (!report.ok()) {
          session_->PrintError("java.util.concurrent.ExecutionException: " + report.error->ToString());
          return Close(1);
        }
        // The callback runs inside the producer's event: read on in an event of our own.
        session_->sim().Schedule(Duration(), node_, [this] { ReadNext(); });
      });
      return;
    }
  }

  // producer.close() (the shutdown hook): flush, then stop the node and end the command.
  void Close(int code) {
    Producer* p = running_producer();
    if (p == nullptr) return Finish(code);
    p->Flush([this, code] { session_->sim().Schedule(Duration(), kNoNode, [this, code] { Finish(code); }); });
  }

  void Finish(int code) {
    if (!job_.running()) return;
    if (node_ != kNoNode && session_->sim().node(node_).running()) session_->sim().Stop(node_);
    job_.Finish(code);
  }

  ConsoleProducerOptions o_;
  std::vector<std::string> input_;
  LineReaderConfig reader_;
  Session* session_ = nullptr;
  NodeId node_ = kNoNode;
  size_t next_line_ = 0;
  ForegroundJob job_;
};

class ConsoleProducerCommand : public CliCommand {
 public:
  std::string name() const override { return "kafka-console-producer.sh"; }
  std::string summary() const override {
    return "send the lines that follow (> lines) as records: kafka-console-producer.sh --bootstrap-server "
           "localhost:9092 --topic orders [--property parse.key=true --property key.separator=:]";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto o = std::make_shared<ConsoleProducerOptions>();
    app.description("This tool helps to read data from standard input and publish it to Kafka.");
    app.add_option("--bootstrap-server", o->bootstrap_server,
                   "REQUIRED unless --broker-list(deprecated) is specified. The server(s) to connect to.");
    app.add_option("--broker-list", o->broker_list, "DEPRECATED, use --bootstrap-server instead.");
    app.add_option("--topic", o->topic, "REQUIRED: The topic id to produce messages to.");
    app.add_flag("--sync", o->sync, "If set message send requests to the brokers are synchronously, one at a time as "
                                    "they arrive.");
    app.add_option("--request-required-acks", o->acks, "The required `acks` of the producer requests (default: -1)");
    app.add_option("--timeout", o->timeout_ms, "linger.ms: how long a message queues awaiting a batch (default: 1000)");
    app.add_option("--batch-size", o->batch_size, "batch.size (default: 16384)");
    app.add_option("--max-partition-memory-bytes", o->max_partition_memory_bytes, "batch.size (default: 16384)");
    app.add_option("--message-send-max-retries", o->retries, "retries (default: 3)");
    app.add_option("--retry-backoff-ms", o->retry_backoff_ms, "retry.backoff.ms (default: 100)");
    app.add_option("--request-timeout-ms", o->request_timeout_ms, "request.timeout.ms (default: 1500)");
    app.add_option("--metadata-expiry-ms", o->metadata_expiry_ms, "metadata.max.age.ms (default: 300000)");
    app.add_option("--max-block-ms", o->max_block_ms, "max.block.ms (default: 60000)");
    app.add_option("--compression-codec", o->compression_codec, "The compression codec (not simulated: none only)");
    app.add_option("--property", o->properties, "Properties for the line reader: parse.key, key.separator, "
                                                "ignore.error, null.marker")
        ->take_first()
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_option("--producer-property", o->producer_properties, "A producer property in the form key=value.")
        ->take_first()
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    return [o](const std::vector<std::string>& args, const std::vector<std::string>& input) -> std::unique_ptr<Invocation> {
      if (o->topic.empty()) throw UsageError("Missing required argument \"[topic]\"");
      std::string servers = !o->bootstrap_server.empty() ? o->bootstrap_server : o->broker_list;
      if (servers.empty()) throw UsageError("Missing required argument \"[bootstrap-server]\"");
      if (!o->compression_codec.empty() && o->compression_codec != "none") {
        throw UsageError("--compression-codec is not simulated: kafkasim's batches are uncompressed",
                         WordIndex(args, "--compression-codec"));
      }
      ConsoleProducerOptions opts = *o;
      for (const std::string& p : opts.properties) {
        auto [k, v] = ParseKeyValueArg(p);
        opts.reader_props.insert_or_assign(std::move(k), std::move(v));
      }
      PropertyMap& props = opts.producer_props;
      for (const std::string& p : opts.producer_properties) {
        auto [k, v] = ParseKeyValueArg(p);
        props.insert_or_assign(k, v);
      }
      props["bootstrap.servers"] = servers;
      if (!props.contains("client.id")) props["client.id"] = "console-producer";
      // CommandLineUtils.maybeMergeOptions: a flag given wins; otherwise the tool's default
      // only where --producer-property left the key unset.
      auto merge = [&props](const char* key, const auto& flag, std::string fallback) {
        if (flag) {
          props[key] = fmt::format("{}", *flag);
        } else if (!props.contains(key)) {
          props[key] = std::move(fallback);
        }
      };
      merge("linger.ms", opts.timeout_ms, "1000");
      merge("acks", opts.acks, "-1");
      merge("request.timeout.ms", opts.request_timeout_ms, "1500");
      merge("retries", opts.retries, "3");
      merge("retry.backoff.ms", opts.retry_backoff_ms, "100");
      merge("batch.size", opts.batch_size, "16384");
      if (opts.max_partition_memory_bytes) props["batch.size"] = std::to_string(*opts.max_partition_memory_bytes);
      merge("metadata.max.age.ms", opts.metadata_expiry_ms, "300000");
      merge("max.block.ms", opts.max_block_ms, "60000");
      return std::make_unique<ConsoleProducerInvocation>(std::move(opts), input);
    };
  }
};

}  // namespace

void RegisterConsoleProducerCommand(Session& session) {
  session.commands().Register(std::make_unique<ConsoleProducerCommand>());
}

}  // namespace kafkasim
