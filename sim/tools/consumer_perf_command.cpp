// bin/kafka-consumer-perf-test.sh (Kafka 3.7, org.apache.kafka.tools.ConsumerPerformance) against
// the simulated cluster, run by a consumer node `consumer-perf-test-N`, in simulated time:
//
//   kafka-consumer-perf-test.sh --bootstrap-server localhost:9092 --topic T --messages N
//       [--group G] [--fetch-size B] [--from-latest] [--consumer.config FILE] [--timeout MS]
//       [--show-detailed-stats] [--reporting-interval MS] [--print-metrics] [--hide-header]
//       [--date-format PATTERN]
//
// As the tool does, it consumes with a real group (default perf-consumer-<nextInt(100000)>,
// drawn here from the node's seeded stream), auto.offset.reset=earliest (latest with
// --from-latest), max.partition.fetch.bytes=--fetch-size, client.id perf-consumer-client unless
// the config file sets one, and counts the records and their key and value bytes until it has
// --messages (every record of the last poll counts, so it may read a few more) or no record came
// for --timeout ms. Then it closes the consumer and prints, unless --show-detailed-stats:
//
//   start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
//   rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
//
// rebalance.time.ms is what its ConsumerRebalanceListener measures: from subscribe() (and from
// each moment every partition was revoked) to the next assignment. fetch.time.ms is the rest of
// the run. Times are simulated milliseconds (what System.currentTimeMillis() would read), formatted
// with --date-format (SimpleDateFormat, in UTC); every duration is a difference of them.
// The poll loop polls with a 100 ms timeout: when records stop, the run ends at the first empty
// poll that returns more than --timeout ms after the last record, here modelled as 100 ms steps
// from that record.

#include <cmath>
#include <set>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/broker/broker_part.h"
#include "sim/config/config_files.h"
#include "sim/config/properties.h"
#include "sim/script/builtin_commands.h"
#include "sim/script/foreground_job.h"
#include "sim/script/session.h"
#include "sim/tools/commands.h"
#include "sim/tools/simple_date_format.h"
#include "sim/tools/tool_client.h"

namespace kafkasim {
namespace {

constexpr Duration kPollTimeout = Duration::Millis(100);

struct ConsumerPerfOptions {
  std::string bootstrap_server, topic, group, consumer_config;
  std::string date_format = "yyyy-MM-dd HH:mm:ss:SSS";
  std::optional<int64_t> messages;
  int32_t fetch_size = 1024 * 1024;
  int32_t socket_buffer_size = 2 * 1024 * 1024;
  int64_t timeout_ms = 10000;
  int64_t reporting_interval_ms = 5000;
  bool from_latest = false, print_metrics = false, show_detailed_stats = false, hide_header = false;
};

// Java's %.4f: a double that is not a number prints as Java prints it.
std::string JavaFixed4(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return fmt::format("{:.4f}", v);
}

constexpr double kMegabyte = 1024.0 * 1024.0;

class ConsumerPerfInvocation : public Invocation {
 public:
  explicit ConsumerPerfInvocation(ConsumerPerfOptions o) : o_(std::move(o)) {}

  void Start(Session& session, std::function<void(int)> done) override {
    session_ = &session;
    job_.Begin(session, std::move(done));
    if (!o_.hide_header) {
      const char* fields = ", rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";
      session.Print(o_.show_detailed_stats
                        ? fmt::format("time, threadId, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec{}",
                                      fields)
                        : fmt::format("start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, "
                                      "nMsg.sec{}",
                                      fields));
    }
    std::map<std::string, std::string, std::less<>> props;
    if (!o_.consumer_config.empty()) {
      const std::optional<std::string> text = ReadConfigFile(o_.consumer_config);
      if (!text) return Fail(fmt::format("{} (No such file or directory)", o_.consumer_config));
      const Properties file = ParseProperties(*text);  // a range-for over a temporary's member dangles
      for (const auto& [k, v] : file.values()) props[k] = v;
    }
    Simulation& sim = session.sim();
    const std::string name = FreeToolNodeName(session, "consumer-perf-test");
    auto id = std::make_shared<NodeId>(kNoNode);
    auto config = std::make_shared<ConsumerConfig>();
    const BrokerDirectory& directory = session.part<BrokerPart>().directory();
    node_ = sim.AddNode(name, "consumer", [this, &sim, id, &directory, config] {
      return std::make_unique<ToolConsumerProcess>(sim, *id, directory, *config,
                                                   [this](Consumer& c) { OnProcessStart(c); });
    });
    *id = node_;
    // ConsumerPerfOptions.props(): the tool's settings override the file's.
    props["bootstrap.servers"] = o_.bootstrap_server;
    props["group.id"] = o_.group.empty() ? fmt::format("perf-consumer-{}", sim.node(node_).random().Below(100000))
                                         : o_.group;
    props["max.partition.fetch.bytes"] = std::to_string(o_.fetch_size);
    props["auto.offset.reset"] = o_.from_latest ? "latest" : "earliest";
    if (!props.contains("client.id")) props["client.id"] = "perf-consumer-client";
    auto parsed = ParseConsumerConfig(props);
    if (auto* e = std::get_if<AdminError>(&parsed)) return Fail(fmt::format("{}: {}", e->exception, e->message));
    *config = std::get<ParsedConsumerConfig>(parsed).config;
    client_id_ = config->client_id;
    start_ = join_start_ = last_report_ = last_consumed_ = sim.now();
    job_.RunsAs(node_);
    sim.Start(node_);
  }

