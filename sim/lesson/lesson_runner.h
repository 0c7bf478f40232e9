#pragma once
// Runs a lesson's parts against one session, window-free: the terminal (`kafkasim lesson`), the
// visualizer's lesson pane and the tests drive the same runner and decide themselves when to
// print, pause or ask.
//
// The constructor checks the whole lesson against the session before anything runs — every
// command of every block and solution, every `expect` of the exercises, every question's answer
// query — and throws ScriptError at file:line:col on the first mistake, as `kafkasim run` does
// for a scenario. The session must already know Kafka's commands and queries (InstallKafka).
//
// Command blocks run in order, each once, in the one session: a lesson is one story. Questions
// are read from the simulation's state; exercises are checked without recording expectations, so
// a student's failed attempts are not failures of the lesson.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/lesson/lesson.h"
#include "sim/script/runner.h"
#include "sim/script/session.h"

namespace kafkasim {

struct BlockReport {
  bool finished = false;
  int failed_commands = 0;
  int expectations = 0;
  std::vector<ExpectationOutcome> failed_expectations;
  std::string stalled;  // why the block never finished, if it did not
  bool ok() const { return finished && failed_expectations.empty(); }
};

struct Answer {
  std::string value;            // what the query says now
  std::optional<size_t> choice; // the choice whose value it is
  std::string error;            // the query failed, or no choice (or several) matched: the lesson is wrong
  bool ok() const { return error.empty(); }
};

struct CheckOutcome {
  std::string text;  // "expect topic payments partitions == 2"
  std::string actual;
  bool ok = false;
};

struct EventOutcome {
  const EventRequirement* requirement = nullptr;
  uint64_t actual = 0;
  bool ok = false;
};

class LessonRunner {
 public:
  LessonRunner(Session& session, const Lesson& lesson);
  ~LessonRunner();

  const Lesson& lesson() const { return lesson_; }
  Session& session() { return session_; }

  // Runs command block `i` (Lesson::commands), which must be the next one not yet run.
  BlockReport RunCommands(size_t i);
  size_t commands_run() const { return next_block_; }

  // The answer to a question in the simulation's state now.
  Answer Evaluate(const Question& question);
  // Whether what a student typed is the answer: a choice's number (1, 2, ...), or for a
  // question without choices a value compared as `expect ==` compares.
  static bool IsRight(const Question& question, const Answer& answer, std::string_view typed);

  // Runs one line a student typed during an exercise, as the console would; a mistake in it is
  // returned as its rendered ScriptError, and nothing runs.
  std::optional<std::string> RunLine(const std::string& line, std::vector<std::string> input = {});
  // The exercise's checks, now.
  std::vector<CheckOutcome> Check(const Exercise& exercise);
  // Runs the exercise's solution (what the tests, and a student who gives up, do).
  BlockReport RunSolution(const Exercise& exercise);

  // The lesson's `events:` against what the session has shown so far.
  std::vector<EventOutcome> CheckEvents() const;

 private:
  BlockReport RunScript(ScenarioRunner& runner);

  Session& session_;
  const Lesson& lesson_;
  std::vector<std::unique_ptr<ScenarioRunner>> blocks_;
  std::vector<std::unique_ptr<ScenarioRunner>> solutions_;  // one per exercise
  size_t next_block_ = 0;
  size_t expectations_seen_ = 0;
};

}  // namespace kafkasim
