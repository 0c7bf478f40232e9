#include "viz/model/lesson_player.h"

#include <algorithm>
#include <cassert>

#include <fmt/format.h>

namespace kafkasim::viz {
namespace {

constexpr uint64_t kLessonDefaultSeed = 1;  // as `kafkasim lesson` (sim/cli/play.h)

// The run of `block` the world applied last, if any.
const BlockRun* LatestRun(const World& world, const Scenario* block) {
  const std::vector<BlockRun>& runs = world.blocks();
  for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
    if (it->block == block) return &*it;
  }
  return nullptr;
}

}  // namespace

LessonPlayer::LessonPlayer(std::shared_ptr<const Lesson> lesson)
    : lesson_(std::move(lesson)), questions_(lesson_->questions.size()), exercises_(lesson_->exercises.size()) {
  const std::vector<MarkdownBlock>& blocks = lesson_->document.blocks;
  size_t commands = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    while (commands < lesson_->commands.size() && lesson_->commands[commands].block < i) ++commands;
    if (blocks[i].kind != MarkdownBlock::Kind::kHeading || blocks[i].level > 3) continue;
    if (sections_.empty() && i > 0) {
      // Prose before the first heading is a section of its own, named by the lesson.
      sections_.push_back(LessonSection{.title = lesson_->title, .level = 1, .block = 0, .commands_before = 0});
    }
    sections_.push_back(LessonSection{.title = PlainText(blocks[i].runs), .level = blocks[i].level, .block = i,
                                      .commands_before = commands});
  }
  if (sections_.empty()) sections_.push_back(LessonSection{.title = lesson_->title, .level = 1});
}

std::shared_ptr<const Scenario> LessonPlayer::BaseScenario(const Lesson& lesson) {
  auto scenario = std::make_shared<Scenario>();
  scenario->file = lesson.file;
  scenario->title = lesson.title;
  scenario->seed = Seed(lesson);
  scenario->header["title"] = lesson.title;
  return scenario;
}

uint64_t LessonPlayer::Seed(const Lesson& lesson) {
  if (lesson.seed) return *lesson.seed;
  // The lesson tells the story of its scenario, with the scenario's seed.
  try {
    return LoadScenario(lesson.scenario).seed.value_or(kLessonDefaultSeed);
  } catch (const ScriptError&) {
    return kLessonDefaultSeed;
  }
}

size_t LessonPlayer::SectionOf(size_t block) const {
  size_t s = 0;
  while (s + 1 < sections_.size() && sections_[s + 1].block <= block) ++s;
  return s;
}

std::shared_ptr<const Scenario> LessonPlayer::BlockScenario(size_t command) const {
  assert(command < lesson_->commands.size());
  return std::shared_ptr<const Scenario>(lesson_, Block(command));
}

StepStatus LessonPlayer::Status(History& history, size_t command) const {
  StepStatus status;
  const BlockRun* run = LatestRun(history.probe(), Block(command));
  if (run == nullptr) {
    const BlockRun* later = LatestRun(*history.branch().lead, Block(command));
    if (later != nullptr) status = StepStatus{.state = StepState::kAhead, .end = later->end};
    return status;
  }
  status.state = run->end ? StepState::kDone : StepState::kRunning;
  status.end = run->end;
  // Its checkpoints: the expectations written on its lines, as they ran in this world.
  const Scenario& script = lesson_->commands[command].script;
  int first = INT32_MAX, last = 0;
  for (const ScenarioStep& step : script.steps) {
    first = std::min(first, step.location.line);
    last = std::max(last, step.location.line);
  }
  for (const ExpectationOutcome& e : history.probe().session().expectations()) {
    if (e.location.file != lesson_->file || e.location.line < first || e.location.line > last) continue;
    ++status.checkpoints;
    if (!e.ok) status.failed.push_back(e);
  }
  return status;
}

size_t LessonPlayer::NextStep(History& history) const {
  for (size_t c = 0; c < lesson_->commands.size(); ++c) {
    if (LatestRun(history.probe(), Block(c)) == nullptr) return c;
  }
  return lesson_->commands.size();
}

std::optional<std::string> LessonPlayer::RunOne(History& history, size_t command) {
  // Its answers are the new run's to give.
  for (size_t q = 0; q < questions_.size(); ++q) {
    const std::optional<size_t> after = lesson_->questions[q].answered_after;
    if (after && *after >= command) questions_[q].answer.reset();
  }
  if (auto error = history.RunBlock(BlockScenario(command), fmt::format("lesson step {}", command + 1))) return error;
  pending_ = Block(command);
  pending_command_ = command;
  return std::nullopt;
}

