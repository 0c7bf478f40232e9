#include "sim/core/simulation.h"

#include <cassert>

#include <fmt/format.h>

namespace kafkasim {

std::string_view ToString(NodeState state) {
  switch (state) {
    case NodeState::kRunning: return "running";
    case NodeState::kStopped: return "stopped";
    case NodeState::kCrashed: return "crashed";
    case NodeState::kPoweredOff: return "powered-off";
  }
  return "?";
}

Simulation::Simulation(SimulationOptions options)
    : options_(options), network_(*this), timer_fire_kind_(trace_.Kind("timer.fire")) {
  network_.SetDefaultLink(options.link);
}

Simulation::~Simulation() {
  // Messages still on the wire are owned by their arrival events.
  queue_.ForEach([](const EventQueue::Entry& e) {
    if ((e.item & kTimerTag) == 0) delete reinterpret_cast<Message*>(e.item);
  });
}

// --- nodes ---

NodeId Simulation::AddNode(std::string name, std::string kind, ProcessFactory factory) {
  assert(FindNode(name) == nullptr && "node names are unique");
  assert(nodes_.size() < kNoOwner && "a timer keeps its owner's index in kOwnerBits");
  const NodeId id(static_cast<uint32_t>(nodes_.size()));
  nodes_.push_back(std::make_unique<Node>(id, std::move(name), std::move(kind), options_.seed,
                                          std::move(factory)));
  network_.AddNode(id, options_.seed, nodes_.back()->name());
  return id;
}

Node* Simulation::FindNode(std::string_view name) {
  for (auto& node : nodes_) {
    if (node->name() == name) return node.get();
  }
  return nullptr;
}

void Simulation::EmitNodeEvent(const Node& node, std::string_view kind, std::string narration) {
  const TraceKind id = trace_.Kind(kind);
  if (!trace_.Wants(id)) {
    trace_.set_context(trace_.Skip(id));
    return;
  }
  TraceEvent event{.time = now_, .kind = std::string(kind), .node = node.name()};
  event.fields["state"] = std::string(ToString(node.state()));
  event.fields["incarnation"] = node.incarnation();
  event.narration = std::move(narration);
  trace_.set_context(trace_.Emit(id, std::move(event)));
}

void Simulation::Start(NodeId id) {
  Node& n = node(id);
  assert(!n.running());
  n.state_ = NodeState::kRunning;
  n.process_ = n.factory_();
  EmitNodeEvent(n, "node.start", fmt::format("{} started", n.name()));
  n.process_->OnStart();
}

void Simulation::EndProcess(Node& n, NodeState state, std::string_view narration) {
  assert(n.running());
  n.state_ = state;
  ++n.incarnation_;  // every timer the old process set is now stale
  graveyard_.push_back(std::move(n.process_));
  EmitNodeEvent(n, state == NodeState::kStopped ? "node.stop" : "node.crash", std::string(narration));
}

void Simulation::Stop(NodeId id) {
  Node& n = node(id);
  EndProcess(n, NodeState::kStopped, fmt::format("{} shut down cleanly", n.name()));
}

void Simulation::Crash(NodeId id) {
  Node& n = node(id);
  EndProcess(n, NodeState::kCrashed,
             fmt::format("{} crashed: everything it held in memory is gone; its disk survives, "
                         "and nobody is told — others notice only when it stops answering",
                         n.name()));
}

void Simulation::PowerOff(NodeId id) {
  Node& n = node(id);
  EndProcess(n, NodeState::kPoweredOff,
             fmt::format("{} lost power: its memory and every write not yet flushed from the page "
                         "cache to disk are gone",
                         n.name()));
}

void Simulation::Restart(NodeId id) {
  Node& n = node(id);
  assert(!n.running());
  n.state_ = NodeState::kRunning;
  n.process_ = n.factory_();
  EmitNodeEvent(n, "node.restart",
                fmt::format("{} restarted: a new process, starting from what is on its disk", n.name()));
  n.process_->OnStart();
}

// --- timers ---

TimerId Simulation::Schedule(Duration delay, NodeId owner, TimerCallback callback, const char* what) {
  assert(delay >= Duration());
  return ScheduleAt(now_ + delay, owner, std::move(callback), what);
}

TimerId Simulation::ScheduleAt(Time at, NodeId owner, TimerCallback callback, const char* what) {
  assert(at >= now_ && "timers cannot be set in the past");
  uint32_t slot;
  if (!free_timers_.empty()) [[likely]] {
    slot = free_timers_.back();
    free_timers_.pop_back();
  } else {
    assert(timer_count_ < kMaxTimerSlots && "too many timers pending at once");
    slot = timer_count_++;
    if (slot % kTimerChunk == 0) timer_chunks_.push_back(std::make_unique<TimerSlot[]>(kTimerChunk));
  }
  TimerSlot& t = timer(slot);
  assert(t.use % 2 == 0 && !t.callback);
  t.callback = std::move(callback);
  t.cause = trace_.context();
  const uint32_t owner_bits = owner == kNoNode ? kNoOwner : owner.value();
  const uint32_t name = what == nullptr ? 0 : TimerNameId(what);
  t.owner_what = owner_bits | name << kOwnerBits;
  ++t.use;  // odd: pending
  const uint64_t incarnation = owner == kNoNode ? 0 : node(owner).incarnation();
  queue_.Push(at, incarnation << 32 | uint64_t{slot} << 1 | kTimerTag);
  return TimerId{slot, t.use};
}

uint32_t Simulation::TimerNameId(const char* what) {
  auto& cached = timer_name_cache_[(reinterpret_cast<uintptr_t>(what) >> 3) % timer_name_cache_.size()];
  if (cached.first == what) [[likely]] return cached.second;
  uint32_t id = 1;
  while (id < timer_names_.size() && timer_names_[id] != what) ++id;
  if (id == timer_names_.size()) {
    assert(id < kMaxTimerNames && "timers are named with literals: a few hundred at most");
    timer_names_.push_back(what);
  }
  cached = {what, id};
  return id;
}

bool Simulation::Cancel(TimerId id) {
  if (id.slot >= timer_count_) return false;
  TimerSlot& t = timer(id.slot);
  if (t.use != id.generation || t.use % 2 == 0) return false;
  // The queue entry stays and is skipped when it comes up; the callback's captures go now.
  ++t.use;
  t.callback.Reset();
  return true;
}

// --- running ---

// The callback runs in its slot (chunks never move) and is destroyed after it returns; the slot
// is free only then, so nothing it schedules can take the slot it is running in.
void Simulation::FireTimer(uint64_t item) {
  const auto slot = static_cast<uint32_t>(item) >> 1;
  const auto incarnation = static_cast<uint32_t>(item >> 32);
  TimerSlot& t = timer(slot);
  const uint32_t owner_bits = t.owner_what & kNoOwner;
  const bool pending = t.use % 2 == 1;
  const bool live = pending && (owner_bits == kNoOwner || (node(NodeId(owner_bits)).running() &&
                                                           node(NodeId(owner_bits)).incarnation() == incarnation));
  if (pending) ++t.use;  // a handle on this timer is stale from now on: Cancel leaves it alone
  if (!live) {
    t.callback.Reset();
    free_timers_.push_back(slot);
    return;
  }

  const char* what = timer_names_[t.owner_what >> kOwnerBits];
  if (what == nullptr) {
    trace_.set_context(t.cause);
  } else if (trace_.Wants(timer_fire_kind_)) {
    TraceEvent event{.time = now_, .kind = "timer.fire", .cause = t.cause};
    if (owner_bits != kNoOwner) event.node = node(NodeId(owner_bits)).name();
    event.narration = event.node.empty() ? std::string(what) : fmt::format("{}: {}", event.node, what);
    trace_.set_context(trace_.Emit(timer_fire_kind_, std::move(event)));
  } else {
    trace_.set_context(trace_.Skip(timer_fire_kind_));
  }
  if (owner_bits != kNoOwner) ++node(NodeId(owner_bits)).events_handled_;
  t.callback();
  t.callback.Reset();
  free_timers_.push_back(slot);
}

void Simulation::Dispatch(const EventQueue::Entry& entry) {
  assert(entry.time >= now_);
  // With many events pending, a message or a timer was written long before its event and has
  // left the cache: start fetching one a few events ahead, so that it is there when its turn
  // comes (both ends of a message's header: a pool block need not start on a cache line), and,
  // nearer, the node a message goes to, read from its header fetched earlier.
  if (const auto upcoming = queue_.Upcoming(); upcoming.size() > kPrefetchDistance) {
    const uint64_t item = upcoming[kPrefetchDistance].item;
    if ((item & kTimerTag) == 0) {
      const auto* message = reinterpret_cast<const char*>(item);
      __builtin_prefetch(message);
      __builtin_prefetch(message + sizeof(Message) - 1);
    } else {
      __builtin_prefetch(&timer(static_cast<uint32_t>(item) >> 1));
    }
    const uint64_t nearer = upcoming[kNodePrefetchDistance].item;
    if ((nearer & kTimerTag) == 0) {
      const uint32_t to = reinterpret_cast<const Message*>(nearer)->to_.value();
      __builtin_prefetch(nodes_[to].get());
      network_.PrefetchSender(to);  // a node that receives a message usually sends one
    }
  }
  now_ = entry.time;
  ++dispatched_;
  if (entry.item & kTimerTag) {
    FireTimer(entry.item);
  } else {
    network_.Arrive(reinterpret_cast<Message*>(entry.item));
  }
  trace_.set_context(0);
  if (!graveyard_.empty()) graveyard_.clear();
}

bool Simulation::Step() {
  if (queue_.empty()) return false;
  Dispatch(queue_.Pop());
  return true;
}

std::optional<Time> Simulation::next_event_time() {
  if (queue_.empty()) return std::nullopt;
  return queue_.Top().time;
}

void Simulation::RunUntil(Time limit) {
  while (!queue_.empty() && queue_.Top().time <= limit) Dispatch(queue_.Pop());
  if (limit > now_) now_ = limit;
}

bool Simulation::RunWhile(const std::function<bool()>& keep_going, Time limit) {
  while (keep_going()) {
    if (queue_.empty() || queue_.Top().time > limit) return false;
    Dispatch(queue_.Pop());
  }
  return true;
}

}  // namespace kafkasim
