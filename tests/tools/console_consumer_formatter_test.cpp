// kafka-console-consumer.sh's formatter settings from the command line: --property and a
// --formatter-config file (the file first, --property over it), as ConsoleConsumer reads them.

#include <catch2/catch.hpp>

#include "tests/broker/cluster_fixture.h"

namespace kafkasim::testing {
namespace {

const std::string kKeyed = std::string(kThreeBrokers) +
                           "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders "
                           "--partitions 1 --replication-factor 1\n"
                           "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders "
                           "--property parse.key=true --property key.separator=:\n"
                           "> user-1:first\n";

const std::string kConsume =
    "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --from-beginning "
    "--max-messages 1 ";

TEST_CASE("--formatter-config sets the formatter from a file, and --property wins over it") {
  const ClusterRun run = PlayCluster(
      kKeyed +
      "echo 'print.key=true' > /tmp/kafkasim-test-formatter.properties\n"
      "echo 'key.separator=|' >> /tmp/kafkasim-test-formatter.properties\n"
      "echo 'print.offset=true' >> /tmp/kafkasim-test-formatter.properties\n" +
      kConsume + "--formatter-config /tmp/kafkasim-test-formatter.properties --property key.separator=/\n");
  RequireOk(run);
  CHECK_THAT(run.narration, Catch::Contains("Offset:0/user-1/first\n"));
}

TEST_CASE("print.headers prints NO_HEADERS for kafkasim's records, which carry none") {
  const ClusterRun run = PlayCluster(kKeyed + kConsume + "--property print.headers=true --property print.key=true\n");
  RequireOk(run);
  CHECK_THAT(run.narration, Catch::Contains("NO_HEADERS\tuser-1\tfirst\n"));
}

TEST_CASE("a missing --formatter-config file fails the command as Java's file read does") {
  const ClusterRun run = PlayCluster(kKeyed + kConsume + "--formatter-config /tmp/kafkasim-no-such-file.properties\n");
  CHECK(run.report.failed_commands == 1);
  CHECK_THAT(run.narration,
             Catch::Contains("java.nio.file.NoSuchFileException: /tmp/kafkasim-no-such-file.properties"));
}

}  // namespace
}  // namespace kafkasim::testing
