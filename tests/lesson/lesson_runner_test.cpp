// LessonRunner: a lesson's blocks run in one session, questions are answered by the simulation,
// exercises are checked, and a lesson that names a missing command or query is refused before
// anything runs.

#include <catch2/catch.hpp>

#include "sim/kafka/install.h"
#include "sim/lesson/lesson_runner.h"

namespace kafkasim {
namespace {

std::string WithRunnerHeader(std::string_view body, std::string_view events = "") {
  std::string header = "---\ntitle: T\nscenario: s.scn\nminutes: 5\n";
  if (!events.empty()) header += "events: " + std::string(events) + "\n";
  return header + "---\n" + std::string(body);
}

constexpr std::string_view kCluster = R"(```question
Who will be the controller?
- 0: broker 0
- 1: broker 1
answer: controller id
```

```kafkasim
bin/zookeeper-server-start.sh config/zookeeper.properties
bin/kafka-server-start.sh config/server.properties
bin/kafka-server-start.sh config/server-1.properties
expect controller id == 0
```

```question
How many brokers are registered?
answer: znode /brokers/ids children
```

```exercise
Crash broker 1.
expect node broker-1 state == crashed
solution:
crash broker-1
```
)";

struct RunnerFixture {
  explicit RunnerFixture(std::string text, uint64_t seed = 1) : lesson(ParseLesson(text, "lessons/09-test.md")), session(SessionOptions{.seed = seed}) {
    InstallKafka(session);
  }
  Lesson lesson;
  Session session;
};

std::string RunnerErrorOf(std::string text) {
  RunnerFixture f(std::move(text));
  try {
    LessonRunner runner(f.session, f.lesson);
  } catch (const ScriptError& e) {
    return e.Render();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a question's answer is the simulation's state after the step that follows it") {
  RunnerFixture f(WithRunnerHeader(kCluster));
  LessonRunner runner(f.session, f.lesson);
  const Question& who = f.lesson.questions[0];
  // Before the step there is no controller at all: the answer is read after it.
  CHECK(runner.Evaluate(who).value == "none");
  CHECK_FALSE(runner.Evaluate(who).ok());

  const BlockReport report = runner.RunCommands(0);
  CHECK(report.ok());
  CHECK(report.expectations == 1);
  const Answer answer = runner.Evaluate(who);
  REQUIRE(answer.ok());
  CHECK(answer.value == "0");
  CHECK(answer.choice == 0u);
  CHECK(LessonRunner::IsRight(who, answer, "1"));
  CHECK_FALSE(LessonRunner::IsRight(who, answer, "0"));  // a number, never a value: values may look like numbers
  CHECK_FALSE(LessonRunner::IsRight(who, answer, "2"));
  CHECK_FALSE(LessonRunner::IsRight(who, answer, "broker 0"));

  const Question& how_many = f.lesson.questions[1];
  CHECK_FALSE(how_many.answered_after.has_value());
  const Answer count = runner.Evaluate(how_many);
  CHECK(count.value == "0,1");
  CHECK(LessonRunner::IsRight(how_many, count, " 0,1 "));
  CHECK_FALSE(LessonRunner::IsRight(how_many, count, "2"));
}

TEST_CASE("a question no choice answers is a broken lesson, not a wrong student") {
  RunnerFixture f(WithRunnerHeader("```kafkasim\nsleep 1s\n```\n```question\nWhen?\n- 5s: five\n- 9s: nine\nanswer: time\n```\n"));
  LessonRunner runner(f.session, f.lesson);
  runner.RunCommands(0);
  const Answer answer = runner.Evaluate(f.lesson.questions[0]);
  CHECK(answer.value == "1s");
  CHECK(answer.error == "lessons/09-test.md:13: no choice is the simulation's answer: time is 1s");
}

TEST_CASE("an exercise is checked without recording the student's failures") {
  RunnerFixture f(WithRunnerHeader(kCluster));
  LessonRunner runner(f.session, f.lesson);
  runner.RunCommands(0);
  const Exercise& crash = f.lesson.exercises[0];
  std::vector<CheckOutcome> before = runner.Check(crash);
  REQUIRE(before.size() == 1);
  CHECK_FALSE(before[0].ok);
  CHECK(before[0].actual == "running");

  CHECK(runner.RunLine("crsh broker-1").value() == "<exercise>:1:1: error: unknown command 'crsh'; did you mean 'crash'?\ncrsh broker-1\n^");
  CHECK_FALSE(runner.RunLine("expect node broker-1 state == crashed").has_value());  // a student's own check
  CHECK_FALSE(runner.RunLine("crash broker-1").has_value());
  CHECK(runner.Check(crash)[0].ok);
  CHECK(f.session.expectations().size() == 2);  // the block's, and the student's own
}

TEST_CASE("an exercise's solution makes its checks hold") {
  RunnerFixture f(WithRunnerHeader(kCluster));
  LessonRunner runner(f.session, f.lesson);
  runner.RunCommands(0);
  const BlockReport report = runner.RunSolution(f.lesson.exercises[0]);
  CHECK(report.finished);
  CHECK(runner.Check(f.lesson.exercises[0])[0].ok);
}

TEST_CASE("the lesson's events are counted in its session") {
  RunnerFixture f(WithRunnerHeader(kCluster, "controller.elected, broker.registered >= 2, node.crash == 1"));
  LessonRunner runner(f.session, f.lesson);
  runner.RunCommands(0);
  std::vector<EventOutcome> events = runner.CheckEvents();
  REQUIRE(events.size() == 3);
  CHECK(events[0].ok);
  CHECK(events[1].ok);
  CHECK(events[1].actual == 2);
  CHECK_FALSE(events[2].ok);  // nothing crashed yet
  runner.RunSolution(f.lesson.exercises[0]);
  CHECK(runner.CheckEvents()[2].ok);
}

TEST_CASE("every command, check and answer query is checked before anything runs") {
  CHECK(RunnerErrorOf(WithRunnerHeader("```kafkasim\nsleep 1s\nkafka-topic.sh --list\n```\n")) ==
        "lessons/09-test.md:8:1: error: unknown command 'kafka-topic.sh'; did you mean 'kafka-topics.sh'?\n"
        "kafka-topic.sh --list\n^");
  CHECK(RunnerErrorOf(WithRunnerHeader("```kafkasim\nsleep 1s\n```\n```question\nWho?\nanswer: controler id\n```\n")) ==
        "lessons/09-test.md:11:9: error: unknown query 'controler'; did you mean 'controller'?\n"
        "answer: controler id\n        ^");
  CHECK(RunnerErrorOf(WithRunnerHeader("```kafkasim\nsleep 1s\n```\n```question\nWho?\nanswer: partition orders-0\n```\n")) ==
        "lessons/09-test.md:11:19: error: the answer query is 'partition TOPIC-P leader|isr|replicas|epoch|hw|leo|log-start|low-watermark|segments': 2 "
        "word(s) after 'partition', not 1\nanswer: partition orders-0\n                  ^");
  CHECK(RunnerErrorOf(WithRunnerHeader("```kafkasim\nsleep 1s\n```\n```exercise\nDo.\nexpect nod broker-0 state == crashed\nsolution:\nsleep 1s\n```\n")) ==
        "lessons/09-test.md:11:8: error: expect: unknown query 'nod'; did you mean 'node'?\n"
        "expect nod broker-0 state == crashed\n       ^");
  CHECK(RunnerErrorOf(WithRunnerHeader("```kafkasim\nsleep 1s\n```\n```exercise\nDo.\nexpect time >= 1s\nsolution:\nslep 1s\n```\n")) ==
        "lessons/09-test.md:13:1: error: unknown command 'slep'; did you mean 'sleep'?\nslep 1s\n^");
}

TEST_CASE("command blocks run in order in one session") {
  RunnerFixture f(WithRunnerHeader("```kafkasim\nsleep 1s\n```\n\n```kafkasim\nsleep 2s\nexpect time == 3s\nexpect time == 4s\n```\n"));
  LessonRunner runner(f.session, f.lesson);
  CHECK(runner.RunCommands(0).ok());
  const BlockReport second = runner.RunCommands(1);
  CHECK(second.expectations == 2);
  REQUIRE(second.failed_expectations.size() == 1);
  CHECK(second.failed_expectations[0].actual == "3s");
  CHECK(second.failed_expectations[0].location.line == 13);
  CHECK(runner.commands_run() == 2);
}

}  // namespace kafkasim
