#include "sim/script/scenario.h"

#include <catch2/catch.hpp>

#include "tests/script/scenario_fixture.h"

namespace kafkasim {
namespace {

using namespace kafkasim::testing;
using namespace kafkasim::time_literals;
using Timing = ScenarioStep::Timing;
using Lines = std::vector<std::string>;

constexpr std::string_view kFirstSteps =
    R"(# The seed walkthrough: start ZooKeeper, a broker, create, list and describe a topic
title: First steps
seed: 7

bin/zookeeper-server-start.sh config/zookeeper.properties
bin/kafka-server-start.sh config/server.properties
bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders-topic --partitions 3 --replication-factor 1
bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders-topic --property parse.key=true --property key.separator=:
> user-1:first order
> user-2:second order
at 10s  crash broker-0
at +20s expect partition orders-topic-0 leader == none   # after the 18 s ZooKeeper session timeout
narrate "The leader is gone: nobody can write to orders-topic-0"
network split {broker-0 zookeeper-0} {broker-1 broker-2}
)";

std::vector<std::string> Texts(const std::vector<Word>& words) {
  std::vector<std::string> texts;
  for (const Word& word : words) texts.push_back(word.text);
  return texts;
}

TEST_CASE("the seed walkthrough parses into its header and eight steps", "[scenario]") {
  const Scenario scenario = ParseScenario(kFirstSteps, "scenarios/first_steps.scn");
  CHECK(scenario.file == "scenarios/first_steps.scn");
  CHECK(scenario.title == "First steps");
  CHECK(scenario.seed == 7u);
  REQUIRE(scenario.steps.size() == 8);
  CHECK(scenario.steps[0].text == "bin/zookeeper-server-start.sh config/zookeeper.properties");
  CHECK(scenario.steps[3].input == Lines{"user-1:first order", "user-2:second order"});
  CHECK(scenario.steps[4].text == "crash broker-0");
  CHECK(scenario.steps[5].text == "expect partition orders-topic-0 leader == none");
  CHECK(Texts(scenario.steps[6].words) ==
        Lines{"narrate", "The leader is gone: nobody can write to orders-topic-0"});
  CHECK(Texts(scenario.steps[7].words) == Lines{"network", "split", "{", "broker-0", "zookeeper-0",
                                                "}", "{", "broker-1", "broker-2", "}"});
}

TEST_CASE("a command without an at-clause runs when the previous one completes", "[scenario]") {
  const Scenario scenario = Parse(kStartCluster);
  for (const ScenarioStep& step : scenario.steps) {
    CHECK(step.timing == Timing::kAfterPrevious);
    CHECK(step.offset == Duration());
  }
}

TEST_CASE("at T runs a command at an absolute simulated time", "[scenario]") {
  const Scenario scenario = Parse("at 1.5s crash broker-0\nat 2m restart broker-0\n");
  CHECK(scenario.steps[0].timing == Timing::kAt);
  CHECK(scenario.steps[0].offset == 1500_ms);
  CHECK(scenario.steps[1].offset == 2_min);
  CHECK(scenario.steps[1].text == "restart broker-0");
}

TEST_CASE("at +D runs a command D after the previous one started", "[scenario]") {
  const Scenario scenario = Parse("crash broker-0\nat +250ms restart broker-0\n");
  CHECK(scenario.steps[1].timing == Timing::kAfterPreviousStart);
  CHECK(scenario.steps[1].offset == 250_ms);
}

TEST_CASE("at zero and at plus zero are allowed", "[scenario]") {
  const Scenario scenario = Parse("at 0 crash broker-0\nat +0s restart broker-0\n");
  CHECK(scenario.steps[0].offset == Duration());
  CHECK(scenario.steps[1].timing == Timing::kAfterPreviousStart);
}

TEST_CASE("a quoted at is a command word, not an at-clause", "[scenario]") {
  const Scenario scenario = Parse("\"at\" 5s crash broker-0\n");
  CHECK(scenario.steps[0].timing == Timing::kAfterPrevious);
  CHECK(Texts(scenario.steps[0].words) == Lines{"at", "5s", "crash", "broker-0"});
}

TEST_CASE("a step knows its line, the column of its command and its whole line", "[scenario]") {
  const Scenario scenario = Parse("title: t\n\nat 10s  crash broker-0  # why\n");
  const ScenarioStep& step = scenario.steps[0];
  CHECK(step.location.file == "demo.scn");
  CHECK(step.location.line == 3);
  CHECK(step.location.column == 9);
  CHECK(step.text == "crash broker-0");
  CHECK(step.source_line == "at 10s  crash broker-0  # why");
  CHECK(step.words[1].column == 15);  // columns count from the start of the line
}

TEST_CASE("header lines fill the title, the seed and the header map", "[scenario]") {
  const Scenario scenario = Parse(
      "title: Leader election\nseed: 18446744073709551615\ndescription: Crash a leader\n"
      "lesson: 3\n" +
      std::string(kStartCluster));
  CHECK(scenario.title == "Leader election");
  CHECK(scenario.seed == 18446744073709551615u);
  CHECK(scenario.header == std::map<std::string, std::string>{{"title", "Leader election"},
                                                              {"seed", "18446744073709551615"},
                                                              {"description", "Crash a leader"},
                                                              {"lesson", "3"}});
}

TEST_CASE("a scenario without a seed header has no seed", "[scenario]") {
  CHECK(Parse(kStartCluster).seed == std::nullopt);
}

TEST_CASE("a header value is free text up to a comment, quotes included", "[scenario]") {
  const Scenario scenario =
      Parse("title:   Kafka's \"log\"   # a comment\n" + std::string(kStartCluster));
  CHECK(scenario.title == "Kafka's \"log\"");
}

TEST_CASE("a header line after the first command is a command", "[scenario]") {
  const Scenario scenario = Parse(std::string(kStartCluster) + "title: Too late\n");
  REQUIRE(scenario.steps.size() == 3);
  CHECK(Texts(scenario.steps[2].words) == Lines{"title:", "Too", "late"});
  CHECK(scenario.title.empty());
}

TEST_CASE("a word with a colon inside is a command, not a header", "[scenario]") {
  const Scenario scenario = Parse("http://localhost:8083/connectors\n");
  CHECK(scenario.header.empty());
  CHECK(scenario.steps[0].text == "http://localhost:8083/connectors");
}

TEST_CASE("comments and blank lines are ignored", "[scenario]") {
  const Scenario scenario =
      Parse("# a comment\n\n   \t\n  # an indented comment\ncrash broker-0 # why\n\n");
  REQUIRE(scenario.steps.size() == 1);
  CHECK(scenario.steps[0].text == "crash broker-0");
  CHECK(scenario.steps[0].location.line == 5);
}

TEST_CASE("a hash inside a word does not start a comment", "[scenario]") {
  CHECK(Parse("narrate a#b\n").steps[0].text == "narrate a#b");
}

TEST_CASE("input lines are kept verbatim after the '> ', comments included", "[scenario]") {
  const Scenario scenario =
      Parse("bin/kafka-console-producer.sh --topic t\n> a  # b \"c\n>no-space\n>\n>  two\n");
  CHECK(scenario.steps[0].input == Lines{"a  # b \"c", "no-space", "", " two"});
}

TEST_CASE("input lines attach across comments and blank lines", "[scenario]") {
  const Scenario scenario = Parse("crash broker-0\nbin/cat.sh\n\n# data follows\n  > x\n");
  CHECK(scenario.steps[0].input.empty());
  CHECK(scenario.steps[1].input == Lines{"x"});
}

TEST_CASE("lines may end with CRLF", "[scenario]") {
  const Scenario scenario =
      Parse("title: Windows\r\n\r\nat 1s crash broker-0\r\nbin/cat.sh\r\n> data\r\n");
  CHECK(scenario.title == "Windows");
  CHECK(scenario.steps[0].text == "crash broker-0");
  CHECK(scenario.steps[1].input == Lines{"data"});
  CHECK(scenario.steps[1].source_line == "bin/cat.sh");
}

TEST_CASE("the last line needs no newline", "[scenario]") {
  CHECK(Parse("crash broker-0").steps[0].text == "crash broker-0");
}

TEST_CASE("a byte order mark at the start of the file is skipped", "[scenario]") {
  const Scenario scenario = Parse("\xEF\xBB\xBFtitle: BOM\ncrash broker-0\n");
  CHECK(scenario.title == "BOM");
}

TEST_CASE("tabs and UTF-8 text are ordinary characters", "[scenario]") {
  const Scenario scenario = Parse("narrate\t\"Le leader a changé ✅\"\n");
  CHECK(Texts(scenario.steps[0].words) == Lines{"narrate", "Le leader a changé ✅"});
}

TEST_CASE("two steps may be scheduled at the same time", "[scenario]") {
  CHECK(Parse("at 10s crash broker-0\nat 10s crash broker-1\n").steps.size() == 2);
}

TEST_CASE("an absolute time after a relative chain is compared with the chain", "[scenario]") {
  // Line 2 starts at exactly 15 s, so 15 s is fine for line 3.
  CHECK(Parse("at 10s crash broker-0\nat +5s restart broker-0\nat 15s crash broker-1\n")
            .steps.size() == 3);
}

TEST_CASE("a command that waits for the previous one may start any time later", "[scenario]") {
  // Line 2 starts when line 1 completes, at 10 s or later: a later absolute time is fine.
  CHECK(Parse("at 10s crash broker-0\nbin/kafka-topics.sh --list\nat 11s crash broker-1\n")
            .steps.size() == 3);
}

}  // namespace
}  // namespace kafkasim
