#include "viz/model/packets.h"

#include <algorithm>
#include <cmath>

namespace kafkasim::viz {
namespace {

// The point where the segment from the centre of r towards `toward` leaves r.
Vec2 EdgePoint(const Rect& r, Vec2 toward) {
  const Vec2 c = r.center();
  const float dx = toward.x - c.x, dy = toward.y - c.y;
  if (dx == 0 && dy == 0) return c;
  const float sx = dx == 0 ? 1e9f : (r.w / 2) / std::fabs(dx);
  const float sy = dy == 0 ? 1e9f : (r.h / 2) / std::fabs(dy);
  const float s = std::min(1.0f, std::min(sx, sy));
  return Vec2{c.x + dx * s, c.y + dy * s};
}

float Fraction(Time t, Time from, Time to) {
  if (to <= from) return 1;
  return std::clamp(static_cast<float>(static_cast<double>((t - from).micros()) /
                                       static_cast<double>((to - from).micros())),
                    0.0f, 1.0f);
}

}  // namespace

const std::vector<CategoryStyle>& CategoryStyles() {
  static const std::vector<CategoryStyle> styles = {
      {"produce", "produce", {230, 159, 0}},
      {"replication", "replica fetch", {0, 114, 178}},
      {"fetch", "consumer fetch", {0, 158, 115}},
      {"group", "group protocol", {204, 121, 167}},
      {"metadata", "metadata", {86, 180, 233}},
      {"controller", "controller", {213, 94, 0}},
      {"zookeeper", "ZooKeeper", {120, 94, 240}},
      {"heartbeat", "heartbeat/ping", {150, 150, 150}, false},
      {"connect", "Connect", {240, 228, 66}},
      {"other", "other", {110, 110, 110}},
  };
  return styles;
}

const CategoryStyle& StyleOf(std::string_view category) {
  for (const CategoryStyle& s : CategoryStyles()) {
    if (s.category == category) return s;
  }
  return CategoryStyles().back();
}

PacketFilter PacketFilter::Default() {
  PacketFilter filter;
  for (const CategoryStyle& s : CategoryStyles()) {
    if (!s.shown_by_default) filter.hidden.insert(std::string(s.category));
  }
  return filter;
}

void PacketLine(const Rect& a, const Rect& b, float lane, Vec2* from, Vec2* to) {
  const Vec2 ca = a.center(), cb = b.center();
  float dx = cb.x - ca.x, dy = cb.y - ca.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  // Perpendicular, to the right of the direction of travel.
  const Vec2 n = len > 0 ? Vec2{-dy / len, dx / len} : Vec2{0, 0};
  const Vec2 shifted_a{ca.x + n.x * lane, ca.y + n.y * lane};
  const Vec2 shifted_b{cb.x + n.x * lane, cb.y + n.y * lane};
  *from = EdgePoint(a, shifted_b);
  *to = EdgePoint(b, shifted_a);
  from->x += n.x * lane, from->y += n.y * lane;
  to->x += n.x * lane, to->y += n.y * lane;
}

std::vector<PacketView> PlacePackets(const Timeline& timeline, MessageCache& cache, const LookBackIndex& drops, Time t,
                                     const Layout& layout, const PacketFilter& filter, PacketStats* stats,
                                     size_t max_packets) {
  cache.Trim();  // the packets borrow their labels from the cache
  const std::vector<size_t> in_flight = timeline.InFlightSendsAt(t);
  std::vector<PacketView> out;
  out.reserve(std::min(in_flight.size(), max_packets));
  PacketStats local;
  const float lane = 6;
  auto place = [&](const MessageInfo& m, float progress, bool dying, float alpha, std::string reason) {
    const NodeBox* a = layout.Find(m.sender);
    const NodeBox* b = layout.Find(m.receiver);
    if (a == nullptr || b == nullptr) {
      ++local.unplaced;
      return;
    }
    if (out.size() >= max_packets) {
      ++local.clipped;
      return;
    }
    PacketView p{.send_seq = m.send_seq,
                 .label = m.label,
                 .category = m.category,
                 .sender = m.sender,
                 .receiver = m.receiver,
                 .progress = progress,
                 .dying = dying,
                 .alpha = alpha,
                 .drop_reason = std::move(reason)};
    PacketLine(a->rect, b->rect, lane, &p.from, &p.to);
    p.pos = Vec2{p.from.x + (p.to.x - p.from.x) * progress, p.from.y + (p.to.y - p.from.y) * progress};
    out.push_back(std::move(p));
  };

  for (size_t send : in_flight) {
    const MessageInfo& m = cache.Get(timeline, send);
    ++local.in_flight;
    if (!filter.Shows(m.category)) {
      ++local.hidden;
      continue;
    }
    place(m, Fraction(t, m.sent, m.arrives), false, 1, "");
  }

  // Drops that happened a little before t: the wreck fades over as long as the trip took (at
  // least 1 ms so that an instant drop is still seen when stepping).
  const Duration fade_max = Duration::Seconds(1);
  const EventRange recent = timeline.EventsBetween(t - fade_max, t + Duration::Micros(1));
  for (const uint32_t i : LookBackIndex::Within(drops.drops(), recent.begin, recent.end)) {
    const EventView drop = timeline.At(i);
    const std::optional<size_t> send = timeline.IndexOf(drop.cause);
    if (!send) continue;
    const MessageInfo& m = cache.Get(timeline, *send);
    if (!filter.Shows(m.category)) continue;
    const Duration trip = std::max(drop.time - m.sent, Duration::Millis(1));
    if (t - drop.time >= trip) continue;
    const float alpha = 1.0f - Fraction(t, drop.time, drop.time + trip);
    place(m, 1, true, alpha, drop.fields().value("reason", ""));
  }
  if (stats != nullptr) *stats = local;
  return out;
}

}  // namespace kafkasim::viz
