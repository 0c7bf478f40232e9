// ParseLesson: the front matter, runnable blocks, questions and exercises, and errors that name
// file:line:col with the line and a caret, like a scenario's.

#include <catch2/catch.hpp>

#include "sim/lesson/lesson.h"

namespace kafkasim {
namespace {

const char* kLesson = R"(---
title: First steps
scenario: ../scenarios/first-steps.scn   # played beside the lesson
minutes: 10
events: partition.online >= 3, controller.elected
---
# First steps

Start **ZooKeeper** first.

```kafkasim
bin/zookeeper-server-start.sh config/zookeeper.properties
bin/kafka-server-start.sh config/server.properties   # broker 0
expect controller id == 0
```

```question
Which broker leads orders-topic-0?
- 0: broker-0
- 1: broker-1
answer: partition orders-topic-0 leader
```

```kafkasim
bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders-topic --partitions 3 --replication-factor 1
```

```exercise
Create a topic named payments with two partitions.
expect topic payments partitions == 2
solution:
bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic payments --partitions 2
```
)";

std::string ErrorOf(std::string_view text) {
  try {
    ParseLesson(text, "lessons/99-bad.md");
  } catch (const ScriptError& e) {
    return e.Render();
  }
  return "no error";
}

std::string WithHeader(std::string_view body) {
  return std::string("---\ntitle: T\nscenario: s.scn\nminutes: 5\n---\n") + std::string(body);
}

}  // namespace

TEST_CASE("the front matter names the lesson, its scenario, its length and its events") {
  const kafkasim::Lesson lesson = ParseLesson(kLesson, "lessons/01-first-steps.md");
  CHECK(lesson.title == "First steps");
  CHECK(lesson.number == 1);
  CHECK(lesson.slug == "01-first-steps");
  CHECK(lesson.minutes == 10);
  CHECK(lesson.scenario == std::filesystem::path("lessons/../scenarios/first-steps.scn"));
  REQUIRE(lesson.events.size() == 2);
  CHECK(lesson.events[0].kind == "partition.online");
  CHECK(lesson.events[0].op == CompareOp::kGe);
  CHECK(lesson.events[0].count == 3);
  CHECK(lesson.events[1].kind == "controller.elected");
  CHECK(lesson.events[1].count == 1);
  CHECK(lesson.events[1].location.line == 5);
  CHECK(lesson.events[1].location.column == 32);
}

TEST_CASE("kafkasim blocks are scenario lines at their place in the lesson file") {
  const kafkasim::Lesson lesson = ParseLesson(kLesson, "lessons/01-first-steps.md");
  REQUIRE(lesson.commands.size() == 2);
  const Scenario& first = lesson.commands[0].script;
  REQUIRE(first.steps.size() == 3);
  CHECK(first.steps[0].location.line == 12);
  CHECK(first.steps[1].text == "bin/kafka-server-start.sh config/server.properties");
  CHECK(first.steps[2].location.line == 14);
  CHECK(first.steps[2].source_line == "expect controller id == 0");
  CHECK(LessonScript(lesson).steps.size() == 4);
  CHECK(lesson.commands[0].first_step == 0);
  CHECK(lesson.commands[1].first_step == 3);
  CHECK(LessonScript(lesson).steps[lesson.commands[1].first_step].location.line == 25);
  CHECK(lesson.CommandsAt(lesson.commands[1].block) == &lesson.commands[1]);
}

TEST_CASE("a question is answered after the command block that follows it") {
  const kafkasim::Lesson lesson = ParseLesson(kLesson, "lessons/01-first-steps.md");
  REQUIRE(lesson.questions.size() == 1);
  const Question& q = lesson.questions[0];
  CHECK(q.prompt == "Which broker leads orders-topic-0?");
  REQUIRE(q.choices.size() == 2);
  CHECK(q.choices[1].value == "1");
  CHECK(q.choices[1].label == "broker-1");
  CHECK(q.answer_text == "partition orders-topic-0 leader");
  REQUIRE(q.answer.size() == 3);
  CHECK(q.answer[0].text == "partition");
  CHECK(q.answer[0].column == 9);
  CHECK(q.answered_after == 1u);
}

TEST_CASE("a question with no command block after it is answered where it stands") {
  const kafkasim::Lesson lesson = ParseLesson(WithHeader("```kafkasim\nsleep 1s\n```\n\n```question\nWhat time is it?\nanswer: time\n```\n"), "x.md");
  REQUIRE(lesson.questions.size() == 1);
  CHECK(lesson.questions[0].choices.empty());
  CHECK_FALSE(lesson.questions[0].answered_after.has_value());
}

TEST_CASE("an exercise has a task, checks and a solution") {
  const kafkasim::Lesson lesson = ParseLesson(kLesson, "lessons/01-first-steps.md");
  REQUIRE(lesson.exercises.size() == 1);
  const Exercise& e = lesson.exercises[0];
  CHECK(e.prompt == "Create a topic named payments with two partitions.");
  REQUIRE(e.checks.size() == 1);
  CHECK(e.checks[0].text == "expect topic payments partitions == 2");
  CHECK(e.checks[0].location.line == 30);
  REQUIRE(e.solution.steps.size() == 1);
  CHECK(e.solution.steps[0].location.line == 32);
}

TEST_CASE("a command block inside a list keeps the columns of the file") {
  const kafkasim::Lesson lesson = ParseLesson(WithHeader("1. Start it:\n\n   ```kafkasim\n   sleep 1s\n   ```\n"), "x.md");
  REQUIRE(lesson.commands.size() == 1);
  const ScenarioStep& step = lesson.commands[0].script.steps[0];
  CHECK(step.location.line == 9);
  CHECK(step.location.column == 4);
  CHECK(step.words[1].column == 10);
  CHECK(step.source_line == "   sleep 1s");
}

