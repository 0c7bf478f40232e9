// The producer against one scripted leader that keeps a real log and the real producer state:
// what a retry does to a partition's order and to duplicates, with idempotence and without.

#include <catch2/catch.hpp>
#include <deque>

#include "sim/broker/producer_state_manager.h"
#include "sim/client/producer.h"
#include "sim/protocol/broker_directory.h"
#include "sim/storage/log.h"
#include "tests/client/client_fixture.h"

namespace kafkasim {
namespace {

// What the leader does with the next Produce request.
enum class Verdict {
  kAppend,             // check it as a real leader does (duplicates, sequences), append, answer
  kRefuse,             // NOT_LEADER_OR_FOLLOWER: nothing written (a retriable error)
  kAppendThenFail,     // append, then answer NOT_ENOUGH_REPLICAS_AFTER_APPEND (retriable, data kept)
};

class ScriptedLeader : public Process {
 public:
  ScriptedLeader(Simulation& sim, NodeId self) : sim_(sim), self_(self) {}

  void OnMessage(const Envelope& e) override {
    const auto* request = static_cast<const KafkaMessage*>(e.message.get());
    std::unique_ptr<KafkaMessage> response;
    if (e.As<MetadataRequest>()) {
      response = std::make_unique<MetadataResponse>(testing::TopicMetadataResponse("orders", {0}));
    } else if (e.As<InitProducerIdRequest>()) {
      auto r = std::make_unique<InitProducerIdResponse>();
      r->producer_id = 4000;
      r->producer_epoch = 0;
      response = std::move(r);
    } else if (const auto* produce = e.As<ProduceRequest>()) {
      auto r = std::make_unique<ProduceResponse>();
      for (const auto& [tp, batch] : produce->batches) r->partitions[tp] = Append(batch);
      response = std::move(r);
    } else {
      return;
    }
    response->correlation_id = request->correlation_id;
    sim_.network().Send(self_, e.from, std::move(response));
  }

  std::deque<Verdict> script;  // then kAppend
  Log log{LogOptions{.topic = "orders", .partition = 0}, Time::Zero()};
  ProducerStateManager state;

 private:
  PartitionProduceResponse Append(const RecordBatch& batch) {
    const Verdict verdict = script.empty() ? Verdict::kAppend : script.front();
    if (!script.empty()) script.pop_front();
    PartitionProduceResponse r;
    if (verdict == Verdict::kRefuse) {
      r.error = ErrorCode::kNotLeaderOrFollower;
      return r;
    }
    const ProducerAppendCheck check = state.Check(batch.view(), TopicPartition{"orders", 0});
    if (check.duplicate) {
      r.base_offset = Offset(check.duplicate->first_offset);
      return r;
    }
    if (check.error != ErrorCode::kNone) {
      r.error = check.error;
      return r;
    }
    const LogAppendInfo info = log.AppendAsLeader(batch, LeaderEpoch(0), sim_.now());
    REQUIRE(info.ok());
    state.Update(batch.view(), info.first_offset.value());
    r.base_offset = info.first_offset;
    if (verdict == Verdict::kAppendThenFail) r.error = ErrorCode::kNotEnoughReplicasAfterAppend;
    return r;
  }

