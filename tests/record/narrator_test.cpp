#include "sim/record/narrator.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "tests/record/trace_story.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using namespace kafkasim::time_literals;

namespace {

// What a narrator with these options prints for the sample story.
std::string Narrate(NarratorOptions options) {
  std::ostringstream out;
  Narrator narrator(out, std::move(options));
  TraceStory story({&narrator});
  TellSampleStory(story);
  return out.str();
}

}  // namespace

TEST_CASE("narrator: a simulation event is one line of time, node column, bar and narration") {
  std::ostringstream out;
  Narrator narrator(out);
  TraceStory story({&narrator});
  story.Advance(12345_ms);
  story.Domain("partition.leader_elected", "broker-0", "broker-0 is now leader of orders-1");
  story.Domain("zk.session_expired", "zookeeper-node-0", "session of broker-2 expired");
  CHECK(out.str() ==
        "  12.345s  broker-0      │ broker-0 is now leader of orders-1\n"
        "  12.345s  zookeeper-node-0 │ session of broker-2 expired\n");
}

TEST_CASE("narrator: a narration of several lines keeps the bar column") {
  std::ostringstream out;
  Narrator narrator(out);
  TraceStory story({&narrator});
  story.Domain("group.rebalance", "broker-1", "rebalance of group g:\n  c-1 gets orders-0");
  CHECK(out.str() ==
        "   0.000s  broker-1      │ rebalance of group g:\n"
        "                         │   c-1 gets orders-0\n");
}

TEST_CASE("narrator: the script reads like a terminal transcript") {
  CHECK(Narrate({}) ==
        "  ▶ Three brokers; watch the leader of orders-1 move.\n"
        "\n"
        "$ kafka-topics.sh --create --topic orders --partitions 3\n"
        "Created topic orders.\n"
        "   0.007s  broker-0      │ broker-0 crashed\n"
        "   0.007s  controller    │ broker-1 is now leader of orders-1 (epoch 1)\n"
        "   0.007s  controller    │ ISR of orders-1 is now [1, 2]\n"
        "✓ expect leader(orders-1) == 1\n"
        "Error: not leader\n");
}

TEST_CASE("narrator: a teacher's note is a paragraph of its own") {
  std::ostringstream out;
  Narrator narrator(out);
  TraceStory story({&narrator});
  story.Command("kafka-topics.sh --list");
  story.Narrate("Two notes\nin a row");
  story.Narrate("share one blank line.");
  story.Output("stdout", "orders");
  CHECK(out.str() ==
        "$ kafka-topics.sh --list\n"
        "\n"
        "  ▶ Two notes\n"
        "    in a row\n"
        "\n"
        "  ▶ share one blank line.\n"
        "\n"
        "orders\n");
}

TEST_CASE("narrator: command output goes out raw, stderr to its own stream when given") {
  std::ostringstream out, err;
  Narrator narrator(out, {}, &err);
  TraceStory story({&narrator});
  story.Output("stdout", "Topic: orders\tPartition: 0\tLeader: 1");
  story.Output("stderr", "Error while executing topic command : Topic 'orders' already exists.");
  CHECK(out.str() == "Topic: orders\tPartition: 0\tLeader: 1\n");
  CHECK(err.str() == "Error while executing topic command : Topic 'orders' already exists.\n");
}

TEST_CASE("narrator: a failed expectation says what was expected and what came instead") {
  std::ostringstream out;
  Narrator narrator(out);
  TraceStory story({&narrator});
  story.Expect("isr(orders-0)", "==", nlohmann::ordered_json::array({0, 1, 2}),
               nlohmann::ordered_json::array({0, 2}));
  story.Expect("lag(g, orders)", "<=", 10, 42);
  CHECK(out.str() ==
        "✗ expect isr(orders-0) == [0,1,2] (expected [0,1,2], got [0,2]) at lesson.ksim:12\n"
        "✗ expect lag(g, orders) <= 10 (expected <= 10, got 42) at lesson.ksim:12\n");
}

TEST_CASE("narrator: transport kinds are hidden by default and shown when asked") {
  CHECK_THAT(Narrate({}), !Catch::Contains("Produce orders-1"));
  const std::string shown = Narrate({.show_kinds = {"net"}});
  CHECK_THAT(shown, Catch::Contains("   0.000s  producer-1    │ producer-1 → broker-0: Produce"));
  CHECK_THAT(shown, Catch::Contains("dropped: broker-0 is crashed"));
  CHECK_THAT(shown, !Catch::Contains("broker-0 crashed\n"));
}

TEST_CASE("narrator: quiet mode keeps only expectations and error output") {
  CHECK(Narrate({.quiet = true}) ==
        "✓ expect leader(orders-1) == 1\n"
        "Error: not leader\n");
}

