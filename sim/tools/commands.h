#pragma once
// Kafka's command-line tools that run as clients of the simulated cluster, one a file.

namespace kafkasim {

class Session;

void RegisterTopicsCommand(Session& session);  // topics_command.cpp
void InstallTools(Session& session);           // install.cpp

}  // namespace kafkasim
