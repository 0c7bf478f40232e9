// bin/kafka-producer-perf-test.sh (Kafka 3.7, org.apache.kafka.tools.ProducerPerformance) against
// the simulated cluster, run by a producer node `producer-perf-test-N`, in simulated time:
//
//   kafka-producer-perf-test.sh --topic T --num-records N --record-size S --throughput T
//       [--producer-props k=v ...]
//
// As the tool does, it sends N records of S random upper-case letters with no key, throttled to
// T records per second (-1: as fast as the producer takes them; the producer blocks when
// buffer.memory bytes are waiting), measures each record's latency from send() to its callback,
// prints a window line every 5 seconds and, at the end, the summary line:
//   N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, P50 ms 50th,
//   P95 ms 95th, P99 ms 99th, P999 ms 99.9th.
// Latencies are sampled like Kafka's Stats: every (N / min(N, 500000))-th record.

#include <algorithm>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/broker/broker_part.h"
#include "sim/client/producer.h"
#include "sim/script/foreground_job.h"
#include "sim/script/session.h"
#include "sim/tools/client_part.h"
#include "sim/tools/commands.h"
#include "sim/tools/tool_client.h"

namespace kafkasim {
namespace {

constexpr Duration kReportingInterval = Duration::Millis(5000);
constexpr int64_t kMaxSamples = 500000;

struct PerfOptions {
  std::string topic;
  int64_t num_records = 0;
  int64_t record_size = 0;
  double throughput = 0;
  std::vector<std::string> producer_props;
};

// ProducerPerformance.Stats: totals, the current window, sampled latencies.
class PerfStats {
 public:
  PerfStats(int64_t num_records, Time start)
      : sampling_(num_records / std::min<int64_t>(num_records, kMaxSamples)), start_(start), window_start_(start) {}

  void Record(int64_t index, int64_t latency_ms, int64_t bytes) {
    ++count_;
    bytes_ += bytes;
    total_latency_ += latency_ms;
    max_latency_ = std::max(max_latency_, latency_ms);
    ++window_count_;
    window_bytes_ += bytes;
    window_total_latency_ += latency_ms;
    window_max_latency_ = std::max(window_max_latency_, latency_ms);
    if (index % sampling_ == 0) samples_.push_back(static_cast<int32_t>(latency_ms));
  }
  // The window line when its 5 seconds are up, then a new window.
  std::optional<std::string> MaybeWindow(Time now) {
    if (now - window_start_ < kReportingInterval) return std::nullopt;
    const double elapsed = std::max((now - window_start_).seconds(), 1e-3);
    std::string line = fmt::format(
        "{} records sent, {:.1f} records/sec ({:.2f} MB/sec), {:.1f} ms avg latency, {:.1f} ms max latency.",
        window_count_, window_count_ / elapsed, window_bytes_ / elapsed / (1024.0 * 1024.0),
        window_count_ == 0 ? 0.0 : static_cast<double>(window_total_latency_) / window_count_,
        static_cast<double>(window_max_latency_));
    window_start_ = now;
    window_count_ = window_bytes_ = window_total_latency_ = window_max_latency_ = 0;
    return line;
  }
  std::string Total(Time now) {
    const double elapsed = std::max((now - start_).seconds(), 1e-3);
    std::sort(samples_.begin(), samples_.end());
    auto percentile = [&](double p) {
      return samples_.empty() ? 0 : samples_[static_cast<size_t>(p * static_cast<double>(samples_.size()))];
    };
    return fmt::format(
        "{} records sent, {:f} records/sec ({:.2f} MB/sec), {:.2f} ms avg latency, {:.2f} ms max latency, {} ms "
        "50th, {} ms 95th, {} ms 99th, {} ms 99.9th.",
        count_, count_ / elapsed, bytes_ / elapsed / (1024.0 * 1024.0),
        count_ == 0 ? 0.0 : static_cast<double>(total_latency_) / count_, static_cast<double>(max_latency_),
        percentile(0.5), percentile(0.95), percentile(0.99), percentile(0.999));
  }

 private:
  int64_t sampling_;
  Time start_, window_start_;
  int64_t count_ = 0, bytes_ = 0, total_latency_ = 0, max_latency_ = 0;
  int64_t window_count_ = 0, window_bytes_ = 0, window_total_latency_ = 0, window_max_latency_ = 0;
  std::vector<int32_t> samples_;
};

class PerfInvocation : public Invocation {
 public:
  PerfInvocation(PerfOptions o, ProducerConfig config, int64_t buffer_memory)
      : o_(std::move(o)), config_(std::move(config)), buffer_memory_(buffer_memory) {}

  void Start(Session& session, std::function<void(int)> done) override {
    session_ = &session;
    job_.Begin(session, std::move(done));
    Simulation& sim = session.sim();
    const BrokerDirectory& directory = session.part<BrokerPart>().directory();
    const std::string name = FreeToolNodeName(session, "producer-perf-test");
    auto stats = session.part<ClientPart>().AddProducer(name);
    auto id = std::make_shared<NodeId>(kNoNode);
    node_ = sim.AddNode(name, "producer", [&sim, id, &directory, config = config_, stats] {
      return std::make_unique<Producer>(sim, *id, directory, config, stats);
    });
    *id = node_;
    job_.RunsAs(node_);
    sim.Start(node_);
    producer().SetLogSink([this](const std::string& line) { session_->PrintError(line); });
    // The payload: random upper-case letters, drawn once, as the tool does; every record sends it.
    Random& random = sim.node(node_).random();
    std::string payload(static_cast<size_t>(o_.record_size), ' ');
    for (char& c : payload) c = static_cast<char>('A' + random.Below(26));
    record_ = ProducerRecord{.topic = o_.topic, .value = std::move(payload)};
    start_ = sim.now();
    stats_.emplace(o_.num_records, start_);
    SendMore();
  }

