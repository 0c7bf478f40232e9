#pragma once
// A node is one process of the simulated system: a ZooKeeper server, a broker, a client, a
// Connect worker. It splits into two parts the way a real machine does:
//  - the Node itself — name, id, random stream, lifecycle, and whatever its owner keeps on
//    "disk" — which survives crashes;
//  - its Process — everything in memory — which a crash destroys and a restart builds anew from
//    the factory. Volatile state is lost on a crash by construction, not by discipline.
// Timers are tagged with the incarnation that set them, so a timer set before a crash never
// fires into the process that replaced it.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "sim/core/random.h"
#include "sim/core/strong_int.h"

namespace kafkasim {

struct Envelope;
class Simulation;

enum class NodeState {
  kRunning,
  kStopped,     // shut down cleanly, or never started
  kCrashed,     // the process died; the machine and its disk are fine
  kPoweredOff,  // the machine lost power: what was not flushed to disk is gone too
};
std::string_view ToString(NodeState state);

class Process {
 public:
  virtual ~Process() = default;
  // Called once the process exists and the node is running: schedule timers, connect.
  virtual void OnStart() {}
  // A message arrived. Only called while the node is running.
  virtual void OnMessage(const Envelope& envelope) = 0;
  // A clean shutdown was asked for (SIGTERM): the process may first finish what it must (a
  // broker hands its leaderships over), then calls `done`, after which the node stops.
  virtual void Shutdown(std::function<void()> done) { done(); }
};

using ProcessFactory = std::function<std::unique_ptr<Process>()>;

// Aligned to a cache line, with what every event reads first (the state when a message arrives
// or a timer fires, the process, the random stream its handler draws from) in the first line.
class alignas(64) Node {
 public:
  Node(NodeId id, std::string name, std::string kind, uint64_t seed, ProcessFactory factory)
      : random_(seed, "node/" + name), id_(id), name_(std::move(name)), kind_(std::move(kind)),
        factory_(std::move(factory)) {}

  NodeId id() const { return id_; }
  const std::string& name() const { return name_; }
  // What the node is ("zookeeper", "broker", "producer", ...), for display and filters.
  const std::string& kind() const { return kind_; }
  NodeState state() const { return state_; }
  bool running() const { return state_ == NodeState::kRunning; }
  uint32_t incarnation() const { return incarnation_; }
  // The events this node handled: messages delivered to it and its own timers that fired. Its
  // process changes only in those, and in starting and stopping (a new incarnation, another
  // state), so a reader that last saw the same count, incarnation and state may keep what it
  // read then (the visualizer's metadata table, every frame).
  uint64_t events_handled() const { return events_handled_; }
  Random& random() { return random_; }
  // The running process, or null when the node is down.
  Process* process() { return process_.get(); }

 private:
  friend class Simulation;
  friend class Network;  // counts the messages it delivers (events_handled)

  NodeState state_ = NodeState::kStopped;
  uint32_t incarnation_ = 0;
  uint64_t events_handled_ = 0;
  std::unique_ptr<Process> process_;
  Random random_;
  NodeId id_;
  std::string name_;
  std::string kind_;
  ProcessFactory factory_;
};

}  // namespace kafkasim
