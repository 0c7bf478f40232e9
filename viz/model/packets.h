#pragma once
// Messages in flight as the canvas draws them: each one a packet on the straight line from its
// sender's box to its receiver's, at the fraction of its real send->arrival interval that the
// cursor has reached. A dropped message keeps travelling to where it died and then fades out as
// a cross, for as long again as it travelled, so a loss is seen even when the cursor jumped.
// Everything is a function of the cursor time: after any jump the picture is exact.

#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/record/timeline.h"
#include "viz/model/layout.h"
#include "viz/model/look_back_index.h"
#include "viz/model/message_cache.h"

namespace kafkasim::viz {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
};

// The message families of Message::Category(), with a colour each (a palette that stays apart
// for the common colour-blindnesses: Okabe-Ito), and a one-word name for the legend.
struct CategoryStyle {
  std::string_view category;
  std::string_view legend;
  Rgb color;
  bool shown_by_default = true;
};
const std::vector<CategoryStyle>& CategoryStyles();
const CategoryStyle& StyleOf(std::string_view category);

// Which categories are hidden (heartbeats by default).
struct PacketFilter {
  std::set<std::string, std::less<>> hidden;
  static PacketFilter Default();
  bool Shows(std::string_view category) const { return hidden.count(category) == 0; }
};

struct PacketView {
  TraceSeq send_seq = 0;
  // Borrowed from the message cache, until its next Trim.
  std::string_view label;
  std::string_view category;
  std::string_view sender, receiver;
  Vec2 from, to;  // the line it travels on (box edges, offset so that the two directions differ)
  Vec2 pos;
  float progress = 0;  // 0 at the sender, 1 at the receiver
  bool dying = false;  // dropped: drawn as a fading cross
  float alpha = 1;
  std::string drop_reason;
};

struct PacketStats {
  size_t in_flight = 0;  // every message on the wire at the cursor
  size_t hidden = 0;     // of which filtered out
  size_t unplaced = 0;   // an end is not on the canvas
  size_t clipped = 0;    // past max_packets
};

// The packets to draw at time `t`; `drops` must be up to date with `timeline` through `t`.
// At most `max_packets` are placed (the rest are counted in stats.clipped): thousands of packets
// on one canvas cannot be read anyway.
std::vector<PacketView> PlacePackets(const Timeline& timeline, MessageCache& cache, const LookBackIndex& drops, Time t,
                                     const Layout& layout, const PacketFilter& filter, PacketStats* stats = nullptr,
                                     size_t max_packets = 2000);

// Where a message between two boxes travels: from the edge of one box to the edge of the
// other, shifted sideways by `lane` so that A->B and B->A do not overlap.
void PacketLine(const Rect& a, const Rect& b, float lane, Vec2* from, Vec2* to);

}  // namespace kafkasim::viz
