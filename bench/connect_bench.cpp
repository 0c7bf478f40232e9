// Kafka Connect standalone, end to end: a FileStreamSource reads a file of N lines into a topic
// on one broker and a FileStreamSink writes them to another file, with the sample worker config
// (JsonConverter with schemas, offsets flushed every 10 s). Measures the wall time from starting
// the worker to the last line in the sink file. Target: 1 million lines in under 2 s.
// The input file is written before the clock starts; the simulation runs with no trace sink.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "sim/kafka/install.h"
#include "sim/script/runner.h"
#include "sim/script/scenario.h"
#include "sim/script/session.h"

namespace kafkasim {
namespace {

void BM_FileToTopicToFile(benchmark::State& state) {
  const int64_t lines = state.range(0);
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "kafkasim-connect-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  uint64_t expected_bytes = 0;
  {
    std::ofstream in(dir / "in.txt");
    for (int64_t i = 0; i < lines; ++i) {
      const std::string line = fmt::format("line {} of the benchmark input", i);
      in << line << '\n';
      expected_bytes += line.size() + 1;  // the sink writes the value back as it was
    }
  }
  std::ofstream(dir / "source.properties")
      << "name=src\nconnector.class=FileStreamSource\ntopic=lines\nfile=" << (dir / "in.txt").string() << "\n";
  std::ofstream(dir / "sink.properties")
      << "name=snk\nconnector.class=FileStreamSink\ntopics=lines\nfile=" << (dir / "out.txt").string() << "\n";
  const std::string setup =
      "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
      "bin/kafka-server-start.sh config/server.properties\n"
      "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic lines\n";
  const std::string start = fmt::format("bin/connect-standalone.sh config/connect-standalone.properties {} {}\n",
                                        (dir / "source.properties").string(), (dir / "sink.properties").string());
  double simulated_seconds = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove(dir / "out.txt");
    Session session;
    InstallKafka(session);
    const Scenario cluster = ParseScenario(setup, "bench.scn");
    ScenarioRunner(session, cluster).Run();
    const Scenario connect = ParseScenario(start, "bench.scn");
    ScenarioRunner runner(session, connect);
    const Time begin = session.sim().now();
    state.ResumeTiming();
    runner.Run();
    std::error_code ec;
    while (std::filesystem::file_size(dir / "out.txt", ec) < expected_bytes) {
      session.sim().RunUntil(session.sim().now() + Duration::Millis(100));
    }
    state.PauseTiming();
    simulated_seconds = (session.sim().now() - begin).micros() / 1e6;
    state.ResumeTiming();
  }
  state.counters["lines"] = static_cast<double>(lines);
  state.counters["simulated_s"] = simulated_seconds;
  state.SetItemsProcessed(state.iterations() * lines);
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_FileToTopicToFile)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace kafkasim

BENCHMARK_MAIN();
