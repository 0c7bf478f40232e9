// The producer's configuration as Kafka 3.7's ProducerConfig and KafkaProducer check it.

#include <catch2/catch.hpp>

#include "sim/client/producer_config.h"

namespace kafkasim {
namespace {

using Props = std::map<std::string, std::string, std::less<>>;

ProducerConfig Parse(Props p) {
  p.emplace("bootstrap.servers", "localhost:9092");
  auto r = ParseProducerConfig(p);
  REQUIRE(std::holds_alternative<ParsedProducerConfig>(r));
  return std::get<ParsedProducerConfig>(r).config;
}

std::string Error(Props p) {
  p.emplace("bootstrap.servers", "localhost:9092");
  auto r = ParseProducerConfig(p);
  REQUIRE(std::holds_alternative<AdminError>(r));
  return std::get<AdminError>(r).message;
}

TEST_CASE("the defaults are Kafka 3.x's: acks=all, linger 0, batch 16384, 5 in flight, idempotence on") {
  const ProducerConfig c = Parse({});
  CHECK(c.acks == -1);
  CHECK(c.linger == Duration::Millis(0));
  CHECK(c.batch_size == 16384);
  CHECK(c.max_in_flight == 5);
  CHECK(c.retries == 2147483647);
  CHECK(c.delivery_timeout == Duration::Millis(120000));
  CHECK(c.idempotence);
}

TEST_CASE("acks must be all, -1, 0 or 1") {
  CHECK(Parse({{"acks", "1"}}).acks == 1);
  CHECK(Error({{"acks", "2"}}) == "Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1");
}

TEST_CASE("an explicit delivery.timeout.ms shorter than linger.ms + request.timeout.ms is refused") {
  CHECK(Error({{"delivery.timeout.ms", "1000"}, {"request.timeout.ms", "1500"}}) ==
        "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms");
}

TEST_CASE("the default delivery.timeout.ms is raised to linger.ms + request.timeout.ms") {
  CHECK(Parse({{"linger.ms", "100000"}, {"request.timeout.ms", "30000"}}).delivery_timeout ==
        Duration::Millis(130000));
}

TEST_CASE("acks=1 quietly turns the default idempotence off") {
  CHECK_FALSE(Parse({{"acks", "1"}}).idempotence);
}

TEST_CASE("explicit idempotence with acks=1 is Kafka's ConfigException") {
  CHECK(Error({{"acks", "1"}, {"enable.idempotence", "true"}}) ==
        "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.");
}

TEST_CASE("retries=0 quietly turns the default idempotence off, and is an error with explicit idempotence") {
  CHECK_FALSE(Parse({{"retries", "0"}}).idempotence);
  CHECK(Error({{"retries", "0"}, {"enable.idempotence", "true"}}) ==
        "Must set retries to non-zero when using the idempotent producer.");
  CHECK(Parse({{"acks", "all"}, {"retries", "3"}}).idempotence);
}

TEST_CASE("more than 5 requests in flight is an error while idempotence is on, even by default") {
  // ProducerConfig (3.7) checks it inside the idempotence block, before acks=1 turns it off.
  const std::string message =
      "To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value "
      "is 6.";
  CHECK(Error({{"max.in.flight.requests.per.connection", "6"}}) == message);
  CHECK(Error({{"max.in.flight.requests.per.connection", "6"}, {"acks", "1"}}) == message);
  CHECK(Parse({{"max.in.flight.requests.per.connection", "6"}, {"enable.idempotence", "false"}}).max_in_flight == 6);
  CHECK(Parse({{"max.in.flight.requests.per.connection", "5"}}).idempotence);
}

TEST_CASE("partitioner.class accepts RoundRobinPartitioner") {
  CHECK(Parse({{"partitioner.class", "org.apache.kafka.clients.producer.RoundRobinPartitioner"}}).partitioner ==
        PartitionerKind::kRoundRobin);
}

TEST_CASE("bootstrap.servers is required") {
  auto r = ParseProducerConfig({});
  REQUIRE(std::holds_alternative<AdminError>(r));
  CHECK(std::get<AdminError>(r).message == "No resolvable bootstrap urls given in bootstrap.servers");
}

}  // namespace
}  // namespace kafkasim
