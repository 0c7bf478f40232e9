#pragma once
// The simulator's own verbs (sleep, crash, restart, power-off, network, narrate, expect, help),
// the Kafka tools that later parts of kafkasim will bring (answering "not available yet" until
// then), and the queries `expect` knows about every simulation (time, node, events).

#include <memory>

namespace kafkasim {

class Command;
class CommandRegistry;
class QueryRegistry;

void RegisterBuiltinCommands(CommandRegistry& commands, const QueryRegistry& queries);
void RegisterBuiltinQueries(QueryRegistry& queries);

// The pieces, each in its own file.
void RegisterNodeCommands(CommandRegistry& commands);
void RegisterNetworkCommand(CommandRegistry& commands);
std::unique_ptr<Command> MakeExpectCommand(const QueryRegistry& queries);

}  // namespace kafkasim