  Simulation& sim_;
  NodeId self_;
};

using Props = std::map<std::string, std::string, std::less<>>;

struct IdempotenceFixture {
  explicit IdempotenceFixture(Props props) {
    props["bootstrap.servers"] = "localhost:9092";
    auto parsed = ParseProducerConfig(props);
    REQUIRE(std::holds_alternative<ParsedProducerConfig>(parsed));
    config = std::get<ParsedProducerConfig>(parsed).config;
    leader_node = sim.AddNode("broker-0", "broker", [this] { return std::make_unique<ScriptedLeader>(sim, leader_node); });
    directory.Add(BrokerId(0), leader_node, "localhost", 9092);
    producer_node = sim.AddNode("producer", "producer", [this] {
      return std::make_unique<Producer>(sim, producer_node, directory, config);
    });
    sim.Start(leader_node);
    sim.Start(producer_node);
  }
  ScriptedLeader& leader() { return *static_cast<ScriptedLeader*>(sim.node(leader_node).process()); }
  Producer& producer() { return *static_cast<Producer*>(sim.node(producer_node).process()); }
  // Sends a record with value `value` at `at` (one batch each: linger.ms=0).
  void SendAt(Duration at, std::string value) {
    sim.Schedule(at, producer_node, [this, value] {
      producer().Send(ProducerRecord{.topic = "orders", .value = value}, [this, value](const DeliveryReport& r) {
        reports.emplace_back(value, r.ok() ? r.offset.value() : -1);
      });
    });
  }
  std::vector<std::string> LogValues() const {
    std::vector<std::string> values;
    for (const auto& segment : const_cast<IdempotenceFixture*>(this)->leader().log.segments()) {
      for (size_t i = 0; i < segment->batch_count(); ++i) {
        for (const RecordView& record : segment->batch(i).view()) {
          values.emplace_back(AsString(*record.value));
        }
      }
    }
    return values;
  }

