#pragma once
// What the canvas and the space-time diagram need of a recorded message — type, label,
// category, ends, send and arrival times — parsed from its net.send event's fields once and kept,
// so a frame with thousands of packets parses no JSON. A view cache, not simulation state: it
// can be dropped at any time and is rebuilt from the timeline.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sim/record/timeline.h"

namespace kafkasim::viz {

struct MessageInfo {
  TraceSeq send_seq = 0;
  std::string type;
  std::string label;  // the label, or the type when the message has none
  std::string category;
  std::string_view sender, receiver;  // borrowed from the timeline
  Time sent, arrives;
};

class MessageCache {
 public:
  // The message whose net.send is event `send_index` of `timeline`.
  const MessageInfo& Get(const Timeline& timeline, size_t send_index);
  size_t size() const { return by_index_.size(); }

 private:
  // Beyond this many the cache starts over: a long session must not grow it without bound.
  static constexpr size_t kMaxEntries = 1 << 20;
  const Timeline* timeline_ = nullptr;
  // Looked up by index, never iterated.
  std::unordered_map<size_t, MessageInfo> by_index_;
};

}  // namespace kafkasim::viz
