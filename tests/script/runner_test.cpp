#include "sim/script/runner.h"

#include <catch2/catch.hpp>

#include "tests/script/script_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using namespace kafkasim::time_literals;

TEST_CASE("a line without `at` runs when the previous command completes") {
  const Played p = Play("sleep 5s\nexpect time == 5s\nsleep 1500ms\nexpect time == 6.5s\n");
  CHECK(p.report.ok());
  CHECK(p.report.expectations == 2);
  CHECK(p.report.end == Time::Zero() + 6500_ms);
}

TEST_CASE("`at T` runs at an absolute time, `at +D` after the previous line started") {
  const Played p = Play(
      "at 10s expect time == 10s\n"
      "sleep 20s\n"
      "at +3s expect time == 13s   # three seconds after the sleep started, not after it ended\n"
      "expect time == 13s\n");
  CHECK(p.report.ok());
  CHECK(p.report.expectations == 3);
  CHECK(p.report.end == Time::Zero() + 30_s);  // the run ends when the sleep completes
}

TEST_CASE("a failed expectation is reported with its line and the actual value") {
  const Played p = Play("sleep 5s\nexpect time == 3s\nexpect time < 1m\n");
  CHECK(p.report.finished);
  CHECK_FALSE(p.report.ok());
  CHECK(p.report.expectations == 2);
  REQUIRE(p.report.failed_expectations.size() == 1);
  const ExpectationOutcome& failure = p.report.failed_expectations[0];
  CHECK(failure.location.line == 2);
  CHECK(failure.query == "time");
  CHECK(failure.expected == "3s");
  CHECK(failure.actual == "5s");
  CHECK_THAT(p.narration, Catch::Contains("✗ expect time == 3s (expected 3s, got 5s)"));
}

TEST_CASE("crash and restart change a node's state, and each is counted as an event") {
  const Played p = Play(
      "start-node broker-0\n"
      "expect node broker-0 state == running\n"
      "crash broker-0\n"
      "expect node broker-0 state == crashed\n"
      "restart broker-0\n"
      "expect node broker-0 state == running\n"
      "power-off broker-0\n"
      "expect node broker-0 state == powered-off\n"
      "expect events node.crash == 2\n"
      "expect events node == 4   # a prefix counts every kind under it: start, crash, restart, crash\n");
  INFO(p.narration);
  CHECK(p.report.ok());
  CHECK(p.report.expectations == 6);
}

TEST_CASE("a command's runtime error is printed and the scenario goes on") {
  const Played p = Play("crash broker-9\nexpect time == 0s\n");
  CHECK(p.report.failed_commands == 1);
  CHECK(p.report.ok());
  CHECK_THAT(p.narration, Catch::Contains("no node named 'broker-9'"));
}

TEST_CASE("a command that never completes is reported, not waited for forever") {
  const Played p = Play("hang\nexpect time == 0s\n");
  CHECK_FALSE(p.report.finished);
  CHECK_THAT(p.report.stalled, Catch::Contains("test.scn:1: 'hang' never completed"));
}

TEST_CASE("--until stops the run at that time") {
  const Played p = Play("sleep 1m\nexpect time == 1m\n", 1, Time::Zero() + 10_s);
  CHECK_FALSE(p.report.finished);
  CHECK(p.report.end == Time::Zero() + 10_s);
  CHECK(p.report.expectations == 0);
}

TEST_CASE("narrate lines appear in the narration") {
  const Played p = Play("narrate \"The leader is gone\"\n");
  CHECK_THAT(p.narration, Catch::Contains("The leader is gone"));
}

TEST_CASE("a network split is narrated and cuts the named nodes apart") {
  const Played p = Play(
      "start-node a\nstart-node b\nstart-node c\n"
      "network split {a b} {c}\n"
      "expect events network.split == 1\n"
      "network heal\n"
      "expect events network.heal == 1\n");
  CHECK(p.report.ok());
  CHECK_THAT(p.narration, Catch::Contains("the network splits: {a b} | {c}"));
}
