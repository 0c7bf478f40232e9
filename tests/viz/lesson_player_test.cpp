// The lesson pane's model: a lesson's blocks run as actions of the history, in order, each when
// the previous finished; questions are answered where their step finished, as the terminal's
// LessonRunner answers them; checkpoints show pass and fail; jumping to a section moves the
// simulation forwards or back; progress is saved.

#include "viz/model/lesson_player.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "sim/kafka/install.h"
#include "tests/viz/viz_fixture.h"
#include "viz/model/scenario_writer.h"

namespace kafkasim::viz {
namespace {

using namespace kafkasim::time_literals;

constexpr std::string_view kLesson = R"(---
title: A lesson for the pane's tests
scenario: ../scenarios/first-steps.scn
minutes: 5
seed: 7
---
# Start a broker

```question
Will the lone broker be the controller?
- 0: Yes, broker 0
- none: No
answer: controller id
```

```kafkasim
bin/zookeeper-server-start.sh config/zookeeper.properties
bin/kafka-server-start.sh config/server.properties
expect broker 0 registered == yes
```

## Crash it

```question
Thirty seconds after the crash, is broker 0 still registered?
- yes: Yes
- no: No: its session expired
answer: broker 0 registered
```

```kafkasim
crash broker-0
sleep 30s
expect broker 0 registered == yes
```

## Your turn

```exercise
Start broker 0 again.
expect broker 0 registered == yes
solution:
bin/kafka-server-start.sh config/server.properties
```
)";

std::shared_ptr<const Lesson> TestLesson() {
  return std::make_shared<const Lesson>(
      ParseLesson(kLesson, std::string(KAFKASIM_SOURCE_DIR) + "/lessons/99-pane-test.md"));
}

History LessonHistory(const LessonPlayer& player) {
  return History(LessonPlayer::BaseScenario(player.lesson()), LessonPlayer::Seed(player.lesson()));
}

TEST_CASE("the lesson's sections are its headings, each knowing the steps before it") {
  LessonPlayer player(TestLesson());
  REQUIRE(player.sections().size() == 3);
  CHECK(player.sections()[0].title == "Start a broker");
  CHECK(player.sections()[1].title == "Crash it");
  CHECK(player.sections()[1].level == 2);
  CHECK(player.sections()[0].commands_before == 0);
  CHECK(player.sections()[1].commands_before == 1);
  CHECK(player.sections()[2].commands_before == 2);
  CHECK(player.SectionOf(player.lesson().commands[1].block) == 1);
  CHECK(LessonPlayer::Seed(player.lesson()) == 7);
}

TEST_CASE("nothing runs until a step is run, and playing stops where the step finished") {
  LessonPlayer player(TestLesson());
  History history = LessonHistory(player);
  history.SeekTime(Time::Zero() + 5_s);
  CHECK(player.NextStep(history) == 0);
  CHECK(player.Status(history, 0).state == StepState::kNotRun);
  CHECK(history.probe().session().sim().FindNode("broker-0") == nullptr);

  REQUIRE_FALSE(player.Run(history, 0).has_value());
  CHECK(player.Status(history, 0).state == StepState::kRunning);
  CHECK(player.NextStep(history) == 1);
  const std::optional<Time> stop = player.StopAt(history);
  REQUIRE(stop.has_value());
  CHECK(*stop > Time::Zero() + 5_s);
  CHECK_FALSE(player.question(0).answer.has_value());

  // The app plays until the stop, then arrives: the cursor is exactly where the step finished.
  REQUIRE(player.Arrive(history));
  CHECK(history.cursor().time == *stop);
  const StepStatus done = player.Status(history, 0);
  CHECK(done.state == StepState::kDone);
  CHECK(done.checkpoints == 1);
  CHECK(done.failed.empty());
  // Its question was revealed from the simulation: the lone broker is the controller.
  REQUIRE(player.question(0).answer.has_value());
  CHECK(player.question(0).answer->ok());
  CHECK(player.question(0).answer->value == "0");
  CHECK(player.question(0).answer->choice == 0u);
}

TEST_CASE("the pane's answers and checkpoints are what `kafkasim lesson` finds in one session") {
  LessonPlayer player(TestLesson());
  History history = LessonHistory(player);
  player.Predict(1, "1");  // "still registered": wrong, its ZooKeeper session expired (18 s)
  REQUIRE_FALSE(player.RunThrough(history, 1).has_value());

  // The terminal's way: one session, the blocks back to back.
  Session session(SessionOptions{.seed = 7});
  InstallKafka(session);
  LessonRunner runner(session, player.lesson());
  runner.RunCommands(0);
  const Answer first = runner.Evaluate(player.lesson().questions[0]);
  const BlockReport second_block = runner.RunCommands(1);
  const Answer second = runner.Evaluate(player.lesson().questions[1]);

  REQUIRE(player.question(0).answer.has_value());
  REQUIRE(player.question(1).answer.has_value());
  CHECK(player.question(0).answer->value == first.value);
  CHECK(player.question(1).answer->value == second.value);
  CHECK(second.value == "no");
  CHECK(player.Right(1) == std::optional<bool>(false));
  CHECK(history.cursor().time == session.sim().now());

  // The second block's checkpoint fails in both, and the pane says which line.
  REQUIRE(second_block.failed_expectations.size() == 1);
  const StepStatus status = player.Status(history, 1);
  CHECK(status.state == StepState::kDone);
  REQUIRE(status.failed.size() == 1);
  CHECK(status.failed[0].location.line == second_block.failed_expectations[0].location.line);
  CHECK(status.failed[0].actual == "no");
}

TEST_CASE("jumping to a section goes back to the state before it, and forwards again") {
  LessonPlayer player(TestLesson());
  History history = LessonHistory(player);
  REQUIRE_FALSE(player.JumpToSection(history, 2).has_value());  // runs both steps
  CHECK(player.Status(history, 1).state == StepState::kDone);
  const Cursor end = history.cursor();
  CHECK(history.probe().session().sim().FindNode("broker-0")->state() == NodeState::kCrashed);

  REQUIRE_FALSE(player.JumpToSection(history, 1).has_value());  // back: after step 1 only
  CHECK(history.cursor().time < end.time);
  CHECK(player.Status(history, 0).state == StepState::kDone);
  CHECK(player.Status(history, 1).state == StepState::kAhead);  // this branch runs it later
  CHECK(history.probe().session().sim().FindNode("broker-0")->state() == NodeState::kRunning);

  REQUIRE_FALSE(player.JumpToSection(history, 2).has_value());  // forwards, in the same branch
  CHECK(history.cursor().seq == end.seq);
  CHECK(history.branches().size() == 2);  // the lesson as written, and one history its steps continue

  REQUIRE_FALSE(player.JumpToSection(history, 0).has_value());
  CHECK(history.cursor().time == Time::Zero());
  CHECK(player.NextStep(history) == 0);
}

TEST_CASE("an exercise is checked at the cursor, and its solution runs like a step") {
  LessonPlayer player(TestLesson());
  History history = LessonHistory(player);
  REQUIRE_FALSE(player.RunThrough(history, 1).has_value());
  player.Check(history, 0);
  REQUIRE(player.exercise(0).checks.size() == 1);
  CHECK_FALSE(player.exercise(0).done);
  CHECK(player.exercise(0).checks[0].actual == "no");

  REQUIRE_FALSE(player.RunSolution(history, 0).has_value());
  REQUIRE(player.StopAt(history).has_value());
  REQUIRE(player.Arrive(history));
  // The broker's process is up when the command returns; it registers a moment later.
  history.SeekTime(history.cursor().time + 10_s);
  player.Check(history, 0);
  INFO(player.exercise(0).checks[0].actual);
  CHECK(player.exercise(0).done);
}

TEST_CASE("running a step again starts a new branch from where it started") {
  LessonPlayer player(TestLesson());
  History history = LessonHistory(player);
  REQUIRE_FALSE(player.RunThrough(history, 1).has_value());
  const int branch = history.current_branch();
  REQUIRE_FALSE(player.Run(history, 1).has_value());
  CHECK(history.current_branch() != branch);
  CHECK_FALSE(player.question(1).answer.has_value());  // the new run answers it again
  CHECK(player.Status(history, 0).state == StepState::kDone);
  CHECK(player.Status(history, 1).state == StepState::kRunning);
  REQUIRE(player.Arrive(history));
  CHECK(player.question(1).answer.has_value());
}

TEST_CASE("progress is saved once it changes, and never goes back") {
  const auto dir = std::filesystem::temp_directory_path() / ("kafkasim-pane-progress-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  {
    ProgressStore store(dir / "progress.db");
    LessonPlayer player(TestLesson());
    History history = LessonHistory(player);
    CHECK_FALSE(player.SaveProgress(history, store).has_value());
    REQUIRE_FALSE(player.RunThrough(history, 0).has_value());
    CHECK_FALSE(player.SaveProgress(history, store).has_value());
    REQUIRE(store.Get("99-pane-test").has_value());
    CHECK(store.Get("99-pane-test")->steps_done == 1);
    CHECK(store.Get("99-pane-test")->steps_total == 2);
    REQUIRE_FALSE(player.JumpToSection(history, 0).has_value());  // back to the start
    CHECK_FALSE(player.SaveProgress(history, store).has_value());
    CHECK(store.Get("99-pane-test")->steps_done == 1);
    CHECK_FALSE(store.Get("99-pane-test")->completed);  // step 2's checkpoint never held
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("lesson 1 plays in the pane with every question answered by one of its choices") {
  auto lesson = std::make_shared<const Lesson>(LoadLesson(std::string(KAFKASIM_SOURCE_DIR) + "/lessons/01-first-steps.md"));
  LessonPlayer player(lesson);
  History history = LessonHistory(player);
  REQUIRE_FALSE(player.RunThrough(history, lesson->commands.size() - 1).has_value());
  for (size_t q = 0; q < lesson->questions.size(); ++q) {
    INFO("question " << q + 1 << ": " << lesson->questions[q].prompt);
    REQUIRE(player.question(q).answer.has_value());
    CHECK(player.question(q).answer->ok());
  }
  for (size_t c = 0; c < lesson->commands.size(); ++c) {
    INFO("step " << c + 1);
    CHECK(player.Status(history, c).failed.empty());
  }
}

TEST_CASE("a lesson's run saved as a scenario keeps every step's lines, their input included") {
  auto lesson = std::make_shared<const Lesson>(LoadLesson(std::string(KAFKASIM_SOURCE_DIR) + "/lessons/01-first-steps.md"));
  LessonPlayer player(lesson);
  History history = LessonHistory(player);
  REQUIRE_FALSE(player.RunThrough(history, lesson->commands.size() - 1).has_value());
  const std::string saved = WriteScenario(history.branch().script, history.timeline(), history.branch().name);
  const Scenario scenario = ParseScenario(saved, "saved.scn");
  size_t lines = 0;
  for (const CommandBlock& block : lesson->commands) lines += block.script.steps.size();
  CHECK(scenario.steps.size() == lines);
  CHECK(saved.find("> first order\n") != std::string::npos);  // the producer's standard input

  // Replayed on its own, it ends in the state the pane showed.
  World replay(Script{.scenario = std::make_shared<const Scenario>(scenario), .seed = LessonPlayer::Seed(*lesson)});
  replay.AdvanceTo(history.cursor().time + 1_s);
  CHECK(testing::Nodes(replay.session()) == testing::Nodes(history.probe().session()));
  const kafkasim::Query* acked = replay.session().queries().Find("producer");
  REQUIRE(acked != nullptr);
  CHECK(std::get<std::string>(acked->evaluate(replay.session(), {"console-producer-1", "acked"})) == "3");
}

}  // namespace
}  // namespace kafkasim::viz
