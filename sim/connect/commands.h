#pragma once
// Kafka Connect's commands and queries in the command language, one a file.

namespace kafkasim {

class Session;

void RegisterConnectStandaloneCommand(Session& session);  // standalone_command.cpp
void RegisterConnectDistributedCommand(Session& session);  // distributed_command.cpp
void RegisterCurlCommand(Session& session);               // curl_command.cpp
void RegisterEchoCommand(Session& session);               // echo_command.cpp
void RegisterConnectQueries(Session& session);            // queries.cpp
void RegisterSqliteCommand(Session& session);             // sqlite_command.cpp
void InstallConnect(Session& session);                    // install.cpp

}  // namespace kafkasim