TEST_CASE("errors in the front matter name file:line:col") {
  CHECK(ErrorOf("title: x\n") == "lessons/99-bad.md:1:1: error: a lesson starts with its front matter: a line '---', "
                                 "then title:, scenario: and minutes:, then '---'\ntitle: x\n^");
  CHECK(ErrorOf("---\ntitel: x\n---\n") ==
        "lessons/99-bad.md:2:1: error: unknown front matter key 'titel'; did you mean 'title'?\ntitel: x\n^");
  CHECK(ErrorOf("---\ntitle: x\nscenario: s.scn\nminutes: ten\n---\n") ==
        "lessons/99-bad.md:4:10: error: minutes must be a whole number of minutes from 1 to 600, not 'ten'\n"
        "minutes: ten\n         ^");
  CHECK(ErrorOf("---\ntitle: x\nminutes: 3\n---\n") ==
        "lessons/99-bad.md:4:1: error: the front matter has no 'scenario:' line (a lesson needs title, scenario and "
        "minutes)\n---\n^");
  CHECK(ErrorOf("---\ntitle: x\n") ==
        "lessons/99-bad.md:1:1: error: the front matter is not closed: add a line '---' after its last key\n---\n^");
  CHECK(ErrorOf("---\nevents: partition.online >> 3\n---\n") ==
        "lessons/99-bad.md:2:26: error: '>>' is not an operator: use ==, !=, <, <=, > or >=\n"
        "events: partition.online >> 3\n                         ^");
}

TEST_CASE("errors in a command block point into the lesson file") {
  CHECK(ErrorOf(WithHeader("Text.\n\n```kafkasim\nsleep 1s\nat 10x crash broker-0\n```\n")) ==
        "lessons/99-bad.md:10:4: error: unknown time unit in \"10x\": expected us, ms, s, m or h\n"
        "at 10x crash broker-0\n   ^");
  CHECK(ErrorOf(WithHeader("- item\n\n  ```kafkasim\n  sleep 1s \"unterminated\n  ```\n")) ==
        "lessons/99-bad.md:9:12: error: unterminated double quote: this \" has no closing \"\n  sleep 1s \"unterminated\n           ^");
  CHECK(ErrorOf(WithHeader("```kafkasim\n# only a comment\n```\n")) ==
        "lessons/99-bad.md:6:4: error: this kafkasim block has no commands\n```kafkasim\n   ^");
  CHECK(ErrorOf(WithHeader("```kafkasim\nseed: 4\nsleep 1s\n```\n")) ==
        "lessons/99-bad.md:7:1: error: 'seed:' is a scenario header; in a lesson it belongs in the front matter\n"
        "seed: 4\n^");
  CHECK(ErrorOf(WithHeader("No commands at all.\n")).starts_with("lessons/99-bad.md:1:1: error: this lesson has no ```kafkasim block"));
}

TEST_CASE("errors in a question point at the line at fault") {
  CHECK(ErrorOf(WithHeader("```kafkasim\nsleep 1s\n```\n```question\nWho leads?\n- 0 broker-0\n- 1: broker-1\nanswer: controller id\n```\n")) ==
        "lessons/99-bad.md:11:3: error: a choice is '- VALUE: label', where VALUE is what the answer query would say "
        "(like '- 2: broker-2')\n- 0 broker-0\n  ^");
  CHECK(ErrorOf(WithHeader("```kafkasim\nsleep 1s\n```\n```question\nWho leads?\n- 0: a\n- 1: b\n```\n")) ==
        "lessons/99-bad.md:9:4: error: this question has no 'answer:' line: name the query whose value answers it, "
        "like 'answer: partition orders-0 leader'\n```question\n   ^");
  CHECK(ErrorOf(WithHeader("```kafkasim\nsleep 1s\n```\n```question\nWho?\nanswer: controller id == 0\n```\n")) ==
        "lessons/99-bad.md:11:23: error: 'answer:' is the query alone: its value is compared with the choices (or the "
        "typed answer)\nanswer: controller id == 0\n                      ^");
  CHECK(ErrorOf(WithHeader("```kafkasim\nsleep 1s\n```\n```question\nWho?\n- 0: a\n- 0: b\nanswer: controller id\n```\n")) ==
        "lessons/99-bad.md:12:3: error: two choices have the value '0' (line 11): each choice needs its own\n- 0: b\n  ^");
  CHECK(ErrorOf(WithHeader("```kafkasim\nsleep 1s\n```\n```question\nWho?\n- 0: a\nanswer: controller id\n```\n"))
            .starts_with("lessons/99-bad.md:11:3: error: a question with choices needs at least two"));
}

TEST_CASE("an exercise without checks or a solution is refused") {
  CHECK(ErrorOf(WithHeader("```kafkasim\nsleep 1s\n```\n```exercise\nDo it.\nsolution:\nsleep 1s\n```\n"))
            .starts_with("lessons/99-bad.md:9:4: error: this exercise has no check"));
  CHECK(ErrorOf(WithHeader("```kafkasim\nsleep 1s\n```\n```exercise\nDo it.\nexpect time >= 1s\n```\n"))
            .starts_with("lessons/99-bad.md:9:4: error: this exercise has no solution"));
  CHECK(ErrorOf(WithHeader("```kafkasim\nsleep 1s\n```\n```exercise\nDo it.\nexpect znode \"/a == 1\nsolution:\nsleep 1s\n```\n")) ==
        "lessons/99-bad.md:11:14: error: unterminated double quote: this \" has no closing \"\nexpect znode \"/a == 1\n             ^");
}

}  // namespace kafkasim
