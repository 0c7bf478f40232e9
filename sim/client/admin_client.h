#pragma once
// The admin client behind kafka-topics.sh and friends (KafkaAdminClient, simplified to one call
// at a time), as a short-lived simulated process.
//
// A call first learns the cluster from a bootstrap server (a Metadata request), then sends its
// request to the node the call needs — any broker, or the controller for CreateTopics and
// DeleteTopics in ZooKeeper mode — and waits for the answer:
//  - a bootstrap address nobody listens on, or a broker that is down, refuses the connection one
//    round trip later; the client logs Kafka's warning once and retries after retry.backoff.ms;
//  - a request unanswered within request.timeout.ms (a network split) is retried;
//  - NOT_CONTROLLER (the controller moved) refreshes the metadata and retries;
//  - after default.api.timeout.ms the call fails with Kafka's TimeoutException message.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/simulation.h"
#include "sim/protocol/admin_requests.h"

namespace kafkasim {

class BrokerDirectory;

struct AdminClientOptions {
  std::vector<std::string> bootstrap_servers;  // "localhost:9092"
  std::string client_id = "adminclient-1";
  Duration request_timeout = Duration::Millis(30000);      // request.timeout.ms
  Duration default_api_timeout = Duration::Millis(60000);  // default.api.timeout.ms
  Duration retry_backoff = Duration::Millis(100);          // retry.backoff.ms
};

class AdminClient : public Process {
 public:
  enum class Target { kAnyBroker, kController };
  // The response, or null when the call timed out (then `error` says what Kafka would).
  using Done = std::function<void(const Envelope* response, const std::string& error)>;
  using Make = std::function<std::unique_ptr<KafkaMessage>()>;

  AdminClient(Simulation& sim, NodeId self, const BrokerDirectory& directory, AdminClientOptions options);

  void OnMessage(const Envelope& envelope) override;

  // `call_name` is Kafka's ("createTopics", "listTopics") for the timeout message.
  void Call(std::string call_name, Target target, Make make, Done done);
  // The same, to one broker (a group's coordinator, a partition's leader).
  void CallBroker(std::string call_name, BrokerId broker, Make make, Done done);
  // What the client logged (WARN lines), for the tool to print on stderr.
  std::vector<std::string> TakeLog() { return std::exchange(log_, {}); }
  const MetadataResponse* metadata() const { return metadata_.get(); }

 private:
  struct PendingCall {
    std::string name;
    Target target;
    std::optional<BrokerId> broker;
    Make make;
    Done done;
    Time deadline;
  };
  void Attempt();
  void Refresh();
  // `label` names the connection in a refusal's log line (NodeLabel, BootstrapNodeLabel).
  void SendTo(NodeId node, const std::string& label, std::unique_ptr<KafkaMessage> request,
              std::function<void(const Envelope&)> on_response);
  void RetryLater();
  NodeId BootstrapNode(size_t index) const;
  NodeId NodeOf(BrokerId id) const;
  std::string Prefix() const;

  Simulation& sim_;
  NodeId self_;
  const BrokerDirectory& directory_;
  AdminClientOptions options_;
  std::unique_ptr<MetadataResponse> metadata_;
  std::unique_ptr<PendingCall> call_;
  std::map<int32_t, std::function<void(const Envelope&)>> waiting_;  // by correlation id
  int32_t next_correlation_id_ = 1;
  size_t next_bootstrap_ = 0;
  uint64_t attempt_ = 0;  // an attempt's timeout only acts if no newer attempt started
  std::vector<std::string> log_;
  std::set<std::string> warned_;
};

}  // namespace kafkasim
