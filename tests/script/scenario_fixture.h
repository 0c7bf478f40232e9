#pragma once
// A small language for scenario tests: parse a text, or get the error it must produce and say
// where it is as "line:column".

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/script/scenario.h"

namespace kafkasim::testing {

inline Scenario Parse(std::string_view text) { return ParseScenario(text, "demo.scn"); }

inline ScriptError ParseError(std::string_view text) {
  try {
    ParseScenario(text, "demo.scn");
  } catch (const ScriptError& error) {
    return error;
  }
  FAIL("expected a ScriptError for:\n" << text);
  throw std::logic_error("unreachable");
}

// "3:7": where an error points, to compare in one CHECK.
inline std::string Where(const ScriptError& error) {
  return std::to_string(error.location().line) + ":" + std::to_string(error.location().column);
}

// Two commands that start most scenarios, so that errors further down have a line to be on.
inline constexpr std::string_view kStartCluster =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties\n";

}  // namespace kafkasim::testing
