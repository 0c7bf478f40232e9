#pragma once
// A client's connections to brokers (Kafka's NetworkClient, reduced to what the simulation needs):
// requests carry correlation ids that responses echo; each request has a deadline
// (request.timeout.ms) after which it fails as Kafka fails it — "Disconnected from node N due to
// timeout" — together with every other request in flight to that node (the connection is
// closed), and an answer arriving later is ignored; a node that is down refuses the connection,
// which the client logs once (WARN) and learns from, as Kafka does, by refreshing its metadata.
//
// One NetworkClient belongs to one client process; its callbacks run in that process's events.

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/core/simulation.h"
#include "sim/protocol/broker_directory.h"
#include "sim/protocol/errors.h"
#include "sim/protocol/message_base.h"

namespace kafkasim {

// reconnect.backoff.ms (default 50): how long a client waits before it tries a refused node again.
inline constexpr Duration kReconnectBackoff = Duration::Millis(50);

class NetworkClient {
 public:
  using OnResponse = std::function<void(const Envelope& response)>;
  // kRequestTimedOut with Kafka's "Disconnected from node N due to timeout" message.
  using OnFailure = std::function<void(ErrorCode error, const std::string& message)>;

  // `log_prefix` is Kafka's "[Producer clientId=console-producer]".
  NetworkClient(Simulation& sim, NodeId self, const BrokerDirectory& directory, std::string log_prefix);
  ~NetworkClient();

  // Whether `node` accepts a connection (its process runs). A refusal is logged once per node
  // (`label` names it: "node -1 (localhost/127.0.0.1:9092)").
  bool Connectable(NodeId node, const std::string& label);
  // The same, with the label built only when the connection is refused: the sender and the
  // fetcher ask before every request, and formatting a name nobody reads showed in profiles.
  template <typename Label>
    requires std::is_invocable_r_v<std::string, Label>
  bool Connectable(NodeId node, Label&& label) {
    if (node != kNoNode && sim_.node(node).running()) {
      if (!refused_.empty()) refused_.erase(node);
      return true;
    }
    return Connectable(node, std::string(label()));
  }
  size_t InFlight(NodeId node) const;
  size_t InFlightTotal() const { return waiting_.size(); }

  // Sends `request` to `node` (which must be connectable). Without `expect_response` (acks=0)
  // nothing is awaited. Returns the correlation id.
  int32_t Send(NodeId node, std::unique_ptr<KafkaMessage> request, Duration timeout, OnResponse on_response,
               OnFailure on_failure, bool expect_response = true);
  // Hands a response to its request's callback. False when nobody waits for it any more.
  bool Deliver(const Envelope& envelope);

  // WARN/INFO lines the client logged, as log4j prints them, for a tool to show on stderr.
  void Log(std::string_view level, std::string_view message, std::string_view logger);
  std::vector<std::string> TakeLog() { return std::exchange(log_, {}); }
  void SetLogSink(std::function<void(const std::string&)> sink) { sink_ = std::move(sink); }
  const std::string& prefix() const { return prefix_; }

 private:
  struct Pending {
    NodeId node;
    OnResponse on_response;
    OnFailure on_failure;
    TimerId timer;
  };
  void OnRequestTimeout(int32_t correlation_id);

  Simulation& sim_;
  NodeId self_;
  const BrokerDirectory& directory_;
  std::string prefix_;
  int32_t next_correlation_id_ = 0;
  std::map<int32_t, Pending> waiting_;
  std::map<NodeId, size_t> waiting_by_node_;  // how many of waiting_ each node owes: asked once a send
  Pending Take(std::map<int32_t, Pending>::iterator it);  // out of waiting_, and its node's count
  std::set<NodeId> refused_;  // nodes whose refusal was logged, until they accept again
  std::vector<std::string> log_;
  std::function<void(const std::string&)> sink_;
};

// "localhost/127.0.0.1:9092" as Kafka prints a broker address in its logs.
std::string FormatAddress(const std::string& host, int32_t port);
// How NetworkClient names a connection in its log: "node 2147483645 (localhost/127.0.0.1:9094)",
// the id as the client knows the node (a coordinator is Integer.MAX_VALUE - broker id) and the
// address of the broker behind it (left out when `node` runs no broker).
std::string NodeLabel(int32_t id, const BrokerDirectory& directory, NodeId node);
// The `index`-th bootstrap server (from 0): Kafka's Cluster.bootstrap numbers them -1, -2, ...
std::string BootstrapNodeLabel(const std::vector<std::string>& servers, size_t index);

}  // namespace kafkasim
