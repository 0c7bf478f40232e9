#include "viz/model/autoplay.h"

#include <catch2/catch.hpp>

namespace kafkasim::viz {
namespace {

// A heartbeat sent at 100 ms, delivered at 101 ms, and a ZooKeeper proposal sent at 900 ms.
struct Quiet {
  Timeline timeline;
  MessageCache cache;
  Quiet() {
    Send(1, 100'000, "heartbeat");
    Deliver(2, 1, 101'000);
    Send(3, 900'000, "zookeeper");
  }
  void Send(TraceSeq seq, int64_t at, const char* category) {
    TraceEvent e{.seq = seq, .time = Time::FromMicros(at), .kind = "net.send", .node = "a", .peer = "b"};
    e.fields["category"] = category;
    e.fields["arrive_us"] = at + 1000;
    timeline.OnEvent(e);
  }
  void Deliver(TraceSeq seq, TraceSeq send, int64_t at) {
    timeline.OnEvent(TraceEvent{.seq = seq, .time = Time::FromMicros(at), .kind = "net.deliver", .node = "b",
                                .peer = "a", .cause = send});
  }
};

const PlayStep k60HzAtHundredth{.step = Duration::Micros(167), .idle_step = Duration::Micros(16'700)};

TEST_CASE("with a visible message on the wire, time runs at the chosen speed, whatever the view") {
  Quiet q;
  // The heartbeat is on the wire from 100 to 101 ms: shown, it slows the play down...
  CHECK(NextPlayTime(q.timeline, q.cache, PacketFilter{}, Time::FromMicros(100'500), 0, k60HzAtHundredth) ==
        Time::FromMicros(100'667));
  // ...hidden (the default), it does not: the next visible send is the proposal at 900 ms.
  CHECK(NextPlayTime(q.timeline, q.cache, PacketFilter::Default(), Time::FromMicros(100'500), 0, k60HzAtHundredth) ==
        Time::FromMicros(117'200));
  // Delivered, it no longer counts.
  CHECK(NextPlayTime(q.timeline, q.cache, PacketFilter{}, Time::FromMicros(101'500), 1, k60HzAtHundredth) ==
        Time::FromMicros(118'200));
}

TEST_CASE("in a quiet stretch time runs at the idle speed, but stops where a visible message leaves") {
  Quiet q;
  const PacketFilter filter = PacketFilter::Default();  // heartbeats hidden
  CHECK(NextPlayTime(q.timeline, q.cache, filter, Time::Zero(), std::nullopt, k60HzAtHundredth) ==
        Time::FromMicros(16'700));
  // From 890 ms the next frame would reach 906.7 ms: it stops at the proposal's send.
  CHECK(NextPlayTime(q.timeline, q.cache, filter, Time::FromMicros(890'000), 1, k60HzAtHundredth) ==
        Time::FromMicros(900'000));
  // A shown heartbeat stops it too.
  CHECK(NextPlayTime(q.timeline, q.cache, PacketFilter{}, Time::FromMicros(95'000), std::nullopt, k60HzAtHundredth) ==
        Time::FromMicros(100'000));
}

TEST_CASE("at or above the idle speed nothing changes") {
  Quiet q;
  const PlayStep fast{.step = Duration::Millis(100), .idle_step = Duration::Millis(16)};
  CHECK(NextPlayTime(q.timeline, q.cache, PacketFilter{}, Time::Zero(), std::nullopt, fast) ==
        Time::FromMicros(100'000));
}

}  // namespace
}  // namespace kafkasim::viz
