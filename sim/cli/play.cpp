#include "sim/cli/play.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "sim/broker/broker_part.h"
#include "sim/connect/connect_part.h"
#include "sim/kafka/install.h"
#include "sim/record/jsonl_sink.h"
#include "sim/record/sqlite_recorder.h"
#include "sim/script/scenario.h"
#include "sim/script/session.h"

namespace kafkasim::cli {
namespace {


void ReportFailures(const RunReport& report, std::ostream& err) {
  for (const ExpectationOutcome& e : report.failed_expectations) {
    fmt::print(err, "{}:{}: expectation failed: expect {} {} {}\n  expected: {} {}\n  actual:   {}\n",
               e.location.file, e.location.line, e.query, e.op, e.expected, e.op, e.expected, e.actual);
  }
  if (!report.stalled.empty()) fmt::print(err, "{}\n", report.stalled);
}

}  // namespace

PlayResult Play(const std::string& path, const PlayOptions& options, std::ostream& out, std::ostream& err) {
  PlayResult result;
  try {
    const Scenario scenario = LoadScenario(path);
    result.title = scenario.title;
    result.seed = options.seed.value_or(scenario.seed.value_or(kDefaultSeed));

    Session session(SessionOptions{.seed = result.seed});
    InstallKafka(session);
    if (!options.data_dir.empty()) {
      session.part<BrokerPart>().set_data_dir(options.data_dir);
      session.part<ConnectPart>().set_data_dir(options.data_dir);
    }
    ScenarioRunner runner(session, scenario);  // checks every line before anything runs

    Narrator narrator(out, options.narrator, &err);
    session.trace().AddSink(&narrator);
    std::optional<JsonLinesSink> jsonl;
    if (!options.trace_path.empty()) session.trace().AddSink(&jsonl.emplace(options.trace_path));
    std::optional<SqliteRecorder> recorder;
    if (!options.record_path.empty()) {
      recorder.emplace(options.record_path);
      recorder->SetMeta("scenario", path);
      recorder->SetMeta("title", scenario.title);
      recorder->SetMeta("seed", std::to_string(result.seed));
      session.trace().AddSink(&*recorder);
    }
    if (!options.narrator.quiet) {
      fmt::print(out, "kafkasim: playing {}{} with seed {}\n\n", path,
                 scenario.title.empty() ? "" : fmt::format(" ({})", scenario.title), result.seed);
    }

    result.report = runner.Run(options.until);
    session.trace().Flush();
    session.trace().RemoveSink(&narrator);
    if (jsonl) session.trace().RemoveSink(&*jsonl);
    if (recorder) session.trace().RemoveSink(&*recorder);

    ReportFailures(result.report, err);
    result.exit_code = result.report.failed_expectations.empty() && result.report.stalled.empty() ? 0 : 1;
  } catch (const ScriptError& e) {
    fmt::print(err, "{}\n", e.Render());
    result.exit_code = 2;
  } catch (const std::exception& e) {
    fmt::print(err, "kafkasim: error: {}\n", e.what());
    result.exit_code = 2;
  }
  return result;
}

}  // namespace kafkasim::cli
