#include "viz/model/autoplay.h"

#include <catch2/catch.hpp>

namespace kafkasim::viz {
namespace {

// A heartbeat at 100 ms and a ZooKeeper proposal at 900 ms.
struct Quiet {
  Timeline timeline;
  MessageCache cache;
  Quiet() {
    Send(1, 100'000, "heartbeat");
    Send(2, 900'000, "zookeeper");
  }
  void Send(TraceSeq seq, int64_t at, const char* category) {
    TraceEvent e{.seq = seq, .time = Time::FromMicros(at), .kind = "net.send", .node = "a", .peer = "b"};
    e.fields["category"] = category;
    e.fields["arrive_us"] = at + 1000;
    timeline.OnEvent(e);
  }
};

const PlayStep k60HzAtHundredth{.step = Duration::Micros(167), .idle_step = Duration::Micros(16'700)};

TEST_CASE("with a packet on screen, time runs at the chosen speed") {
  Quiet q;
  CHECK(NextPlayTime(q.timeline, q.cache, PacketFilter::Default(), Time::Zero(), std::nullopt, k60HzAtHundredth, true) ==
        Time::FromMicros(167));
}

TEST_CASE("in a quiet stretch time runs at the idle speed, but stops where a visible message leaves") {
  Quiet q;
  const PacketFilter filter = PacketFilter::Default();  // heartbeats hidden
  CHECK(NextPlayTime(q.timeline, q.cache, filter, Time::Zero(), std::nullopt, k60HzAtHundredth, false) ==
        Time::FromMicros(16'700));
  // From 890 ms the next frame would reach 906.7 ms: it stops at the proposal's send.
  CHECK(NextPlayTime(q.timeline, q.cache, filter, Time::FromMicros(890'000), 0, k60HzAtHundredth, false) ==
        Time::FromMicros(900'000));
  // A shown heartbeat stops it too.
  CHECK(NextPlayTime(q.timeline, q.cache, PacketFilter{}, Time::FromMicros(95'000), std::nullopt, k60HzAtHundredth,
                     false) == Time::FromMicros(100'000));
}

TEST_CASE("at or above the idle speed nothing changes") {
  Quiet q;
  const PlayStep fast{.step = Duration::Millis(100), .idle_step = Duration::Millis(16)};
  CHECK(NextPlayTime(q.timeline, q.cache, PacketFilter{}, Time::Zero(), std::nullopt, fast, false) ==
        Time::FromMicros(100'000));
}

}  // namespace
}  // namespace kafkasim::viz
