#include "sim/core/trace.h"

#include <algorithm>
#include <cassert>

namespace kafkasim {

void Trace::AddSink(TraceSink* sink) {
  assert(sinks_.size() < kMaxSinks);
  sinks_.push_back(sink);
  RefreshInterest();
}

void Trace::RemoveSink(TraceSink* sink) {
  sinks_.erase(std::remove(sinks_.begin(), sinks_.end(), sink), sinks_.end());
  RefreshInterest();
}

uint32_t Trace::SinksWanting(std::string_view kind) const {
  uint32_t mask = 0;
  for (size_t i = 0; i < sinks_.size(); ++i) {
    if (sinks_[i]->Wants(kind)) mask |= uint32_t{1} << i;
  }
  return mask;
}

void Trace::RefreshInterest() {
  for (KindInfo& info : kinds_) info.sinks = SinksWanting(info.name);
}

TraceKind Trace::Kind(std::string_view name) {
  if (auto it = kind_ids_.find(name); it != kind_ids_.end()) return TraceKind{it->second};
  const auto id = static_cast<uint32_t>(kinds_.size());
  kinds_.push_back(KindInfo{.name = std::string(name), .sinks = SinksWanting(name)});
  kind_ids_.emplace(std::string(name), id);
  return TraceKind{id};
}

TraceSeq Trace::Emit(TraceKind kind, TraceEvent event) {
  assert(event.kind == kinds_[kind.id].name);
  assert(event.time >= last_time_ && "trace events are emitted in time order");
  last_time_ = event.time;
  event.seq = ++last_seq_;
  if (event.cause == 0) event.cause = context_;
  KindInfo& info = kinds_[kind.id];
  ++info.count;
  // A sink may emit from OnEvent (the ledger narrates a loss it sees in an election), which can
  // register kinds and move kinds_: read the mask first.
  const uint32_t wanting = info.sinks;
  for (size_t i = 0; i < sinks_.size(); ++i) {
    if (wanting & (uint32_t{1} << i)) sinks_[i]->OnEvent(event);
  }
  return event.seq;
}

uint64_t Trace::Count(std::string_view kind) const {
  uint64_t total = 0;
  for (const KindInfo& info : kinds_) {
    const std::string_view name = info.name;
    if (name.starts_with(kind) && (name.size() == kind.size() || name[kind.size()] == '.')) total += info.count;
  }
  return total;
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