std::optional<std::string> LessonPlayer::Run(History& history, size_t command) {
  assert(command < lesson_->commands.size());
  const size_t next = NextStep(history);
  if (command > next) {
    if (auto error = RunThrough(history, command - 1)) return error;
  } else if (command < next) {
    // Again: from where it started, the end of the block before it.
    if (command == 0) {
      history.SeekBlockStart(Block(0));
    } else if (!history.SeekBlockEnd(Block(command - 1))) {
      return fmt::format("step {} never finished: step {} cannot start after it", command, command + 1);
    }
  } else if (command > 0 && Status(history, command - 1).state == StepState::kRunning) {
    // As in a terminal, a step starts when the one before it has finished.
    history.SeekBlockEnd(Block(command - 1));
    RevealAfter(history, command - 1);
  }
  return RunOne(history, command);
}

std::optional<std::string> LessonPlayer::SolveSkipped(History& history, size_t from, size_t to) {
  for (size_t e = 0; e < lesson_->exercises.size(); ++e) {
    const size_t block = lesson_->exercises[e].block;
    if (block <= from || block >= to) continue;
    Check(history, e);
    if (exercises_[e].done) continue;
    const Scenario* solution = &lesson_->exercises[e].solution;
    if (auto error = RunSolution(history, e)) return error;
    pending_ = nullptr;
    if (!history.SeekBlockEnd(solution)) {
      return fmt::format("the solution of exercise {} never finished", e + 1);
    }
    Check(history, e);
  }
  return std::nullopt;
}

std::optional<std::string> LessonPlayer::RunThrough(History& history, size_t last, size_t until_block) {
  assert(last < lesson_->commands.size());
  for (size_t c = NextStep(history); c <= last; ++c) {
    if (c > 0 && Status(history, c - 1).state == StepState::kRunning) {
      history.SeekBlockEnd(Block(c - 1));
      RevealAfter(history, c - 1);
    }
    if (c > 0) {
      if (auto error = SolveSkipped(history, lesson_->commands[c - 1].block, lesson_->commands[c].block)) return error;
    }
    if (auto error = RunOne(history, c)) return error;
  }
  pending_ = nullptr;
  pending_command_.reset();
  if (!history.SeekBlockEnd(Block(last))) {
    return fmt::format("step {} never finished: nothing was left to happen in the simulation", last + 1);
  }
  RevealAfter(history, last);
  return SolveSkipped(history, lesson_->commands[last].block, until_block);
}

std::optional<Time> LessonPlayer::StopAt(History& history) {
  if (pending_ == nullptr) return std::nullopt;
  const BlockRun* run = LatestRun(*history.branch().lead, pending_);
  if (run == nullptr) {  // another branch now: the student went elsewhere
    pending_ = nullptr;
    pending_command_.reset();
    return std::nullopt;
  }
  if (!run->end) return std::nullopt;  // the lead has not seen it finish yet: play on
  if (run->end->seq < history.cursor().seq || run->end->time < history.cursor().time) {
    pending_ = nullptr;  // the cursor went past it (a seek): not ours to pull back
    pending_command_.reset();
    return std::nullopt;
  }
  return run->end->time;
}

bool LessonPlayer::Arrive(History& history) {
  if (pending_ == nullptr) return false;
  const bool moved = history.SeekBlockEnd(pending_);
  if (moved && pending_command_) RevealAfter(history, *pending_command_);
  pending_ = nullptr;
  pending_command_.reset();
  return moved;
}

std::optional<std::string> LessonPlayer::JumpToSection(History& history, size_t s) {
  assert(s < sections_.size());
  pending_ = nullptr;
  pending_command_.reset();
  const size_t before = sections_[s].commands_before;
  if (before == 0) {
    // Before the first step: where it was run in this history, or the start.
    if (!history.SeekBlockStart(Block(0))) history.SeekTime(Time::Zero());
    return std::nullopt;
  }
  const size_t last = before - 1;
  if (Status(history, last).state != StepState::kNotRun && history.SeekBlockEnd(Block(last))) {
    RevealAfter(history, last);
    return std::nullopt;
  }
  return RunThrough(history, last, sections_[s].block);
}

