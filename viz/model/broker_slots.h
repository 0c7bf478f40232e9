#pragma once
// Broker id → a small number the caller chose (a position in its own list, a node id), found by
// indexing instead of searching: the models look a broker up for each of the 30,000 replicas of
// a hundred brokers, every frame. Broker ids are small (Kafka's broker.id; generated ones start
// at reserved.broker.max.id + 1, 1001 by default), so the table is a vector by id.

#include <cassert>
#include <cstdint>
#include <vector>

#include "sim/protocol/types.h"

namespace kafkasim::viz {

class BrokerSlots {
 public:
  static constexpr int32_t kNone = -1;

  void Clear() { slots_.clear(); }
  void Set(BrokerId id, int32_t slot) {
    assert(id.value() >= 0 && slot >= 0);
    const auto i = static_cast<size_t>(id.value());
    if (i >= slots_.size()) slots_.resize(i + 1, kNone);
    slots_[i] = slot;
  }
  // kNone for an id never set (kNoLeader included).
  int32_t Of(BrokerId id) const {
    const auto i = static_cast<size_t>(id.value());  // a negative id wraps past the end
    return i < slots_.size() ? slots_[i] : kNone;
  }

 private:
  std::vector<int32_t> slots_;
};

}  // namespace kafkasim::viz
