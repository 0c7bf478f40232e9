// Every lesson of the course in lessons/: it parses, its command blocks and exercise solutions run
// and every check holds, each question is answered by the simulation (exactly one choice), and
// both the lesson's own run and its scenario show the events the lesson names.

#include <catch2/catch.hpp>

#include <set>

#include "sim/kafka/install.h"
#include "sim/lesson/course.h"
#include "sim/lesson/lesson_runner.h"

namespace kafkasim {
namespace {

const std::filesystem::path kLessons = std::filesystem::path(KAFKASIM_SOURCE_DIR) / "lessons";

uint64_t SeedOf(const Lesson& lesson) { return lesson.seed.value_or(LoadScenario(lesson.scenario).seed.value_or(1)); }

// Plays the lesson as `kafkasim lesson` does without a terminal: blocks in reading order,
// questions revealed after their step, exercises solved.
void PlayLesson(const Lesson& lesson) {
  Session session(SessionOptions{.seed = SeedOf(lesson)});
  InstallKafka(session);
  LessonRunner runner(session, lesson);
  const auto reveal = [&](const Question& q) {
    const Answer answer = runner.Evaluate(q);
    INFO(lesson.file << ":" << q.answer_location.line << ": " << q.prompt);
    CHECK(answer.error == "");
  };
  for (size_t b = 0; b < lesson.document.blocks.size(); ++b) {
    if (const CommandBlock* block = lesson.CommandsAt(b)) {
      const size_t index = static_cast<size_t>(block - lesson.commands.data());
      const BlockReport report = runner.RunCommands(index);
      INFO(lesson.file << ": command block at line " << lesson.document.blocks[b].location.line << " " << report.stalled);
      CHECK(report.finished);
      for (const ExpectationOutcome& e : report.failed_expectations) {
        FAIL_CHECK(e.location.file << ":" << e.location.line << ": expect " << e.query << " " << e.op << " " << e.expected
                                   << " (actual " << e.actual << ")");
      }
      for (const Question& q : lesson.questions) {
        if (q.answered_after == index) reveal(q);
      }
    } else if (const Question* q = lesson.QuestionAt(b); q != nullptr && !q->answered_after) {
      reveal(*q);
    } else if (const Exercise* exercise = lesson.ExerciseAt(b)) {
      INFO(lesson.file << ": exercise at line " << lesson.document.blocks[b].location.line);
      CHECK(runner.RunSolution(*exercise).ok());
      for (const CheckOutcome& check : runner.Check(*exercise)) {
        INFO(check.text << " (actual " << check.actual << ")");
        CHECK(check.ok);
      }
    }
  }
  for (const EventOutcome& e : runner.CheckEvents()) {
    INFO(lesson.file << ": the lesson must show " << e.requirement->text << " (it showed " << e.actual << ")");
    CHECK(e.ok);
  }
}

void PlayScenario(const Lesson& lesson) {
  const Scenario scenario = LoadScenario(lesson.scenario);
  Session session(SessionOptions{.seed = scenario.seed.value_or(1)});
  InstallKafka(session);
  ScenarioRunner runner(session, scenario);
  const RunReport report = runner.Run();
  INFO(lesson.scenario.string());
  CHECK(report.ok());
  for (const EventRequirement& e : lesson.events) {
    const uint64_t actual = session.CountEvents(e.kind);
    INFO(lesson.file << ":" << e.location.line << ": its scenario must show " << e.text << " (it showed " << actual << ")");
    CHECK(std::get<bool>(Compare(std::to_string(actual), e.op, std::to_string(e.count))));
  }
}

}  // namespace

TEST_CASE("the course starts at lesson 1, numbers are unique, and each lesson names what it must show") {
  const std::vector<std::filesystem::path> files = CourseLessons(kLessons);
  REQUIRE(files.size() >= 4);
  std::set<int> numbers;
  for (const auto& file : files) {
    const Lesson lesson = LoadLesson(file);
    INFO(file.string());
    CHECK(numbers.insert(lesson.number).second);
    CHECK_FALSE(lesson.events.empty());
    CHECK_FALSE(lesson.questions.empty());
    CHECK(std::filesystem::exists(lesson.scenario));
    CHECK(lesson.minutes <= 30);
  }
  CHECK(*numbers.begin() == 1);  // lessons land as their parts do, so numbers may have gaps
}

TEST_CASE("every lesson runs, its checks hold and its questions have an answer") {
  for (const auto& file : CourseLessons(kLessons)) {
    DYNAMIC_SECTION(file.filename().string()) { PlayLesson(LoadLesson(file)); }
  }
}

TEST_CASE("every lesson's scenario shows the events the lesson names") {
  for (const auto& file : CourseLessons(kLessons)) {
    DYNAMIC_SECTION(file.filename().string()) { PlayScenario(LoadLesson(file)); }
  }
}

}  // namespace kafkasim
