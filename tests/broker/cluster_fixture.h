#pragma once
// A cluster test speaks the scenario language (the commands a teacher types) plus one test-only
// verb, `test-produce TOPIC PARTITION COUNT [--acks all|1|0]`, which sends one ProduceRequest of
// COUNT records straight to the partition's current leader and prints the answer
// ("acked at 0" or "NOT_ENOUGH_REPLICAS"), so replication is testable before the producer exists.

#include <sstream>
#include <string>

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include "sim/broker/broker.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/controller.h"
#include "sim/kafka/install.h"
#include "sim/record/narrator.h"
#include "sim/script/runner.h"
#include "sim/script/scenario.h"
#include "sim/script/session.h"
#include "sim/storage/record_batch_builder.h"

namespace kafkasim::testing {

class TestProducer : public Process {
 public:
  TestProducer(Session& session, NodeId self, std::function<void(int)> done)
      : session_(session), self_(self), done_(std::move(done)) {}
  void Send(NodeId leader, std::unique_ptr<ProduceRequest> request) {
    acks_ = request->acks;
    session_.sim().network().Send(self_, leader, std::move(request));
    if (acks_ == 0) Finish("sent (acks=0: no answer will come)", 0);
  }
  void OnMessage(const Envelope& e) override {
    const auto* r = e.As<ProduceResponse>();
    if (r == nullptr || acks_ == 0) return;
    const PartitionProduceResponse& p = r->partitions.begin()->second;
    if (p.error == ErrorCode::kNone) return Finish(fmt::format("acked at {}", p.base_offset.value()), 0);
    Finish(std::string(ToString(p.error)), 1);
  }

 private:
  void Finish(const std::string& line, int code) {
    session_.Print(line);
    auto done = std::move(done_);
    session_.sim().Stop(self_);
    done(code);
  }
  Session& session_;
  NodeId self_;
  std::function<void(int)> done_;
  int16_t acks_ = -1;
};

class TestProduceCommand : public CliCommand {
 public:
  std::string name() const override { return "test-produce"; }
  std::string summary() const override { return "send one batch to a partition's leader (tests only)"; }

 protected:
  Builder Define(CLI::App& app) const override {
    auto topic = std::make_shared<std::string>();
    auto partition = std::make_shared<int32_t>(0);
    auto count = std::make_shared<int32_t>(1);
    auto acks = std::make_shared<std::string>("all");
    app.add_option("topic", *topic)->required();
    app.add_option("partition", *partition)->required();
    app.add_option("count", *count)->required();
    app.add_option("--acks", *acks);
    return [=](const std::vector<std::string>&, const std::vector<std::string>&) {
      struct Run : Invocation {
        std::string topic, acks;
        int32_t partition = 0, count = 0;
        void Start(Session& s, std::function<void(int)> done) override {
          const TopicPartition tp{topic, partition};
          // The leader as the controller last decided it.
          BrokerId leader = kNoLeader;
          if (Broker* c = s.part<BrokerPart>().ActiveController()) {
            auto it = c->controller().context().states.find(tp);
            if (it != c->controller().context().states.end()) leader = it->second.leader;
          }
          const NodeId node = s.part<BrokerPart>().directory().NodeOf(leader);
          if (node == kNoNode) {
            s.Print("no leader");
            return done(1);
          }
          auto id = std::make_shared<NodeId>(kNoNode);
          const std::string name = fmt::format("test-producer-{}", s.sim().nodes().size());
          const NodeId self = s.sim().AddNode(name, "client", [&s, id, done] {
            return std::make_unique<TestProducer>(s, *id, done);
          });
          *id = self;
          s.sim().Start(self);
          auto* producer = static_cast<TestProducer*>(s.sim().node(self).process());
          RecordBatchBuilder builder({});
          for (int32_t i = 0; i < count; ++i) {
            const std::string value = fmt::format("record-{}", i);
            builder.Append({.timestamp_ms = s.sim().now().micros() / 1000, .value = AsBytes(value)});
          }
          auto request = std::make_unique<ProduceRequest>();
          request->acks = acks == "all" ? -1 : static_cast<int16_t>(std::stoi(acks));
          request->batches.emplace(tp, builder.Build());
          producer->Send(node, std::move(request));
        }
      };
      auto run = std::make_unique<Run>();
      run->topic = *topic;
      run->partition = *partition;
      run->count = *count;
      run->acks = *acks;
      return run;
    };
  }
};

struct ClusterRun {
  RunReport report;
  std::string narration;
};

// Plays a scenario text against the whole simulator, up to `limit` in simulated time.
inline ClusterRun PlayCluster(const std::string& text, uint64_t seed = 1, Time limit = Time::Max()) {
  const Scenario scenario = ParseScenario(text, "test.scn");
  Session session(SessionOptions{.seed = seed});
  InstallKafka(session);
  session.commands().Register(std::make_unique<TestProduceCommand>());
  std::ostringstream out;
  Narrator narrator(out);
  session.trace().AddSink(&narrator);
  ScenarioRunner runner(session, scenario);
  ClusterRun run{.report = runner.Run(limit)};
  session.trace().RemoveSink(&narrator);
  run.narration = out.str();
  return run;
}

// Fails the test with every expectation of the run that did not hold, and its narration.
inline void RequireOk(const ClusterRun& run) {
  INFO(run.narration);
  for (const auto& f : run.report.failed_expectations) {
    INFO(f.location.line << ": " << f.query << " " << f.op << " " << f.expected << " (got " << f.actual << ")");
    CHECK(false);
  }
  REQUIRE(run.report.finished);
  REQUIRE(run.report.ok());
}

// The start of most cluster tests: ZooKeeper and three brokers.
inline constexpr const char* kThreeBrokers =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties\n"
    "bin/kafka-server-start.sh config/server-1.properties\n"
    "bin/kafka-server-start.sh config/server-2.properties\n";

}  // namespace kafkasim::testing
