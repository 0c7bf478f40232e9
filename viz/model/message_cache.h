#pragma once
// What the canvas and the space-time diagram need of a recorded message — type, label,
// category, ends, send and arrival times — parsed from its net.send event's fields once and kept,
// so a frame with thousands of packets parses no JSON. A view cache, not simulation state: it
// can be dropped at any time and is rebuilt from the timeline.

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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
  // The message whose net.send is event `send_index` of `timeline`. The reference stays valid
  // until the cache starts over: on another timeline, or at a Trim.
  const MessageInfo& Get(const Timeline& timeline, size_t send_index);
  // Starts over once kMaxEntries have been parsed, so that a long session does not grow the
  // cache without bound. Each reader calls it before its Gets, never while it holds a reference:
  // the references a reader takes stay valid together (a frame's packets borrow their labels).
  void Trim();
  size_t size() const { return infos_.size(); }

 private:
  // Beyond this many the cache starts over: a long session must not grow it without bound.
  static constexpr size_t kMaxEntries = 1 << 20;
  // Where each parsed message is, by its send's index, a page of indexes at a time: a frame asks
  // for thousands of messages at a hundred brokers, mostly neighbours in the timeline, and
  // finds each by two lookups in arrays instead of a hash table's walk through scattered nodes.
  static constexpr size_t kPageBits = 12;
  using Page = std::array<uint32_t, size_t{1} << kPageBits>;  // position in infos_ + 1; 0: not parsed
  const Timeline* timeline_ = nullptr;
  std::vector<std::unique_ptr<Page>> pages_;
  std::deque<MessageInfo> infos_;  // in the order parsed; a deque, so a reference stays valid
};

}  // namespace kafkasim::viz
