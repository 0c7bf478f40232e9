#pragma once
// A small language for the visualizer's tests: a three-server ZooKeeper ensemble whose leader
// crashes at 5 s, as a Script; fingerprints of a run's trace to compare two runs; and the state
// of the nodes as the canvas would show it.

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "sim/record/timeline.h"
#include "sim/script/scenario.h"
#include "viz/model/cluster_view.h"
#include "viz/model/world.h"

namespace kafkasim::viz::testing {

using namespace kafkasim::time_literals;

inline constexpr std::string_view kEnsemble =
    "title: ensemble for the visualizer's tests\n"
    "seed: 5\n"
    "bin/zookeeper-server-start.sh -daemon config/zookeeper-1.properties\n"
    "bin/zookeeper-server-start.sh -daemon config/zookeeper-2.properties\n"
    "bin/zookeeper-server-start.sh config/zookeeper-3.properties\n"
    "narrate \"three servers are up\"\n"
    "at 5s crash zookeeper-3\n"
    "at 20s narrate \"the followers elected a new leader\"\n"
    "expect zookeeper leader == zookeeper-2\n";

inline std::shared_ptr<const Scenario> EnsembleScenario() {
  return std::make_shared<const Scenario>(ParseScenario(kEnsemble, "ensemble.scn"));
}

inline Script EnsembleScript(std::vector<Action> actions = {}) {
  return Script{.scenario = EnsembleScenario(), .seed = 5, .actions = std::move(actions)};
}

// Three brokers, topic orders (3 partitions, RF 3), two keyed records on orders-1, then broker-1
// (the leader of orders-1) crashes at 10 s and returns at 40 s.
inline constexpr std::string_view kBrokers =
    "title: three brokers for the visualizer's tests\n"
    "seed: 11\n"
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties\n"
    "bin/kafka-server-start.sh config/server-1.properties\n"
    "bin/kafka-server-start.sh config/server-2.properties\n"
    "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 "
    "--replication-factor 3\n"
    "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders --property parse.key=true "
    "--property key.separator=:\n"
    "> user-4:first order\n"
    "> user-4:second order\n"
    "at 10s crash broker-1\n"
    "at 40s restart broker-1\n";

inline Script BrokersScript() {
  return Script{.scenario = std::make_shared<const Scenario>(ParseScenario(kBrokers, "brokers.scn")), .seed = 11};
}

// A scenario file of the repository (scenarios/NAME), as its seed says.
inline Script ScenarioFile(const std::string& name) {
  auto scenario = std::make_shared<const Scenario>(LoadScenario(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/" + name));
  return Script{.scenario = scenario, .seed = scenario->seed.value_or(1)};
}

// One line per event: everything a reader of the trace sees.
inline std::vector<std::string> Fingerprint(const Timeline& timeline) {
  std::vector<std::string> lines;
  for (size_t i = 0; i < timeline.size(); ++i) {
    const EventView e = timeline.At(i);
    lines.push_back(fmt::format("{} {} {} {} {} {}", e.seq, e.time.micros(), e.kind, e.node, e.peer, e.narration));
  }
  return lines;
}

// "zookeeper-1=running/following zookeeper-3=CRASHED/": what the canvas would draw.
inline std::string Nodes(Session& session) {
  std::string out;
  for (const NodeGroupView& g : BuildClusterView(session).groups) {
    for (const NodeView& n : g.nodes) {
      if (n.kind != "zookeeper") continue;
      out += fmt::format("{}{}={}/{}", out.empty() ? "" : " ", n.name, StateLabel(n.state), n.role);
    }
  }
  return out;
}

}  // namespace kafkasim::viz::testing
