// The trace's interest: sinks get only the kinds they want, events nobody wants are never
// built, and numbering and counts do not depend on who listens.

#include <catch2/catch.hpp>

#include "sim/core/domain_event.h"
#include "tests/core/sim_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using namespace kafkasim::time_literals;

namespace {

// Keeps the events of the kinds starting with `prefix`.
class PrefixLog : public TraceLog {
 public:
  explicit PrefixLog(std::string prefix) : prefix_(std::move(prefix)) {}
  bool Wants(std::string_view kind) const override { return kind.starts_with(prefix_); }

 private:
  std::string prefix_;
};

// Two pings and a domain event built lazily; returns how many times the builder ran.
int PingTwice(Cluster& c) {
  c.Add("a");
  c.Add("b");
  c.Send("a", "b", 1);
  c.Send("b", "a", 2);
  c.sim.RunUntil(Time::Zero() + 10_ms);
  int built = 0;
  EmitDomainEvent(c.sim, c.Id("a"), "test.note", [&] {
    ++built;
    return DomainEvent{.narration = "a note"};
  });
  return built;
}

}  // namespace

TEST_CASE("a sink gets only the kinds it wants, numbered as if every sink got everything") {
  Cluster all;
  TraceLog everything;
  all.sim.trace().AddSink(&everything);
  PingTwice(all);

  Cluster some;
  PrefixLog deliveries("net.deliver");
  some.sim.trace().AddSink(&deliveries);
  PingTwice(some);

  REQUIRE(deliveries.events.size() == 2);
  for (const TraceEvent& e : deliveries.events) {
    CHECK(e.kind == "net.deliver");
    // The same event, with the same number and cause, as in the run that built everything.
    const auto same = std::find_if(everything.events.begin(), everything.events.end(),
                                   [&](const TraceEvent& x) { return x.seq == e.seq; });
    REQUIRE(same != everything.events.end());
    CHECK(same->kind == e.kind);
    CHECK(same->cause == e.cause);
    CHECK(same->narration == e.narration);
  }
  CHECK(some.sim.trace().last_seq() == all.sim.trace().last_seq());
}

TEST_CASE("an event nobody wants is counted but never built") {
  Cluster c;
  PrefixLog net("net.");
  c.sim.trace().AddSink(&net);
  CHECK(PingTwice(c) == 0);  // the builder never ran
  CHECK(c.sim.trace().Count("test.note") == 1);
  CHECK(c.sim.trace().Count("test") == 1);
  CHECK(c.sim.trace().Count("net.send") == 2);
  CHECK(c.sim.trace().Count("net") == 4);
  CHECK(c.sim.trace().Count("ne") == 0);  // a prefix counts only whole dotted parts
  CHECK(c.sim.trace().Count("node.start") == 2);

  Cluster watched;
  TraceLog everything;
  watched.sim.trace().AddSink(&everything);
  CHECK(PingTwice(watched) == 1);
  REQUIRE(everything.OfKind("test.note").size() == 1);
  CHECK(everything.OfKind("test.note")[0]->narration == "a note");
  CHECK(everything.OfKind("test.note")[0]->node == "a");
}

TEST_CASE("without any sink every event is still counted and numbered") {
  Cluster c;
  PingTwice(c);
  CHECK(c.sim.trace().Count("net.deliver") == 2);
  CHECK(c.sim.trace().Count("test.note") == 1);
  CHECK(c.sim.trace().last_seq() == 2 + 4 + 1);  // two starts, two sends and deliveries, the note
}

TEST_CASE("a sink attached later gets the kinds it wants from then on") {
  Cluster c;
  c.Add("a");
  c.Add("b");
  c.Send("a", "b", 1);
  c.sim.RunUntil(Time::Zero() + 10_ms);  // net.send and net.deliver registered, unwanted
  TraceLog later;
  c.sim.trace().AddSink(&later);
  c.Send("b", "a", 2);
  c.sim.RunUntil(Time::Zero() + 20_ms);
  CHECK(later.OfKind("net.send").size() == 1);
  CHECK(later.OfKind("net.deliver").size() == 1);
  c.sim.trace().RemoveSink(&later);
  c.Send("a", "b", 3);
  c.sim.RunUntil(Time::Zero() + 30_ms);
  CHECK(later.events.size() == 2);
  CHECK(c.sim.trace().Count("net.deliver") == 3);
}
