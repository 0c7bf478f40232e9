#pragma once
// A simulated application that produces (`producer start NAME --topic T ...`): a process with a
// KafkaProducer inside that sends a record every 1/rate seconds, optionally keyed in turn from a
// list (user-1, user-2, ...), with values of a given size that begin with "NAME#n" so the ledger
// can recognise each record wherever it is stored. Every send, acknowledgement and failure goes
// to the ledger.
//
// The spec and the count of records handed out live outside the process (ProducerAppState), as
// an application's input would: after a crash and a restart the app goes on with the next record
// number; records that were in its producer's memory when it crashed were sent but are never
// acknowledged. With --count the app stops sending after that many records in all.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/client/producer.h"
#include "sim/ledger/ledger.h"

namespace kafkasim {

struct ProducerAppSpec {
  std::string name;
  std::string topic;
  Duration interval = Duration::Millis(10);  // 1 / rate
  std::vector<std::string> keys;             // empty: null keys
  size_t value_size = 100;
  std::optional<uint64_t> count;
  ProducerConfig config;
};

struct ProducerAppState {
  ProducerAppSpec spec;
  uint64_t next_record = 1;
  std::shared_ptr<ProducerStats> stats;
};

class ProducerApp : public Process {
 public:
  ProducerApp(Simulation& sim, NodeId self, const BrokerDirectory& directory, std::shared_ptr<ProducerAppState> state,
              Ledger& ledger);
  ~ProducerApp() override;

  void OnStart() override;
  void OnMessage(const Envelope& envelope) override { producer_.OnMessage(envelope); }
  // `producer stop`: no more records; the producer closes (sends what it holds) first.
  void Shutdown(std::function<void()> done) override;

  const Producer& producer() const { return producer_; }

 private:
  void Tick();

  Simulation& sim_;
  NodeId self_;
  std::shared_ptr<ProducerAppState> state_;
  Ledger& ledger_;
  Producer producer_;
  TimerId tick_;
  bool stopping_ = false;
};

// "user-{1..3}" -> user-1, user-2, user-3; "a,b" -> a, b; "k" -> k. Nullopt when malformed.
std::optional<std::vector<std::string>> ExpandKeys(const std::string& pattern);
// "100/s" -> 10 ms between records. Nullopt when malformed or faster than one record a microsecond.
std::optional<Duration> ParseRate(const std::string& rate);

}  // namespace kafkasim
