#pragma once
// "Save as scenario": a branch of the history written as a .scn file that replays it. Every
// command that ran — the scenario's own lines and the user's actions — becomes an `at T` line
// with the exact simulated time it started (microsecond precision), in the order it started,
// with its standard-input lines after it. The header keeps the title and the seed.
//
// Exactness: every command starts at the same simulated instant as in the session. Within one
// instant, a command now starts as its own timer rather than between the two events where the
// user clicked, so events at that very microsecond may be numbered differently; what the
// commands do and when does not change (tests/viz/scenario_writer_test.cpp replays a saved file).

#include <string>

#include "sim/record/timeline.h"
#include "viz/model/world.h"

namespace kafkasim::viz {

std::string WriteScenario(const Script& script, const Timeline& timeline, const std::string& branch_name);

}  // namespace kafkasim::viz
