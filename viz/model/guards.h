#pragma once
// Guards: live checks a user arms so that playing stops where something went wrong — an
// acknowledged record lost, a key's order broken, a record processed twice, a record read past
// the high watermark. Each is a trace event the simulator emits when it happens (the ledger and
// the clients decide, in sim/); the visualizer only watches the recording: a guard fires when the
// cursor is about to pass one of its events.

#include <array>
#include <bitset>
#include <cstddef>
#include <optional>
#include <string_view>

#include "sim/record/timeline.h"

namespace kafkasim::viz {

enum class Guard : size_t { kAckedRecordLost, kOrderBroken, kDuplicateProcessed, kReadPastHighWatermark };
inline constexpr size_t kGuards = 4;

struct GuardInfo {
  Guard guard;
  std::string_view event_kind;  // what the simulator emits when it happens
  std::string_view label;       // the menu's line
  std::string_view help;        // its tooltip: which promise it watches
};
const std::array<GuardInfo, kGuards>& GuardCatalog();
const GuardInfo& InfoOf(Guard guard);

class Guards {
 public:
  bool armed(Guard g) const { return armed_.test(static_cast<size_t>(g)); }
  void set_armed(Guard g, bool on) { armed_.set(static_cast<size_t>(g), on); }

  // The first event an armed guard watches, after timeline index `after` (none: from the first
  // event) and at or before `until`; its index.
  std::optional<size_t> FirstHit(const Timeline& timeline, std::optional<size_t> after, Time until) const;
  // Which guard watches the event at `index`, armed or not.
  static std::optional<Guard> Watching(std::string_view event_kind);

 private:
  std::bitset<kGuards> armed_ = std::bitset<kGuards>().set();  // all armed: a surprise is the lesson
};

}  // namespace kafkasim::viz
