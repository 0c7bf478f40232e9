#include "sim/record/timeline.h"

#include <malloc.h>

#include <catch2/catch.hpp>

#include "sim/core/random.h"
#include "tests/record/trace_story.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using namespace kafkasim::time_literals;

namespace {

Time At(Duration d) { return Time::Zero() + d; }

std::vector<TraceSeq> Seqs(const std::vector<EventView>& events) {
  std::vector<TraceSeq> seqs;
  for (const EventView& e : events) seqs.push_back(e.seq);
  return seqs;
}

std::vector<std::string> Labels(const std::vector<InFlightMessage>& messages) {
  std::vector<std::string> labels;
  for (const InFlightMessage& m : messages) labels.push_back(m.label);
  return labels;
}

}  // namespace

TEST_CASE("timeline: events come back exactly as recorded") {
  Timeline timeline;
  std::vector<TraceEvent> events;
  struct Collect : TraceSink {
    std::vector<TraceEvent>* out;
    void OnEvent(const TraceEvent& e) override { out->push_back(e); }
  } collect;
  collect.out = &events;
  TraceStory story({&timeline, &collect});
  TellSampleStory(story);
  REQUIRE(timeline.size() == events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    CHECK(ToJson(timeline.At(i).ToEvent()) == ToJson(events[i]));
    CHECK(timeline.Find(events[i].seq)->narration == events[i].narration);
  }
}

TEST_CASE("timeline: Find misses what was never recorded") {
  Timeline timeline;
  CHECK_FALSE(timeline.Find(1).has_value());
  TraceStory story({&timeline});
  story.Domain("node.crash", "broker-0", "broker-0 crashed");
  CHECK(timeline.Find(1).has_value());
  CHECK_FALSE(timeline.Find(0).has_value());
  CHECK_FALSE(timeline.Find(2).has_value());
}

TEST_CASE("timeline: EventsBetween finds the events in [from, to)") {
  Timeline timeline;
  TraceStory story({&timeline});
  for (int i = 0; i < 10; ++i) {
    story.Domain("partition.hw_advance", "broker-1", "hw moved");
    story.Domain("partition.hw_advance", "broker-2", "hw moved");  // two events per instant
    story.Advance(10_ms);
  }
  const EventRange range = timeline.EventsBetween(At(20_ms), At(50_ms));
  CHECK(range.size() == 6);
  CHECK(timeline.At(range.begin).time == At(20_ms));
  CHECK(timeline.At(range.end - 1).time == At(40_ms));
  CHECK(timeline.EventsBetween(At(21_ms), At(29_ms)).empty());
  CHECK(timeline.EventsBetween(At(50_ms), At(20_ms)).empty());
  CHECK(timeline.EventsBetween(Time::Zero(), Time::Max()).size() == 20);
}

TEST_CASE("timeline: a cause chain walks back from an event to its root") {
  Timeline timeline;
  TraceStory story({&timeline});
  const TraceSeq crash = story.Domain("node.crash", "broker-0", "broker-0 crashed");
  story.Domain("zk.watch", "zookeeper", "unrelated");
  const TraceSeq expired = story.Domain("zk.session_expired", "zookeeper", "expired", crash);
  const TraceSeq elected = story.Domain("partition.leader_elected", "controller", "elected",
                                        expired, "unclean.leader.election.enable=false");
  CHECK(Seqs(timeline.CauseChain(elected)) == std::vector<TraceSeq>{elected, expired, crash});
  CHECK(timeline.CauseChain(elected)[0].rule == "unclean.leader.election.enable=false");
  CHECK(timeline.CauseChain(99).empty());
}

TEST_CASE("timeline: a cause chain stops after max_length events") {
  Timeline timeline;
  TraceStory story({&timeline});
  TraceSeq last = 0;
  for (int i = 0; i < 400; ++i) last = story.Domain("chain.step", "broker-0", "step", last);
  CHECK(timeline.CauseChain(last).size() == Timeline::kMaxCauseChain);
  CHECK(timeline.CauseChain(last, 3).size() == 3);
}

TEST_CASE("timeline: a message is in flight from its send until its delivery") {
  Timeline timeline;
  TraceStory story({&timeline});
  story.Advance(1_ms);
  const TraceSeq send = story.Send("broker-1", "broker-0", "Fetch", "Fetch orders-0", 2_ms);
  CHECK(timeline.InFlightAt(At(0_ms)).empty());
  story.Deliver(send);
  CHECK(Labels(timeline.InFlightAt(At(1_ms))) == std::vector<std::string>{"Fetch orders-0"});
  CHECK(timeline.InFlightAt(At(3_ms)).empty());  // delivered at 3ms: no longer on the wire

  const InFlightMessage m = timeline.InFlightAt(At(2_ms)).at(0);
  CHECK(m.send_seq == send);
  CHECK(m.msg == 1);
  CHECK(m.type == "Fetch");
  CHECK(m.sender == "broker-1");
  CHECK(m.receiver == "broker-0");
  CHECK(m.sent == At(1_ms));
  CHECK(m.arrives == At(3_ms));
  CHECK(m.outcome == MessageOutcome::kDelivered);
  CHECK(m.ended == At(3_ms));
}

