#pragma once
// The timeline: every event of a run kept in memory, in sequence order, for the visualizer to
// scrub through and for tests to question. It answers "what happened between these two
// instants", "why did this happen" (the chain of causes) and "which messages are on the wire
// at this instant".
//
// Storage is compact so that about a million events fit comfortably: a fixed 56-byte record
// per event, names (kind, node, peer, rule) interned, narration and fields JSON side by side in
// a chunked arena. Nothing is ever moved, so the views handed out stay valid as long as the
// Timeline lives. Events must arrive with increasing seq and non-decreasing time, as the Trace
// hands them out; the range queries rely on it.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/time.h"
#include "sim/core/trace.h"
#include "sim/record/max_tree.h"
#include "sim/record/string_store.h"

namespace kafkasim {

// One recorded event, borrowed from the Timeline.
struct EventView {
  TraceSeq seq = 0;
  Time time;
  std::string_view kind;
  std::string_view node;
  std::string_view peer;
  TraceSeq cause = 0;
  std::string_view rule;
  std::string_view fields_json;  // empty when the event had no fields
  std::string_view narration;

  nlohmann::ordered_json fields() const;  // parses fields_json
  TraceEvent ToEvent() const;             // an owning copy, equal to the event recorded
};

// Indexes [begin, end) into the timeline, for Timeline::At (or numbers of messages).
struct EventRange {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
};

enum class MessageOutcome { kInFlight, kDelivered, kDropped };

struct InFlightMessage {
  TraceSeq send_seq = 0;
  uint64_t msg = 0;  // the network's message id
  std::string type;
  std::string label;
  std::string category;  // the message's family ("zookeeper", "heartbeat", ...), for colouring
  std::string_view sender;
  std::string_view receiver;
  Time sent;
  Time arrives;  // the scheduled arrival
  // How the message ends, known with hindsight: the visualizer can draw a doomed message red.
  MessageOutcome outcome = MessageOutcome::kInFlight;
  Time ended = Time::Max();  // when it was delivered or dropped; Max while still in flight
};

class Timeline : public TraceSink {
 public:
  // A cause chain longer than this is cut: no real chain is, and a bug must not hang the UI.
  static constexpr size_t kMaxCauseChain = 256;

  void OnEvent(const TraceEvent& event) override;

  size_t size() const { return records_.size(); }
  bool empty() const { return records_.empty(); }
  EventView At(size_t index) const;
  // The kind of the event at `index` as a number (equal numbers, equal kinds, for the timeline's
  // life), and its time: a caller sorting thousands of events a frame reads no more of them.
  uint32_t KindId(size_t index) const { return records_[index].kind; }
  Time TimeAt(size_t index) const { return Time::FromMicros(records_[index].time_us); }
  // The same for the event's node and peer: numbers of names, as the kind's, which Name spells.
  uint32_t NodeId(size_t index) const { return records_[index].node; }
  uint32_t PeerId(size_t index) const { return records_[index].peer; }
  std::string_view Name(uint32_t id) const { return names_.Get(id); }

  std::optional<size_t> IndexOf(TraceSeq seq) const;
  std::optional<EventView> Find(TraceSeq seq) const;
  // Events with from <= time < to, by binary search.
  EventRange EventsBetween(Time from, Time to) const;
  // The event, its cause, its cause's cause... oldest last. Stops at cause 0, at a cause
  // recorded before this Timeline was attached, or after max_length events.
  std::vector<EventView> CauseChain(TraceSeq seq, size_t max_length = kMaxCauseChain) const;
  // Messages sent at or before t and not delivered or dropped by t, in order of sending.
  std::vector<InFlightMessage> InFlightAt(Time t) const;
  // The same messages as the indexes (for At) of their net.send events, without parsing their
  // fields: for a caller that keeps its own descriptions (the visualizer, every frame).
  std::vector<size_t> InFlightSendsAt(Time t) const;

  // Messages are numbered from 0 in order of sending; messages() counts them.
  size_t messages() const { return messages_.size(); }
  // The messages sent during [from, to), by binary search, as a range of their numbers.
  EventRange SentBetween(Time from, Time to) const;
  // The index (for At) of a message's net.send.
  size_t SendIndex(size_t message) const { return messages_[message].send; }
  // Heap bytes held, estimated from sizes and capacities (see the memory test for a measure).
  size_t MemoryBytes() const;

 private:
  struct Record {
    TraceSeq seq;
    TraceSeq cause;
    int64_t time_us;
    const char* text;  // fields JSON, then narration, in arena_
    uint32_t fields_size;
    uint32_t narration_size;
    uint32_t kind, node, peer, rule;  // ids in names_
  };
  static_assert(sizeof(Record) == 56, "the per-event cost the header promises");

  static constexpr uint32_t kNoEvent = UINT32_MAX;
  struct Message {
    uint32_t send;  // index of the net.send
    uint32_t end;   // index of its net.deliver or net.drop, or kNoEvent
  };

  void TrackMessage(const TraceEvent& event, uint32_t index);
  // Numbers (in messages_) of the messages in flight at t, in order of sending.
  std::vector<uint32_t> InFlightMessagesAt(Time t) const;
  InFlightMessage Describe(const Message& message) const;

  std::deque<Record> records_;  // a deque: no copying of a million records when it grows
  StringTable names_;
  TextArena arena_;
  std::vector<Message> messages_;  // in order of sending, so also by send time
  MaxTree ends_;                   // per message: its end time, Max while in flight
};

}  // namespace kafkasim
