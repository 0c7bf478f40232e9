#pragma once
// What Kafka's client tools share here: the name of the node a tool's client runs on, and the
// consumer process of the consuming tools (kafka-console-consumer.sh, kafka-consumer-perf-test.sh).
//
// A tool's consumer is the tool's main() on a node: each time the node starts — the first time,
// and again on `restart` after `crash` — it runs the tool's setup (subscribe or assign, set the
// handlers), as a fresh run of the same command line would. With a group, the restarted process
// joins the group again and resumes from the group's committed offsets.

#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "sim/client/consumer.h"

namespace kafkasim {

class Session;

// "prefix-N" with the smallest N from 1 that no node has taken ("producer-perf-test-1").
std::string FreeToolNodeName(Session& session, std::string_view prefix);

class ToolConsumerProcess : public Process {
 public:
  ToolConsumerProcess(Simulation& sim, NodeId self, const BrokerDirectory& directory, ConsumerConfig config,
                      std::function<void(Consumer&)> on_start)
      : consumer_(sim, self, directory, std::move(config)), on_start_(std::move(on_start)) {}

  void OnStart() override {
    consumer_.OnStart();
    on_start_(consumer_);
  }
  void OnMessage(const Envelope& envelope) override { consumer_.OnMessage(envelope); }
  // close(): commit (auto commit) and LeaveGroup.
  void Shutdown(std::function<void()> done) override { consumer_.Shutdown(std::move(done)); }
  Consumer& consumer() { return consumer_; }

 private:
  Consumer consumer_;
  std::function<void(Consumer&)> on_start_;
};

}  // namespace kafkasim