TEST_CASE("narrator: kind prefixes narrow the simulation's events, not the transcript") {
  const std::string text = Narrate({.show_kinds = {"partition.isr"}});
  CHECK_THAT(text, Catch::Contains("ISR of orders-1 is now [1, 2]"));
  CHECK_THAT(text, !Catch::Contains("is now leader"));
  CHECK_THAT(text, !Catch::Contains("crashed"));
  CHECK_THAT(text, Catch::Contains("$ kafka-topics.sh"));
  CHECK_THAT(text, Catch::Contains("✓ expect"));
}

TEST_CASE("narrator: hidden kinds win over shown ones and can hide the transcript too") {
  const std::string text =
      Narrate({.show_kinds = {"partition"}, .hide_kinds = {"partition.isr", "script.narrate"}});
  CHECK_THAT(text, Catch::Contains("is now leader"));
  CHECK_THAT(text, !Catch::Contains("ISR of"));
  CHECK_THAT(text, !Catch::Contains("▶"));
}

TEST_CASE("narrator: a node filter keeps events at that node or to and from it") {
  const std::string text = Narrate({.show_kinds = {""}, .nodes = {"broker-0"}});
  CHECK_THAT(text, Catch::Contains("broker-0 crashed"));
  CHECK_THAT(text, Catch::Contains("producer-1 → broker-0"));  // broker-0 is the peer
  CHECK_THAT(text, !Catch::Contains("controller"));
  CHECK_THAT(text, !Catch::Contains("broker-2 → broker-1"));
}

TEST_CASE("narrator: colour is off by default and wraps the columns when on") {
  CHECK_THAT(Narrate({}), !Catch::Contains("\x1b["));
  const std::string colored = Narrate({.color = true});
  CHECK_THAT(colored, Catch::Contains("\x1b[32m✓\x1b[0m expect"));
  // Raw command output stays raw.
  CHECK_THAT(colored, Catch::Contains("\nCreated topic orders.\n"));
}

TEST_CASE("narrator: filter strings parse into options") {
  const NarratorOptions options =
      ParseNarratorFilter("kind=partition,kind=group,hide=partition.hw,node=broker-1,quiet");
  CHECK(options.show_kinds == std::vector<std::string>{"partition", "group"});
  CHECK(options.hide_kinds == std::vector<std::string>{"partition.hw"});
  CHECK(options.nodes == std::vector<std::string>{"broker-1"});
  CHECK(options.quiet);
  CHECK(ParseNarratorFilter("kind=all").show_kinds == std::vector<std::string>{""});
  // Terms add to what is already set, e.g. by other command-line flags.
  CHECK(ParseNarratorFilter("node=broker-2", {.nodes = {"broker-1"}}).nodes ==
        std::vector<std::string>{"broker-1", "broker-2"});
}

TEST_CASE("narrator: bad filter strings are refused naming the bad term") {
  CHECK_THROWS_WITH(ParseNarratorFilter("kind=partition,nod=broker-1"),
                    Catch::Contains("'nod=broker-1'") && Catch::Contains("unknown key 'nod'"));
  CHECK_THROWS_WITH(ParseNarratorFilter("partition"), Catch::Contains("missing '='"));
  CHECK_THROWS_WITH(ParseNarratorFilter("kind="), Catch::Contains("missing value"));
  CHECK_THROWS_WITH(ParseNarratorFilter("kind=net,,node=a"), Catch::Contains("empty term"));
  CHECK_THROWS_WITH(ParseNarratorFilter(""), Catch::Contains("empty"));
  CHECK_THROWS_AS(ParseNarratorFilter("node=a b"), std::invalid_argument);
}

TEST_CASE("narrator: it wants every kind it could show, so unwanted kinds are never built for it") {
  // Events the trace does not build for the narrator must be ones it would not have shown.
  struct Everything : TraceSink {
    void OnEvent(const TraceEvent& e) override { events.push_back(e); }
    std::vector<TraceEvent> events;
  } all;
  TraceStory story({&all});
  TellSampleStory(story);
  const std::vector<NarratorOptions> options = {
      {},
      {.quiet = true},
      {.show_kinds = {"net"}},
      {.show_kinds = {"partition.isr"}},
      {.show_kinds = {"partition"}, .hide_kinds = {"partition.isr", "script.narrate"}},
      {.show_kinds = {""}, .nodes = {"broker-0"}},
  };
  for (const NarratorOptions& o : options) {
    std::ostringstream out;
    const Narrator narrator(out, o);
    for (const TraceEvent& e : all.events) {
      if (narrator.Shows(e)) CHECK(narrator.Wants(e.kind));
    }
  }
  // And by default it spares the trace the transport's events, the bulk of a run.
  std::ostringstream out;
  const Narrator narrator(out);
  CHECK_FALSE(narrator.Wants("net.send"));
  CHECK_FALSE(narrator.Wants("timer.fire"));
  CHECK(narrator.Wants("partition.isr_shrink"));
}