 private:
  // Each start of the node: the tool subscribes with its rebalance listener. The counters are
  // the run's, so a crashed and restarted consumer goes on counting.
  void OnProcessStart(Consumer& c) {
    c.SetLogSink([this](const std::string& line) { session_->PrintError(line); });
    c.SetHandlers([this](const std::vector<ConsumerRecord>& records) { OnRecords(records); },
                  [this](const std::string& error) {
                    if (!ended_) Fail(error);
                  });
    c.SetRebalanceListener({.on_assigned = [this](const std::vector<TopicPartition>& tps) { OnAssigned(tps); },
                            .on_revoked = [this](const std::vector<TopicPartition>& tps) { OnRevoked(tps); }});
    c.Subscribe({o_.topic});
    ArmTimeout();
  }

  // ConsumerPerfRebListener.
  void OnAssigned(const std::vector<TopicPartition>& partitions) {
    ++rebalances_;
    if (assigned_.empty()) {
      const int64_t elapsed = session_->sim().now().millis() - join_start_.millis();
      join_time_ms_ += elapsed;
      join_time_in_round_ms_ += elapsed;
    }
    assigned_.insert(partitions.begin(), partitions.end());
  }
  void OnRevoked(const std::vector<TopicPartition>& partitions) {
    for (const TopicPartition& tp : partitions) assigned_.erase(tp);
    if (assigned_.empty()) join_start_ = session_->sim().now();
  }

  void OnRecords(const std::vector<ConsumerRecord>& records) {
    if (ended_) return;
    const Time now = session_->sim().now();
    if (!records.empty()) last_consumed_ = now;
    for (const ConsumerRecord& r : records) {
      ++messages_;
      if (r.key) bytes_ += static_cast<int64_t>(r.key->size());
      if (r.value) bytes_ += static_cast<int64_t>(r.value->size());
      if (now.millis() - last_report_.millis() >= o_.reporting_interval_ms) {
        if (o_.show_detailed_stats) PrintProgress(now);
        // ConsumerPerformance.consume replaces its own reference to the single-round join time
        // with a new counter the listener never sees: after the first report the column is 0.
        join_time_in_round_ms_ = 0;
        round_detached_ = true;
        last_report_ = now;
        last_messages_ = messages_;
        last_bytes_ = bytes_;
      }
    }
    if (messages_ >= *o_.messages) return End(now);
    ArmTimeout();
  }

  void PrintProgress(Time now) {
    const double elapsed_ms = static_cast<double>(now.millis() - last_report_.millis());
    const double total_mb = static_cast<double>(bytes_) / kMegabyte;
    const double interval_mb = static_cast<double>(bytes_ - last_bytes_) / kMegabyte;
    const int64_t interval_messages = messages_ - last_messages_;
    const int64_t join_ms = round_detached_ ? 0 : join_time_in_round_ms_;
    const int64_t fetch_ms = now.millis() - last_report_.millis() - join_ms;
    session_->Print(fmt::format(
        "{}, {}, {}, {}, {}, {}, {}, {}, {}, {}", Date(now), 0, JavaFixed4(total_mb),
        JavaFixed4(1000.0 * interval_mb / elapsed_ms), messages_,
        JavaFixed4(static_cast<double>(interval_messages) / elapsed_ms * 1000.0), join_ms, fetch_ms,
        JavaFixed4(fetch_ms <= 0 ? 0.0 : 1000.0 * interval_mb / static_cast<double>(fetch_ms)),
        JavaFixed4(fetch_ms <= 0 ? 0.0 : 1000.0 * static_cast<double>(interval_messages) / static_cast<double>(fetch_ms))));
  }

