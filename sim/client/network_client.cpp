#include "sim/client/network_client.h"

#include <cassert>

#include <fmt/format.h>

#include "sim/admin/topic_command_output.h"

namespace kafkasim {

std::string FormatAddress(const std::string& host, int32_t port) {
  if (host == "localhost") return fmt::format("localhost/127.0.0.1:{}", port);
  return fmt::format("{}:{}", host, port);
}

std::string NodeLabel(int32_t id, const BrokerDirectory& directory, NodeId node) {
  const BrokerDirectory::Endpoint* endpoint = node == kNoNode ? nullptr : directory.EndpointOf(node);
  if (endpoint == nullptr) return fmt::format("node {}", id);
  return fmt::format("node {} ({})", id, FormatAddress(endpoint->host, endpoint->port));
}

std::string BootstrapNodeLabel(const std::vector<std::string>& servers, size_t index) {
  const std::string& address = servers[index];
  const size_t colon = address.rfind(':');
  const std::string shown =
      colon == std::string::npos ? address : FormatAddress(address.substr(0, colon), std::atoi(address.c_str() + colon + 1));
  return fmt::format("node -{} ({})", index + 1, shown);
}

NetworkClient::NetworkClient(Simulation& sim, NodeId self, const BrokerDirectory& directory, std::string log_prefix)
    : sim_(sim), self_(self), directory_(directory), prefix_(std::move(log_prefix)) {}

NetworkClient::~NetworkClient() {
  for (auto& [id, p] : waiting_) sim_.Cancel(p.timer);
}

bool NetworkClient::Connectable(NodeId node, const std::string& label) {
  if (node != kNoNode && sim_.node(node).running()) {
    if (!refused_.empty()) refused_.erase(node);
    return true;
  }
  if (refused_.insert(node).second) {
    Log("WARN",
        fmt::format("Connection to {} could not be established. Broker may not be available.", label),
        "org.apache.kafka.clients.NetworkClient");
  }
  return false;
}

size_t NetworkClient::InFlight(NodeId node) const {
  const auto it = waiting_by_node_.find(node);
  return it == waiting_by_node_.end() ? 0 : it->second;
}

NetworkClient::Pending NetworkClient::Take(std::map<int32_t, Pending>::iterator it) {
  // A count at 0 stays: a client talks to a few nodes, again and again.
  const auto count = waiting_by_node_.find(it->second.node);
  assert(count != waiting_by_node_.end() && count->second > 0);
  --count->second;
  Pending taken = std::move(it->second);
  waiting_.erase(it);
  return taken;
}

int32_t NetworkClient::Send(NodeId node, std::unique_ptr<KafkaMessage> request, Duration timeout,
                            OnResponse on_response, OnFailure on_failure, bool expect_response) {
  const int32_t id = next_correlation_id_++;
  request->correlation_id = id;
  sim_.network().Send(self_, node, std::move(request));
  if (!expect_response) return id;
  const TimerId timer = sim_.Schedule(timeout, self_, [this, id] { OnRequestTimeout(id); });
  waiting_.emplace(id, Pending{.node = node, .on_response = std::move(on_response),
                               .on_failure = std::move(on_failure), .timer = timer});
  ++waiting_by_node_[node];
  return id;
}

void NetworkClient::OnRequestTimeout(int32_t correlation_id) {
  auto it = waiting_.find(correlation_id);
  if (it == waiting_.end()) return;
  const NodeId node = it->second.node;
  // Kafka closes the connection to a node whose request timed out (NetworkClient.
  // handleTimedOutRequests), and every request still in flight on it fails with the same error,
  // the oldest first; answers that arrive later find nobody waiting.
  std::vector<Pending> failed;
  for (auto p = waiting_.begin(); p != waiting_.end();) {
    if (p->second.node != node) {
      ++p;
      continue;
    }
    if (p->first != correlation_id) sim_.Cancel(p->second.timer);
    failed.push_back(Take(p++));
  }
  // The broker's id names the node in Kafka's message.
  std::string name = sim_.node(node).name();
  for (const auto& [broker, n] : directory_.brokers()) {
    if (n == node) name = std::to_string(broker.value());
  }
  const std::string message = fmt::format("Disconnected from node {} due to timeout", name);
  for (Pending& p : failed) p.on_failure(ErrorCode::kRequestTimedOut, message);
}

bool NetworkClient::Deliver(const Envelope& envelope) {
  const auto* message = dynamic_cast<const KafkaMessage*>(envelope.message.get());
  if (message == nullptr) return false;
  auto it = waiting_.find(message->correlation_id);
  if (it == waiting_.end() || it->second.node != envelope.from) return false;
  Pending p = Take(it);
  sim_.Cancel(p.timer);
  p.on_response(envelope);
  return true;
}

void NetworkClient::Log(std::string_view level, std::string_view message, std::string_view logger) {
  std::string line = fmt::format("[{}] {} {} {} ({})", FormatLog4jTimestamp(sim_.now().millis()), level, prefix_,
                                 message, logger);
  if (sink_) {
    sink_(line);
  } else {
    log_.push_back(std::move(line));
  }
}

}  // namespace kafkasim
