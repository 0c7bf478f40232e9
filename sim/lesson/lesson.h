#pragma once
// A lesson: Markdown a student reads beside the running simulation (lessons/NN-slug.md).
//
//   ---
//   title: First steps
//   scenario: ../scenarios/first-steps.scn     <- the paired scenario, relative to the lesson
//   minutes: 10
//   events: partition.online >= 3, controller.elected    <- what the scenario must show
//   ---
//   Prose in Markdown: headings, paragraphs, lists, tables, `code`, links to other lessons.
//
//   ```kafkasim                                 <- a runnable block: the scenario language
//   bin/kafka-server-start.sh config/server.properties
//   expect controller id == 0                   <- a checkpoint
//   ```
//
//   ```question                                 <- predict, then reveal
//   Which broker leads orders-1 once broker-1's session has expired?
//   - 0: broker-0                               <- `- VALUE: label`; no choices: type a value
//   - 2: broker-2
//   answer: partition orders-1 leader           <- an `expect` query, evaluated after the next
//   ```                                            command block (or at once if none follows)
//
//   ```exercise                                 <- the student's turn
//   Create a topic named payments with two partitions.
//   expect topic payments partitions == 2       <- the checks
//   solution:                                   <- what the tests (and a stuck student) run
//   bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic payments --partitions 2
//   ```
//
// The answer of a question is never written in the lesson: it is whatever the simulation says
// after the step, and the choice whose VALUE equals it is the right one. A lesson whose
// question no choice answers is broken, and the tests say so.
//
// ParseLesson checks the structure (front matter, fences, question and exercise syntax, and the
// scenario syntax of every command line) and throws ScriptError at file:line:col on the first
// mistake. Whether commands and queries exist is checked against a session by LessonRunner.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/lesson/markdown.h"
#include "sim/script/query.h"
#include "sim/script/scenario.h"

namespace kafkasim {

// `events: KIND [OP N], ...` in the front matter; a bare KIND means KIND >= 1.
struct EventRequirement {
  std::string kind;
  CompareOp op = CompareOp::kGe;
  uint64_t count = 1;
  SourceLocation location;
  std::string text;  // as written: "partition.isr_shrink >= 1"
};

// A fenced `kafkasim` block: the commands, parsed as scenario lines at their place in the file.
struct CommandBlock {
  size_t block = 0;  // index in Lesson::document.blocks
  Scenario script;
  // Where this block's steps start in LessonScript(lesson).steps, so that a front end playing
  // the lesson as one scenario can jump to a section by step.
  size_t first_step = 0;
};

struct QuestionChoice {
  std::string value;  // compared with the answer query's result, as `expect ==` compares
  std::string label;
  SourceLocation location;
};

struct Question {
  size_t block = 0;
  std::string prompt;
  std::vector<QuestionChoice> choices;  // empty: the student types a value
  std::vector<Word> answer;             // the query's words: partition orders-1 leader
  std::string answer_text;              // as written
  SourceLocation answer_location;
  std::string answer_line;  // the whole line, for carets
  // The command block after which the answer is read (index in Lesson::commands); none when no
  // block follows the question, and the answer is read where the question stands.
  std::optional<size_t> answered_after;
};

struct Exercise {
  size_t block = 0;
  std::string prompt;
  std::vector<ScenarioStep> checks;  // `expect` lines
  Scenario solution;
};

struct Lesson {
  std::string file;
  int number = 0;    // from the file name: 01-first-steps.md is lesson 1 (0 without a number)
  std::string slug;  // the file name without its extension: 01-first-steps
  std::string title;
  std::filesystem::path scenario;  // resolved against the lesson's folder
  std::string scenario_text;       // as written in the front matter
  int minutes = 0;
  std::optional<uint64_t> seed;    // the lesson's own session; else the scenario's seed
  std::vector<EventRequirement> events;

  MarkdownDocument document;  // every block in reading order, runnable ones included
  std::vector<CommandBlock> commands;
  std::vector<Question> questions;
  std::vector<Exercise> exercises;

  // The part a code block plays, if any.
  const CommandBlock* CommandsAt(size_t block) const;
  const Question* QuestionAt(size_t block) const;
  const Exercise* ExerciseAt(size_t block) const;
};

// The front matter keys, in the order suggestions prefer them.
const std::vector<std::string>& KnownLessonKeys();

// Parses a lesson; `file_name` names it in locations and resolves `scenario:`.
Lesson ParseLesson(std::string_view text, const std::string& file_name);

// Reads and parses a file; a file that cannot be read is a ScriptError at line 0.
Lesson LoadLesson(const std::filesystem::path& path);

// Every command block's steps, in order, as one scenario (what the visualizer plays, and what
// `kafkasim run` would do with the lesson's commands). Locations stay in the lesson file.
Scenario LessonScript(const Lesson& lesson);

}  // namespace kafkasim
