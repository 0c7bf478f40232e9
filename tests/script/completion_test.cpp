#include "sim/script/completion.h"

#include <catch2/catch.hpp>

#include "sim/kafka/install.h"
#include "sim/script/session.h"

using namespace kafkasim;

using Words = std::vector<std::string>;

TEST_CASE("Tab completes the first word to the commands it can begin") {
  Session session;
  InstallKafka(session);
  const Words topics = CompleteWord(session.commands(), "kafka-to");
  CHECK(topics == Words{"kafka-topics.sh"});
  // Typed with Kafka's bin/ directory, the completion keeps it.
  CHECK(CompleteWord(session.commands(), "bin/kafka-cons") ==
        Words{"bin/kafka-console-consumer.sh", "bin/kafka-console-producer.sh", "bin/kafka-consumer-groups.sh",
              "bin/kafka-consumer-perf-test.sh"});
  CHECK(CompleteWord(session.commands(), "  cra") == Words{"crash"});
  CHECK(CompleteWord(session.commands(), "nosuchthing").empty());
}

TEST_CASE("Tab completes a flag of the command being typed") {
  Session session;
  InstallKafka(session);
  const Words flags = CompleteWord(session.commands(), "bin/kafka-topics.sh --bootstrap-server localhost:9092 --rep");
  CHECK(flags == Words{"--replica-assignment", "--replication-factor"});
  CHECK(CompleteWord(session.commands(), "kafka-topics --crea") == Words{"--create"});
  // Values are not flags: nothing is offered for them, nor for flags of an unknown command.
  CHECK(CompleteWord(session.commands(), "kafka-topics.sh --topic or").empty());
  CHECK(CompleteWord(session.commands(), "kafka-topix --crea").empty());
}
