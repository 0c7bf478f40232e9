#include "sim/lesson/terminal_player.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <map>
#include <string>

#include "sim/lesson/lesson_runner.h"
#include "sim/lesson/terminal.h"
#include "sim/record/narrator.h"

namespace kafkasim {

class TerminalPlayer::Impl {
 public:
  Impl(TerminalPlayerOptions options, std::istream& in, std::ostream& out, std::ostream& err)
      : options_(options), in_(in), out_(out), err_(err), terminal_{.width = 80, .color = options.color} {}

  int Play(Session& session, const Lesson& lesson, uint64_t seed) {
    LessonRunner runner(session, lesson);  // checks every line before anything runs
    Narrator narrator(out_, NarratorOptions{.color = options_.color}, &err_);
    session.trace().AddSink(&narrator);
    progress_ = LessonProgress{.slug = lesson.slug, .steps_total = static_cast<int>(lesson.commands.size())};
    store_ = options_.progress;

    fmt::print(out_, "{}\n", Bold(fmt::format("Lesson {} · {} · about {} minutes", lesson.number, lesson.title, lesson.minutes)));
    fmt::print(out_, "(scenario {}, seed {}{})\n\n", lesson.scenario_text, seed,
               options_.interactive ? "; Enter runs each step, q quits" : "");
    bool quit = false;
    for (size_t b = 0; b < lesson.document.blocks.size() && !quit; ++b) quit = !Block(runner, b);
    if (quit) {
      Save();
      fmt::print(out_, "\nStopped. Your progress is saved: run `kafkasim lesson {}` to start again.\n", lesson.number);
      session.trace().RemoveSink(&narrator);
      return failed_ ? 1 : 0;
    }
    for (const EventOutcome& e : runner.CheckEvents()) {
      if (e.ok) continue;
      failed_ = true;
      fmt::print(err_, "{}:{}: the lesson must show {}, and it showed {} {} event(s)\n", e.requirement->location.file,
                 e.requirement->location.line, e.requirement->text, e.actual, e.requirement->kind);
    }
    session.trace().RemoveSink(&narrator);
    progress_.completed = !failed_;
    Save();
    fmt::print(out_, "\n{} lesson {} at {}: {} of {} checks held", failed_ ? "Finished (with failures)" : "Finished",
               lesson.number, FormatTime(session.sim().now()), checks_ - failures_, checks_);
    if (progress_.questions_asked > 0) fmt::print(out_, ", {} of {} predictions right", progress_.questions_right, progress_.questions_asked);
    fmt::print(out_, ".\n");
    return failed_ ? 1 : 0;
  }

  int checks() const { return checks_; }

 private:
  std::string Bold(const std::string& text) const { return options_.color ? fmt::format("\x1b[1m{}\x1b[0m", text) : text; }

  void Save() {
    if (!store_) return;
    try {
      store_->Save(progress_);
    } catch (const std::exception& e) {
      fmt::print(err_, "kafkasim lesson: warning: {}\n", e.what());
    }
  }

  // Returns false when the student quits.
  bool Block(LessonRunner& runner, size_t b) {
    const Lesson& lesson = runner.lesson();
    const MarkdownBlock& block = lesson.document.blocks[b];
    if (const CommandBlock* commands = lesson.CommandsAt(b)) return Commands(runner, *commands);
    if (const Question* question = lesson.QuestionAt(b)) return Ask(runner, *question);
    if (const Exercise* exercise = lesson.ExerciseAt(b)) return Exercise_(runner, *exercise);
    fmt::print(out_, "{}\n", RenderBlock(block, terminal_));
    return true;
  }

  std::optional<std::string> ReadLine(const std::string& prompt) {
    fmt::print(out_, "{}", prompt);
    out_.flush();
    std::string line;
    if (!std::getline(in_, line)) return std::nullopt;
    return line;
  }

  bool Commands(LessonRunner& runner, const CommandBlock& commands) {
    const size_t index = static_cast<size_t>(&commands - runner.lesson().commands.data());
    if (options_.interactive) {
      const auto line = ReadLine(fmt::format("── step {} of {}: Enter runs it, q quits ── ", index + 1, runner.lesson().commands.size()));
      if (!line || *line == "q" || *line == "quit") return false;
    }
    const BlockReport report = runner.RunCommands(index);
    progress_.steps_done = static_cast<int>(index) + 1;
    checks_ += report.expectations;
    failures_ += static_cast<int>(report.failed_expectations.size());
    for (const ExpectationOutcome& e : report.failed_expectations) {
      failed_ = true;
      fmt::print(err_, "{}:{}: expectation failed: expect {} {} {}\n  expected: {} {}\n  actual:   {}\n", e.location.file,
                 e.location.line, e.query, e.op, e.expected, e.op, e.expected, e.actual);
    }
    if (!report.stalled.empty()) {
      failed_ = true;
      fmt::print(err_, "{}\n", report.stalled);
    }
    fmt::print(out_, "\n");
    for (size_t q = 0; q < runner.lesson().questions.size(); ++q) {
      if (runner.lesson().questions[q].answered_after == index) Reveal(runner, q);
    }
    return true;
  }

