#include "viz/model/message_cache.h"

namespace kafkasim::viz {

void MessageCache::Trim() {
  if (infos_.size() < kMaxEntries) return;
  pages_.clear();
  infos_.clear();
}

const MessageInfo& MessageCache::Get(const Timeline& timeline, size_t send_index) {
  if (timeline_ != &timeline) {
    pages_.clear();
    infos_.clear();
    timeline_ = &timeline;
  }
  const size_t page = send_index >> kPageBits;
  if (page >= pages_.size()) pages_.resize(page + 1);
  if (pages_[page] == nullptr) pages_[page] = std::make_unique<Page>(Page{});
  uint32_t& slot = (*pages_[page])[send_index & ((size_t{1} << kPageBits) - 1)];
  if (slot != 0) return infos_[slot - 1];
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
  infos_.push_back(std::move(info));
  // Between two Trims a reader parses at most a frame's messages past kMaxEntries.
  static_assert(kMaxEntries < UINT32_MAX / 2, "a slot holds a position in infos_");
  slot = static_cast<uint32_t>(infos_.size());
  return infos_.back();
}

}  // namespace kafkasim::viz
