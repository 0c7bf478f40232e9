// kafka-console-consumer.sh's settings from the command line and from files, as ConsoleConsumer
// reads them: --property over a --formatter-config file, --consumer-property over a
// --consumer.config file. Files are read when the command runs (a scenario writes them first).

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

TEST_CASE("--consumer.config gives the consumer its settings; a group id given twice differently is refused") {
  const std::string file = "echo 'group.id=from-file' > /tmp/kafkasim-test-consumer-1.properties\n"
                           "echo 'client.id=reader' >> /tmp/kafkasim-test-consumer-1.properties\n";
  const ClusterRun run =
      PlayCluster(kKeyed + file + kConsume + "--consumer.config /tmp/kafkasim-test-consumer-1.properties\n");
  RequireOk(run);
  CHECK_THAT(run.narration, Catch::Contains("reader joins group from-file"));  // the file's client.id wins

  const ClusterRun clash = PlayCluster(
      kKeyed + file + kConsume + "--group billing --consumer.config /tmp/kafkasim-test-consumer-1.properties\n");
  CHECK(clash.report.failed_commands == 1);
  CHECK_THAT(clash.narration, Catch::Contains("do not match. Detected group ids: 'billing', 'from-file'"));

  const ClusterRun missing =
      PlayCluster(kKeyed + kConsume + "--consumer.config /tmp/kafkasim-no-such-consumer.properties\n");
  CHECK(missing.report.failed_commands == 1);
  CHECK_THAT(missing.narration,
             Catch::Contains("java.nio.file.NoSuchFileException: /tmp/kafkasim-no-such-consumer.properties"));
}

}  // namespace
}  // namespace kafkasim::testing
