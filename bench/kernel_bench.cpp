// Kernel benchmark: events scheduled and dispatched between a few hundred nodes with network
// delivery and timers, at 1,000 and at 1,000,000 pending events; the same workload through a
// plain std::priority_queue kernel; and the queues alone (the hold model), in the same run.
//
//   build-rel/bench/kernel_bench --benchmark_counters_tabular=true
//
// Counters: events/s (items_per_second), heap allocations per event after warm-up, and the
// bytes a pending event occupies in the queue and the network besides its message.
//
// The full kernel (BM_Kernel) is the whole path of a message through the real Simulation and
// Network: the send (jitter draw, FIFO link clock, trace numbering and counting), the queue, the
// arrival (reachability, the receiver's state, trace numbering), the receiver's handler, the
// message's allocation and release. One delivery in kTimerEvery is not passed on at once: the
// receiver sets a timer and passes the message on when it fires, as a broker parks a request in
// purgatory or a client waits out a backoff, so the timer path (Schedule with a capturing
// lambda, the liveness check, timer.fire numbering, the call) is measured too: a fifth of the
// events dispatched are timers. BM_PlainKernel does the same work the textbook way: a
// std::priority_queue of (time, sequence number, event), a table of link clocks, the same
// message pool and random streams, timers held in std::function; it is what the kernel is
// compared with. The report after the table gives the ratios, both measured in this run.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <new>
#include <queue>
#include <string>
#include <vector>

#include "sim/core/event_queue.h"
#include "sim/core/random.h"
#include "sim/core/simulation.h"

// GCC cannot see that the replaced operator new below is malloc-backed and warns on its free().
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace {

// Counts calls to the global allocator, to prove the hot path allocates nothing.
uint64_t g_allocations = 0;

}  // namespace