  // The loop's condition, checked after each poll: polls come back empty every 100 ms once the
  // records stop, and the first one more than --timeout ms after the last record ends the run.
  void ArmTimeout() {
    Simulation& sim = session_->sim();
    sim.Cancel(timeout_);
    const Time end = last_consumed_ + Duration::Millis((o_.timeout_ms / kPollTimeout.millis() + 1) * kPollTimeout.millis());
    timeout_ = sim.ScheduleAt(std::max(end, sim.now()), kNoNode, [this] {
      if (ended_) return;
      session_->Print(fmt::format("WARNING: Exiting before consuming the expected number of messages: timeout ({} ms) "
                                  "exceeded. You can use the --timeout option to increase the timeout.",
                                  o_.timeout_ms));
      End(session_->sim().now());
    });
  }

  void End(Time end) {
    ended_ = true;
    end_ = end;
    session_->sim().Cancel(timeout_);
    // metrics() is read before close(); close() (commit, LeaveGroup) runs before the summary is
    // printed but after the end time was taken. Close in an event of our own: this may run inside
    // one of the consumer's callbacks.
    const int64_t consumed = consumer() ? static_cast<int64_t>(consumer()->records_consumed()) : messages_;
    session_->sim().Schedule(Duration(), kNoNode, [this, consumed] {
      if (!session_->sim().node(node_).running()) return PrintResults(consumed);
      StopGracefully(session_->sim(), node_, [this, consumed] { PrintResults(consumed); });
    });
  }

  void PrintResults(int64_t records_consumed) {
    const double elapsed_s = static_cast<double>(end_.millis() - start_.millis()) / 1000.0;
    const int64_t fetch_ms = end_.millis() - start_.millis() - join_time_ms_;
    if (!o_.show_detailed_stats) {
      const double mb = static_cast<double>(bytes_) / kMegabyte;
      const double fetch_s = static_cast<double>(fetch_ms) / 1000.0;
      session_->Print(fmt::format("{}, {}, {}, {}, {}, {}, {}, {}, {}, {}", Date(start_), Date(end_), JavaFixed4(mb),
                                  JavaFixed4(mb / elapsed_s), messages_,
                                  JavaFixed4(static_cast<double>(messages_) / elapsed_s), join_time_ms_, fetch_ms,
                                  JavaFixed4(mb / fetch_s), JavaFixed4(static_cast<double>(messages_) / fetch_s)));
    }
    if (o_.print_metrics) PrintMetrics(records_consumed);
    Finish(0);
  }

  // ToolsUtils.printMetrics over the consumer metrics kafkasim keeps (a real consumer has many
  // more): sorted by "group:name:{tags}", names padded to the longest, values as %.3f.
  void PrintMetrics(int64_t records_consumed) {
    const std::string tags = fmt::format("{{client-id={}}}", client_id_);
    const std::map<std::string, double> metrics = {
        {"consumer-coordinator-metrics:rebalance-total:" + tags, static_cast<double>(rebalances_)},
        {"consumer-fetch-manager-metrics:records-consumed-total:" + tags, static_cast<double>(records_consumed)},
    };
    size_t width = 0;
    for (const auto& [name, value] : metrics) width = std::max(width, name.size());
    session_->Print(fmt::format("\n{:<{}}   {}", "Metric Name", width, "Value"));
    for (const auto& [name, value] : metrics) session_->Print(fmt::format("{:<{}} : {:.3f}", name, width, value));
  }

  std::string Date(Time t) const {
    return std::get<std::string>(FormatSimpleDate(o_.date_format, t.millis()));  // checked when parsed
  }

  Consumer* consumer() {
    Process* p = session_->sim().node(node_).process();
    return p == nullptr ? nullptr : &static_cast<ToolConsumerProcess*>(p)->consumer();
  }

  // What main() does with an exception: its message and the stack trace on stderr, exit 1.
  void Fail(const std::string& message) {
    ended_ = true;
    session_->sim().Cancel(timeout_);
    session_->PrintError(message);
    if (node_ != kNoNode && session_->sim().node(node_).running()) {
      session_->sim().Schedule(Duration(), kNoNode, [this] {
        if (session_->sim().node(node_).running()) session_->sim().Stop(node_);
      });
    }
    Finish(1);
  }

