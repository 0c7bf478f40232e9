#pragma once
// A World is one simulated run the visualizer can reproduce exactly: a session playing a
// scenario with a seed, plus the commands the user ran along the way. Each user action is kept
// with the point where it ran — the simulated time and how many events the kernel had
// dispatched — so a replay applies it between the very same two events. Determinism does the
// rest: the same scenario, seed and actions give the same trace, sequence number for sequence
// number. The visualizer never copies a simulation; it replays one (see history.h).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/core/time.h"
#include "sim/core/trace.h"
#include "sim/script/runner.h"
#include "sim/script/scenario.h"
#include "sim/script/session.h"

namespace kafkasim::viz {

// A command the user ran at a point of a run (a right-click crash, a console line), or a block of
// a lesson the user ran with its Run button.
struct Action {
  Time time;
  uint64_t dispatched = 0;  // Simulation::events_dispatched() when it ran
  std::string command;      // as typed: "crash zookeeper-3"; for a block, its label
  // A lesson's `kafkasim` block: its lines run from this point as a scenario's do — each when
  // its timing says (after the previous completed, `at +D`), with its `>` input lines — which one
  // console line cannot say. Null for a console line.
  std::shared_ptr<const Scenario> block;
};

// Where a block action's lines had all completed: the state right after the kernel event that
// completed the last one (what the terminal's lesson runner reads its answers from).
struct BlockEnd {
  Time time;
  uint64_t dispatched = 0;
  TraceSeq seq = 0;
};

// A block action applied in this world.
struct BlockRun {
  const Scenario* block = nullptr;  // which block (the action's)
  std::unique_ptr<ScenarioRunner> runner;
  std::optional<BlockEnd> end;  // once every line completed
};

// What defines a run: replaying the same Script gives the same trace.
struct Script {
  std::shared_ptr<const Scenario> scenario;
  uint64_t seed = 1;
  std::vector<Action> actions;  // in the order they ran; (dispatched, time) never decrease
};

class World {
 public:
  // `sink`, when given, observes every event from the first one (the recording Timeline).
  explicit World(Script script, TraceSink* sink = nullptr);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  Session& session() { return *session_; }
  const Script& script() const { return script_; }
  Time now() { return session_->sim().now(); }
  uint64_t dispatched() { return session_->sim().events_dispatched(); }
  TraceSeq last_seq() { return session_->trace().last_seq(); }
  bool scenario_finished() const { return runner_->finished(); }
  // Nothing left to happen: no pending event and no scripted action.
  bool idle();

  // Runs every event due at or before `t` (applying the script's actions where they ran), then
  // sets the clock to `t`.
  void AdvanceTo(Time t);
  // The same, unless `give_up` (asked between events) says to stop first: then the world stays
  // where it stopped, and a later call goes on from there. True when it got to `t`.
  bool AdvanceTo(Time t, const std::function<bool()>& give_up);
  // Runs events until the trace has numbered `seq`: the state right after the event that
  // emitted it. False when the run ended first.
  bool AdvanceToSeq(TraceSeq seq);
  // Runs events until `dispatched` kernel events have run, and stops before the actions taken
  // at that point (the state a user acting there saw). False when the run ended first.
  bool AdvanceToDispatched(uint64_t dispatched);
  // How many of the script's actions have been applied.
  size_t actions_applied() const { return next_action_; }
  // Runs exactly one kernel event (or the next scripted action). False when idle.
  bool Step();

  // Runs a command of the command language now, as the console does, and appends it to the
  // script. Returns the error (rendered with a caret) when the line does not parse.
  std::variant<Action, std::string> Act(const std::string& line);
  // Starts a lesson block now (its steps were checked when the lesson was parsed) and appends it
  // to the script under `label`. Returns the error when a line does not parse in this session.
  std::variant<Action, std::string> RunBlock(std::shared_ptr<const Scenario> block, const std::string& label);
  // The block actions applied so far, in the order they ran.
  const std::vector<BlockRun>& blocks() const { return blocks_; }

 private:
  // Applies the actions due at this point (same dispatch count, time reached by `limit`).
  void ApplyDueActions(Time limit);
  void Run(const Action& action);
  // Runs events until `stop()` holds, the next event is due after `limit`, or nothing is left.
  // With `before_actions`, a stop leaves the actions due at that point unapplied.
  void RunBounded(Time limit, const std::function<bool()>& stop, bool before_actions = false);
  // Notes where blocks finished; called between kernel events.
  void NoteFinishedBlocks();
  // Truncates the script after the actions applied so far, appends `action` and applies it.
  Action Append(Action action);

  Script script_;
  std::unique_ptr<Session> session_;
  std::unique_ptr<ScenarioRunner> runner_;
  TraceSink* sink_ = nullptr;
  size_t next_action_ = 0;
  int console_lines_ = 0;
  // Commands that take simulated time finish later; their invocations live as long as the run.
  std::vector<std::unique_ptr<Invocation>> invocations_;
  std::vector<BlockRun> blocks_;
  size_t unfinished_blocks_ = 0;
};

}  // namespace kafkasim::viz
