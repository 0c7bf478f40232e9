#pragma once
// The simulation kernel: simulated time, the pending events, the nodes, the network and the
// trace. Single-threaded and deterministic: the same seed and the same calls give the same
// events in the same order, byte for byte.
//
// An event is either a timer (a callback owned by a node, or by the simulator itself when the
// owner is kNoNode) or a message arriving over the network. Events at the same time run in the
// order they were scheduled. A timer whose owner crashed, stopped or restarted since it was set
// never runs: the process it belonged to is gone.
//
// Causality: while an event runs, the trace's context is that event, so everything it causes
// (messages sent, timers set, domain events emitted) names it as its cause.

#include <array>
#include <cassert>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/event_queue.h"
#include "sim/core/network.h"
#include "sim/core/node.h"
#include "sim/core/time.h"
#include "sim/core/timer_callback.h"
#include "sim/core/trace.h"

namespace kafkasim {

struct SimulationOptions {
  uint64_t seed = 1;
  LinkOptions link;  // the default link between any two nodes
};

// A handle on a scheduled timer, for cancelling it. Stale handles are harmless.
struct TimerId {
  uint32_t slot = UINT32_MAX;
  uint32_t generation = 0;  // the slot's use count while the timer is pending (odd)
};

class Simulation {
 public:
  explicit Simulation(SimulationOptions options = {});
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  Time now() const { return now_; }
  uint64_t seed() const { return options_.seed; }
  Trace& trace() { return trace_; }
  const Trace& trace() const { return trace_; }
  Network& network() { return network_; }
  const Network& network() const { return network_; }

  // --- nodes ---
  // Adds a stopped node. Names are unique (asserted: the command layer checks user input).
  NodeId AddNode(std::string name, std::string kind, ProcessFactory factory);
  Node& node(NodeId id) { return *nodes_[id.value()]; }
  const Node& node(NodeId id) const { return *nodes_[id.value()]; }
  Node* FindNode(std::string_view name);
  const std::vector<std::unique_ptr<Node>>& nodes() const { return nodes_; }

  // Lifecycle. Each is traced with a narration of what it means for the node's state.
  void Start(NodeId id);
  void Stop(NodeId id);                     // a clean shutdown
  void Crash(NodeId id);                    // the process dies; the disk survives
  void PowerOff(NodeId id);                 // the machine dies; unflushed writes are lost
  void Restart(NodeId id);                  // from crashed, powered off or stopped

  // --- timers ---
  // `what`, when given, is narrated when the timer fires ("session ping"); timers without it
  // are plumbing and leave no timer.fire event. `what` must outlive the timer (a literal).
  // The callback is kept inside the timer (see timer_callback.h): keep its captures small.
  TimerId Schedule(Duration delay, NodeId owner, TimerCallback callback, const char* what = nullptr);
  TimerId ScheduleAt(Time at, NodeId owner, TimerCallback callback, const char* what = nullptr);
  // True when the timer was still pending.
  bool Cancel(TimerId id);

  // --- running ---
  // Runs the earliest pending event. False when nothing is pending.
  bool Step();
  // Runs every event due at or before `limit`, then sets the clock to `limit`.
  void RunUntil(Time limit);
  // Runs events while `keep_going()` holds and the next event is due by `limit`. Returns
  // whether it stopped because keep_going() turned false.
  bool RunWhile(const std::function<bool()>& keep_going, Time limit);
  bool idle() const { return queue_.empty(); }
  std::optional<Time> next_event_time();
  uint64_t events_dispatched() const { return dispatched_; }
  size_t pending_events() const { return queue_.size(); }

