#pragma once
// The simulator's own verbs (sleep, crash, restart, power-off, network, narrate, expect, help),
// the Kafka tools that later parts of kafkasim will bring (answering "not available yet" until
// then), and the queries `expect` knows about every simulation (time, node, events).

#include <memory>

#include <functional>

#include "sim/core/simulation.h"

namespace kafkasim {

class Command;
class CommandRegistry;
class QueryRegistry;

void RegisterBuiltinCommands(CommandRegistry& commands, const QueryRegistry& queries);
void RegisterBuiltinQueries(QueryRegistry& queries);

// The pieces, each in its own file.
void RegisterNodeCommands(CommandRegistry& commands);
// A clean shutdown (SIGTERM): asks the node's process to shut down, then stops the node;
// `stopped` runs once it has. What `stop NODE` and kafka-server-stop.sh do.
void StopGracefully(Simulation& sim, NodeId node, std::function<void()> stopped);
void RegisterNetworkCommand(CommandRegistry& commands);
std::unique_ptr<Command> MakeExpectCommand(const QueryRegistry& queries);

}  // namespace kafkasim
