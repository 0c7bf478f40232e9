#include "sim/kafka/install.h"

#include "sim/script/session.h"
#include "sim/broker/commands.h"
#include "sim/connect/commands.h"
#include "sim/tools/commands.h"
#include "sim/storage/tools/install.h"
#include "sim/zookeeper/install.h"

namespace kafkasim {

void InstallKafka(Session& session) {
  // Each part registers here as it lands (ZooKeeper, brokers, clients, Connect).
  InstallZooKeeper(session);
  InstallBrokers(session);
  InstallTools(session);
  InstallStorage(session);
  InstallConnect(session);
}

}  // namespace kafkasim
