#pragma once
// The trace: every send, delivery, drop, timer, crash, restart and domain state change becomes a
// TraceEvent with a dense sequence number. Events name their cause (the sequence number of the
// event that led to them) and the rule or setting that decided them, so a reader can walk the
// chain backwards and answer "why did this happen?".
//
// The Trace owns the numbering; sinks (the terminal narrator, JSON Lines, the SQLite recorder,
// the in-memory timeline) only observe. Numbering does not depend on which sinks are attached:
// with none attached the simulator skips building events but still counts them, so a run traced
// to a file and a run traced to nothing agree on every sequence number.
//
// Causes of the network's events: a net.deliver or net.drop event's cause is the seq of the
// net.send of that message (every message ends in exactly one of them), and whatever the
// receiver does while handling it names the delivery as its cause.
//
// Time: events are emitted in simulated-time order; Emit asserts that time never goes back.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/core/time.h"

namespace kafkasim {

using TraceSeq = uint64_t;  // 1-based; 0 means "no event"

struct TraceEvent {
  TraceSeq seq = 0;
  Time time;
  // Dotted, stable names: "net.send", "net.deliver", "net.drop", "timer.fire", "node.crash",
  // "node.restart", "script.command", "script.narrate", "script.expect", and the domain's own
  // ("partition.isr_shrink", ...). The README lists them.
  std::string kind;
  std::string node;  // the node the event happened at; empty for the simulator itself
  std::string peer;  // the other end of a message, where there is one
  TraceSeq cause = 0;  // for net.deliver and net.drop: the seq of the message's net.send
  std::string rule;  // the setting or rule that decided it: "replica.lag.time.max.ms=30000"
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  std::string narration;  // one line a student understands
};

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void OnEvent(const TraceEvent& event) = 0;
  // Called when the simulation pauses (a command completes, a run ends): a chance to write out.
  virtual void Flush() {}
};

class Trace {
 public:
  // Sinks are not owned and must outlive the Trace or be removed first.
  void AddSink(TraceSink* sink) { sinks_.push_back(sink); }
  void RemoveSink(TraceSink* sink);
  bool enabled() const { return !sinks_.empty(); }

  // Numbers the event, defaults its cause to the event being handled, and hands it to the sinks.
  // The event's time may not be before that of the event emitted last.
  TraceSeq Emit(TraceEvent event);
  // Counts an event that nobody observes, so that numbering stays the same without sinks.
  TraceSeq Skip() { return ++last_seq_; }

  // The event whose consequences are being computed: what the kernel is dispatching, or what a
  // handler emitted last as the reason for what follows.
  TraceSeq context() const { return context_; }
  void set_context(TraceSeq seq) { context_ = seq; }
  TraceSeq last_seq() const { return last_seq_; }

  void Flush();

 private:
  std::vector<TraceSink*> sinks_;
  TraceSeq last_seq_ = 0;
  TraceSeq context_ = 0;
  Time last_time_;  // of the last emitted event: time only moves forward
};

// JSON form of an event with the field names documented in README.md ("seq", "time_us", "time",
// "kind", "node", "peer", "cause", "rule", "fields", "text"). Empty strings and a zero cause are
// left out so that lines stay short.
nlohmann::ordered_json ToJson(const TraceEvent& event);

}  // namespace kafkasim
