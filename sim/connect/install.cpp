#include "sim/connect/commands.h"

namespace kafkasim {

void InstallConnect(Session& session) {
  RegisterConnectStandaloneCommand(session);
  RegisterConnectDistributedCommand(session);
  RegisterCurlCommand(session);
  RegisterEchoCommand(session);
  RegisterConnectQueries(session);
  RegisterSqliteCommand(session);
}

}  // namespace kafkasim
