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
// Interest: a sink says which kinds it wants (Wants), and an event no sink wants is numbered and
// counted but never built: emitting it costs a table lookup, not the formatting of its narration
// and fields. Emitters ask `Wants(kind)` first, or hand EmitDomainEvent a builder it calls only
// when a sink wants the kind. The counts by kind (Count) cover every event, built or not: they
// answer `expect events KIND`.
//
// Time: events are emitted in simulated-time order; Emit asserts that time never goes back.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
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

// A kind of event, interned by its Trace: the same name gives the same small number.
struct TraceKind {
  uint32_t id = 0;
};

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  // Whether the sink wants events of this kind. Asked once a kind (again when sinks come or
  // go), so the answer may depend on the kind only and must not change while it is attached.
  // OnEvent is only called with events of kinds the sink wants.
  virtual bool Wants(std::string_view kind) const { return true; }
  virtual void OnEvent(const TraceEvent& event) = 0;
  // Called when the simulation pauses (a command completes, a run ends): a chance to write out.
  virtual void Flush() {}
};

class Trace {
 public:
  // Sinks are not owned and must outlive the Trace or be removed first. At most kMaxSinks.
  static constexpr size_t kMaxSinks = 32;
  void AddSink(TraceSink* sink);
  void RemoveSink(TraceSink* sink);
  // Whether any sink is attached. To decide whether to build an event, ask Wants(kind).
  bool enabled() const { return !sinks_.empty(); }

  // The kind's number in this trace, registering it on first use.
  TraceKind Kind(std::string_view name);
  const std::string& name(TraceKind kind) const { return kinds_[kind.id].name; }
  // Whether a sink wants events of this kind: if not, Skip(kind) instead of building one.
  bool Wants(TraceKind kind) const { return kinds_[kind.id].sinks != 0; }
  bool Wants(std::string_view kind) { return Wants(Kind(kind)); }

  // Numbers the event, defaults its cause to the event being handled, counts it, and hands it to
  // the sinks that want its kind. The event's time may not be before that of the event emitted
  // last.
  TraceSeq Emit(TraceEvent event) {
    const TraceKind kind = Kind(event.kind);
    return Emit(kind, std::move(event));
  }
  // The same, for a caller that has the kind's number (event.kind is its name).
  TraceSeq Emit(TraceKind kind, TraceEvent event);
  // Numbers and counts an event that nobody wants, without building it, so that numbering and
  // counts are the same whichever sinks are attached.
  TraceSeq Skip(TraceKind kind) {
    ++kinds_[kind.id].count;
    return ++last_seq_;
  }
  TraceSeq Skip(std::string_view kind) { return Skip(Kind(kind)); }

  // Events emitted or skipped so far whose kind is `kind` or starts with `kind` and a dot
  // ("net" counts net.send and net.drop; "partition.isr" does not count partition.isr_shrink).
  uint64_t Count(std::string_view kind) const;

  // The event whose consequences are being computed: what the kernel is dispatching, or what a
  // handler emitted last as the reason for what follows.
  TraceSeq context() const { return context_; }
  void set_context(TraceSeq seq) { context_ = seq; }
  TraceSeq last_seq() const { return last_seq_; }

  void Flush();

 private:
  struct KindInfo {
    std::string name;
    uint64_t count = 0;
    uint32_t sinks = 0;  // bit i: sinks_[i] wants this kind
  };
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
  };
  uint32_t SinksWanting(std::string_view kind) const;
  void RefreshInterest();

  std::vector<TraceSink*> sinks_;
  std::vector<KindInfo> kinds_;
  // Looked up only, never iterated: the order of kinds_ is the order of first use.
  std::unordered_map<std::string, uint32_t, NameHash, std::equal_to<>> kind_ids_;
  TraceSeq last_seq_ = 0;
  TraceSeq context_ = 0;
  Time last_time_;  // of the last emitted event: time only moves forward
};

// JSON form of an event with the field names documented in README.md ("seq", "time_us", "time",
// "kind", "node", "peer", "cause", "rule", "fields", "text"). Empty strings and a zero cause are
// left out so that lines stay short.
nlohmann::ordered_json ToJson(const TraceEvent& event);

}  // namespace kafkasim
