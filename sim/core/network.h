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

#include <map>
#include <memory>
#include <set>
#include <unordered_map>
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
  explicit Network(Simulation& sim) : sim_(sim) {}

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
  bool Reachable(NodeId from, NodeId to) const;
  // The split group of a node (0 when it is in none), for display.
  int group_of(NodeId node) const { return PerNode(node).group; }
  bool partitioned() const { return split_ || !blocked_.empty(); }

  size_t in_flight() const { return in_flight_count_; }
  uint64_t messages_sent() const { return next_id_ - 1; }

 private:
  friend class Simulation;
  struct NodeState {
    Random random;  // the node's network stream: jitter and loss draws
    Duration egress_delay;
    double egress_loss = 0;
    int group = 0;
  };
  struct InFlight {
    Envelope envelope;
    TraceSeq send_seq = 0;
    bool lost = false;
  };

 public:
  // What a message on the wire costs besides the message itself (for the benchmark's report).
  static const size_t kInFlightSlotBytes;

 private:
  struct LinkClock {
    Time last_arrival;
    Time busy_until;
  };

  void AddNode(NodeId id, uint64_t seed, const std::string& name);
  // Called by the kernel when the message in `slot` reaches its arrival time.
  void Arrive(uint32_t slot);
  const NodeState& PerNode(NodeId id) const { return nodes_[id.value()]; }
  const LinkOptions& LinkFor(NodeId from, NodeId to) const;
  std::string WhyUnreachable(NodeId from, NodeId to) const;

  Simulation& sim_;
  LinkOptions default_link_;
  std::map<std::pair<NodeId, NodeId>, LinkOptions> links_;
  std::vector<NodeState> nodes_;
  // Looked up by (from, to) and never iterated, so its order cannot reach the simulation.
  std::unordered_map<uint64_t, LinkClock> clocks_;
  std::set<std::pair<NodeId, NodeId>> blocked_;
  bool split_ = false;
  std::vector<InFlight> slots_;
  std::vector<uint32_t> free_slots_;
  size_t in_flight_count_ = 0;
  uint64_t next_id_ = 1;
};

}  // namespace kafkasim
