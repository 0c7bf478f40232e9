#pragma once
// `kafkasim lesson [N|FILE]` and `kafkasim lesson --list`: a lesson in the terminal.
//
// The lesson is printed block by block; its command blocks run in one session with the
// narrator's story; a question is asked before the step it is about and revealed after it,
// from the simulation's state. On a terminal it waits for Enter between steps and reads the
// student's prediction; otherwise (a pipe, CI) it prints each question with its checked answer
// and never waits. Exit codes as `kafkasim run`: 0 every check held, 1 one failed (an
// expectation, an exercise's solution, a question no choice answers, a required event), 2 bad
// input (no such lesson, a lesson with a mistake).

#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

namespace kafkasim::cli {

struct LessonOptions {
  std::string which;  // "" (the next unfinished lesson), a number, or a file
  bool list = false;
  std::optional<uint64_t> seed;
  bool interactive = false;  // a terminal: pause, and read answers
  bool color = false;
};

int RunLessonCommand(const LessonOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

// What `kafkasim check` does with a lesson file: plays it without a terminal and without saving
// progress, then plays its scenario and checks that the scenario shows the lesson's events.
// Returns the exit code (0, 1 or 2) and writes why it failed to `err`; `summary` gets a short
// "N checks, M questions, T simulated".
int CheckLesson(const std::string& path, std::string& summary, std::ostream& err);

}  // namespace kafkasim::cli
