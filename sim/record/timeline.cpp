#include "sim/record/timeline.h"

#include <algorithm>
#include <cassert>

#include "sim/record/json_text.h"

namespace kafkasim {

nlohmann::ordered_json EventView::fields() const {
  if (fields_json.empty()) return nlohmann::ordered_json::object();
  return nlohmann::ordered_json::parse(fields_json);
}

TraceEvent EventView::ToEvent() const {
  return TraceEvent{.seq = seq,
                    .time = time,
                    .kind = std::string(kind),
                    .node = std::string(node),
                    .peer = std::string(peer),
                    .cause = cause,
                    .rule = std::string(rule),
                    .fields = fields(),
                    .narration = std::string(narration)};
}

void Timeline::OnEvent(const TraceEvent& event) {
  assert((records_.empty() || event.seq > records_.back().seq) && "the Trace numbers in order");
  assert((records_.empty() || event.time.micros() >= records_.back().time_us) &&
         "simulated time never goes back; EventsBetween and InFlightAt rely on it");
  assert(records_.size() < kNoEvent && "indexes are 32-bit");
  const std::string fields = event.fields.empty() ? std::string() : DumpJson(event.fields);
  assert(fields.size() < UINT32_MAX && event.narration.size() < UINT32_MAX);
  const auto index = static_cast<uint32_t>(records_.size());
  records_.push_back(Record{
      .seq = event.seq,
      .cause = event.cause,
      .time_us = event.time.micros(),
      .text = arena_.Append(fields, event.narration),
      .fields_size = static_cast<uint32_t>(fields.size()),
      .narration_size = static_cast<uint32_t>(event.narration.size()),
      .kind = names_.Intern(event.kind),
      .node = names_.Intern(event.node),
      .peer = names_.Intern(event.peer),
      .rule = names_.Intern(event.rule),
  });
  TrackMessage(event, index);
}

void Timeline::TrackMessage(const TraceEvent& event, uint32_t index) {
  if (event.kind == "net.send") {
    [[maybe_unused]] const uint32_t message = ends_.Append(Time::Max().micros());
    assert(message == messages_.size() && "one end per message");
    messages_.push_back(Message{.send = index, .end = kNoEvent});
    return;
  }
  if (event.kind != "net.deliver" && event.kind != "net.drop") return;
  // The ending names its send as cause; messages_ is in send order, so search it.
  const std::optional<size_t> send = IndexOf(event.cause);
  if (!send) return;  // sent before this Timeline was attached
  const auto it = std::partition_point(messages_.begin(), messages_.end(),
                                       [&](const Message& m) { return m.send < *send; });
  if (it == messages_.end() || it->send != *send) return;
  // The network delivers or drops a message once; should that change, the first ending wins,
  // as in the SQLite messages view.
  assert(it->end == kNoEvent && "a message is delivered or dropped once");
  if (it->end != kNoEvent) return;
  it->end = index;
  ends_.Set(static_cast<uint32_t>(it - messages_.begin()), event.time.micros());
}

EventView Timeline::At(size_t index) const {
  assert(index < records_.size() && "At past the end of the timeline");
  const Record& r = records_[index];
  return EventView{
      .seq = r.seq,
      .time = Time::FromMicros(r.time_us),
      .kind = names_.Get(r.kind),
      .node = names_.Get(r.node),
      .peer = names_.Get(r.peer),
      .cause = r.cause,
      .rule = names_.Get(r.rule),
      .fields_json = std::string_view(r.text, r.fields_size),
      .narration =
          std::string_view(r.text == nullptr ? nullptr : r.text + r.fields_size, r.narration_size),
  };
}

std::optional<size_t> Timeline::IndexOf(TraceSeq seq) const {
  if (records_.empty() || seq < records_.front().seq) return std::nullopt;
  // Sequence numbers are dense while a Timeline is attached, so the index is usually direct.
  const TraceSeq offset = seq - records_.front().seq;
  if (offset < records_.size() && records_[offset].seq == seq) return offset;
  const auto it = std::partition_point(records_.begin(), records_.end(),
                                       [seq](const Record& r) { return r.seq < seq; });
  if (it == records_.end() || it->seq != seq) return std::nullopt;
  return static_cast<size_t>(it - records_.begin());
}

std::optional<EventView> Timeline::Find(TraceSeq seq) const {
  const std::optional<size_t> index = IndexOf(seq);
  if (!index) return std::nullopt;
  return At(*index);
}

EventRange Timeline::EventsBetween(Time from, Time to) const {
  if (to <= from) return {};
  auto before = [](Time t) { return [t](const Record& r) { return r.time_us < t.micros(); }; };
  const auto begin = std::partition_point(records_.begin(), records_.end(), before(from));
  const auto end = std::partition_point(begin, records_.end(), before(to));
  return EventRange{.begin = static_cast<size_t>(begin - records_.begin()),
                    .end = static_cast<size_t>(end - records_.begin())};
}

EventRange Timeline::SentBetween(Time from, Time to) const {
  const EventRange events = EventsBetween(from, to);
  auto before = [](size_t index) { return [index](const Message& m) { return m.send < index; }; };
  const auto begin = std::partition_point(messages_.begin(), messages_.end(), before(events.begin));
  const auto end = std::partition_point(begin, messages_.end(), before(events.end));
  return EventRange{.begin = static_cast<size_t>(begin - messages_.begin()),
                    .end = static_cast<size_t>(end - messages_.begin())};
}

std::vector<EventView> Timeline::CauseChain(TraceSeq seq, size_t max_length) const {
  std::vector<EventView> chain;
  while (seq != 0 && chain.size() < max_length) {
    const std::optional<EventView> event = Find(seq);
    if (!event) break;
    chain.push_back(*event);
    // A cause is always an earlier event; this also rules out a cycle.
    assert(event->cause < event->seq && "a cause happens before its effect");
    if (event->cause >= event->seq) break;
    seq = event->cause;
  }
  return chain;
}

std::vector<uint32_t> Timeline::InFlightMessagesAt(Time t) const {
  // Messages were appended as they were sent, so the ones sent by t are a prefix.
  const auto sent_by_t = std::partition_point(
      messages_.begin(), messages_.end(),
      [&](const Message& m) { return records_[m.send].time_us <= t.micros(); });
  // A message still on the wire ends at Max, which must count as later than any t.
  const int64_t threshold = std::min(t.micros(), Time::Max().micros() - 1);
  std::vector<uint32_t> found;
  ends_.ReportGreater(static_cast<size_t>(sent_by_t - messages_.begin()), threshold, &found);
  return found;
}

std::vector<InFlightMessage> Timeline::InFlightAt(Time t) const {
  const std::vector<uint32_t> found = InFlightMessagesAt(t);
  std::vector<InFlightMessage> result;
  result.reserve(found.size());
  for (uint32_t message : found) result.push_back(Describe(messages_[message]));
  return result;
}

std::vector<size_t> Timeline::InFlightSendsAt(Time t) const {
  const std::vector<uint32_t> found = InFlightMessagesAt(t);
  std::vector<size_t> result;
  result.reserve(found.size());
  for (uint32_t message : found) result.push_back(messages_[message].send);
  return result;
}

InFlightMessage Timeline::Describe(const Message& message) const {
  const EventView send = At(message.send);
  const nlohmann::ordered_json fields = send.fields();
  InFlightMessage m{
      .send_seq = send.seq,
      .msg = fields.value("msg", uint64_t{0}),
      .type = fields.value("type", ""),
      .label = fields.value("label", ""),
      .category = fields.value("category", ""),
      .sender = send.node,
      .receiver = send.peer,
      .sent = send.time,
      .arrives = Time::FromMicros(fields.value("arrive_us", send.time.micros())),
  };
  if (message.end != kNoEvent) {
    const EventView end = At(message.end);
    m.outcome = end.kind == "net.drop" ? MessageOutcome::kDropped : MessageOutcome::kDelivered;
    m.ended = end.time;
  }
  return m;
}

size_t Timeline::MemoryBytes() const {
  // The deque's own bookkeeping (one pointer per 512-byte block) is left out: under 2%.
  return records_.size() * sizeof(Record) + names_.MemoryBytes() + arena_.MemoryBytes() +
         messages_.capacity() * sizeof(Message) + ends_.MemoryBytes();
}

}  // namespace kafkasim
