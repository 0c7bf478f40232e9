#include "sim/lesson/lesson_runner.h"

#include <fmt/format.h>

#include <cassert>

#include "sim/script/dispatch.h"
#include "sim/script/lexer.h"
#include "sim/script/suggest.h"

namespace kafkasim {
namespace {

// Checks that a question's answer is a query the session knows, with the right number of words.
void CheckAnswerQuery(const Session& session, const Question& question) {
  const auto fail = [&](int column, std::string message) {
    SourceLocation at = question.answer_location;
    at.column = column;
    throw ScriptError(at, std::move(message), question.answer_line);
  };
  const Word& name = question.answer.front();
  const Query* query = session.queries().Find(name.text);
  if (query == nullptr) {
    std::string message = fmt::format("unknown query '{}'", name.text);
    if (auto near = NearestName(name.text, session.queries().Names())) {
      message += fmt::format("; did you mean '{}'?", *near);
    } else {
      message += fmt::format(" (queries: {})", fmt::join(session.queries().Names(), ", "));
    }
    fail(name.column, message);
  }
  if (question.answer.size() != 1 + query->arguments) {
    const int column = question.answer.size() > 1 + query->arguments
                           ? question.answer[1 + query->arguments].column
                           : question.answer.back().column;
    fail(column, fmt::format("the answer query is '{}': {} word(s) after '{}', not {}", query->usage,
                             query->arguments, name.text, question.answer.size() - 1));
  }
}

// `expect QUERY ARGS... OP VALUE...`, already checked by the expect command's parser.
CheckOutcome EvaluateCheck(Session& session, const ScenarioStep& step) {
  CheckOutcome outcome{.text = step.text};
  const Query* query = session.queries().Find(step.words[1].text);
  assert(query != nullptr && "checks are parsed by the expect command before they run");
  const size_t op_index = 2 + query->arguments;
  std::vector<std::string> args;
  for (size_t i = 2; i < op_index; ++i) args.push_back(step.words[i].text);
  const std::optional<CompareOp> op = ParseCompareOp(step.words[op_index].text);
  assert(op.has_value());
  std::string expected;
  for (size_t i = op_index + 1; i < step.words.size(); ++i) {
    expected += (i == op_index + 1 ? "" : " ") + step.words[i].text;
  }
  QueryResult result = query->evaluate(session, args);
  if (const auto* error = std::get_if<QueryError>(&result)) {
    outcome.actual = "error: " + error->message;
    return outcome;
  }
  outcome.actual = std::get<std::string>(result);
  const auto verdict = Compare(outcome.actual, *op, expected);
  outcome.ok = std::holds_alternative<bool>(verdict) && std::get<bool>(verdict);
  return outcome;
}

}  // namespace

LessonRunner::LessonRunner(Session& session, const Lesson& lesson) : session_(session), lesson_(lesson) {
  for (const CommandBlock& block : lesson.commands) {
    blocks_.push_back(std::make_unique<ScenarioRunner>(session, block.script));
  }
  for (const Question& question : lesson.questions) CheckAnswerQuery(session, question);
  for (const Exercise& exercise : lesson.exercises) {
    for (const ScenarioStep& check : exercise.checks) ParseStep(session.commands(), check);
    solutions_.push_back(std::make_unique<ScenarioRunner>(session, exercise.solution));
  }
}

LessonRunner::~LessonRunner() = default;

BlockReport LessonRunner::RunScript(ScenarioRunner& runner) {
  const RunReport run = runner.Run();
  BlockReport report{.finished = run.finished, .failed_commands = run.failed_commands, .stalled = run.stalled};
  const std::vector<ExpectationOutcome>& all = session_.expectations();
  for (size_t i = expectations_seen_; i < all.size(); ++i) {
    ++report.expectations;
    if (!all[i].ok) report.failed_expectations.push_back(all[i]);
  }
  expectations_seen_ = all.size();
  return report;
}

BlockReport LessonRunner::RunCommands(size_t i) {
  assert(i == next_block_ && i < blocks_.size() && "command blocks run in order, each once");
  ++next_block_;
  return RunScript(*blocks_[i]);
}

Answer LessonRunner::Evaluate(const Question& question) {
  Answer answer;
  const Query* query = session_.queries().Find(question.answer.front().text);
  assert(query != nullptr && "answer queries are checked by the constructor");
  std::vector<std::string> args;
  for (size_t i = 1; i < question.answer.size(); ++i) args.push_back(question.answer[i].text);
  QueryResult result = query->evaluate(session_, args);
  if (const auto* error = std::get_if<QueryError>(&result)) {
    answer.error = fmt::format("{}:{}: the answer query '{}' failed: {}", question.answer_location.file,
                               question.answer_location.line, question.answer_text, error->message);
    return answer;
  }
  answer.value = std::get<std::string>(result);
  if (question.choices.empty()) return answer;
  for (size_t c = 0; c < question.choices.size(); ++c) {
    const auto same = Compare(answer.value, CompareOp::kEq, question.choices[c].value);
    if (std::holds_alternative<bool>(same) && std::get<bool>(same)) {
      if (answer.choice) {
        answer.error = fmt::format("{}:{}: choices {} and {} both mean '{}'", question.answer_location.file,
                                   question.choices[c].location.line, *answer.choice + 1, c + 1, answer.value);
        return answer;
      }
      answer.choice = c;
    }
  }
  if (!answer.choice) {
    answer.error = fmt::format("{}:{}: no choice is the simulation's answer: {} is {}", question.answer_location.file,
                               question.answer_location.line, question.answer_text, answer.value);
  }
  return answer;
}

bool LessonRunner::IsRight(const Question& question, const Answer& answer, std::string_view typed) {
  std::string text(typed);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.erase(0, 1);
  if (!answer.ok() || text.empty()) return false;
  if (!question.choices.empty()) {
    for (size_t c = 0; c < question.choices.size(); ++c) {
      if (text == std::to_string(c + 1)) return answer.choice == c;
    }
    return false;  // not a choice's number
  }
  const auto same = Compare(answer.value, CompareOp::kEq, text);
  return std::holds_alternative<bool>(same) && std::get<bool>(same);
}

std::optional<std::string> LessonRunner::RunLine(const std::string& line, std::vector<std::string> input) {
  ScenarioStep step{.location = SourceLocation{"<exercise>", 1, 1}, .input = std::move(input), .source_line = line};
  std::unique_ptr<Invocation> invocation;
  try {
    LexedLine lexed = LexLine(line, "<exercise>", 1);
    if (lexed.words.empty()) return std::nullopt;
    step.words = std::move(lexed.words);
    step.location.column = step.words.front().column;
    step.text = line.substr(static_cast<size_t>(step.words.front().column - 1),
                            lexed.code_end - static_cast<size_t>(step.words.front().column - 1));
    invocation = ParseStep(session_.commands(), step);
  } catch (const ScriptError& e) {
    return e.Render();
  }
  session_.BeginCommand(step.text, step.location);
  bool done = false;
  session_.Start(*invocation, [&done](int) { done = true; });
  session_.sim().RunWhile([&done] { return !done; }, Time::Max());
  session_.trace().set_context(0);
  session_.trace().Flush();
  expectations_seen_ = session_.expectations().size();  // a student's own `expect` is not the lesson's
  if (!done) return fmt::format("'{}' never completed: nothing was left to happen in the simulation", step.text);
  return std::nullopt;
}

std::vector<CheckOutcome> LessonRunner::Check(const Exercise& exercise) {
  std::vector<CheckOutcome> outcomes;
  for (const ScenarioStep& check : exercise.checks) outcomes.push_back(EvaluateCheck(session_, check));
  return outcomes;
}

BlockReport LessonRunner::RunSolution(const Exercise& exercise) {
  for (size_t e = 0; e < lesson_.exercises.size(); ++e) {
    if (&lesson_.exercises[e] == &exercise) return RunScript(*solutions_[e]);
  }
  assert(false && "the exercise belongs to this lesson");
  return {};
}

std::vector<EventOutcome> LessonRunner::CheckEvents() const {
  std::vector<EventOutcome> outcomes;
  for (const EventRequirement& requirement : lesson_.events) {
    const uint64_t actual = session_.CountEvents(requirement.kind);
    const auto verdict = Compare(std::to_string(actual), requirement.op, std::to_string(requirement.count));
    outcomes.push_back(EventOutcome{.requirement = &requirement, .actual = actual,
                                    .ok = std::holds_alternative<bool>(verdict) && std::get<bool>(verdict)});
  }
  return outcomes;
}

}  // namespace kafkasim
