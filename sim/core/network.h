#pragma once
// The simulated network between nodes. Every message is sent at a known time and then either
// delivered or dropped at its arrival time, never both and never silently.
//
// Model:
//  - Links are directed and FIFO, like the TCP connections Kafka and ZooKeeper use: a message
//    never overtakes an earlier one on the same link, whatever the jitter drew.
//  - Latency = base + uniform jitter, plus the sender's egress delay (`network delay NODE 200ms`
//    behaves like `tc netem delay` on that node's interface: it slows what the node sends).
//  - Loss is drawn at send time from the sender's own network stream, so a run replays exactly;
//    a lost message travels and dies on arrival, where the visualizer can show it.
//  - Bandwidth, when set, serialises messages on a link: each takes size/bandwidth to transmit.
//  - Partitions (`network split {a b} {c d}`) put the named nodes into groups; two nodes in
//    different groups cannot exchange messages, nodes not named are unaffected. One-way blocks
//    drop a single direction. Reachability is judged when a message arrives, so a split cuts
//    the messages already on the wire too.
//
// Bookkeeping: a message in flight is the message itself (it carries its wire header, see
// message.h) referred to by its arrival event in the kernel's queue. Per link the network keeps
// only its FIFO clock, among the sender's few recent links or in its table by receiver (see
// RecentSet), so a send costs no lookup in a map and no allocation.

#include <array>
#include <cassert>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/message.h"
#include "sim/core/random.h"
#include "sim/core/strong_int.h"
#include "sim/core/time.h"
#include "sim/core/trace.h"

namespace kafkasim {

class Simulation;

struct LinkOptions {
  Duration latency = Duration::Micros(1000);
  Duration jitter = Duration::Micros(200);
  double loss = 0;            // probability in [0, 1]
  int64_t bandwidth_bps = 0;  // bytes per second; 0 = unlimited
};

class Network {
 public:
  explicit Network(Simulation& sim);

  // Sends from a running node. Returns the message's id (dense, from 1).
  MessageId Send(NodeId from, NodeId to, std::unique_ptr<Message> message);
  template <typename T, typename... Args>
  MessageId Send(NodeId from, NodeId to, Args&&... args) {
    return Send(from, to, std::make_unique<T>(std::forward<Args>(args)...));
  }

  void SetDefaultLink(const LinkOptions& options) { default_link_ = options; }
  const LinkOptions& default_link() const { return default_link_; }
  void SetLink(NodeId from, NodeId to, const LinkOptions& options) { links_[{from, to}] = options; }
  void SetEgressDelay(NodeId node, Duration extra);
  void SetEgressLoss(NodeId node, double probability);
  Duration egress_delay(NodeId node) const { return PerNode(node).egress_delay; }
  double egress_loss(NodeId node) const { return PerNode(node).egress_loss; }

  // Replaces any earlier split. A node may appear in one group only (asserted: the command
  // layer checks user input first).
  void Split(const std::vector<std::vector<NodeId>>& groups);
  void Block(NodeId from, NodeId to) { blocked_.insert({from, to}); }
  // Ends every split and block; delays and loss stay.
  void Heal();
  bool Reachable(NodeId from, NodeId to) const { return !partitioned() || ReachableWhenPartitioned(from, to); }
  // The split group of a node (0 when it is in none), for display.
  int group_of(NodeId node) const { return PerNode(node).group; }
  bool partitioned() const { return split_ || !blocked_.empty(); }
  bool split() const { return split_; }
  // The one-way blocks in force (`network block A B`): A's messages to B are lost.
  const std::set<std::pair<NodeId, NodeId>>& blocked() const { return blocked_; }

  size_t in_flight() const { return in_flight_; }
  uint64_t messages_sent() const { return next_id_ - 1; }

 private:
  friend class Simulation;

  // A link's FIFO clock: when the last message sent on it arrives, in microseconds after the
  // network's epoch_ (0: at or before the epoch, which is before anything a new message could be
  // held behind). A clock at or before now holds nothing back: a new message arrives at now or
  // later anyway. So a sender keeps the clocks of its last few links in a small table of its own,
  // set-associative like a CPU cache: the receiver's id picks one of kRecentSets sets, and the
  // link takes one of its kRecentWays slots; only when all of them hold links still busy (a
  // message on the wire towards each) does its clock go into a table by receiver. At a few
  // hundred nodes a full table per sender is read at random on every send and misses the cache;
  // a set is half a cache line, and looking a link up compares four ids, not sixteen.
  static constexpr int kRecentSets = 4;
  static constexpr int kRecentWays = 4;
  struct RecentSet {
    // Receivers of the recent links (kNoNode: an unused slot) and their clocks. A slot whose
    // clock is at or before now is free again.
    std::array<uint32_t, kRecentWays> to;
    std::array<uint32_t, kRecentWays> clock{};
  };
  struct alignas(64) NodeState {
    Random random;  // the node's network stream: jitter and loss draws
    Duration egress_delay;
    double egress_loss = 0;
    int group = 0;
    // The latest clock written to `last_arrival` (0 if none): while it is at or before now,
    // the table holds nothing that matters and is not read.
    uint32_t spilled_until = 0;
    std::array<RecentSet, kRecentSets> recent;
    // The clocks that did not fit in the recent links, by receiver id; empty until then. A link
    // found among the recent ones has a clock at least as late as its entry here.
    std::vector<uint32_t> last_arrival;
    // For links with a bandwidth only: when the link finishes transmitting, by receiver id.
    std::vector<Time> busy_until;

