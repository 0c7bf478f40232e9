#include "sim/protocol/types.h"

#include <algorithm>

#include <fmt/format.h>

namespace kafkasim {

std::string ToString(const TopicPartition& tp) { return fmt::format("{}-{}", tp.topic, tp.partition); }

std::string JoinIds(const std::vector<BrokerId>& ids) {
  std::string out;
  for (BrokerId id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id.value());
  }
  return out;
}

bool Contains(const std::vector<BrokerId>& ids, BrokerId id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace kafkasim
