// End to end (the clients issue's figure): one producer, three brokers, a topic of three
// partitions replicated three times, acks=all, and a group of three consumers reading it —
// records the group has consumed per second of wall time.
//
//   build/bench/end_to_end_bench --benchmark_counters_tabular=true
//
//   BM_Batches100    the producer gets 100 records of 100 bytes at once for one partition (in
//                    turn), so each batch holds 100 records (batch.size=11000, as producer_bench);
//                    5 bursts outstanding.
//   BM_OneAtATime    linger.ms=0 and one record at a time: the next record is sent when the last
//                    one was acknowledged, so every produce request carries one record, and the
//                    consumers' long polls return a record or so each.
//
// Consumed means handed to a consumer's poll loop (the application's side of KafkaConsumer):
// the records went producer → leader → two followers (acks=all waits for them) → high
// watermark → a group member's fetch. The cluster's startup and the group's first rebalance are
// not timed. sim_s_per_run is the simulated time the timed part covers; the trace is off.

#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include "bench/producer_driver.h"
#include "sim/broker/broker_part.h"
#include "sim/client/consumer.h"
#include "sim/kafka/install.h"
#include "sim/script/runner.h"
#include "sim/script/scenario.h"
#include "sim/script/session.h"

namespace kafkasim {
namespace {

constexpr int kPartitions = 3;
constexpr int kConsumers = 3;

constexpr const char* kClusterScript =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties --override offsets.topic.replication.factor=3\n"
    "bin/kafka-server-start.sh config/server-1.properties --override offsets.topic.replication.factor=3\n"
    "bin/kafka-server-start.sh config/server-2.properties --override offsets.topic.replication.factor=3\n"
    "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic bench --partitions 3 "
    "--replication-factor 3\n"
    "sleep 1s\n";

// A group member that counts what its polls return.
class CountingConsumer : public Process {
 public:
  CountingConsumer(Simulation& sim, NodeId self, const BrokerDirectory& directory, const ConsumerConfig& config,
                   uint64_t& consumed)
      : consumer_(sim, self, directory, config), consumed_(consumed) {}
  void OnStart() override {
    consumer_.OnStart();
    consumer_.SetHandlers([this](const std::vector<ConsumerRecord>& records) { consumed_ += records.size(); },
                          [](const std::string&) {});
    consumer_.Subscribe({"bench"});
  }
  void OnMessage(const Envelope& e) override { consumer_.OnMessage(e); }
  const Consumer& consumer() const { return consumer_; }

 private:
  Consumer consumer_;
  uint64_t& consumed_;
};

void Run(benchmark::State& state, std::map<std::string, std::string, std::less<>> producer_props, int burst,
         int window) {
  const uint64_t records = static_cast<uint64_t>(state.range(0));
  producer_props["bootstrap.servers"] = "localhost:9092";
  const ProducerConfig producer_config = std::get<ParsedProducerConfig>(ParseProducerConfig(producer_props)).config;
  const ConsumerConfig consumer_config = std::get<ParsedConsumerConfig>(
      ParseConsumerConfig({{"bootstrap.servers", "localhost:9092"}, {"group.id", "bench-group"},
                           {"auto.offset.reset", "earliest"}})).config;
  uint64_t total = 0;
  uint64_t events = 0;
  double simulated_seconds = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Session session;
    InstallKafka(session);
    ScenarioRunner(session, ParseScenario(kClusterScript, "bench.scn")).Run(Time::Max());
    Simulation& sim = session.sim();
    const BrokerDirectory& directory = session.part<BrokerPart>().directory();
    uint64_t consumed = 0;
    std::vector<NodeId> consumers;
    for (int i = 0; i < kConsumers; ++i) {
      auto id = std::make_shared<NodeId>(kNoNode);
      const NodeId node = sim.AddNode(fmt::format("bench-consumer-{}", i), "consumer", [&, id] {
        return std::make_unique<CountingConsumer>(sim, *id, directory, consumer_config, consumed);
      });
      *id = node;
      sim.Start(node);
      consumers.push_back(node);
    }
    // The group's first rebalance (group.initial.rebalance.delay.ms, JoinGroup, SyncGroup) and
    // the consumers' first fetches happen before the clock starts.
    auto group_ready = [&] {
      int owned = 0;
      for (NodeId n : consumers) {
        const auto* c = static_cast<CountingConsumer*>(sim.node(n).process());
        const ConsumerCoordinator* coordinator = c->consumer().coordinator();
        if (!coordinator->stable()) return false;
        owned += static_cast<int>(coordinator->assignment().size());
      }
      return owned == kPartitions;
    };
    sim.RunWhile([&] { return !group_ready(); }, sim.now() + Duration::Seconds(60));
    if (!group_ready()) {
      state.SkipWithError("the group did not form");
      break;
    }
    auto id = std::make_shared<NodeId>(kNoNode);
    const NodeId producer = sim.AddNode("bench-producer", "producer", [&, id] {
      return std::make_unique<bench::ProducerDriver>(sim, *id, directory, producer_config, burst, window, kPartitions);
    });
    *id = producer;
    const Time start = sim.now();
    const uint64_t events_before = sim.events_dispatched();
    state.ResumeTiming();
    sim.Start(producer);
    sim.RunWhile([&] { return consumed < records; }, Time::Max());
    state.PauseTiming();
    if (static_cast<bench::ProducerDriver*>(sim.node(producer).process())->failed > 0) {
      state.SkipWithError("records failed");
    }
    total += consumed;
    events += sim.events_dispatched() - events_before;
    simulated_seconds += (sim.now() - start).seconds();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(total));
  // Messages delivered and timers fired per record consumed: what the cost per record is made of.
  state.counters["events_per_record"] = static_cast<double>(events) / static_cast<double>(std::max<uint64_t>(total, 1));
  state.counters["sim_s_per_run"] = simulated_seconds / static_cast<double>(std::max<int64_t>(state.iterations(), 1));
}

void BM_Batches100(benchmark::State& state) {
  Run(state, {{"acks", "all"}, {"linger.ms", "0"}, {"batch.size", "11000"}}, /*burst=*/100, /*window=*/500);
}
BENCHMARK(BM_Batches100)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_OneAtATime(benchmark::State& state) {
  Run(state, {{"acks", "all"}, {"linger.ms", "0"}}, /*burst=*/1, /*window=*/1);
}
BENCHMARK(BM_OneAtATime)->Arg(20'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace kafkasim

BENCHMARK_MAIN();
