#pragma once
// The lesson pane's model: a lesson (sim/lesson) read beside the running simulation, window-free.
//
// The simulation is the History's: in lesson mode it plays a scenario with no lines of its own
// (the lesson's title and seed), and each `kafkasim` block the student runs becomes an action of
// the history (World::RunBlock), taken at the cursor like a console line — so stepping back,
// jumping to a section and "Save as scenario" work on a lesson as on any run, and a block run in
// the past starts a new branch. Blocks run in order, each when the previous one has finished, as
// in `kafkasim lesson`; where a block finished is the point its questions are answered at and the
// cursor stops at (the lead world notes it between two kernel events).
//
// What this model decides is only the lesson's flow: which section, which blocks ran (read from
// the world at the cursor, never remembered), the student's predictions and the revealed
// answers. Answers, checkpoints and exercise checks are the terminal's: LessonRunner (Evaluate,
// IsRight, Check) over the session at the right point.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/lesson/lesson.h"
#include "sim/lesson/lesson_runner.h"
#include "sim/lesson/progress.h"
#include "viz/model/history.h"

namespace kafkasim::viz {

// A heading of the lesson: where "jump to section" goes.
struct LessonSection {
  std::string title;
  int level = 1;
  size_t block = 0;           // its heading's index in the document's blocks
  size_t commands_before = 0; // command blocks that come before it: run when one jumps there
};

enum class StepState {
  kNotRun,   // not in this branch at the cursor
  kAhead,    // this branch runs it later than the cursor (the student stepped back)
  kRunning,  // started, a line still running
  kDone,     // every line completed
};

struct StepStatus {
  StepState state = StepState::kNotRun;
  std::optional<BlockEnd> end;  // where it finished (kDone, and kAhead when known)
  // The block's `expect` lines (its checkpoints) that have run by the cursor.
  int checkpoints = 0;
  std::vector<ExpectationOutcome> failed;
};

struct QuestionState {
  std::string prediction;        // a choice's number or a typed value; empty: none yet
  std::optional<Answer> answer;  // once revealed: the simulation's answer after the step
};

struct ExerciseState {
  std::vector<CheckOutcome> checks;  // the last time the student pressed Check
  bool done = false;                 // every check held that time
};

class LessonPlayer {
 public:
  explicit LessonPlayer(std::shared_ptr<const Lesson> lesson);

  // The scenario the History plays beside the lesson (no lines: the blocks come as actions),
  // and the seed: the lesson's own, else its paired scenario's, as `kafkasim lesson` chooses.
  static std::shared_ptr<const Scenario> BaseScenario(const Lesson& lesson);
  static uint64_t Seed(const Lesson& lesson);

  const Lesson& lesson() const { return *lesson_; }
  const std::shared_ptr<const Lesson>& shared_lesson() const { return lesson_; }
  const std::vector<LessonSection>& sections() const { return sections_; }
  // The section a document block belongs to (0 before the first heading... which is section 0).
  size_t SectionOf(size_t block) const;
  // The block as a scenario the history can run (it shares the lesson's lifetime).
  std::shared_ptr<const Scenario> BlockScenario(size_t command) const;

  // --- the steps (command blocks), at the cursor of the history's current branch ---
  StepStatus Status(History& history, size_t command) const;
  // The first command block not yet started at the cursor (commands.size() when all have).
  size_t NextStep(History& history) const;
  // Runs command block `command` at the cursor, as the Run button does: earlier blocks not run
  // yet run first, back to back; a block that already ran is run again from where it started
  // (the end of the one before), in a new branch. The cursor is left where `command` starts;
  // playing shows it, and StopAt() says where to stop. Returns a parse error, if any.
  std::optional<std::string> Run(History& history, size_t command);
  // Runs every command block up to and including `last`, each as soon as the previous one
  // finished, and leaves the cursor where `last` finished (what a screenshot and the tests do).
  // An exercise passed over on the way is solved by its solution, as `kafkasim lesson` does in a
  // pipe, unless its checks already hold; so are those after `last` and before document block
  // `until_block` (a section's heading).
  std::optional<std::string> RunThrough(History& history, size_t last, size_t until_block = 0);
  // Where playing should stop: the end of the block run last, while the cursor is before it.
  std::optional<Time> StopAt(History& history);
  // Moves the cursor to where the pending block finished and reveals its questions. The app
  // calls it when playing reaches StopAt(); true when it moved.
  bool Arrive(History& history);
  // The state before section `s`: every command block before it run (running those not run
  // yet), the cursor where the last of them finished, or at the start when none comes before.
  std::optional<std::string> JumpToSection(History& history, size_t s);

  // --- questions: predict, then reveal ---
  const QuestionState& question(size_t q) const { return questions_[q]; }
  void Predict(size_t q, std::string typed) { questions_[q].prediction = std::move(typed); }
  // Whether its step has finished at the cursor (or it needs none).
  bool CanReveal(History& history, size_t q) const;
  // Evaluates the answer where the step finished (replaying to it when the cursor is elsewhere).
  void Reveal(History& history, size_t q);
  // The prediction against the revealed answer; none before both exist.
  std::optional<bool> Right(size_t q) const;

  // --- exercises: the student acts through the console ---
  const ExerciseState& exercise(size_t e) const { return exercises_[e]; }
  // Evaluates the exercise's checks at the cursor.
  void Check(History& history, size_t e);
  // Runs the lesson's solution at the cursor (a block action, so it replays like one).
  std::optional<std::string> RunSolution(History& history, size_t e);

  // --- progress (sim/lesson/progress.h), shared with `kafkasim lesson` ---
  LessonProgress Progress(History& history) const;
  // Saves to `store` when what Progress says changed since the last save; errors are returned
  // as text (losing progress never stops a lesson).
  std::optional<std::string> SaveProgress(History& history, ProgressStore& store);

 private:
  // Runs `fn` on the session as it was where command block `command` finished: the probe when
  // the cursor is exactly there, else a world replayed to that point.
  template <typename Fn>
  void AtEnd(History& history, const BlockEnd& end, Fn&& fn) const;
  void RevealAfter(History& history, size_t command);
  std::optional<std::string> RunOne(History& history, size_t command);
  // Solves, at the cursor, the exercises written in document blocks (from, to) whose checks do
  // not hold; the cursor ends where the last solution finished.
  std::optional<std::string> SolveSkipped(History& history, size_t from, size_t to);
  const Scenario* Block(size_t command) const { return &lesson_->commands[command].script; }

  std::shared_ptr<const Lesson> lesson_;
  std::vector<LessonSection> sections_;
  std::vector<QuestionState> questions_;
  std::vector<ExerciseState> exercises_;
  // The block (a command block or a solution) whose end playing stops at, and which command
  // block it is, if one.
  const Scenario* pending_ = nullptr;
  std::optional<size_t> pending_command_;
  std::optional<LessonProgress> saved_;
};

}  // namespace kafkasim::viz