template <typename Fn>
void LessonPlayer::AtEnd(History& history, const BlockEnd& end, Fn&& fn) const {
  World& probe = history.probe();
  if (probe.dispatched() == end.dispatched) {
    fn(probe.session());
    return;
  }
  World replay(history.branch().script);
  replay.AdvanceToDispatched(end.dispatched);
  fn(replay.session());
}

bool LessonPlayer::CanReveal(History& history, size_t q) const {
  const std::optional<size_t> after = lesson_->questions[q].answered_after;
  return !after || Status(history, *after).state == StepState::kDone;
}

void LessonPlayer::Reveal(History& history, size_t q) {
  const Question& question = lesson_->questions[q];
  const auto evaluate = [&](Session& session) {
    try {
      LessonRunner runner(session, *lesson_);
      questions_[q].answer = runner.Evaluate(question);
    } catch (const ScriptError& e) {
      questions_[q].answer = Answer{.error = e.Render()};
    }
  };
  if (!question.answered_after) {
    evaluate(history.probe().session());  // answered where it stands
    return;
  }
  const StepStatus status = Status(history, *question.answered_after);
  if (status.state != StepState::kDone) return;
  AtEnd(history, *status.end, evaluate);
}

void LessonPlayer::RevealAfter(History& history, size_t command) {
  for (size_t q = 0; q < questions_.size(); ++q) {
    if (lesson_->questions[q].answered_after == command) Reveal(history, q);
  }
}

std::optional<bool> LessonPlayer::Right(size_t q) const {
  const QuestionState& state = questions_[q];
  if (!state.answer || state.prediction.empty()) return std::nullopt;
  return LessonRunner::IsRight(lesson_->questions[q], *state.answer, state.prediction);
}

void LessonPlayer::Check(History& history, size_t e) {
  ExerciseState& state = exercises_[e];
  try {
    LessonRunner runner(history.probe().session(), *lesson_);
    state.checks = runner.Check(lesson_->exercises[e]);
  } catch (const ScriptError& error) {
    state.checks = {CheckOutcome{.text = "the lesson", .actual = error.Render()}};
  }
  state.done = !state.checks.empty() &&
               std::all_of(state.checks.begin(), state.checks.end(), [](const CheckOutcome& c) { return c.ok; });
}

std::optional<std::string> LessonPlayer::RunSolution(History& history, size_t e) {
  assert(e < lesson_->exercises.size());
  const Scenario* solution = &lesson_->exercises[e].solution;
  if (auto error = history.RunBlock(std::shared_ptr<const Scenario>(lesson_, solution),
                                    fmt::format("solution of exercise {}", e + 1))) {
    return error;
  }
  pending_ = solution;
  pending_command_.reset();
  return std::nullopt;
}

LessonProgress LessonPlayer::Progress(History& history) const {
  LessonProgress p{.slug = lesson_->slug, .steps_total = static_cast<int>(lesson_->commands.size())};
  bool all_held = true;
  for (size_t c = 0; c < lesson_->commands.size(); ++c) {
    const StepStatus status = Status(history, c);
    if (status.state == StepState::kDone) ++p.steps_done;
    all_held = all_held && status.state == StepState::kDone && status.failed.empty();
  }
  for (size_t q = 0; q < questions_.size(); ++q) {
    if (const std::optional<bool> right = Right(q)) {
      ++p.questions_asked;
      p.questions_right += *right ? 1 : 0;
    }
  }
  p.completed = all_held;
  return p;
}

std::optional<std::string> LessonPlayer::SaveProgress(History& history, ProgressStore& store) {
  LessonProgress p = Progress(history);
  if (saved_ && saved_->steps_done >= p.steps_done && saved_->questions_asked == p.questions_asked &&
      saved_->questions_right == p.questions_right && (saved_->completed || !p.completed)) {
    return std::nullopt;
  }
  try {
    // Progress never goes back: stepping back to read again keeps what was done.
    if (const std::optional<LessonProgress> before = store.Get(p.slug)) {
      p.steps_done = std::max(p.steps_done, before->steps_done);
    }
    store.Save(p);
    saved_ = p;
  } catch (const std::exception& e) {
    saved_ = p;  // one warning, not one a frame
    return fmt::format("progress not saved: {}", e.what());
  }
  return std::nullopt;
}

}  // namespace kafkasim::viz