TEST_CASE("timeline: a dropped message is in flight until the drop and is marked dropped") {
  Timeline timeline;
  TraceStory story({&timeline});
  const TraceSeq send = story.Send("broker-1", "broker-0", "Fetch", "Fetch orders-0", 2_ms);
  story.Advance(5_ms);
  story.Drop(send, "broker-0 is crashed: nobody is listening");
  const std::vector<InFlightMessage> at_4ms = timeline.InFlightAt(At(4_ms));
  REQUIRE(at_4ms.size() == 1);
  CHECK(at_4ms[0].outcome == MessageOutcome::kDropped);
  CHECK(at_4ms[0].ended == At(5_ms));
  CHECK(timeline.InFlightAt(At(5_ms)).empty());
}

TEST_CASE("timeline: a message never delivered is still in flight at the end") {
  Timeline timeline;
  TraceStory story({&timeline});
  TellSampleStory(story);
  const std::vector<InFlightMessage> late = timeline.InFlightAt(Time::Max());
  REQUIRE(late.size() == 1);
  CHECK(late[0].sender == "broker-2");
  CHECK(late[0].arrives == At(30_s + 7_ms));
  CHECK(late[0].outcome == MessageOutcome::kInFlight);
  CHECK(late[0].ended == Time::Max());
  CHECK(timeline.messages() == 3);
}

TEST_CASE("timeline: InFlightAt agrees with a scan of every message on a random run") {
  Random random(7, "timeline-test");
  Timeline timeline;
  TraceStory story({&timeline});
  struct Sent {
    TraceSeq seq;
    Time sent, arrive;
  };
  std::vector<Sent> open, all;
  for (int step = 0; step < 5000; ++step) {
    story.Advance(Duration::Micros(random.Between(0, 300)));
    // Mostly short hops, a few stragglers that stay on the wire for a long time.
    const Duration latency = Duration::Micros(random.Chance(0.02) ? random.Between(0, 2'000'000)
                                                                  : random.Between(0, 3000));
    const TraceSeq seq = story.Send("a", "b", "Ping", fmt::format("Ping {}", step), latency);
    open.push_back({seq, story.now(), story.now() + latency});
    all.push_back(open.back());
    // Deliver or drop whatever is due, in a shuffled order.
    for (size_t i = 0; i < open.size();) {
      if (open[i].arrive <= story.now() && random.Chance(0.5)) {
        random.Chance(0.1) ? story.Drop(open[i].seq, "lost") : story.Deliver(open[i].seq);
        open.erase(open.begin() + static_cast<long>(i));
      } else {
        ++i;
      }
    }
  }
  std::map<TraceSeq, Time> ended;
  for (size_t i = 0; i < timeline.size(); ++i) {
    const EventView e = timeline.At(i);
    if (e.kind != "net.send") ended[e.cause] = e.time;
  }
  for (int probe = 0; probe < 300; ++probe) {
    const Time t = Time::FromMicros(random.Between(0, story.now().micros() + 1000));
    std::vector<TraceSeq> expected;
    for (const Sent& s : all) {
      const auto end = ended.find(s.seq);
      if (s.sent <= t && (end == ended.end() || end->second > t)) expected.push_back(s.seq);
    }
    std::vector<TraceSeq> actual;
    for (const InFlightMessage& m : timeline.InFlightAt(t)) actual.push_back(m.send_seq);
    INFO("t = " << t.micros() << "us");
    REQUIRE(actual == expected);
  }
}

namespace {

// Five events a round, like a replica's fetch cycle ending in a state change, with the field
// shapes the network emits.
void RecordFetchRounds(TraceStory& story, int rounds) {
  for (int i = 0; i < rounds; ++i) {
    const TraceSeq fetch = story.Send("broker-1", "broker-0", "Fetch", "Fetch orders-0", 1_ms);
    story.Deliver(fetch);
    const TraceSeq reply =
        story.Send("broker-0", "broker-1", "FetchResponse", "FetchResponse orders-0 ×3", 1_ms);
    story.Deliver(reply);
    story.Domain("partition.hw_advance", "broker-0", fmt::format("hw of orders-0 is now {}", i),
                 reply, "replica.lag.time.max.ms=30000");
  }
}

}  // namespace

TEST_CASE("timeline: an event costs under 200 bytes of memory") {
  Timeline timeline;
  TraceStory story({&timeline});
  RecordFetchRounds(story, 20'000);
  const double per_event = static_cast<double>(timeline.MemoryBytes()) / timeline.size();
  INFO("bytes per event: " << per_event);
  CHECK(per_event < 200);
}

// Hidden (run with "[.memory]" -s): what a million events cost in the allocator's own count,
// which includes what MemoryBytes() estimates or leaves out. Meaningless under a sanitizer.
TEST_CASE("timeline: a million events, measured by the allocator", "[.memory]") {
  // Large blocks (the arena's chunks, the tree) are mmapped and counted apart.
  auto heap_bytes = [] { return mallinfo2().uordblks + mallinfo2().hblkhd; };
  const size_t before = heap_bytes();
  Timeline timeline;
  TraceStory story({&timeline});
  RecordFetchRounds(story, 200'000);
  const size_t after = heap_bytes();
  WARN("events: " << timeline.size() << ", allocator bytes per event: "
                  << static_cast<double>(after - before) / timeline.size()
                  << ", MemoryBytes() per event: "
                  << static_cast<double>(timeline.MemoryBytes()) / timeline.size());
  CHECK(after > before);
}