  void Finish(int code) {
    job_.Finish(code);
  }

  ConsumerPerfOptions o_;
  Session* session_ = nullptr;
  NodeId node_ = kNoNode;
  ForegroundJob job_;
  std::string client_id_;
  TimerId timeout_;
  Time start_, end_, join_start_, last_report_, last_consumed_;
  std::set<TopicPartition> assigned_;
  int64_t join_time_ms_ = 0, join_time_in_round_ms_ = 0;
  bool round_detached_ = false;
  int64_t messages_ = 0, bytes_ = 0, last_messages_ = 0, last_bytes_ = 0;
  int64_t rebalances_ = 0;
  bool ended_ = false;
};

class ConsumerPerfCommand : public CliCommand {
 public:
  std::string name() const override { return "kafka-consumer-perf-test.sh"; }
  std::string summary() const override {
    return "measure a consumer group in simulated time: kafka-consumer-perf-test.sh --bootstrap-server "
           "localhost:9092 --topic T --messages N";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto o = std::make_shared<ConsumerPerfOptions>();
    app.description("This tool is used to verify the consumer performance.");
    app.add_option("--bootstrap-server", o->bootstrap_server, "REQUIRED: The server(s) to connect to.");
    app.add_option("--topic", o->topic, "REQUIRED: The topic to consume from.");
    app.add_option("--group", o->group, "The group id to consume on. (default: perf-consumer-<random>)");
    app.add_option("--fetch-size", o->fetch_size, "The amount of data to fetch in a single request.");
    app.add_flag("--from-latest", o->from_latest,
                 "If the consumer does not already have an established offset to consume from, start with the latest "
                 "message present in the log rather than the earliest message.");
    app.add_option("--socket-buffer-size", o->socket_buffer_size, "The size of the tcp RECV size.");
    app.add_option("--consumer.config", o->consumer_config, "Consumer config properties file.");
    app.add_flag("--print-metrics", o->print_metrics, "Print out the metrics.");
    app.add_flag("--show-detailed-stats", o->show_detailed_stats,
                 "If set, stats are reported for each reporting interval as configured by reporting-interval");
    app.add_option("--timeout", o->timeout_ms, "The maximum allowed time in milliseconds between returned records.");
    app.add_option("--messages", o->messages, "REQUIRED: The number of messages to consume.");
    app.add_option("--reporting-interval", o->reporting_interval_ms,
                   "Interval in milliseconds at which to print progress info.");
    app.add_option("--date-format", o->date_format,
                   "The date format to use for formatting the time field. See java.text.SimpleDateFormat for options.");
    app.add_flag("--hide-header", o->hide_header, "If set, skips printing the header for the stats");
    return [o](const std::vector<std::string>& args, const std::vector<std::string>&) -> std::unique_ptr<Invocation> {
      if (!o->messages) throw UsageError("Missing required argument \"[messages]\"");
      if (o->topic.empty()) throw UsageError("Missing required argument \"[topic]\"");
      if (o->bootstrap_server.empty()) throw UsageError("Missing required argument \"[bootstrap-server]\"");
      if (o->reporting_interval_ms <= 0) {
        throw UsageError("Reporting interval must be greater than 0.", WordIndex(args, "--reporting-interval"));
      }
      if (o->fetch_size < 0) {
        throw UsageError(fmt::format("org.apache.kafka.common.config.ConfigException: Invalid value {} for "
                                     "configuration max.partition.fetch.bytes: Value must be at least 0",
                                     o->fetch_size),
                         WordIndex(args, "--fetch-size"));
      }
      if (o->timeout_ms < 0) throw UsageError("--timeout must not be negative", WordIndex(args, "--timeout"));
      const auto formatted = FormatSimpleDate(o->date_format, 0);
      if (const auto* e = std::get_if<SimpleDateFormatError>(&formatted)) {
        throw UsageError("java.lang.IllegalArgumentException: " + e->message, WordIndex(args, o->date_format));
      }
      return std::make_unique<ConsumerPerfInvocation>(*o);
    };
  }
};

}  // namespace

void RegisterConsumerPerfCommand(Session& session) {
  session.commands().Register(std::make_unique<ConsumerPerfCommand>());
}

}  // namespace kafkasim