  bool Ask(LessonRunner& runner, const Question& question) {
    const size_t q = static_cast<size_t>(&question - runner.lesson().questions.data());
    std::string text = "Predict: " + question.prompt;
    fmt::print(out_, "{}", RenderRuns({TextRun{.text = text, .style = TextRun::kStrong}}, terminal_, "? "));
    for (size_t c = 0; c < question.choices.size(); ++c) {
      fmt::print(out_, "    {}. {}\n", c + 1, question.choices[c].label);
    }
    if (options_.interactive) {
      while (true) {
        const auto line = ReadLine(question.choices.empty() ? "  your answer: "
                                                            : fmt::format("  your answer (1-{}): ", question.choices.size()));
        if (!line || *line == "q" || *line == "quit") return false;
        if (!question.choices.empty() && !line->empty() && !IsChoiceNumber(*line, question.choices.size())) {
          fmt::print(out_, "  Type the number of a choice, from 1 to {} (or Enter to skip).\n", question.choices.size());
          continue;
        }
        predictions_[q] = *line;
        break;
      }
    }
    fmt::print(out_, "\n");
    if (!question.answered_after) Reveal(runner, q);
    return true;
  }

  void Reveal(LessonRunner& runner, size_t q) {
    const Question& question = runner.lesson().questions[q];
    const Answer answer = runner.Evaluate(question);
    ++checks_;
    if (!answer.ok()) {
      failed_ = true;
      ++failures_;
      fmt::print(err_, "{}\n", answer.error);
      return;
    }
    const std::string shown = answer.choice ? fmt::format("{}. {}", *answer.choice + 1, question.choices[*answer.choice].label)
                                            : answer.value;
    fmt::print(out_, "{}", RenderRuns({TextRun{.text = "Answer: ", .style = TextRun::kStrong},
                                      TextRun{.text = fmt::format("{} ({} is {}, in the simulation now)", shown,
                                                                  question.answer_text, answer.value)}},
                                     terminal_, "! "));
    if (auto it = predictions_.find(q); it != predictions_.end() && !it->second.empty()) {
      const bool right = LessonRunner::IsRight(question, answer, it->second);
      ++progress_.questions_asked;
      progress_.questions_right += right ? 1 : 0;
      fmt::print(out_, "  You said {}: {}\n", it->second, right ? "right." : "not this time.");
    }
    fmt::print(out_, "\n");
  }

  bool Exercise_(LessonRunner& runner, const Exercise& exercise) {
    fmt::print(out_, "{}", RenderRuns({TextRun{.text = "Your turn: ", .style = TextRun::kStrong}, TextRun{.text = exercise.prompt}},
                                     terminal_, "✎ "));
    for (const ScenarioStep& check : exercise.checks) fmt::print(out_, "    check: {}\n", check.text);
    if (options_.interactive) {
      fmt::print(out_, "  Type commands; 'solution' runs the answer, 'skip' moves on.\n");
      while (true) {
        const auto line = ReadLine("exercise> ");
        if (!line || *line == "skip") break;
        if (*line == "q" || *line == "quit") return false;
        if (*line == "solution") return Solve(runner, exercise);
        if (auto error = runner.RunLine(*line)) fmt::print(err_, "{}\n", *error);
        if (const std::vector<CheckOutcome> outcomes = runner.Check(exercise); AllHold(outcomes)) {
          checks_ += static_cast<int>(outcomes.size());
          fmt::print(out_, "✓ Done: every check holds.\n\n");
          return true;
        }
      }
      fmt::print(out_, "\n");
      return true;
    }
    return Solve(runner, exercise);
  }

  bool Solve(LessonRunner& runner, const Exercise& exercise) {
    fmt::print(out_, "  Solution:\n");
    for (const ScenarioStep& step : exercise.solution.steps) fmt::print(out_, "    {}\n", step.text);
    const BlockReport report = runner.RunSolution(exercise);
    const std::vector<CheckOutcome> outcomes = runner.Check(exercise);
    checks_ += static_cast<int>(outcomes.size());
    for (const CheckOutcome& o : outcomes) {
      fmt::print(o.ok ? out_ : err_, "{} {}{}\n", o.ok ? "✓" : "✗", o.text, o.ok ? "" : fmt::format(" (actual: {})", o.actual));
      if (!o.ok) {
        ++failures_;
        failed_ = true;
      }
    }
    if (!report.ok()) failed_ = true;
    fmt::print(out_, "\n");
    return true;
  }

  static bool IsChoiceNumber(const std::string& text, size_t choices) {
    for (size_t c = 1; c <= choices; ++c) {
      if (text == std::to_string(c)) return true;
    }
    return false;
  }

  static bool AllHold(const std::vector<CheckOutcome>& outcomes) {
    for (const CheckOutcome& o : outcomes) {
      if (!o.ok) return false;
    }
    return true;
  }

  TerminalPlayerOptions options_;
  std::istream& in_;
  std::ostream& out_;
  std::ostream& err_;
  TerminalOptions terminal_;
  LessonProgress progress_;
  ProgressStore* store_ = nullptr;
  std::map<size_t, std::string> predictions_;  // by question index
  int checks_ = 0, failures_ = 0;
  bool failed_ = false;
};

TerminalPlayer::TerminalPlayer(TerminalPlayerOptions options, std::istream& in, std::ostream& out, std::ostream& err)
    : impl_(std::make_unique<Impl>(options, in, out, err)) {}

TerminalPlayer::~TerminalPlayer() = default;

int TerminalPlayer::Play(Session& session, const Lesson& lesson, uint64_t seed) { return impl_->Play(session, lesson, seed); }

int TerminalPlayer::checks() const { return impl_->checks(); }

}  // namespace kafkasim