  Simulation sim;
  BrokerDirectory directory;
  ProducerConfig config;
  NodeId leader_node = kNoNode, producer_node = kNoNode;
  std::vector<std::pair<std::string, int64_t>> reports;  // value, acknowledged offset (-1: failed)
};

using Values = std::vector<std::string>;

// "a" first, so that the producer knows the topic's metadata before "b" and "c" go one by one.
TEST_CASE("without idempotence, a retried batch lands behind a later one when several are in flight") {
  IdempotenceFixture f(Props{{"enable.idempotence", "false"}, {"max.in.flight.requests.per.connection", "5"}});
  f.SendAt(Duration::Millis(10), "a");
  f.SendAt(Duration::Millis(100), "b");
  f.SendAt(Duration::Millis(101), "c");
  f.sim.RunUntil(Time::Zero() + Duration::Millis(50));
  REQUIRE(f.LogValues() == Values{"a"});
  f.leader().script = {Verdict::kRefuse};  // "b" is refused once; "c", in flight meanwhile, is written
  f.sim.RunUntil(Time::Zero() + Duration::Seconds(5));
  CHECK(f.LogValues() == Values{"a", "c", "b"});
  CHECK(f.producer().stats().retries == 1);
}

TEST_CASE("with one request in flight, the same failure keeps the order") {
  IdempotenceFixture f(Props{{"enable.idempotence", "false"}, {"max.in.flight.requests.per.connection", "1"}});
  f.SendAt(Duration::Millis(10), "a");
  f.SendAt(Duration::Millis(100), "b");
  f.SendAt(Duration::Millis(101), "c");
  f.sim.RunUntil(Time::Zero() + Duration::Millis(50));
  REQUIRE(f.LogValues() == Values{"a"});
  f.leader().script = {Verdict::kRefuse};
  f.sim.RunUntil(Time::Zero() + Duration::Seconds(5));
  CHECK(f.LogValues() == Values{"a", "b", "c"});
}

TEST_CASE("with idempotence the later batch is refused as out of order and both are retried in sequence") {
  IdempotenceFixture f(Props{});
  REQUIRE(f.config.idempotence);
  f.SendAt(Duration::Millis(10), "a");  // gives the leader the producer's state
  f.SendAt(Duration::Millis(100), "b");
  f.SendAt(Duration::Millis(101), "c");
  f.sim.RunUntil(Time::Zero() + Duration::Millis(50));
  REQUIRE(f.LogValues() == Values{"a"});
  f.leader().script = {Verdict::kRefuse};  // "b" refused; "c" (sequence 2) then fails its sequence check
  f.sim.RunUntil(Time::Zero() + Duration::Seconds(5));
  CHECK(f.LogValues() == Values{"a", "b", "c"});
  CHECK(f.producer().transactions().producer_id() == 4000);
  CHECK(f.producer().transactions().LastAckedSequence({"orders", 0}) == 2);
  CHECK(f.producer().stats().retries >= 2);
  CHECK(f.producer().stats().failed == 0);
}

TEST_CASE("without idempotence, a batch written but not acknowledged is written again by its retry") {
  IdempotenceFixture f(Props{{"enable.idempotence", "false"}});
  f.SendAt(Duration::Millis(10), "a");
  f.sim.RunUntil(Time::Zero() + Duration::Millis(5));
  f.leader().script = {Verdict::kAppendThenFail};
  f.sim.RunUntil(Time::Zero() + Duration::Seconds(5));
  CHECK(f.LogValues() == Values{"a", "a"});
  REQUIRE(f.reports.size() == 1);
  CHECK(f.reports[0] == std::pair<std::string, int64_t>{"a", 1});
}

TEST_CASE("with idempotence the retry of a written batch is recognised and answered with the first offset") {
  IdempotenceFixture f(Props{});
  f.SendAt(Duration::Millis(10), "a");
  f.SendAt(Duration::Millis(20), "b");
  f.sim.RunUntil(Time::Zero() + Duration::Millis(15));
  f.leader().script = {Verdict::kAppendThenFail};  // "b" is written, the answer says retry
  f.sim.RunUntil(Time::Zero() + Duration::Seconds(5));
  CHECK(f.LogValues() == Values{"a", "b"});
  REQUIRE(f.reports.size() == 2);
  CHECK(f.reports[1] == std::pair<std::string, int64_t>{"b", 1});
}

TEST_CASE("batches carry the producer id, the epoch and consecutive sequences per partition") {
  IdempotenceFixture f(Props{});
  f.SendAt(Duration::Millis(10), "a");
  f.SendAt(Duration::Millis(20), "b");
  f.sim.RunUntil(Time::Zero() + Duration::Seconds(1));
  const auto& segment = *f.leader().log.segments().front();
  REQUIRE(segment.batch_count() == 2);
  CHECK(segment.batch(0).view().producer_id() == 4000);
  CHECK(segment.batch(0).view().producer_epoch() == 0);
  CHECK(segment.batch(0).view().base_sequence() == 0);
  CHECK(segment.batch(1).view().base_sequence() == 1);
}

TEST_CASE("without idempotence batches carry no producer id") {
  IdempotenceFixture f(Props{{"acks", "1"}});
  REQUIRE_FALSE(f.config.idempotence);
  f.SendAt(Duration::Millis(10), "a");
  f.sim.RunUntil(Time::Zero() + Duration::Seconds(1));
  CHECK(f.leader().log.segments().front()->batch(0).view().producer_id() == -1);
  CHECK(f.leader().log.segments().front()->batch(0).view().base_sequence() == -1);
}

// send() serializes the record during the call (or copies it, while the topic's metadata is
// unknown): the application owns its record and may change and send it again at once.
TEST_CASE("an application reuses its record: what was sent stays as it was when sent") {
  IdempotenceFixture f(Props{});
  f.sim.Schedule(Duration::Millis(10), f.producer_node, [&f] {
    ProducerRecord record{.topic = "orders", .value = "first"};
    f.producer().Send(record, nullptr);  // no metadata yet: it waits
    record.value = "second";
    f.producer().Send(record, nullptr);
    record.value = "changed after sending";
  });
  f.sim.Schedule(Duration::Seconds(1), f.producer_node, [&f] {
    ProducerRecord record{.topic = "orders", .value = "third"};
    f.producer().Send(record, nullptr);  // the metadata is known: serialized into a batch at once
    record.value = "changed after sending";
  });
  f.sim.RunUntil(Time::Zero() + Duration::Seconds(5));
  CHECK(f.LogValues() == Values{"first", "second", "third"});
}

}  // namespace
}  // namespace kafkasim
