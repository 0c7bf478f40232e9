#include "sim/script/session.h"
#include "sim/tools/commands.h"

namespace kafkasim {

void InstallTools(Session& session) {
  RegisterTopicsCommand(session);
  RegisterLeaderElectionCommand(session);
  RegisterConsoleProducerCommand(session);
  RegisterConsoleConsumerCommand(session);
  RegisterClientQueries(session);
  RegisterProducerAppCommand(session);
  RegisterLedgerQueries(session);
  RegisterProducerPerfCommand(session);
  RegisterConsumerGroupsCommand(session);
  RegisterGroupQueries(session);
  RegisterConfigsCommand(session);
  RegisterDeleteRecordsCommand(session);
  RegisterConsumerAppCommand(session);
  RegisterConsumerPerfCommand(session);
  RegisterCatCommand(session);
}

}  // namespace kafkasim
