#pragma once
// A lesson in a terminal, the heart of `kafkasim lesson`: the prose rendered (terminal.h), each
// command block run in the session with the narrator's story, each question asked before its
// step and revealed after it from the simulation's state, each exercise checked.
//
// Interactive (a terminal): it waits for Enter before each step (q quits, keeping progress),
// reads the student's prediction (a choice's number, or a value), and during an exercise runs
// the student's own commands until the checks hold ('solution' runs the lesson's, 'skip' moves
// on). Otherwise (a pipe, CI) it never reads: questions are printed with their checked answers
// and exercises are solved by their solutions, so the run is a test of the lesson.
//
// Exit code as `kafkasim run`: 0 every check held, 1 one failed (an expectation, an exercise's
// solution, a question no choice answers, a required event). A wrong prediction is learning,
// not a failure. Mistakes in the lesson itself are ScriptErrors thrown before anything runs.

#include <cstdint>
#include <istream>
#include <memory>
#include <ostream>

#include "sim/lesson/lesson.h"
#include "sim/lesson/progress.h"
#include "sim/script/session.h"

namespace kafkasim {

struct TerminalPlayerOptions {
  bool interactive = false;
  bool color = false;
  ProgressStore* progress = nullptr;  // not owned; null: progress is not saved
};

class TerminalPlayer {
 public:
  TerminalPlayer(TerminalPlayerOptions options, std::istream& in, std::ostream& out, std::ostream& err);
  ~TerminalPlayer();

  // Plays `lesson` in `session` (which knows Kafka's commands: InstallKafka). `seed` is only
  // shown. Throws ScriptError when the lesson names a command or query the session lacks.
  int Play(Session& session, const Lesson& lesson, uint64_t seed);

  // Checks evaluated so far: expectations, answers, exercise checks.
  int checks() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kafkasim
