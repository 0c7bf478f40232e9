#include "viz/model/world.h"

#include <cassert>

#include <fmt/format.h>

#include "sim/kafka/install.h"
#include "sim/script/dispatch.h"
#include "sim/script/lexer.h"

namespace kafkasim::viz {
namespace {

// Where console lines say they were written, in the trace and in `script.command` events.
constexpr const char* kConsoleFile = "console";

// Parses one console line into a step, or throws ScriptError (as the shell does).
ScenarioStep ConsoleStep(const std::string& line, int line_number) {
  ScenarioStep step{.location = SourceLocation{kConsoleFile, line_number, 1}, .source_line = line};
  LexedLine lexed = LexLine(line, kConsoleFile, line_number);
  if (lexed.words.empty()) throw ScriptError(step.location, "nothing to run: type a command", line);
  step.words = std::move(lexed.words);
  step.location.column = step.words.front().column;
  step.text = line.substr(step.words.front().column - 1, lexed.code_end - (step.words.front().column - 1));
  return step;
}

}  // namespace

World::World(Script script, TraceSink* sink) : script_(std::move(script)), sink_(sink) {
  assert(script_.scenario && "a world plays a scenario");
  session_ = std::make_unique<Session>(SessionOptions{.seed = script_.seed});
  InstallKafka(*session_);
  if (sink_ != nullptr) session_->trace().AddSink(sink_);
  // Every line was checked when the scenario was loaded; this parses them into invocations.
  runner_ = std::make_unique<ScenarioRunner>(*session_, *script_.scenario);
  runner_->Start();
}

World::~World() {
  if (sink_ != nullptr) session_->trace().RemoveSink(sink_);
  // The runners and the invocations hold callbacks into the session: they go first.
  blocks_.clear();
  invocations_.clear();
  runner_.reset();
}

bool World::idle() { return session_->sim().idle() && next_action_ >= script_.actions.size(); }

void World::Run(const Action& action) {
  Session& session = *session_;
  if (action.block) {
    // Parsed when the action was taken, so this cannot throw on a replay.
    BlockRun run{.block = action.block.get(), .runner = std::make_unique<ScenarioRunner>(session, *action.block)};
    run.runner->Start();
    blocks_.push_back(std::move(run));
    ++unfinished_blocks_;
    return;
  }
  ++console_lines_;
  ScenarioStep step = ConsoleStep(action.command, console_lines_);
  std::unique_ptr<Invocation> invocation = ParseStep(session.commands(), step);
  session.BeginCommand(step.text, step.location);
  session.Start(*invocation, [](int) {});
  session.trace().set_context(0);
  invocations_.push_back(std::move(invocation));
}

void World::ApplyDueActions(Time limit) {
  Simulation& sim = session_->sim();
  while (next_action_ < script_.actions.size()) {
    const Action& action = script_.actions[next_action_];
    if (action.dispatched != sim.events_dispatched() || action.time > limit) return;
    // The action ran at a clock moved past the last event (the run was paused between events):
    // no event is due before it, so moving the clock dispatches nothing.
    if (sim.now() < action.time) sim.RunUntil(action.time);
    assert(sim.events_dispatched() == action.dispatched && "a replayed action runs between the same events");
    ++next_action_;
    Run(action);
  }
}

void World::NoteFinishedBlocks() {
  for (BlockRun& run : blocks_) {
    if (run.end || !run.runner->finished()) continue;
    run.end = BlockEnd{.time = now(), .dispatched = dispatched(), .seq = last_seq()};
    --unfinished_blocks_;
  }
}

void World::RunBounded(Time limit, const std::function<bool()>& stop, bool before_actions) {
  Simulation& sim = session_->sim();
  while (true) {
    if (before_actions && stop()) return;
    ApplyDueActions(limit);
    if (unfinished_blocks_ > 0) NoteFinishedBlocks();
    if (stop()) return;
    const uint64_t bound = next_action_ < script_.actions.size() ? script_.actions[next_action_].dispatched
                                                                 : UINT64_MAX;
    // Between two events: where a block finished is known to the event.
    const bool hit = sim.RunWhile(
        [&] {
          if (unfinished_blocks_ > 0) NoteFinishedBlocks();
          return sim.events_dispatched() < bound && !stop();
        },
        limit);
    if (!hit) return;  // nothing more is due by `limit`
    if (stop()) return;
    if (sim.events_dispatched() == bound && script_.actions[next_action_].time > limit) return;
  }
}

void World::AdvanceTo(Time t) { AdvanceTo(t, [] { return false; }); }

bool World::AdvanceTo(Time t, const std::function<bool()>& give_up) {
  if (t < now()) return true;
  RunBounded(t, give_up);
  if (give_up()) return false;
  ApplyDueActions(t);
  session_->sim().RunUntil(t);
  // Events at exactly t may have been run by RunUntil past an action's dispatch count only if
  // the action was due later than t, which ApplyDueActions leaves for a later call.
  ApplyDueActions(t);
  if (unfinished_blocks_ > 0) NoteFinishedBlocks();
  return true;
}

bool World::AdvanceToSeq(TraceSeq seq) {
  RunBounded(Time::Max(), [&] { return last_seq() >= seq; });
  return last_seq() >= seq;
}

bool World::AdvanceToDispatched(uint64_t n) {
  RunBounded(Time::Max(), [&] { return dispatched() >= n; }, /*before_actions=*/true);
  return dispatched() >= n;
}

bool World::Step() {
  const uint64_t before = dispatched();
  const TraceSeq seq_before = last_seq();
  RunBounded(Time::Max(), [&] { return dispatched() > before || last_seq() > seq_before; });
  return dispatched() > before || last_seq() > seq_before;
}

std::variant<Action, std::string> World::Act(const std::string& line) {
  Action action{.time = now(), .dispatched = dispatched(), .command = line};
  try {
    // Parse first so that a typo changes nothing; Run parses again (cheap) with the real number.
    ParseStep(session_->commands(), ConsoleStep(line, console_lines_ + 1));
  } catch (const ScriptError& e) {
    return e.Render();
  }
  return Append(std::move(action));
}

Action World::Append(Action action) {
  // Actions still scripted after this point belong to the history being rewritten.
  script_.actions.resize(next_action_);
  script_.actions.push_back(action);
  ++next_action_;
  Run(action);
  return action;
}

std::variant<Action, std::string> World::RunBlock(std::shared_ptr<const Scenario> block, const std::string& label) {
  assert(block && "a block to run");
  try {
    // A lesson checks its lines' syntax; whether each command exists is this session's to say.
    ScenarioRunner check(*session_, *block);
  } catch (const ScriptError& e) {
    return e.Render();
  }
  return Append(Action{.time = now(), .dispatched = dispatched(), .command = label, .block = std::move(block)});
}

}  // namespace kafkasim::viz
