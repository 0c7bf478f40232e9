// Mistakes in a command line are reported at the word at fault, with a suggestion where one is near.

#include "sim/script/dispatch.h"

#include <catch2/catch.hpp>

#include "tests/script/script_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

// The rendered error for a one-line scenario, or "" when it parses.
std::string ErrorFor(const std::string& line) {
  Session session;
  AddTestCommands(session);
  try {
    const Scenario scenario = ParseScenario(line + "\n", "demo.scn");
    ScenarioRunner runner(session, scenario);
  } catch (const ScriptError& e) {
    return e.Render();
  }
  return "";
}

}  // namespace

TEST_CASE("Kafka's tools resolve with or without bin/ and .sh") {
  Session session;
  const CommandRegistry& commands = session.commands();
  REQUIRE(commands.Find("bin/kafka-topics.sh") != nullptr);
  CHECK(commands.Find("kafka-topics.sh") == commands.Find("bin/kafka-topics.sh"));
  CHECK(commands.Find("kafka-topics") == commands.Find("bin/kafka-topics.sh"));
  CHECK(commands.Find("./bin/kafka-topics.sh") == commands.Find("bin/kafka-topics.sh"));
  CHECK(commands.Find("kafka-topic") == nullptr);
}

TEST_CASE("an unknown command suggests the nearest, pointing at it") {
  CHECK(ErrorFor("at 5s bin/kafka-topic.sh --list") ==
        "demo.scn:1:7: error: unknown command 'bin/kafka-topic.sh'; did you mean 'kafka-topics.sh'?\n"
        "at 5s bin/kafka-topic.sh --list\n"
        "      ^");
  CHECK_THAT(ErrorFor("crsh broker-0"), Catch::StartsWith("demo.scn:1:1: error: unknown command 'crsh'; did "
                                                          "you mean 'crash'?"));
  CHECK_THAT(ErrorFor("frobnicate"), Catch::Contains("(type 'help' for the list)"));
}

TEST_CASE("an unknown flag suggests the nearest, pointing at it") {
  CHECK(ErrorFor("start-node a --partitons 3") ==
        "demo.scn:1:14: error: start-node: unknown option '--partitons'; did you mean '--partitions'?\n"
        "start-node a --partitons 3\n"
        "             ^");
}

TEST_CASE("an unknown subcommand suggests the nearest") {
  CHECK_THAT(ErrorFor("network splt {a} {b}"),
             Catch::StartsWith("demo.scn:1:9: error: network: unknown subcommand 'splt'; did you mean 'split'?"));
}

TEST_CASE("a bad value points at the value") {
  CHECK_THAT(ErrorFor("sleep 5x"), Catch::StartsWith("demo.scn:1:7: error: sleep: '5x' is not a duration"));
  CHECK_THAT(ErrorFor("network loss a 150%"),
             Catch::StartsWith("demo.scn:1:16: error: network: '150%' is not a probability"));
  CHECK_THAT(ErrorFor("sleep"), Catch::StartsWith("demo.scn:1:1: error: sleep: duration is required"));
}

TEST_CASE("malformed split groups are reported at the brace or name at fault") {
  CHECK_THAT(ErrorFor("network split {a b} c"), Catch::StartsWith("demo.scn:1:21: error: network: 'c' is outside a group"));
  CHECK_THAT(ErrorFor("network split {a b} {a}"), Catch::StartsWith("demo.scn:1:22: error: network: 'a' is in two groups"));
  CHECK_THAT(ErrorFor("network split {a b} {c"), Catch::Contains("missing its closing '}'"));
  CHECK_THAT(ErrorFor("network split {a b}"), Catch::Contains("at least two groups"));
}

TEST_CASE("expect checks its query, operator and value before anything runs") {
  CHECK_THAT(ErrorFor("expect nod broker-0 state == crashed"),
             Catch::StartsWith("demo.scn:1:8: error: expect: unknown query 'nod'; did you mean 'node'?"));
  CHECK_THAT(ErrorFor("expect time = 5s"), Catch::StartsWith("demo.scn:1:13: error: expect: '=' is not an operator"));
  CHECK_THAT(ErrorFor("expect time =="), Catch::Contains("nothing to compare with"));
  CHECK_THAT(ErrorFor("expect node broker-0"), Catch::Contains("incomplete expectation"));
}

TEST_CASE("a tool of a part not simulated yet says so instead of pretending") {
  CHECK_THAT(ErrorFor("bin/kafka-topics.sh --list"),
             Catch::StartsWith("demo.scn:1:1: error: kafka-topics.sh: not available yet"));
  // A real Kafka 3.7 tool kafkasim never simulates is still a real tool, not an unknown command.
  CHECK_THAT(ErrorFor("bin/kafka-reassign-partitions.sh --bootstrap-server localhost:9092 --list"),
             Catch::StartsWith("demo.scn:1:1: error: kafka-reassign-partitions.sh: not available yet: this kafkasim "
                               "does not simulate partition reassignment yet"));
}

TEST_CASE("--help prints the command's help and runs nothing") {
  const Played p = Play("sleep --help\nhelp network\n");
  CHECK(p.report.ok());
  CHECK(p.report.end == Time::Zero());
  CHECK_THAT(p.narration, Catch::Contains("let simulated time pass"));
  CHECK_THAT(p.narration, Catch::Contains("split"));
}
