#include "viz/model/guards.h"

#include <cassert>

namespace kafkasim::viz {

const std::array<GuardInfo, kGuards>& GuardCatalog() {
  static const std::array<GuardInfo, kGuards> kCatalog = {{
      {Guard::kAckedRecordLost, "ledger.lost", "an acknowledged record is lost",
       "A producer was told its record was written (acks=1 or all), and a new leader does not have it."},
      {Guard::kOrderBroken, "ledger.out_of_order", "a key's order is broken",
       "A record was written after one of its key that its producer sent later (a retry without idempotence)."},
      {Guard::kDuplicateProcessed, "ledger.duplicate", "a record is processed twice",
       "A consumer group processed a record it had processed before (at-least-once after a crash or rebalance)."},
      {Guard::kReadPastHighWatermark, "consumer.read_past_hw", "a record is read past the high watermark",
       "A consumer received a record not yet on every in-sync replica. Kafka's leaders never send one: this "
       "guard checks the simulator keeps that rule."},
  }};
  return kCatalog;
}

const GuardInfo& InfoOf(Guard guard) {
  const GuardInfo& info = GuardCatalog()[static_cast<size_t>(guard)];
  assert(info.guard == guard && "the catalog is in enum order");
  return info;
}

std::optional<Guard> Guards::Watching(std::string_view event_kind) {
  for (const GuardInfo& info : GuardCatalog()) {
    if (info.event_kind == event_kind) return info.guard;
  }
  return std::nullopt;
}

std::optional<size_t> Guards::FirstHit(const Timeline& timeline, std::optional<size_t> after, Time until) const {
  if (armed_.none()) return std::nullopt;
  for (size_t i = after ? *after + 1 : 0; i < timeline.size(); ++i) {
    const EventView event = timeline.At(i);
    if (event.time > until) break;
    const std::optional<Guard> guard = Watching(event.kind);
    if (guard && armed(*guard)) return i;
  }
  return std::nullopt;
}

}  // namespace kafkasim::viz
