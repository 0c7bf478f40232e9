// A large cluster: 100 brokers, one topic of 10,000 partitions replicated three times.
//
//   build/bench/cluster_bench --benchmark_counters_tabular=true
//
//   BM_StartAndElect   wall time from an empty machine (ZooKeeper, 100 kafka-server-start.sh,
//                      kafka-topics.sh --create) until every partition's leader knows it leads.
//   BM_Idle            the started cluster runs 60 simulated seconds with nothing to do but its
//                      own chatter (ZooKeeper pings, replica fetches that wait, ISR checks):
//                      speedup = simulated seconds per wall second.
//   BM_BrokerCrash     one broker crashes; wall time until its session expires and the controller
//                      has moved every leadership it held (the 18 s wait is simulated, not real).
//
// Each reports peak_rss_mb: the process's peak resident memory so far (getrusage), which covers
// the whole cluster since nothing else runs in the program. The trace is off, as in any run
// nobody watches.

#include <sys/resource.h>

#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include "bench/cluster_script.h"
#include "sim/broker/broker.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/partition.h"
#include "sim/kafka/install.h"
#include "sim/script/runner.h"
#include "sim/script/scenario.h"
#include "sim/script/session.h"

namespace kafkasim {
namespace {

constexpr int kBrokers = 100;
constexpr int kPartitions = 10'000;

std::string ClusterScript() {
  return bench::StartZooKeeperAndBrokers(kBrokers) +
         fmt::format("bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic bench --partitions {} "
                     "--replication-factor 3\n",
                     kPartitions);
}

// Partitions whose leader replica has taken the role (LeaderAndIsr arrived).
int LedPartitions(Session& session) {
  int led = 0;
  for (const auto& [id, node] : session.part<BrokerPart>().brokers()) {
    const Broker* broker = session.part<BrokerPart>().Running(id);
    if (broker == nullptr) continue;
    for (const auto& [tp, partition] : broker->replicas().partitions()) led += partition->is_leader() ? 1 : 0;
  }
  return led;
}

// Runs the simulation in 100 ms steps until every partition has a leader; false after `limit`.
bool RunUntilAllLed(Session& session, Duration limit) {
  Simulation& sim = session.sim();
  const Time give_up = sim.now() + limit;
  while (LedPartitions(session) < kPartitions) {
    if (sim.now() >= give_up) return false;
    sim.RunUntil(sim.now() + Duration::Millis(100));
  }
  return true;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

// A started cluster with every leader elected, or null (and the benchmark skipped).
std::unique_ptr<Session> StartCluster(benchmark::State& state) {
  auto session = std::make_unique<Session>();
  InstallKafka(*session);
  const Scenario scenario = ParseScenario(ClusterScript(), "cluster.scn");
  ScenarioRunner(*session, scenario).Run(Time::Max());
  if (RunUntilAllLed(*session, Duration::Seconds(120))) return session;
  state.SkipWithError("not every partition got a leader");
  return nullptr;
}

void BM_StartAndElect(benchmark::State& state) {
  double simulated = 0;
  for (auto _ : state) {
    auto session = StartCluster(state);
    if (!session) break;
    simulated += (session->sim().now() - Time()).seconds();
    state.PauseTiming();
    session.reset();  // tearing 10,000 partitions down is not what is measured
    state.ResumeTiming();
  }
  state.counters["sim_s_to_elect"] = simulated / static_cast<double>(state.iterations());
  state.counters["peak_rss_mb"] = PeakRssMb();
}
BENCHMARK(BM_StartAndElect)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_Idle(benchmark::State& state) {
  auto session = StartCluster(state);
  if (!session) return;
  Simulation& sim = session->sim();
  const Duration step = Duration::Seconds(60);
  double simulated = 0;
  const uint64_t events_before = sim.events_dispatched();
  for (auto _ : state) {
    sim.RunUntil(sim.now() + step);
    simulated += step.seconds();
  }
  state.counters["speedup"] = benchmark::Counter(simulated, benchmark::Counter::kIsRate);
  // What an idle second costs: mostly the followers' fetches, parked and answered empty.
  state.counters["events_per_sim_s"] = static_cast<double>(sim.events_dispatched() - events_before) / simulated;
  state.counters["peak_rss_mb"] = PeakRssMb();
}
BENCHMARK(BM_Idle)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_BrokerCrash(benchmark::State& state) {
  double simulated = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto session = StartCluster(state);
    if (!session) break;
    Simulation& sim = session->sim();
    const Time crashed_at = sim.now();
    state.ResumeTiming();
    sim.Crash(session->part<BrokerPart>().brokers().at(BrokerId(kBrokers / 2)));
    if (!RunUntilAllLed(*session, Duration::Seconds(120))) {
      state.SkipWithError("leaderships were not moved");
      break;
    }
    state.PauseTiming();
    simulated += (sim.now() - crashed_at).seconds();
    session.reset();
    state.ResumeTiming();
  }
  state.counters["sim_s_to_recover"] = simulated / static_cast<double>(state.iterations());
  state.counters["peak_rss_mb"] = PeakRssMb();
}
BENCHMARK(BM_BrokerCrash)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

}  // namespace
}  // namespace kafkasim

BENCHMARK_MAIN();