    NodeState(uint64_t seed, const std::string& name) : random(seed, "net/" + name) {
      for (RecentSet& set : recent) set.to.fill(kNoNode.value());
    }
  };
  // What happens to a message when it arrives.
  enum class Fate { kDelivered, kLost, kUnreachable, kReceiverDown };

  void AddNode(NodeId id, uint64_t seed, const std::string& name);
  // Starts fetching what a send from `node` reads first (its random stream, its recent links).
  void PrefetchSender(uint32_t node) const {
    const char* state = reinterpret_cast<const char*>(&nodes_[node]);
    __builtin_prefetch(state);
    __builtin_prefetch(state + 64);
    __builtin_prefetch(state + 128);
  }
  // Called by the kernel when `message` reaches its arrival time; takes ownership of it.
  void Arrive(Message* message);
  TraceSeq TraceSend(const Message& message, Time arrive);
  TraceSeq TraceArrival(const Message& message, Fate fate);
  std::string WhyDropped(const Message& message, Fate fate) const;
  const NodeState& PerNode(NodeId id) const { return nodes_[id.value()]; }
  const LinkOptions& LinkFor(NodeId from, NodeId to) const {
    return links_.empty() ? default_link_ : LinkFromTable(from, to);
  }
  const LinkOptions& LinkFromTable(NodeId from, NodeId to) const;
  bool ReachableWhenPartitioned(NodeId from, NodeId to) const;
  // The entry for `to` in one of a sender's per-link tables.
  template <typename T>
  T& PerLink(std::vector<T>& table, NodeId to) {
    assert(to.value() < nodes_.size());
    if (to.value() >= table.size()) [[unlikely]] table.resize(nodes_.size());
    return table[to.value()];
  }
  // A link's FIFO clock (see RecentSet) holds at most this much past the epoch.
  static constexpr Duration kMaxLinkClock = Duration::Micros(UINT32_MAX);
  // The clock of the link from `sender` to `to`, or 0 when nothing on it arrives after now;
  // `way` is set to its slot in its set of the sender's recent links, or -1.
  uint32_t LinkClock(const NodeState& sender, NodeId to, int64_t now_clock, int& way);
  // Records a link's new clock (`way` as LinkClock gave it).
  void SetLinkClock(NodeState& sender, NodeId to, int way, uint32_t clock, int64_t now_clock);
  static const RecentSet& SetOf(const NodeState& sender, NodeId to) {
    return sender.recent[to.value() % kRecentSets];
  }
  static RecentSet& SetOf(NodeState& sender, NodeId to) { return sender.recent[to.value() % kRecentSets]; }
  // Works out a link's clock when it does not fit or the link has a far arrival; returns the
  // arrival time, no earlier than the link's far arrival. May move the epoch.
  Time SetLinkClockSlow(uint32_t& clock, NodeId from, NodeId to, Time arrive);
  // Moves the epoch up to `now`, re-expressing every link's clock.
  void Rebase(Time now);
  std::string WhyUnreachable(NodeId from, NodeId to) const;

  Simulation& sim_;
  // The trace kinds of a message's events, registered once.
  TraceKind send_kind_, deliver_kind_, drop_kind_;
  LinkOptions default_link_;
  std::map<std::pair<NodeId, NodeId>, LinkOptions> links_;
  std::vector<NodeState> nodes_;
  std::set<std::pair<NodeId, NodeId>> blocked_;
  // The links' FIFO clocks count from here; it only moves forward (to the present) when a clock
  // would not fit in 32 bits, every 71 minutes of simulated time at most.
  Time epoch_;
  // Clocks that do not fit even then (a message more than 71 minutes on the wire, which only a
  // huge `network delay` gives), by link. Almost always empty.
  std::map<std::pair<NodeId, NodeId>, Time> far_arrivals_;
  bool split_ = false;
  size_t in_flight_ = 0;
  uint64_t next_id_ = 1;
};

}  // namespace kafkasim
