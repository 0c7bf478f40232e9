#include "viz/model/scenario_writer.h"

#include <map>

#include <fmt/format.h>

namespace kafkasim::viz {
namespace {

// "12.5s", exact to the microsecond, readable when round.
std::string AtClause(Time t) { return FormatDuration(t - Time::Zero()); }

}  // namespace

std::string WriteScenario(const Script& script, const Timeline& timeline, const std::string& branch_name) {
  const Scenario& scenario = *script.scenario;
  std::string out;
  out += fmt::format("# Saved by kafkasim-viz from {} ({}).\n", scenario.file, branch_name);
  out += "# Every command starts at the simulated time it started in the session.\n";
  std::string title = scenario.title.empty() ? "saved session" : scenario.title + " (saved session)";
  out += fmt::format("title: {}\n", title);
  for (const auto& [key, value] : scenario.header) {
    if (key != "title" && key != "seed") out += fmt::format("{}: {}\n", key, value);
  }
  out += fmt::format("seed: {}\n\n", script.seed);

  // Standard input of the scenario's own lines, by "file:line" as script.command events name it.
  std::map<std::string, const ScenarioStep*> steps;
  for (const ScenarioStep& step : scenario.steps) {
    steps[fmt::format("{}:{}", step.location.file, step.location.line)] = &step;
  }
  // And of the lesson blocks the user ran, whose lines name the lesson file.
  for (const Action& action : script.actions) {
    if (!action.block) continue;
    for (const ScenarioStep& step : action.block->steps) {
      steps[fmt::format("{}:{}", step.location.file, step.location.line)] = &step;
    }
  }
  for (size_t i = 0; i < timeline.size(); ++i) {
    const EventView e = timeline.At(i);
    if (e.kind != "script.command") continue;
    const auto fields = e.fields();
    const std::string line = fields.value("line", "");
    out += fmt::format("at {} {}\n", AtClause(e.time), line);
    auto step = steps.find(fields.value("source", ""));
    if (step != steps.end()) {
      for (const std::string& input : step->second->input) out += fmt::format("> {}\n", input);
    }
  }
  return out;
}

}  // namespace kafkasim::viz
