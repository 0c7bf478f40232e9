#include "sim/core/trace.h"

#include <algorithm>
#include <cassert>

namespace kafkasim {

void Trace::RemoveSink(TraceSink* sink) {
  sinks_.erase(std::remove(sinks_.begin(), sinks_.end(), sink), sinks_.end());
}

TraceSeq Trace::Emit(TraceEvent event) {
  assert(event.time >= last_time_ && "trace events are emitted in time order");
  last_time_ = event.time;
  event.seq = ++last_seq_;
  if (event.cause == 0) event.cause = context_;
  for (TraceSink* sink : sinks_) sink->OnEvent(event);
  return event.seq;
}

void Trace::Flush() {
  for (TraceSink* sink : sinks_) sink->Flush();
}

nlohmann::ordered_json ToJson(const TraceEvent& event) {
  nlohmann::ordered_json j;
  j["seq"] = event.seq;
  j["time_us"] = event.time.micros();
  j["time"] = FormatTime(event.time);
  j["kind"] = event.kind;
  if (!event.node.empty()) j["node"] = event.node;
  if (!event.peer.empty()) j["peer"] = event.peer;
  if (event.cause != 0) j["cause"] = event.cause;
  if (!event.rule.empty()) j["rule"] = event.rule;
  if (!event.fields.empty()) j["fields"] = event.fields;
  j["text"] = event.narration;
  return j;
}

}  // namespace kafkasim