void* operator new(std::size_t size) {
  ++g_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace kafkasim {
namespace {

constexpr int kNodes = 300;
// One delivery in kTimerEvery goes through a timer of up to kTimerDelayMax microseconds.
constexpr uint64_t kTimerEvery = 4;
constexpr uint64_t kTimerDelayMax = 1000;

struct Hop : Message {
  std::string_view Type() const override { return "Hop"; }
};

// Every delivery sends one message on to a random node, at once or when a timer fires: the
// number pending stays constant.
class Relay : public Process {
 public:
  Relay(Simulation& sim, NodeId self) : sim_(sim), self_(self) {}
  void OnMessage(const Envelope&) override {
    Random& random = sim_.node(self_).random();
    const NodeId to(static_cast<uint32_t>(random.Below(kNodes)));
    if (++received_ % kTimerEvery != 0) {
      sim_.network().Send<Hop>(self_, to);
      return;
    }
    sim_.Schedule(Duration::Micros(static_cast<int64_t>(random.Below(kTimerDelayMax))), self_,
                  [this, to] { sim_.network().Send<Hop>(self_, to); }, "forward");
  }

 private:
  Simulation& sim_;
  NodeId self_;
  uint64_t received_ = 0;
};

void BM_Kernel(benchmark::State& state) {
  const int64_t pending = state.range(0);
  // Latency spread wide enough that a million messages are really spread out in time.
  Simulation sim(SimulationOptions{.seed = 1, .link = LinkOptions{.latency = Duration::Micros(500),
                                                                  .jitter = Duration::Micros(50'000)}});
  for (uint32_t i = 0; i < kNodes; ++i) {
    sim.AddNode("node-" + std::to_string(i), "bench", [&sim, i] { return std::make_unique<Relay>(sim, NodeId(i)); });
    sim.Start(NodeId(i));
  }
  for (int64_t i = 0; i < pending; ++i) {
    sim.network().Send<Hop>(NodeId(static_cast<uint32_t>(i % kNodes)), NodeId(static_cast<uint32_t>((i * 7) % kNodes)));
  }
  // Warm up: every pool and bucket reaches its working size (the queue's upper buckets pass
  // their storage on as time moves, so this takes a few rounds of the million).
  for (int64_t i = 0; i < 5 * pending + 100'000; ++i) sim.Step();

  const uint64_t allocations_before = g_allocations;
  const uint64_t events_before = sim.events_dispatched();
  for (auto _ : state) {
    for (int i = 0; i < 1000; ++i) sim.Step();
  }
  const auto events = static_cast<double>(sim.events_dispatched() - events_before);
  state.SetItemsProcessed(static_cast<int64_t>(events));
  state.counters["allocs/event"] = static_cast<double>(g_allocations - allocations_before) / events;
  state.counters["pending"] = static_cast<double>(sim.pending_events());
  state.counters["queue_B/event"] = sizeof(EventQueue::Entry);
  state.counters["timer_B"] = Simulation::kTimerBytesBesidesCallback;
  // A message in flight is the message itself, referred to by its queue entry: the network
  // keeps no table of its own. Its wire header (id, from, to, send time, send's trace seq, lost
  // flag) is part of every message, next to the vtable pointer.
  state.counters["header_B/msg"] = sizeof(Message) - sizeof(void*);
}
BENCHMARK(BM_Kernel)->Arg(1000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// The plain kernel: the same relay workload, with a binary heap for its pending events.
class PlainKernel {
 public:
  struct Hop : Message {
    std::string_view Type() const override { return "Hop"; }
    NodeId from, to;
  };
  // What a node does with a message: its handler, called through a virtual function as the
  // kernel calls a Process.
  class Handler {
   public:
    virtual ~Handler() = default;
    virtual void OnMessage(PlainKernel& k, NodeId self, const Hop& hop) = 0;
  };
  class Relay : public Handler {
   public:
    void OnMessage(PlainKernel& k, NodeId self, const Hop&) override {
      Random& random = k.node_random_[self.value()];
      const NodeId to(static_cast<uint32_t>(random.Below(kNodes)));
      if (++received_ % kTimerEvery != 0) {
        k.Send(self, to);
        return;
      }
      k.Schedule(static_cast<int64_t>(random.Below(kTimerDelayMax)), [&k, self, to] { k.Send(self, to); });
    }

   private:
    uint64_t received_ = 0;
  };

  PlainKernel() {
    for (uint32_t i = 0; i < kNodes; ++i) {
      const std::string name = "node-" + std::to_string(i);
      node_random_.emplace_back(1, "node/" + name);
      net_random_.emplace_back(1, "net/" + name);
      handlers_.push_back(std::make_unique<Relay>());
      last_arrival_.emplace_back(kNodes);
    }
  }
  ~PlainKernel() {
    for (; !queue_.empty(); queue_.pop()) {
      if ((queue_.top().item & 1) == 0) delete reinterpret_cast<Hop*>(queue_.top().item);
    }
  }

  void Send(NodeId from, NodeId to) {
    auto hop = std::make_unique<Hop>();
    hop->from = from;
    hop->to = to;
    const Duration latency = Duration::Micros(500 + net_random_[from.value()].Between(0, 50'000));
    Time& last = last_arrival_[from.value()][to.value()];
    last = std::max(now_ + latency, last);
    queue_.push(Event{last.micros(), seq_++, reinterpret_cast<uint64_t>(hop.release())});
  }
  // A timer: its callback in a slot, the slot's number (tagged) in the queue.
  void Schedule(int64_t delay_us, std::function<void()> callback) {
    uint32_t slot;
    if (!free_timers_.empty()) {
      slot = free_timers_.back();
      free_timers_.pop_back();
    } else {
      slot = static_cast<uint32_t>(timers_.size());
      timers_.emplace_back();
    }
    timers_[slot] = std::move(callback);
    queue_.push(Event{now_.micros() + delay_us, seq_++, (uint64_t{slot} << 1) | 1});
  }
  void Step() {
    const Event e = queue_.top();
    queue_.pop();
    now_ = Time::FromMicros(e.time);
    if (e.item & 1) {
      const auto slot = static_cast<uint32_t>(e.item >> 1);
      std::function<void()> callback = std::move(timers_[slot]);
      free_timers_.push_back(slot);
      callback();
      return;
    }
    std::unique_ptr<Hop> hop(reinterpret_cast<Hop*>(e.item));
    handlers_[hop->to.value()]->OnMessage(*this, hop->to, *hop);
  }
  size_t pending() const { return queue_.size(); }

 private:
  struct Event {
    int64_t time;
    uint64_t seq;  // a binary heap is not stable: ties need a sequence number
    uint64_t item;  // a Hop*, or a timer's slot shifted left with the low bit set
    bool operator>(const Event& o) const { return time != o.time ? time > o.time : seq > o.seq; }
  };
  std::priority_queue<Event, std::vector<Event>, std::greater<>> queue_;
  std::vector<Random> node_random_, net_random_;
  std::vector<std::unique_ptr<Handler>> handlers_;
  std::vector<std::vector<Time>> last_arrival_;
  std::vector<std::function<void()>> timers_;
  std::vector<uint32_t> free_timers_;
  Time now_;
  uint64_t seq_ = 0;
};

void BM_PlainKernel(benchmark::State& state) {
  const int64_t pending = state.range(0);
  PlainKernel k;
  for (int64_t i = 0; i < pending; ++i) {
    k.Send(NodeId(static_cast<uint32_t>(i % kNodes)), NodeId(static_cast<uint32_t>((i * 7) % kNodes)));
  }
  for (int64_t i = 0; i < 5 * pending + 100'000; ++i) k.Step();
  int64_t events = 0;
  for (auto _ : state) {
    for (int i = 0; i < 1000; ++i) k.Step();
    events += 1000;
  }
  state.SetItemsProcessed(events);
  state.counters["pending"] = static_cast<double>(k.pending());
}
BENCHMARK(BM_PlainKernel)->Arg(1000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// The hold model: pop the earliest event, push one a random delay later. The same delays feed
// both queues, so the ratio compares the data structures alone.
std::vector<int64_t> Delays() {
  Random r(3, "delays");
  std::vector<int64_t> delays(1 << 20);
  for (auto& d : delays) d = static_cast<int64_t>(r.Below(50'000));
  return delays;
}

void BM_HoldRadixHeap(benchmark::State& state) {
  const auto delays = Delays();
  EventQueue q;
  size_t k = 0;
  for (int64_t i = 0; i < state.range(0); ++i) q.Push(Time::FromMicros(delays[k++ & (delays.size() - 1)]), 0);
  for (auto _ : state) {
    for (int i = 0; i < 1000; ++i) {
      const EventQueue::Entry e = q.Pop();
      q.Push(e.time + Duration::Micros(delays[k++ & (delays.size() - 1)]), e.item);
    }
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_HoldRadixHeap)->Arg(1000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_HoldPriorityQueue(benchmark::State& state) {
  struct Entry {
    int64_t time;
    uint64_t seq;  // a binary heap is not stable: ties need a sequence number
    uint32_t slot;
    bool operator>(const Entry& o) const { return time != o.time ? time > o.time : seq > o.seq; }
  };
  const auto delays = Delays();
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> q;
  size_t k = 0;
  uint64_t seq = 0;
  for (int64_t i = 0; i < state.range(0); ++i) q.push({delays[k++ & (delays.size() - 1)], seq++, 0});
  for (auto _ : state) {
    for (int i = 0; i < 1000; ++i) {
      const Entry e = q.top();
      q.pop();
      q.push({e.time + delays[k++ & (delays.size() - 1)], seq++, e.slot});
    }
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_HoldPriorityQueue)->Arg(1000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// After the table: for each benchmark the minimum, median and maximum rate over its repetitions
// (--benchmark_repetitions=N; the machine may be busy with other work, so one figure says
// little), the full kernel's median against the std::priority_queue kernel's, the queues' own
// ratio, and the memory a pending event takes.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.error_occurred) continue;
      rates_[run.run_name.str()].push_back(run.counters.at("items_per_second"));
    }
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    std::printf("\nevents/s over %s:\n", "repetitions (min / median / max)");
    for (auto& [name, rates] : rates_) {
      std::sort(rates.begin(), rates.end());
      std::printf("  %-28s %6.1fM / %6.1fM / %6.1fM  (%zu runs)\n", name.c_str(), rates.front() / 1e6,
                  Median(name) / 1e6, rates.back() / 1e6, rates.size());
    }
    for (const char* size : {"1000", "1000000"}) {
      const double kernel = Median(std::string("BM_Kernel/") + size);
      const double plain = Median(std::string("BM_PlainKernel/") + size);
      const double radix = Median(std::string("BM_HoldRadixHeap/") + size);
      const double pq = Median(std::string("BM_HoldPriorityQueue/") + size);
      if (kernel > 0 && plain > 0) {
        std::printf("%s pending, medians: the full kernel %.1fM events/s, the std::priority_queue kernel "
                    "%.1fM; ratio %.2fx\n",
                    size, kernel / 1e6, plain / 1e6, kernel / plain);
      }
      if (radix > 0 && pq > 0) {
        std::printf("%s pending, the queue alone (hold model), medians: EventQueue / std::priority_queue = "
                    "%.2fx (%.1fM vs %.1fM events/s)\n",
                    size, radix / pq, radix / 1e6, pq / 1e6);
      }
    }
    std::printf("bytes per pending event besides its message: %zu (its queue entry; the network "
                "keeps no in-flight table). Every message carries a %zu-byte wire header.\n",
                sizeof(EventQueue::Entry), sizeof(Message) - sizeof(void*));
    std::printf("bytes per pending timer besides its callback: %zu (its slot's other fields and its "
                "queue entry)\n",
                Simulation::kTimerBytesBesidesCallback);
  }

 private:
  // The median of a benchmark's sorted rates; 0 when it did not run.
  double Median(const std::string& name) {
    auto it = rates_.find(name);
    if (it == rates_.end() || it->second.empty()) return 0;
    std::vector<double>& r = it->second;
    std::sort(r.begin(), r.end());
    const size_t n = r.size();
    return n % 2 == 1 ? r[n / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
  }

  std::map<std::string, std::vector<double>> rates_;
};

}  // namespace
}  // namespace kafkasim

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  kafkasim::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
}
