#pragma once
// The producing application of the end-to-end benchmarks: it keeps `window` records outstanding,
// handing them to a real Producer `burst` at a time, each burst to one partition in turn, so that
// a burst fills one batch. Shared by producer_bench and end_to_end_bench.

#include <cstdint>
#include <string>

#include "sim/client/producer.h"
#include "sim/core/simulation.h"

namespace kafkasim::bench {

class ProducerDriver : public Process {
 public:
  ProducerDriver(Simulation& sim, NodeId self, const BrokerDirectory& directory, const ProducerConfig& config,
                 int burst, int window, int partitions, std::string topic = "bench")
      : sim_(sim), self_(self), producer_(sim, self, directory, config), burst_(burst), window_(window),
        partitions_(partitions), record_{.topic = std::move(topic), .value = std::string(100, 'v')} {}

  void OnStart() override { Refill(); }
  void OnMessage(const Envelope& e) override { producer_.OnMessage(e); }

  uint64_t acked = 0;
  uint64_t failed = 0;

 private:
  void Refill() {
    refill_pending_ = false;
    while (outstanding_ + burst_ <= window_) {
      // A burst goes to one partition (in turn), so that it fills one batch.
      // The application's record, sent again and again (as kafka-producer-perf-test sends one
      // payload): send() serializes it into the batch and leaves it to the application.
      record_.partition = static_cast<int32_t>(bursts_++ % static_cast<uint64_t>(partitions_));
      for (int i = 0; i < burst_; ++i) {
        ++outstanding_;
        producer_.Send(record_,
                       [this](const DeliveryReport& r) {
          --outstanding_;
          ++(r.ok() ? acked : failed);
          if (!refill_pending_ && outstanding_ + burst_ <= window_) {
            refill_pending_ = true;
            sim_.Schedule(Duration(), self_, [this] { Refill(); });
          }
        });
      }
    }
  }

  Simulation& sim_;
  NodeId self_;
  Producer producer_;
  int burst_, window_, partitions_;
  int outstanding_ = 0;
  uint64_t bursts_ = 0;
  bool refill_pending_ = false;
  ProducerRecord record_;
};

}  // namespace kafkasim::bench
