// End-to-end producer benchmark: one producer, three brokers, a topic replicated three times,
// acks=all — records acknowledged (so replicated to every in-sync replica) per second of wall time.
//
//   build/bench/producer_bench --benchmark_counters_tabular=true
//
//   BM_Batches100   the app hands the producer 100 records of 100 bytes at once, for one partition
//                   (in turn), so each batch holds 100 records; it keeps 5 such bursts outstanding.
//   BM_Replicated6    the same bursts over a topic of six partitions (the cluster issue's figure).
//   BM_OneAtATime   linger.ms=0 and one record at a time: the next record is sent when the last
//                   one was acknowledged, so every request carries one record.
//
// records_per_batch (from broker 0's logs) checks the batching the benchmark claims.
//
// The cluster's startup (ZooKeeper, brokers, topic creation) is not timed. The trace is off, as
// in any run nobody watches.

#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include "bench/producer_driver.h"
#include "sim/broker/broker_disk.h"
#include "sim/broker/broker_part.h"
#include "sim/client/producer.h"
#include "sim/kafka/install.h"
#include "sim/script/runner.h"
#include "sim/script/scenario.h"
#include "sim/script/session.h"
#include "sim/storage/log_manager.h"

namespace kafkasim {
namespace {

std::string ClusterScript(int partitions) {
  return fmt::format(
      "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
      "bin/kafka-server-start.sh config/server.properties\n"
      "bin/kafka-server-start.sh config/server-1.properties\n"
      "bin/kafka-server-start.sh config/server-2.properties\n"
      "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic bench --partitions {} "
      "--replication-factor 3\n"
      "sleep 1s\n",
      partitions);
}

void Run(benchmark::State& state, std::map<std::string, std::string, std::less<>> props, int burst, int window,
         int partitions = 3) {
  const uint64_t records = static_cast<uint64_t>(state.range(0));
  props["bootstrap.servers"] = "localhost:9092";
  const ProducerConfig config = std::get<ParsedProducerConfig>(ParseProducerConfig(props)).config;
  uint64_t total = 0;
  double simulated_seconds = 0;
  double records_per_batch = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Session session;
    InstallKafka(session);
    const Scenario scenario = ParseScenario(ClusterScript(partitions), "bench.scn");
    ScenarioRunner(session, scenario).Run(Time::Max());
    Simulation& sim = session.sim();
    const BrokerDirectory& directory = session.part<BrokerPart>().directory();
    auto id = std::make_shared<NodeId>(kNoNode);
    const NodeId node = sim.AddNode("bench-producer", "producer", [&, id] {
      return std::make_unique<bench::ProducerDriver>(sim, *id, directory, config, burst, window, partitions);
    });
    *id = node;
    const Time start = sim.now();
    state.ResumeTiming();
    sim.Start(node);
    auto* driver = static_cast<bench::ProducerDriver*>(sim.node(node).process());
    sim.RunWhile([&] { return driver->acked + driver->failed < records; }, Time::Max());
    state.PauseTiming();
    if (driver->failed > 0) state.SkipWithError("records failed");
    total += driver->acked;
    // Every broker holds every batch (RF 3): broker 0's logs give the records per batch.
    uint64_t batches = 0, stored = 0;
    for (const Log* log : session.part<BrokerPart>().Disk(BrokerId(0))->logs->logs()) {
      for (const auto& segment : log->segments()) {
        batches += segment->batch_count();
      }
      stored += static_cast<uint64_t>(log->log_end_offset().value());
    }
    records_per_batch = batches == 0 ? 0 : static_cast<double>(stored) / static_cast<double>(batches);
    simulated_seconds += (sim.now() - start).seconds();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(total));
  state.counters["sim_s_per_run"] = simulated_seconds / static_cast<double>(state.iterations());
  state.counters["records_per_batch"] = records_per_batch;
}

void BM_Batches100(benchmark::State& state) {
  // 100 records of 100 bytes (109 bytes each with their framing) fill 10,961 bytes of batch:
  // batch.size=11000 closes a batch at 100.
  Run(state, {{"acks", "all"}, {"linger.ms", "0"}, {"batch.size", "11000"}}, /*burst=*/100, /*window=*/500);
}
BENCHMARK(BM_Batches100)->Arg(50'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Replicated6(benchmark::State& state) {
  Run(state, {{"acks", "all"}, {"linger.ms", "0"}, {"batch.size", "11000"}}, /*burst=*/100, /*window=*/500,
      /*partitions=*/6);
}
BENCHMARK(BM_Replicated6)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_OneAtATime(benchmark::State& state) {
  Run(state, {{"acks", "all"}, {"linger.ms", "0"}}, /*burst=*/1, /*window=*/1);
}
BENCHMARK(BM_OneAtATime)->Arg(20'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace kafkasim

BENCHMARK_MAIN();
