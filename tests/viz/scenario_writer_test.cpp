#include "viz/model/scenario_writer.h"

#include <catch2/catch.hpp>

#include "sim/kafka/install.h"
#include "tests/viz/viz_fixture.h"
#include "viz/model/history.h"

namespace kafkasim::viz {
namespace {

using namespace kafkasim::time_literals;

using testing::EnsembleScenario;
using testing::Nodes;

TEST_CASE("a saved session is a scenario that replays what happened, action included") {
  History history(EnsembleScenario(), 5);
  history.SeekTime(Time::Zero() + Duration::Millis(3250));
  REQUIRE_FALSE(history.Act("crash zookeeper-1").has_value());
  history.SeekTime(Time::Zero() + 25_s);
  const std::string state = Nodes(history.probe().session());
  const uint64_t crashes = history.probe().session().CountEvents("node.crash");
  REQUIRE(crashes == 2);

  const std::string text = WriteScenario(history.branch().script, *history.branch().timeline, history.branch().name);
  CHECK_THAT(text, Catch::Contains("seed: 5"));
  CHECK_THAT(text, Catch::Contains("at 3.25s crash zookeeper-1"));
  CHECK_THAT(text, Catch::Contains("at 5s crash zookeeper-3"));
  CHECK_THAT(text, Catch::Contains("at 0s bin/zookeeper-server-start.sh -daemon config/zookeeper-1.properties"));

  // Replayed as any scenario is, by the runner: the same story.
  const Scenario saved = ParseScenario(text, "saved.scn");
  Session session(SessionOptions{.seed = *saved.seed});
  InstallKafka(session);
  ScenarioRunner runner(session, saved);
  runner.Run(Time::Zero() + 25_s);
  CHECK(Nodes(session) == state);
  CHECK(session.CountEvents("node.crash") == crashes);
  CHECK(session.CountEvents("zookeeper.elected") == history.probe().session().CountEvents("zookeeper.elected"));
}

TEST_CASE("standard input lines follow their command in a saved session") {
  const Scenario scenario = ParseScenario(
      "seed: 2\n"
      "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
      "narrate \"a line with standard input\"\n"
      "> create /a\n"
      "> ls /\n",
      "stdin.scn");
  History history(std::make_shared<const Scenario>(scenario), 2);
  const std::string text = WriteScenario(history.branch().script, *history.branch().timeline, history.branch().name);
  CHECK_THAT(text, Catch::Contains("narrate \"a line with standard input\"\n> create /a\n> ls /\n"));
}

}  // namespace
}  // namespace kafkasim::viz
