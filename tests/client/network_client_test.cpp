// The client's connections: what a request timeout does to the other requests in flight to the
// same broker (Kafka closes the connection, so they fail with it), and to a late answer.

#include <catch2/catch.hpp>

#include "sim/client/network_client.h"
#include "sim/protocol/admin_requests.h"

namespace kafkasim {
namespace {

// A broker that takes requests and never answers by itself: it keeps their correlation ids.
class SilentBroker : public Process {
 public:
  void OnMessage(const Envelope& e) override {
    received.push_back(static_cast<const KafkaMessage&>(*e.message).correlation_id);
  }
  std::vector<int32_t> received;
};

// The client's process hands what arrives to its NetworkClient, as every client does.
class ClientProcess : public Process {
 public:
  explicit ClientProcess(std::function<void(const Envelope&)> on_message) : on_message_(std::move(on_message)) {}
  void OnMessage(const Envelope& e) override { on_message_(e); }

 private:
  std::function<void(const Envelope&)> on_message_;
};

struct Failure {
  int32_t request;
  Time at;
  ErrorCode error;
  std::string message;
};

struct TimeoutFixture {
  Simulation sim;
  BrokerDirectory directory;
  NodeId broker, other, client;
  std::unique_ptr<NetworkClient> network;
  std::vector<Failure> failures;
  std::vector<int32_t> answered;
  std::vector<bool> delivered;  // what Deliver said of each response that arrived

  TimeoutFixture() {
    broker = sim.AddNode("broker-0", "broker", [] { return std::make_unique<SilentBroker>(); });
    other = sim.AddNode("broker-1", "broker", [] { return std::make_unique<SilentBroker>(); });
    client = sim.AddNode("client", "consumer", [this] {
      return std::make_unique<ClientProcess>([this](const Envelope& e) { delivered.push_back(network->Deliver(e)); });
    });
    for (NodeId n : {broker, other, client}) sim.Start(n);
    directory.Add(BrokerId(0), broker, "localhost", 9092);
    directory.Add(BrokerId(1), other, "localhost", 9093);
    network = std::make_unique<NetworkClient>(sim, client, directory, "[Consumer clientId=test]");
  }

  // Sends request number `n` (a Metadata request) to `to`, timing out after 30 s.
  void Send(int32_t n, NodeId to) {
    network->Send(
        to, std::make_unique<MetadataRequest>(), Duration::Seconds(30),
        [this, n](const Envelope&) { answered.push_back(n); },
        [this, n](ErrorCode error, const std::string& message) {
          failures.push_back(Failure{n, sim.now(), error, message});
        });
  }
};

TEST_CASE("a request timeout fails every request in flight to that broker at once, the oldest first",
          "[client][network_client]") {
  TimeoutFixture f;
  f.Send(1, f.broker);
  f.sim.RunUntil(Time::Zero() + Duration::Seconds(10));
  f.Send(2, f.broker);
  f.Send(3, f.other);
  f.sim.RunUntil(Time::Zero() + Duration::Seconds(31));

  // Request 2 had 20 s left, but its connection closed with request 1's timeout.
  REQUIRE(f.failures.size() == 2);
  CHECK(f.failures[0].request == 1);
  CHECK(f.failures[1].request == 2);
  for (const Failure& failure : f.failures) {
    CHECK(failure.at == Time::Zero() + Duration::Seconds(30));
    CHECK(failure.error == ErrorCode::kRequestTimedOut);
    CHECK(failure.message == "Disconnected from node 0 due to timeout");
  }
  // The request to the other broker keeps its own deadline.
  CHECK(f.network->InFlight(f.other) == 1);
  f.sim.RunUntil(Time::Zero() + Duration::Seconds(41));
  REQUIRE(f.failures.size() == 3);
  CHECK(f.failures[2].request == 3);
  CHECK(f.failures[2].message == "Disconnected from node 1 due to timeout");
}

TEST_CASE("an answer to a request failed by its connection's timeout is ignored", "[client][network_client]") {
  TimeoutFixture f;
  f.Send(1, f.broker);
  f.sim.RunUntil(Time::Zero() + Duration::Seconds(10));
  f.Send(2, f.broker);
  f.sim.RunUntil(Time::Zero() + Duration::Seconds(31));
  auto& broker = static_cast<SilentBroker&>(*f.sim.node(f.broker).process());
  REQUIRE(broker.received.size() == 2);

  // The broker answers request 2 late: nobody waits for it any more.
  auto response = std::make_unique<MetadataResponse>();
  response->correlation_id = broker.received[1];
  f.sim.network().Send(f.broker, f.client, std::move(response));
  f.sim.RunUntil(Time::Zero() + Duration::Seconds(32));
  CHECK(f.delivered == std::vector<bool>{false});
  CHECK(f.answered.empty());
  CHECK(f.network->InFlightTotal() == 0);
}

}  // namespace
}  // namespace kafkasim

namespace kafkasim {
namespace {

TEST_CASE("a refused connection is named as Kafka's NetworkClient names it", "[client][network_client]") {
  Simulation sim;
  BrokerDirectory directory;
  const NodeId broker = sim.AddNode("broker-2", "broker", [] { return std::make_unique<SilentBroker>(); });
  directory.Add(BrokerId(2), broker, "localhost", 9094);
  // Bootstrap servers are numbered -1, -2, ... in their order (Cluster.bootstrap).
  const std::vector<std::string> servers = {"localhost:9092", "localhost:9093", "localhost:9094"};
  CHECK(BootstrapNodeLabel(servers, 0) == "node -1 (localhost/127.0.0.1:9092)");
  CHECK(BootstrapNodeLabel(servers, 2) == "node -3 (localhost/127.0.0.1:9094)");
  // A broker by its id, a coordinator by Integer.MAX_VALUE - id, both at the broker's address.
  CHECK(NodeLabel(2, directory, broker) == "node 2 (localhost/127.0.0.1:9094)");
  CHECK(NodeLabel(2147483645, directory, broker) == "node 2147483645 (localhost/127.0.0.1:9094)");
  CHECK(NodeLabel(7, directory, kNoNode) == "node 7");
}

}  // namespace
}  // namespace kafkasim
