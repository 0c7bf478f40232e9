#include "viz/model/packets.h"

#include <catch2/catch.hpp>

#include <cmath>

namespace kafkasim::viz {
namespace {

// A timeline with one message a->b sent at 10 ms arriving at 20 ms, and one b->a sent at 12 ms
// dropped on arrival at 22 ms.
struct TwoMessages {
  Timeline timeline;
  MessageCache cache;
  LookBackIndex drops;
  TwoMessages() {
    Send(1, 10'000, "a", "b", 20'000, "zookeeper", "PROPOSAL 0x1");
    Send(2, 12'000, "b", "a", 22'000, "zookeeper", "ACK 0x1");
    End(3, 20'000, "net.deliver", "b", "a", 1);
    TraceEvent drop{.seq = 4, .time = Time::FromMicros(22'000), .kind = "net.drop", .node = "a", .peer = "b", .cause = 2};
    drop.fields["reason"] = "network split";
    timeline.OnEvent(drop);
    drops.Update(timeline, 0);
  }
  void Send(TraceSeq seq, int64_t at, const char* from, const char* to, int64_t arrive, const char* category,
            const char* label) {
    TraceEvent e{.seq = seq, .time = Time::FromMicros(at), .kind = "net.send", .node = from, .peer = to};
    e.fields["msg"] = seq;
    e.fields["type"] = "Zab";
    e.fields["category"] = category;
    e.fields["label"] = label;
    e.fields["arrive_us"] = arrive;
    timeline.OnEvent(e);
  }
  void End(TraceSeq seq, int64_t at, const char* kind, const char* node, const char* peer, TraceSeq cause) {
    timeline.OnEvent(TraceEvent{.seq = seq, .time = Time::FromMicros(at), .kind = kind, .node = node, .peer = peer, .cause = cause});
  }
};

Layout TwoBoxes() {
  Layout layout;
  layout.boxes.push_back(NodeBox{.name = "a", .rect = Rect{0, 0, 100, 50}});
  layout.boxes.push_back(NodeBox{.name = "b", .rect = Rect{400, 0, 100, 50}});
  layout.Index();
  return layout;
}

TEST_CASE("a packet is where its real send-to-arrival interval says") {
  TwoMessages m;
  const Layout layout = TwoBoxes();
  const auto at = [&](int64_t us) { return PlacePackets(m.timeline, m.cache, m.drops, Time::FromMicros(us), layout, PacketFilter{}); };
  const std::vector<PacketView> mid = at(15'000);
  REQUIRE(mid.size() == 2);
  const PacketView& p = mid[0].label == "PROPOSAL 0x1" ? mid[0] : mid[1];
  CHECK(p.progress == Approx(0.5f));
  CHECK(p.pos.x == Approx((p.from.x + p.to.x) / 2));
  CHECK(p.from.x == Approx(100));  // leaves a's right edge
  CHECK(p.to.x == Approx(400));    // reaches b's left edge
  CHECK(at(9'999).empty());
  // Delivered at 20 ms: gone; the ACK is still on its way.
  const std::vector<PacketView> later = at(20'000);
  REQUIRE(later.size() == 1);
  CHECK(later[0].label == "ACK 0x1");
}

TEST_CASE("messages in the two directions travel on separate lanes") {
  TwoMessages m;
  const std::vector<PacketView> mid = PlacePackets(m.timeline, m.cache, m.drops, Time::FromMicros(16'000), TwoBoxes(), PacketFilter{});
  REQUIRE(mid.size() == 2);
  CHECK(std::fabs(mid[0].pos.y - mid[1].pos.y) >= 6);
}

TEST_CASE("a dropped message dies where it arrived and fades for as long as it travelled") {
  TwoMessages m;
  const Layout layout = TwoBoxes();
  const auto dying = [&](int64_t us) {
    for (const PacketView& p : PlacePackets(m.timeline, m.cache, m.drops, Time::FromMicros(us), layout, PacketFilter{})) {
      if (p.dying) return std::optional<PacketView>(p);
    }
    return std::optional<PacketView>();
  };
  CHECK_FALSE(dying(21'000));  // still travelling
  const auto wreck = dying(22'000);
  REQUIRE(wreck);
  CHECK(wreck->drop_reason == "network split");
  CHECK(wreck->pos.x == Approx(wreck->to.x));
  CHECK(wreck->alpha == Approx(1.0f));
  CHECK(dying(27'000)->alpha == Approx(0.5f));
  CHECK_FALSE(dying(32'000));  // faded: 10 ms after, as long as the trip
}

TEST_CASE("hidden categories are counted, not drawn; heartbeats are hidden by default") {
  TwoMessages m;
  PacketFilter filter;
  filter.hidden.insert("zookeeper");
  PacketStats stats;
  CHECK(PlacePackets(m.timeline, m.cache, m.drops, Time::FromMicros(15'000), TwoBoxes(), filter, &stats).empty());
  CHECK(stats.in_flight == 2);
  CHECK(stats.hidden == 2);
  CHECK_FALSE(PacketFilter::Default().Shows("heartbeat"));
  CHECK(PacketFilter::Default().Shows("produce"));
}

TEST_CASE("a message whose end is not on the canvas is not drawn") {
  TwoMessages m;
  Layout one;
  one.boxes.push_back(NodeBox{.name = "a", .rect = Rect{0, 0, 100, 50}});
  one.Index();
  PacketStats stats;
  CHECK(PlacePackets(m.timeline, m.cache, m.drops, Time::FromMicros(15'000), one, PacketFilter{}, &stats).empty());
  CHECK(stats.unplaced == 2);
}

TEST_CASE("past the limit, packets are counted rather than placed") {
  TwoMessages m;
  PacketStats stats;
  CHECK(PlacePackets(m.timeline, m.cache, m.drops, Time::FromMicros(15'000), TwoBoxes(), PacketFilter{}, &stats, 1).size() == 1);
  CHECK(stats.clipped == 1);
}

TEST_CASE("every category has a distinct colour") {
  const auto& styles = CategoryStyles();
  for (size_t i = 0; i < styles.size(); ++i) {
    for (size_t j = i + 1; j < styles.size(); ++j) {
      const Rgb a = styles[i].color, b = styles[j].color;
      CHECK((a.r != b.r || a.g != b.g || a.b != b.b));
    }
  }
  CHECK(StyleOf("no-such").category == "other");
}

}  // namespace
}  // namespace kafkasim::viz

namespace kafkasim::viz {
namespace {

TEST_CASE("Timeline::InFlightSendsAt names the messages InFlightAt describes") {
  TwoMessages m;
  for (int64_t us : {9'000, 10'000, 15'000, 20'000, 21'000, 22'000}) {
    const auto described = m.timeline.InFlightAt(Time::FromMicros(us));
    const auto sends = m.timeline.InFlightSendsAt(Time::FromMicros(us));
    REQUIRE(described.size() == sends.size());
    for (size_t i = 0; i < sends.size(); ++i) CHECK(m.timeline.At(sends[i]).seq == described[i].send_seq);
  }
}

}  // namespace
}  // namespace kafkasim::viz
