#include "sim/client/network_client.h"

#include <fmt/format.h>

#include "sim/admin/topic_command_output.h"

namespace kafkasim {

std::string FormatAddress(const std::string& host, int32_t port) {
  if (host == "localhost") return fmt::format("localhost/127.0.0.1:{}", port);
  return fmt::format("{}:{}", host, port);
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
  size_t n = 0;
  for (const auto& [id, p] : waiting_) n += p.node == node;
  return n;
}

int32_t NetworkClient::Send(NodeId node, std::unique_ptr<KafkaMessage> request, Duration timeout,
                            OnResponse on_response, OnFailure on_failure, bool expect_response) {
  const int32_t id = next_correlation_id_++;
  request->correlation_id = id;
  sim_.network().Send(self_, node, std::move(request));
  if (!expect_response) return id;
  const TimerId timer = sim_.Schedule(timeout, self_, [this, id] {
    auto it = waiting_.find(id);
    if (it == waiting_.end()) return;
    Pending p = std::move(it->second);
    waiting_.erase(it);
    // Kafka disconnects from a node whose request timed out; the broker's id names it.
    std::string name = sim_.node(p.node).name();
    for (const auto& [broker, n] : directory_.brokers()) {
      if (n == p.node) name = std::to_string(broker.value());
    }
    p.on_failure(ErrorCode::kRequestTimedOut, fmt::format("Disconnected from node {} due to timeout", name));
  });
  waiting_.emplace(id, Pending{.node = node, .on_response = std::move(on_response),
                               .on_failure = std::move(on_failure), .timer = timer});
  return id;
}

bool NetworkClient::Deliver(const Envelope& envelope) {
  const auto* message = dynamic_cast<const KafkaMessage*>(envelope.message.get());
  if (message == nullptr) return false;
  auto it = waiting_.find(message->correlation_id);
  if (it == waiting_.end() || it->second.node != envelope.from) return false;
  Pending p = std::move(it->second);
  waiting_.erase(it);
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
