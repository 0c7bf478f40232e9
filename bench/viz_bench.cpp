// Visualizer benchmark: the CPU work of building a frame's view models (cluster view, layout,
// packets in flight, the space-time diagram) at the two sizes, and seeking in a
// 10-minute scenario, forwards and backwards, with and without checkpoints.
//
//   build/bench/viz_bench --benchmark_counters_tabular=true
//
// The ImGui part of a frame (draw lists) is measured by the app itself: `kafkasim-viz ...
// --screenshot` prints the CPU time of the frame it captured.

#include <time.h>

#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include "bench/cluster_script.h"
#include "sim/record/timeline.h"
#include "sim/script/scenario.h"
#include "viz/model/broker_inspector.h"
#include "viz/model/cluster_metadata.h"
#include "viz/model/history.h"
#include "viz/model/partition_log_view.h"
#include "viz/model/znode_view.h"
#include "viz/model/layout.h"
#include "viz/model/packets.h"
#include "viz/model/space_time.h"

namespace kafkasim::viz {
namespace {

// A recorded timeline with `nodes` nodes and `packets` messages on the wire at t = 1 s (sent in
// the preceding 10 ms, each taking 20 ms), plus the same again already delivered.
struct Synthetic {
  ClusterView view;
  Timeline timeline;
  Synthetic(int brokers, int packets) {
    NodeGroupView zk{.kind = NodeGroupKind::kZooKeeper, .title = "ZooKeeper ensemble"};
    for (int i = 1; i <= 3; ++i) zk.nodes.push_back(NodeView{.name = fmt::format("zookeeper-{}", i), .kind = "zookeeper"});
    NodeGroupView b{.kind = NodeGroupKind::kBroker, .title = "Kafka brokers"};
    for (int i = 0; i < brokers; ++i) b.nodes.push_back(NodeView{.name = fmt::format("broker-{}", i), .kind = "broker"});
    view.groups = {zk, b};
    view.nodes = 3 + brokers;
    TraceSeq seq = 0;
    const int64_t start = 990'000;
    for (int i = 0; i < 2 * packets; ++i) {
      const int64_t at = start + static_cast<int64_t>(i) * 10'000 / (2 * packets);
      TraceEvent e{.seq = ++seq, .time = Time::FromMicros(at), .kind = "net.send",
                   .node = fmt::format("broker-{}", i % brokers), .peer = fmt::format("broker-{}", (i + 1) % brokers)};
      e.fields["msg"] = seq;
      e.fields["type"] = "Fetch";
      e.fields["category"] = "replication";
      e.fields["label"] = fmt::format("Fetch @{}", i);
      e.fields["arrive_us"] = at + 20'000;
      timeline.OnEvent(e);
    }
    // Deliver the first half by t = 1 s.
    for (int i = 0; i < packets; ++i) {
      timeline.OnEvent(TraceEvent{.seq = ++seq, .time = Time::FromMicros(1'000'000), .kind = "net.deliver",
                                  .node = fmt::format("broker-{}", (i + 1) % brokers),
                                  .peer = fmt::format("broker-{}", i % brokers), .cause = static_cast<TraceSeq>(i + 1)});
    }
  }
};

void BM_FrameModels(benchmark::State& state) {
  const int brokers = static_cast<int>(state.range(0));
  const int packets = static_cast<int>(state.range(1));
  Synthetic s(brokers, packets);
  std::vector<std::string> lanes;
  for (const auto& g : s.view.groups) {
    for (const auto& n : g.nodes) lanes.push_back(n.name);
  }
  PacketFilter filter;
  MessageCache cache;
  LookBackIndex drops;
  drops.Update(s.timeline, 0);
  size_t drawn = 0;
  for (auto _ : state) {
    const Layout layout = ComputeLayout(s.view, Rect{0, 0, 990, 560});
    const auto p = PlacePackets(s.timeline, cache, drops, Time::FromMicros(1'000'001), layout, filter);
    // The space-time diagram shows 200 ms around the cursor, clipped to what can be read.
    const SpaceTime st = BuildSpaceTime(s.timeline, cache, lanes, Time::FromMicros(860'000), Time::FromMicros(1'060'000),
                                        filter);
    drawn = p.size() + st.arrows.size();
    benchmark::DoNotOptimize(drawn);
  }
  state.counters["packets_drawn"] = static_cast<double>(drawn);
}
BENCHMARK(BM_FrameModels)->Args({5, 500})->Args({100, 10000})->Unit(benchmark::kMillisecond);

// A real cluster: ZooKeeper, `brokers` brokers, one topic of `partitions` partitions replicated
// three times with records on every partition, settled. Each iteration builds what a frame of the
// overview and the partition view reads from the simulation: the metadata table, the cluster
// view and its layout, the partition view's strips (its first 64 partitions), the broker-centric
// overview, one broker's and one ZooKeeper server's inspector.
std::shared_ptr<const Scenario> Cluster(int brokers, int partitions) {
  std::string text = "seed: 3\n" + bench::StartZooKeeperAndBrokers(brokers);
  text += fmt::format("bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions {} "
                      "--replication-factor 3\n",
                      partitions);
  text += "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders --property parse.key=true "
          "--property key.separator=:\n";
  for (int k = 0; k < 4 * partitions && k < 400; ++k) text += fmt::format("> user-{}:order {}\n", k, k);
  text += "sleep 5s\n";
  return std::make_shared<const Scenario>(ParseScenario(text, "cluster.scn"));
}

void BM_ClusterModels(benchmark::State& state) {
  const int brokers = static_cast<int>(state.range(0));
  const int partitions = static_cast<int>(state.range(1));
  World world(Script{.scenario = Cluster(brokers, partitions), .seed = 3});
  world.AdvanceTo(Time::Zero() + Duration::Seconds(120));
  Session& session = world.session();
  const std::vector<Truncation> truncations;
  size_t built = 0;
  // Where the time goes, part by part (CPU time of this thread, averaged over the iterations).
  double part_ms[6] = {};
  auto cpu_ms = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  };
  ClusterMetadata metadata;  // a frame rereads last frame's table in place, as the app does
  for (auto _ : state) {
    // A playing frame: a millisecond of simulated time went by since the last (at 1/100x, 100 ms
    // of wall time), so a few brokers handled a fetch and must be read again.
    state.PauseTiming();
    world.AdvanceTo(world.now() + Duration::Millis(1));
    state.ResumeTiming();
    double t = cpu_ms();
    auto lap = [&](int part) {
      const double now = cpu_ms();
      part_ms[part] += now - t;
      t = now;
    };
    ReadClusterMetadata(session, metadata);
    lap(0);
    const ClusterView view = BuildClusterView(session, metadata);
    const Layout layout = ComputeLayout(view, Rect{0, 0, 990, 560});
    lap(1);
    const TopicLogView logs = BuildTopicLogView(session, metadata, "orders", truncations);
    lap(2);
    const ClusterOverview overview = BuildClusterOverview(session, metadata);
    lap(3);
    const BrokerInspector broker = InspectBroker(session, metadata, BrokerId(1));
    lap(4);
    const ZooKeeperInspector zk = InspectZooKeeper(session, "zookeeper-0");
    lap(5);
    built = metadata.partitions.size() + layout.boxes.size() + logs.partitions.size() + overview.brokers.size() +
            broker.led.size() + zk.znodes.size();
    benchmark::DoNotOptimize(built);
  }
  const char* names[6] = {"metadata", "canvas", "strips", "overview", "broker", "zookeeper"};
  for (int i = 0; i < 6; ++i) state.counters[names[i]] = part_ms[i] / static_cast<double>(state.iterations());
  state.counters["partitions"] = static_cast<double>(metadata.partitions.size());
  state.counters["under_replicated"] = metadata.under_replicated;
}
// 100 brokers and 10,000 partitions is the second size; setting such a cluster up in the
// simulation takes longer than a benchmark run should, so 20 and 1,000 stand in for it.
BENCHMARK(BM_ClusterModels)->Args({5, 50})->Args({20, 1000})->Args({100, 10000})->Unit(benchmark::kMillisecond);

// A 10-minute story: ZooKeeper, three brokers and a topic of 3 partitions replicated three times;
// a broker crashes and restarts every two minutes.
std::shared_ptr<const Scenario> TenMinutes() {
  std::string text =
      "seed: 9\n"
      "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
      "bin/kafka-server-start.sh config/server.properties\n"
      "bin/kafka-server-start.sh config/server-1.properties\n"
      "bin/kafka-server-start.sh config/server-2.properties\n"
      "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 "
      "--replication-factor 3\n";
  for (int m = 1; m < 10; m += 2) {
    text += fmt::format("at {}m crash broker-{}\nat +30s restart broker-{}\n", m, m % 3, m % 3);
  }
  text += "at 10m narrate \"the end\"\n";
  return std::make_shared<const Scenario>(ParseScenario(text, "ten-minutes.scn"));
}

void BM_SeekTenMinutes(benchmark::State& state) {
  const bool checkpoints = state.range(0) != 0;
  History history(TenMinutes(), 9,
                  HistoryOptions{.checkpoint_every = Duration::Seconds(20), .max_checkpoints = checkpoints ? 32u : 0u});
  if (checkpoints) history.Settle();
  state.counters["events"] = static_cast<double>(history.timeline().size());
  // Alternate far back and far forward: the worst case for a replay.
  int64_t i = 0;
  for (auto _ : state) {
    const int64_t s = (i++ % 2 == 0) ? 590 - (i * 37) % 60 : 10 + (i * 53) % 60;
    history.SeekTime(Time::Zero() + Duration::Seconds(s));
    if (checkpoints) {
      state.PauseTiming();
      history.Settle();  // the background refill, between a user's seeks
      state.ResumeTiming();
    }
  }
}
BENCHMARK(BM_SeekTenMinutes)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(10);

}  // namespace
}  // namespace kafkasim::viz

BENCHMARK_MAIN();