 private:
  friend class Network;
  // A queue entry's item is either a message arriving (its address: messages are at least
  // 8-byte aligned, so the low bit is clear) or a timer: the low bit set, its slot in bits 1..31
  // and, in the high 32 bits, the incarnation of its owner when it was set (see TimerSlot).
  static constexpr uint64_t kTimerTag = 1;
  static constexpr uint32_t kMaxTimerSlots = uint32_t{1} << 31;
  // How many events ahead Dispatch prefetches the arriving message: far enough for the memory
  // to answer before it is needed, near enough that it is still in the cache then.
  static constexpr size_t kPrefetchDistance = 4;
  static constexpr size_t kNodePrefetchDistance = 2;

  // A timer: its callback and, in 16 bytes, the rest (the budget for a pending event is
  // 32 bytes besides its message, and a timer's queue entry takes the other 16):
  //  - `use`: how many times the slot was set and finished, twice: odd while a timer is pending
  //    in it, even once it fired or was cancelled. A TimerId holds the odd value of its timer,
  //    so a stale handle never matches a later timer in the same slot.
  //  - `owner_what`: the owner's node index (kOwnerBits; all ones for kNoNode) and the number
  //    of the timer's `what` among the names timers were set with (0: none).
  //  - the owner's incarnation travels in the queue entry: a crash ends the incarnation, and the
  //    entry, when it comes up, no longer matches.
  struct TimerSlot {
    TimerCallback callback;
    TraceSeq cause = 0;
    uint32_t use = 0;
    uint32_t owner_what = 0;
  };
  static constexpr int kOwnerBits = 20;
  static constexpr uint32_t kNoOwner = (uint32_t{1} << kOwnerBits) - 1;
  static constexpr uint32_t kMaxTimerNames = uint32_t{1} << (32 - kOwnerBits);
  static_assert(sizeof(TimerSlot) - sizeof(TimerCallback) == 16);

 public:
  // What a pending timer takes besides its callback: its slot's other fields and its entry in
  // the queue (the kernel benchmark prints it).
  static constexpr size_t kTimerBytesBesidesCallback =
      sizeof(TimerSlot) - sizeof(TimerCallback) + sizeof(EventQueue::Entry);

 private:
  // Timers live in chunks that never move, so that a callback runs in place while it sets more.
  static constexpr uint32_t kTimerChunk = 256;
  TimerSlot& timer(uint32_t slot) { return timer_chunks_[slot / kTimerChunk][slot % kTimerChunk]; }
  // The number of a timer's `what` (0 for none), given on first use.
  uint32_t TimerNameId(const char* what);

  void Dispatch(const EventQueue::Entry& entry);
  void FireTimer(uint64_t item);  // the queue entry's item
  // Queues the arrival of a message the network just sent; the queue entry owns it until then.
  void PushArrival(Time at, Message* message) {
    const auto item = reinterpret_cast<uint64_t>(message);
    assert((item & kTimerTag) == 0);
    queue_.Push(at, item);
  }
  // Ends the node's current process (crash, power off, stop).
  void EndProcess(Node& node, NodeState state, std::string_view narration);
  void EmitNodeEvent(const Node& node, std::string_view kind, std::string narration);

  SimulationOptions options_;
  Time now_;
  Trace trace_;
  Network network_;
  EventQueue queue_;
  std::vector<std::unique_ptr<TimerSlot[]>> timer_chunks_;
  uint32_t timer_count_ = 0;  // slots handed out so far, in use or free
  std::vector<uint32_t> free_timers_;
  // The `what`s timers were set with, by number (0: none), and a small cache in front of the
  // search: a pointer's low bits pick its entry. Only looked up, never iterated in an order
  // that reaches an event: numbers are given in order of first use.
  std::vector<const char*> timer_names_{nullptr};
  std::array<std::pair<const char*, uint32_t>, 64> timer_name_cache_{};
  std::vector<std::unique_ptr<Node>> nodes_;
  // Processes ended while one of their own events ran are destroyed after it returns.
  std::vector<std::unique_ptr<Process>> graveyard_;
  TraceKind timer_fire_kind_;
  uint64_t dispatched_ = 0;
};

}  // namespace kafkasim
