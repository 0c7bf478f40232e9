#pragma once
// The registration functions behind InstallBrokers, one a file.

namespace kafkasim {

class Session;

void RegisterBrokerServerCommands(Session& session);  // server_commands.cpp
void RegisterBrokerQueries(Session& session);         // queries.cpp
void InstallBrokers(Session& session);                 // install.cpp

}  // namespace kafkasim
