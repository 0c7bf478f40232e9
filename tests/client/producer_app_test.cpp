// Producer apps, the ledger's queries and kafka-producer-perf-test.sh against the whole cluster.

#include <catch2/catch.hpp>
#include <regex>

#include "sim/tools/producer_app.h"
#include "tests/broker/cluster_fixture.h"

namespace kafkasim::testing {
namespace {

const std::string kTopic =
    "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders "
    "--replica-assignment 0:1:2,1:2:0,2:0:1\n";

TEST_CASE("keys expand from a range or a list, rates are records per second") {
  CHECK(ExpandKeys("user-{1..3}") == std::vector<std::string>{"user-1", "user-2", "user-3"});
  CHECK(ExpandKeys("a,b") == std::vector<std::string>{"a", "b"});
  CHECK(ExpandKeys("k") == std::vector<std::string>{"k"});
  CHECK_FALSE(ExpandKeys("user-{3..1}"));
  CHECK_FALSE(ExpandKeys("a,,b"));
  CHECK(ParseRate("100/s") == Duration::Millis(10));
  CHECK_FALSE(ParseRate("100"));
  CHECK_FALSE(ParseRate("0/s"));
  CHECK_FALSE(ParseRate("fast/s"));
}

TEST_CASE("an app sends its count, every record is acknowledged and stored once, in order per key") {
  RequireOk(PlayCluster(std::string(kThreeBrokers) + kTopic +
                        "producer start orders-app --topic orders --rate 100/s --keys user-{1..5} --count 50\n"
                        "sleep 5s\n"
                        "expect producer orders-app sent == 50\n"
                        "expect producer orders-app acked == 50\n"
                        "expect records sent == 50\n"
                        "expect records acked == 50\n"
                        "expect records stored == 50\n"
                        "expect records lost == 0\n"
                        "expect records duplicated == 0\n"
                        "expect records out-of-order == 0\n"
                        "expect events producer.init_producer_id == 1\n"
                        "expect events broker.producer_id_block == 3\n"));
}

TEST_CASE("a crashed app loses what its producer held; after a restart it goes on with new records") {
  RequireOk(PlayCluster(std::string(kThreeBrokers) + kTopic +
                        "producer start orders-app --topic orders --rate 100/s --property linger.ms=700\n"
                        "sleep 2s\n"
                        "crash orders-app\n"
                        "expect node orders-app state == crashed\n"
                        "sleep 1s\n"
                        "restart orders-app\n"
                        "sleep 2s\n"
                        "producer stop orders-app\n"
                        "sleep 2s\n"
                        "expect node orders-app state == stopped\n"
                        "expect events producer.init_producer_id == 2\n"
                        "expect records lost == 0\n"
                        "expect records duplicated == 0\n"
                        "expect producer orders-app sent > 390\n"
                        // The batch that lingered since 1.4 s died with the process.
                        "expect producer orders-app stored < 380\n"
                        "expect producer orders-app stored > 200\n"));
}

TEST_CASE("a producer app's bad words are refused before anything runs") {
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(PlayCluster(std::string(kThreeBrokers) + kTopic +
                                "producer start orders-app --topic orders --property acks=1 --property "
                                "enable.idempotence=true\n"),
                    Contains("Must set acks to all in order to use the idempotent producer"));
  CHECK_THROWS_WITH(PlayCluster("producer start orders-app --topic orders --rate fast\n"), Contains("--rate fast"));
  CHECK_THROWS_WITH(PlayCluster("producer start my#app --topic orders\n"), Contains("may not contain '#'"));
  CHECK_THROWS_WITH(PlayCluster("producer start orders-app\n"), Contains("--topic"));
}

TEST_CASE("kafka-producer-perf-test.sh prints Kafka's summary line, in simulated time") {
  const ClusterRun run = PlayCluster(std::string(kThreeBrokers) + kTopic +
                                     "bin/kafka-producer-perf-test.sh --topic orders --num-records 1000 --record-size "
                                     "100 --throughput 500 --producer-props bootstrap.servers=localhost:9092 acks=all\n");
  INFO(run.narration);
  REQUIRE(run.report.ok());
  const std::regex summary(
      R"((^|\n)1000 records sent, (\d+\.\d{6}) records/sec \(0\.0\d MB/sec\), \d+\.\d\d ms avg latency, \d+\.\d\d ms max latency, \d+ ms 50th, \d+ ms 95th, \d+ ms 99th, \d+ ms 99\.9th\.)");
  std::smatch m;
  REQUIRE(std::regex_search(run.narration, m, summary));
  // Throttled to 500 records a second: two seconds for 1000, plus the last acknowledgements'
  // latency (the tool's clock runs until close()).
  const double rate = std::stod(m[2]);
  CHECK(rate > 300);
  CHECK(rate <= 501);
}

}  // namespace
}  // namespace kafkasim::testing
