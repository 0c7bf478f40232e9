#include "sim/script/runner.h"

#include <cassert>

#include <fmt/format.h>

#include "sim/script/dispatch.h"

namespace kafkasim {

ScenarioRunner::ScenarioRunner(Session& session, const Scenario& scenario)
    : session_(session), scenario_(scenario) {
  for (const ScenarioStep& step : scenario.steps) {
    steps_.push_back(Step{.source = &step, .invocation = ParseStep(session.commands(), step)});
  }
}

void ScenarioRunner::Start() {
  assert(!started_ && "a scenario is started once");
  started_ = true;
  Simulation& sim = session_.sim();
  if (!steps_.empty()) {
    const ScenarioStep& first = *steps_[0].source;
    const Time at = first.timing == ScenarioStep::Timing::kAt ? Time::Zero() + first.offset
                                                              : sim.now() + first.offset;
    sim.ScheduleAt(std::max(at, sim.now()), kNoNode, [this] { StartStep(0); });
  }
}

RunReport ScenarioRunner::Run(Time until) {
  Simulation& sim = session_.sim();
  if (!started_) Start();
  const bool finished = sim.RunWhile([this] { return completed_ < steps_.size(); }, until);

  RunReport report{.finished = finished || completed_ == steps_.size(), .failed_commands = failed_commands_};
  if (!report.finished) {
    if (sim.idle()) {
      for (const Step& step : steps_) {
        if (step.started_yet && !step.done) {
          report.stalled = fmt::format("{}:{}: '{}' never completed: nothing was left to happen in the "
                                       "simulation",
                                       step.source->location.file, step.source->location.line, step.source->text);
          break;
        }
      }
    } else {
      sim.RunUntil(until);
    }
  }
  report.end = sim.now();
  for (const ExpectationOutcome& outcome : session_.expectations()) {
    ++report.expectations;
    if (!outcome.ok) report.failed_expectations.push_back(outcome);
  }
  session_.trace().Flush();
  return report;
}

void ScenarioRunner::StartStep(size_t i) {
  Step& step = steps_[i];
  const ScenarioStep& source = *step.source;
  Simulation& sim = session_.sim();
  step.started = sim.now();
  step.started_yet = true;

  Duration late_by;
  if (source.timing == ScenarioStep::Timing::kAt && sim.now() > Time::Zero() + source.offset) {
    late_by = sim.now() - (Time::Zero() + source.offset);
  }
  session_.BeginCommand(source.text, source.location, late_by);
  session_.Start(*step.invocation, [this, i](int exit_code) { OnDone(i, exit_code); });
  ScheduleNext(i);
}

// Steps that wait for time, not for completion, are scheduled as soon as their predecessor starts.
void ScenarioRunner::ScheduleNext(size_t i) {
  if (i + 1 >= steps_.size()) return;
  const ScenarioStep& next = *steps_[i + 1].source;
  Simulation& sim = session_.sim();
  switch (next.timing) {
    case ScenarioStep::Timing::kAfterPrevious:
      return;  // OnDone starts it
    case ScenarioStep::Timing::kAt:
      sim.ScheduleAt(std::max(sim.now(), Time::Zero() + next.offset), kNoNode, [this, i] { StartStep(i + 1); });
      return;
    case ScenarioStep::Timing::kAfterPreviousStart:
      sim.Schedule(next.offset, kNoNode, [this, i] { StartStep(i + 1); });
      return;
  }
}

void ScenarioRunner::OnDone(size_t i, int exit_code) {
  Step& step = steps_[i];
  assert(!step.done && "a command completes once");
  step.done = true;
  ++completed_;
  if (exit_code != 0) ++failed_commands_;
  if (i + 1 < steps_.size() && steps_[i + 1].source->timing == ScenarioStep::Timing::kAfterPrevious) {
    // As its own event, so the next command's consequences do not nest inside this one's.
    session_.sim().Schedule(Duration(), kNoNode, [this, i] { StartStep(i + 1); });
  }
}

}  // namespace kafkasim
