#pragma once
// The registration functions behind InstallZooKeeper, one a file.

namespace kafkasim {
class Session;
}

namespace kafkasim::zk {

void RegisterServerCommands(Session& session);  // server_commands.cpp
void RegisterShellCommand(Session& session);    // shell_command.cpp
void RegisterZooKeeperQueries(Session& session);  // queries.cpp

}  // namespace kafkasim::zk
