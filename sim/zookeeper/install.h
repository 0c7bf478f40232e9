#pragma once
// Puts ZooKeeper into a session: bin/zookeeper-server-start.sh, bin/zookeeper-server-stop.sh,
// bin/zookeeper-shell.sh, and the `expect` queries `zookeeper`, `zkserver` and `znode`.

namespace kafkasim {

class Session;

void InstallZooKeeper(Session& session);

}  // namespace kafkasim
