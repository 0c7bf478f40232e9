#include "viz/model/message_cache.h"

namespace kafkasim::viz {

const MessageInfo& MessageCache::Get(const Timeline& timeline, size_t send_index) {
  if (timeline_ != &timeline || by_index_.size() >= kMaxEntries) {
    by_index_.clear();
    timeline_ = &timeline;
  }
  auto it = by_index_.find(send_index);
  if (it != by_index_.end()) return it->second;
  const EventView send = timeline.At(send_index);
  const nlohmann::ordered_json fields = send.fields();
  MessageInfo info{.send_seq = send.seq,
                   .type = fields.value("type", ""),
                   .label = fields.value("label", ""),
                   .category = fields.value("category", ""),
                   .sender = send.node,
                   .receiver = send.peer,
                   .sent = send.time,
                   .arrives = Time::FromMicros(fields.value("arrive_us", send.time.micros()))};
  if (info.label.empty()) info.label = info.type;
  return by_index_.emplace(send_index, std::move(info)).first->second;
}

}  // namespace kafkasim::viz
