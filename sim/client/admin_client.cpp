#include "sim/client/admin_client.h"

#include <cassert>

#include <fmt/format.h>

#include "sim/admin/topic_command_output.h"
#include "sim/client/network_client.h"
#include "sim/protocol/broker_directory.h"

namespace kafkasim {

AdminClient::AdminClient(Simulation& sim, NodeId self, const BrokerDirectory& directory, AdminClientOptions options)
    : sim_(sim), self_(self), directory_(directory), options_(std::move(options)) {}

std::string AdminClient::Prefix() const { return fmt::format("[AdminClient clientId={}]", options_.client_id); }

NodeId AdminClient::BootstrapNode(size_t index) const {
  return directory_.Resolve(options_.bootstrap_servers[index % options_.bootstrap_servers.size()]);
}

NodeId AdminClient::NodeOf(BrokerId id) const { return directory_.NodeOf(id); }

void AdminClient::Call(std::string call_name, Target target, Make make, Done done) {
  assert(call_ == nullptr && "one call at a time");
  call_ = std::make_unique<PendingCall>(PendingCall{.name = std::move(call_name), .target = target,
                                                    .make = std::move(make), .done = std::move(done),
                                                    .deadline = sim_.now() + options_.default_api_timeout});
  metadata_.reset();
  Attempt();
}

void AdminClient::CallBroker(std::string call_name, BrokerId broker, Make make, Done done) {
  Call(std::move(call_name), Target::kAnyBroker, std::move(make), std::move(done));
  if (call_) call_->broker = broker;
}

void AdminClient::Attempt() {
  if (!call_) return;
  if (sim_.now() >= call_->deadline) {
    auto call = std::move(call_);
    const std::string what = metadata_ ? fmt::format("Timed out waiting to send the call. Call: {}", call->name)
                                       : fmt::format("Timed out waiting for a node assignment. Call: {}", call->name);
    call->done(nullptr, what);
    return;
  }
  if (!metadata_) return Refresh();
  NodeId target = kNoNode;
  if (call_->broker) {
    target = NodeOf(*call_->broker);
  } else if (call_->target == Target::kController) {
    target = NodeOf(metadata_->controller_id);
  } else if (!metadata_->brokers.empty()) {
    target = NodeOf(metadata_->brokers.front().id);
  }
  if (target == kNoNode) {
    // No controller known yet: ask again shortly.
    metadata_.reset();
    return RetryLater();
  }
  const BrokerDirectory::Endpoint* endpoint = directory_.EndpointOf(target);
  const std::string label = NodeLabel(endpoint != nullptr ? endpoint->id.value() : -1, directory_, target);
  SendTo(target, label, call_->make(), [this](const Envelope& response) {
    static const std::vector<TopicResult> kNone;
    const std::vector<TopicResult>* results = &kNone;
    if (const auto* r = response.As<CreateTopicsResponse>()) results = &r->results;
    if (const auto* r = response.As<DeleteTopicsResponse>()) results = &r->results;
    if (const auto* r = response.As<CreatePartitionsResponse>()) results = &r->results;
    const auto* elect = response.As<ElectLeadersResponse>();
    const bool moved = (elect != nullptr && elect->error == ErrorCode::kNotController) ||
                       std::any_of(results->begin(), results->end(),
                                   [](const TopicResult& r) { return r.error == ErrorCode::kNotController; });
    if (moved) {
      metadata_.reset();
      return RetryLater();
    }
    auto call = std::move(call_);
    call->done(&response, "");
  });
}

void AdminClient::Refresh() {
  const size_t index = next_bootstrap_++ % options_.bootstrap_servers.size();
  auto request = std::make_unique<MetadataRequest>();
  request->topics = std::vector<std::string>{};
  SendTo(BootstrapNode(index), BootstrapNodeLabel(options_.bootstrap_servers, index), std::move(request),
         [this](const Envelope& response) {
    const auto& m = *response.As<MetadataResponse>();
    metadata_ = std::make_unique<MetadataResponse>();
    metadata_->brokers = m.brokers;
    metadata_->controller_id = m.controller_id;
    metadata_->cluster_id = m.cluster_id;
    Attempt();
  });
}

void AdminClient::SendTo(NodeId node, const std::string& label, std::unique_ptr<KafkaMessage> request,
                         std::function<void(const Envelope&)> on_response) {
  const uint64_t attempt = ++attempt_;
  const bool listening = node != kNoNode && sim_.node(node).running();
  if (!listening) {
    // Connection refused, one round trip later (the host answers with a reset).
    if (warned_.insert(label).second) {
      log_.push_back(fmt::format("[{}] WARN {} Connection to {} could not be established. Broker may not be "
                                 "available. (org.apache.kafka.clients.NetworkClient)",
                                 FormatLog4jTimestamp(sim_.now().millis()), Prefix(), label));
    }
    sim_.Schedule(sim_.network().default_link().latency * 2, self_, [this, attempt] {
      if (attempt == attempt_) RetryLater();
    });
    return;
  }
  request->correlation_id = next_correlation_id_++;
  waiting_[request->correlation_id] = std::move(on_response);
  sim_.network().Send(self_, node, std::move(request));
  sim_.Schedule(options_.request_timeout, self_, [this, attempt] {
    if (attempt != attempt_) return;
    waiting_.clear();
    metadata_.reset();
    Attempt();
  });
}

void AdminClient::RetryLater() {
  sim_.Schedule(options_.retry_backoff, self_, [this] { Attempt(); });
}

void AdminClient::OnMessage(const Envelope& envelope) {
  const auto* message = dynamic_cast<const KafkaMessage*>(envelope.message.get());
  if (message == nullptr) return;
  auto it = waiting_.find(message->correlation_id);
  if (it == waiting_.end()) return;
  auto handler = std::move(it->second);
  waiting_.erase(it);
  ++attempt_;  // answered: the pending timeout no longer applies
  handler(envelope);
}

}  // namespace kafkasim
