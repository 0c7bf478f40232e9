#include "sim/zookeeper/install.h"

#include "sim/zookeeper/commands.h"

namespace kafkasim {

void InstallZooKeeper(Session& session) {
  zk::RegisterServerCommands(session);
  zk::RegisterShellCommand(session);
  zk::RegisterZooKeeperQueries(session);
}

}  // namespace kafkasim
