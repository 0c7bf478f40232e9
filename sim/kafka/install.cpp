#include "sim/kafka/install.h"

#include "sim/script/session.h"
#include "sim/storage/tools/install.h"
#include "sim/zookeeper/install.h"

namespace kafkasim {

void InstallKafka(Session& session) {
  // Each part registers here as it lands (ZooKeeper, brokers, clients, Connect).
  (void)session;
  InstallZooKeeper(session);
  InstallStorage(session);
}

}  // namespace kafkasim