 private:
  Producer* running() { return static_cast<Producer*>(session_->sim().node(node_).process()); }
  Producer& producer() { return *running(); }

  void SendMore() {
    scheduled_ = false;
    Simulation& sim = session_->sim();
    if (running() == nullptr) return Finish(1);
    while (next_ < o_.num_records) {
      // ThroughputThrottler: no faster than --throughput records per second.
      if (o_.throughput > 0) {
        const Time due = start_ + Duration::Micros(static_cast<int64_t>(static_cast<double>(next_) * 1e6 / o_.throughput));
        if (due > sim.now()) return Later(due);
      }
      // buffer.memory: send() blocks while that many bytes wait for their acknowledgement.
      if (outstanding_bytes_ + o_.record_size > buffer_memory_ && outstanding_bytes_ > 0) return;
      const int64_t index = next_++;
      const Time sent_at = sim.now();
      outstanding_bytes_ += o_.record_size;
      producer().Send(record_,
                      [this, index, sent_at](const DeliveryReport& report) { OnCompletion(index, sent_at, report); });
    }
    if (!closing_) {
      closing_ = true;
      producer().Flush([this] { session_->sim().Schedule(Duration(), kNoNode, [this] { End(); }); });
    }
  }

  void Later(Time at) {
    if (scheduled_) return;
    scheduled_ = true;
    session_->sim().ScheduleAt(at, node_, [this] { SendMore(); });
  }

  void OnCompletion(int64_t index, Time sent_at, const DeliveryReport& report) {
    outstanding_bytes_ -= o_.record_size;
    const Time now = session_->sim().now();
    if (!report.ok()) {
      if (!failed_) session_->PrintError(report.error->ToString());
      failed_ = true;
    } else {
      stats_->Record(index, (now - sent_at).micros() / 1000, o_.record_size);
    }
    if (auto line = stats_->MaybeWindow(now)) session_->Print(*line);
    if (!scheduled_ && next_ < o_.num_records) {
      scheduled_ = true;
      session_->sim().Schedule(Duration(), node_, [this] { SendMore(); });
    }
  }

  void End() {
    session_->Print(stats_->Total(session_->sim().now()));
    Finish(failed_ ? 1 : 0);
  }

  void Finish(int code) {
    if (!job_.running()) return;
    if (session_->sim().node(node_).running()) session_->sim().Stop(node_);
    job_.Finish(code);
  }

  PerfOptions o_;
  ProducerConfig config_;
  int64_t buffer_memory_;
  Session* session_ = nullptr;
  NodeId node_ = kNoNode;
  ForegroundJob job_;
  ProducerRecord record_;  // the same for every send
  std::optional<PerfStats> stats_;
  Time start_;
  int64_t next_ = 0;
  int64_t outstanding_bytes_ = 0;
  bool scheduled_ = false, closing_ = false, failed_ = false;
};

class ProducerPerfCommand : public CliCommand {
 public:
  std::string name() const override { return "kafka-producer-perf-test.sh"; }
  std::string summary() const override {
    return "measure a producer in simulated time: kafka-producer-perf-test.sh --topic T --num-records N "
           "--record-size S --throughput -1 --producer-props bootstrap.servers=localhost:9092 acks=all";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto o = std::make_shared<PerfOptions>();
    app.description("This tool is used to verify the producer performance.");
    app.add_option("--topic", o->topic, "produce messages to this topic")->required();
    app.add_option("--num-records", o->num_records, "number of messages to produce")->required();
    app.add_option("--record-size", o->record_size, "message size in bytes")->required();
    app.add_option("--throughput", o->throughput, "throttle maximum message throughput to *approximately* "
                                                  "THROUGHPUT messages/sec. Set this to -1 to disable throttling.")
        ->required();
    app.add_option("--producer-props", o->producer_props, "kafka producer related configuration properties like "
                                                          "bootstrap.servers,client.id etc.")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    return [o](const std::vector<std::string>& args, const std::vector<std::string>&) -> std::unique_ptr<Invocation> {
      if (o->num_records <= 0) throw UsageError("--num-records must be positive", WordIndex(args, "--num-records"));
      if (o->record_size <= 0 || o->record_size > 10000000) {
        throw UsageError("--record-size must be between 1 and 10000000", WordIndex(args, "--record-size"));
      }
      if (o->throughput == 0) throw UsageError("--throughput must be positive or -1", WordIndex(args, "--throughput"));
      std::map<std::string, std::string, std::less<>> props;
      for (const std::string& p : o->producer_props) {
        const size_t eq = p.find('=');
        if (eq == std::string::npos) throw UsageError(fmt::format("Invalid property: {}", p), WordIndex(args, p));
        props.insert_or_assign(p.substr(0, eq), p.substr(eq + 1));
      }
      if (!props.contains("bootstrap.servers")) {
        throw UsageError("Either --producer-props or --producer.config must be specified.");
      }
      int64_t buffer_memory = 33554432;
      if (auto it = props.find("buffer.memory"); it != props.end()) buffer_memory = std::atoll(it->second.c_str());
      if (!props.contains("client.id")) props["client.id"] = "perf-producer-client";
      auto parsed = ParseProducerConfig(props);
      if (auto* e = std::get_if<AdminError>(&parsed)) throw UsageError(fmt::format("{}: {}", e->exception, e->message));
      return std::make_unique<PerfInvocation>(*o, std::get<ParsedProducerConfig>(parsed).config, buffer_memory);
    };
  }
};

}  // namespace

void RegisterProducerPerfCommand(Session& session) {
  session.commands().Register(std::make_unique<ProducerPerfCommand>());
}

}  // namespace kafkasim
