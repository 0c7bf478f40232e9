#pragma once
// From a line as written to a command ready to run: find the command by its first word, parse
// the rest, and turn any mistake into a ScriptError that points at the word at fault.

#include "sim/script/command.h"
#include "sim/script/scenario.h"

namespace kafkasim {

// Throws ScriptError. When the words ask for help, the invocation prints it.
std::unique_ptr<Invocation> ParseStep(const CommandRegistry& commands, const ScenarioStep& step);

}  // namespace kafkasim
