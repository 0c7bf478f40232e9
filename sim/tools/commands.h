#pragma once
// Kafka's command-line tools that run as clients of the simulated cluster, one a file.

namespace kafkasim {

class Session;

void RegisterTopicsCommand(Session& session);  // topics_command.cpp
void RegisterLeaderElectionCommand(Session& session);  // leader_election_command.cpp
void RegisterConsoleProducerCommand(Session& session);  // console_producer_command.cpp
void RegisterConsoleConsumerCommand(Session& session);  // console_consumer_command.cpp
void RegisterClientQueries(Session& session);           // client_queries.cpp
void RegisterProducerAppCommand(Session& session);      // producer_app_command.cpp
void RegisterConsumerAppCommand(Session& session);      // consumer_app_command.cpp
void RegisterLedgerQueries(Session& session);           // ledger_queries.cpp
void RegisterProducerPerfCommand(Session& session);     // producer_perf_command.cpp
void RegisterConsumerPerfCommand(Session& session);     // consumer_perf_command.cpp
void RegisterConsumerGroupsCommand(Session& session);   // consumer_groups_command.cpp
void RegisterGroupQueries(Session& session);            // group_queries.cpp
void RegisterConfigsCommand(Session& session);        // configs_command.cpp
void RegisterDeleteRecordsCommand(Session& session);  // delete_records_command.cpp
void RegisterCatCommand(Session& session);            // cat_command.cpp
void InstallTools(Session& session);           // install.cpp

}  // namespace kafkasim
