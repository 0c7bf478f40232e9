// kafka-consumer-perf-test.sh: Kafka's header and summary line, in simulated time, for a known run.

#include <catch2/catch.hpp>
#include <regex>

#include "tests/broker/cluster_fixture.h"

namespace kafkasim::testing {
namespace {

// 1000 records of 100 bytes in one partition, then the perf consumer reads them.
const std::string kFilled = std::string(kThreeBrokers) +
                            "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic perf "
                            "--partitions 1 --replication-factor 3\n"
                            "bin/kafka-producer-perf-test.sh --topic perf --num-records 1000 --record-size 100 "
                            "--throughput -1 --producer-props bootstrap.servers=localhost:9092 acks=all\n";

constexpr const char* kHeader =
    "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, "
    "fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";

TEST_CASE("kafka-consumer-perf-test.sh prints Kafka's header and summary, its rates from simulated time") {
  const ClusterRun run = PlayCluster(kFilled +
                                     "bin/kafka-consumer-perf-test.sh --bootstrap-server localhost:9092 --topic perf "
                                     "--messages 1000 --group perf-group\n"
                                     "expect group perf-group lag == 0\n"
                                     "expect group perf-group members == 0\n");
  RequireOk(run);
  INFO(run.narration);
  REQUIRE(run.narration.find(kHeader) != std::string::npos);
  const std::regex row(
      R"((1970-01-01 00:(\d\d):(\d\d):(\d\d\d)), (1970-01-01 00:(\d\d):(\d\d):(\d\d\d)), (0\.0954), ([\d.]+), (1000), ([\d.]+), (\d+), (\d+), ([\d.]+), ([\d.]+))");
  std::smatch m;
  REQUIRE(std::regex_search(run.narration, m, row));
  const int64_t start_ms = std::stoll(m[2]) * 60000 + std::stoll(m[3]) * 1000 + std::stoll(m[4]);
  const int64_t end_ms = std::stoll(m[6]) * 60000 + std::stoll(m[7]) * 1000 + std::stoll(m[8]);
  const int64_t rebalance_ms = std::stoll(m[13]);
  const int64_t fetch_ms = std::stoll(m[14]);
  // 1000 records of 100 value bytes and no key: 100000 bytes, 0.0954 MiB.
  CHECK(end_ms > start_ms);
  CHECK(rebalance_ms > 0);
  CHECK(rebalance_ms + fetch_ms == end_ms - start_ms);
  const double seconds = static_cast<double>(end_ms - start_ms) / 1000.0;
  CHECK(std::stod(m[10]) == Approx(100000.0 / 1048576.0 / seconds).epsilon(1e-3));
  CHECK(std::stod(m[12]) == Approx(1000.0 / seconds).epsilon(1e-3));
  CHECK(std::stod(m[16]) == Approx(1000.0 / (static_cast<double>(fetch_ms) / 1000.0)).epsilon(1e-3));
  // The known run, to the digit (seed 1): the group forms 113 ms after subscribe(), both polls
  // come 7 ms later.
  CHECK(m[0] ==
        "1970-01-01 00:00:00:184, 1970-01-01 00:00:00:304, 0.0954, 0.7947, 1000, 8333.3333, 113, 7, 13.6239, "
        "142857.1429");
}

TEST_CASE("kafka-consumer-perf-test.sh gives up after --timeout without records, with Kafka's WARNING") {
  const ClusterRun run = PlayCluster(kFilled +
                                     "bin/kafka-consumer-perf-test.sh --bootstrap-server localhost:9092 --topic perf "
                                     "--messages 5000 --timeout 2000 --hide-header --date-format HH:mm:ss\n");
  RequireOk(run);
  INFO(run.narration);
  CHECK(run.narration.find(kHeader) == std::string::npos);
  CHECK(run.narration.find("WARNING: Exiting before consuming the expected number of messages: timeout (2000 ms) "
                           "exceeded. You can use the --timeout option to increase the timeout.") !=
        std::string::npos);
  CHECK(std::regex_search(run.narration, std::regex(R"(\d\d:\d\d:\d\d, \d\d:\d\d:\d\d, 0\.0954, [\d.]+, 1000, )")));
}

TEST_CASE("kafka-consumer-perf-test.sh --from-latest reads nothing of what was there") {
  const ClusterRun run = PlayCluster(kFilled +
                                     "bin/kafka-consumer-perf-test.sh --bootstrap-server localhost:9092 --topic perf "
                                     "--messages 10 --timeout 1000 --from-latest --group late\n");
  RequireOk(run);
  INFO(run.narration);
  CHECK(std::regex_search(run.narration, std::regex(R"(, 0\.0000, 0\.0000, 0, 0\.0000, \d+, \d+, 0\.0000, 0\.0000)")));
}

TEST_CASE("kafka-consumer-perf-test.sh refuses what Kafka's tool refuses") {
  CHECK_THROWS_WITH(PlayCluster("bin/kafka-consumer-perf-test.sh --bootstrap-server localhost:9092 --topic t\n"),
                    Catch::Contains("Missing required argument \"[messages]\""));
  CHECK_THROWS_WITH(PlayCluster("bin/kafka-consumer-perf-test.sh --bootstrap-server localhost:9092 --messages 1\n"),
                    Catch::Contains("Missing required argument \"[topic]\""));
  CHECK_THROWS_WITH(PlayCluster("bin/kafka-consumer-perf-test.sh --bootstrap-server localhost:9092 --topic t "
                                "--messages 1 --reporting-interval 0\n"),
                    Catch::Contains("Reporting interval must be greater than 0."));
  CHECK_THROWS_WITH(PlayCluster("bin/kafka-consumer-perf-test.sh --bootstrap-server localhost:9092 --topic t "
                                "--messages 1 --date-format yyyy-qq\n"),
                    Catch::Contains("Illegal pattern character 'q'"));
}

TEST_CASE("kafka-consumer-perf-test.sh reads its consumer's settings from --consumer.config") {
  const ClusterRun run = PlayCluster(kFilled +
                                     "echo 'client.id=perf-from-file' > /tmp/kafkasim-test-perf-consumer.properties\n"
                                     "bin/kafka-consumer-perf-test.sh --bootstrap-server localhost:9092 --topic perf "
                                     "--messages 1000 --group perf-group "
                                     "--consumer.config /tmp/kafkasim-test-perf-consumer.properties\n");
  RequireOk(run);
  CHECK_THAT(run.narration, Catch::Contains("perf-from-file-"));  // the member id starts with the client id
}

}  // namespace
}  // namespace kafkasim::testing
