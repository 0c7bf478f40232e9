#pragma once
// Plays a scenario: each step starts when its timing says — after the previous step completed
// (a terminal), at an absolute time (`at 10s`), or some time after the previous step started
// (`at +20s`) — and the run ends when every step has completed.
//
// Every step is parsed before the first one runs, so a typo on the last line is reported
// before the simulation spends any time.

#include <memory>
#include <string>
#include <vector>

#include "sim/script/command.h"
#include "sim/script/scenario.h"
#include "sim/script/session.h"

namespace kafkasim {

struct RunReport {
  bool finished = false;  // every step completed
  Time end;
  int failed_commands = 0;
  // When the simulation ran out of events with a step unfinished: which step, and why.
  std::string stalled;

  int expectations = 0;
  std::vector<ExpectationOutcome> failed_expectations;
  bool ok() const { return finished && failed_expectations.empty(); }
};

class ScenarioRunner {
 public:
  // Parses every step; throws ScriptError on the first bad one.
  ScenarioRunner(Session& session, const Scenario& scenario);

  // Plays until every step completed or simulated time reaches `until`.
  RunReport Run(Time until = Time::Max());

  // Schedules the first step without running anything, for a caller that drives the simulation
  // itself one event at a time (the visualizer). Run() calls it; calling it twice is a bug.
  void Start();
  // Whether every step has completed.
  bool finished() const { return completed_ == steps_.size(); }

 private:
  struct Step {
    const ScenarioStep* source;
    std::unique_ptr<Invocation> invocation;
    Time started;
    bool started_yet = false;
    bool done = false;
  };

  void StartStep(size_t i);
  void ScheduleNext(size_t i);
  void OnDone(size_t i, int exit_code);

  Session& session_;
  const Scenario& scenario_;
  std::vector<Step> steps_;
  size_t completed_ = 0;
  int failed_commands_ = 0;
  bool started_ = false;
};

}  // namespace kafkasim
