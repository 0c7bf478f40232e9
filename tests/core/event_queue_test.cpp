#include "sim/core/event_queue.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <queue>
#include <vector>

#include "sim/core/random.h"

using namespace kafkasim;

TEST_CASE("events pop in time order") {
  EventQueue q;
  for (int64_t t : {50, 10, 30, 20, 40}) q.Push(Time::FromMicros(t), static_cast<uint64_t>(t));
  std::vector<uint64_t> order;
  while (!q.empty()) order.push_back(q.Pop().item);
  CHECK(order == std::vector<uint64_t>{10, 20, 30, 40, 50});
}

TEST_CASE("events at the same time pop in the order they were pushed") {
  EventQueue q;
  q.Push(Time::FromMicros(100), 1);
  q.Push(Time::FromMicros(5), 0);
  q.Push(Time::FromMicros(100), 2);
  q.Push(Time::FromMicros(100), 3);
  CHECK(q.Pop().item == 0);
  q.Push(Time::FromMicros(100), 4);  // pushed while 100 is the next time
  CHECK(q.Pop().item == 1);
  q.Push(Time::FromMicros(100), 5);  // pushed at the current time
  std::vector<uint64_t> rest;
  while (!q.empty()) rest.push_back(q.Pop().item);
  CHECK(rest == std::vector<uint64_t>{2, 3, 4, 5});
}

TEST_CASE("looking at the next event does not forbid scheduling before it") {
  EventQueue q;
  q.Push(Time::FromMicros(1000), 1);
  CHECK(q.Top().time.micros() == 1000);  // look ahead without popping
  q.Push(Time::FromMicros(10), 2);       // earlier than what was looked at, later than any pop
  q.Push(Time::FromMicros(10), 3);
  q.Push(Time::FromMicros(5), 4);
  std::vector<uint64_t> order;
  while (!q.empty()) order.push_back(q.Pop().item);
  CHECK(order == std::vector<uint64_t>{4, 2, 3, 1});
}

TEST_CASE("the radix heap agrees with a reference priority queue on a random workload") {
  // A discrete-event workload: pop the earliest event, push a few later ones.
  struct Ref {
    int64_t time;
    uint64_t seq;
    bool operator>(const Ref& o) const { return time != o.time ? time > o.time : seq > o.seq; }
  };
  std::priority_queue<Ref, std::vector<Ref>, std::greater<>> reference;
  EventQueue q;
  Random r(11, "queue");
  uint64_t seq = 0;
  int64_t now = 0;
  for (int i = 0; i < 1000; ++i) {
    const int64_t t = static_cast<int64_t>(r.Below(1000));
    q.Push(Time::FromMicros(t), seq);
    reference.push({t, seq++});
  }
  for (int step = 0; step < 200000 && !reference.empty(); ++step) {
    const Ref want = reference.top();
    reference.pop();
    const EventQueue::Entry got = q.Pop();
    REQUIRE(got.time.micros() == want.time);
    REQUIRE(got.item == want.seq);
    now = want.time;
    const int pushes = step < 150000 ? static_cast<int>(r.Below(3)) : 0;
    for (int k = 0; k < pushes; ++k) {
      // Mix same-time events, near ones and far ones (up to a minute).
      const uint64_t kind = r.Below(4);
      const int64_t delay = kind == 0 ? 0 : kind == 1 ? static_cast<int64_t>(r.Below(100))
                                                      : static_cast<int64_t>(r.Below(60'000'000));
      q.Push(Time::FromMicros(now + delay), seq);
      reference.push({now + delay, seq++});
    }
  }
  CHECK(q.size() == reference.size());
}

TEST_CASE("times far apart, up to the top of the range, pop in order") {
  EventQueue q;
  const int64_t top = INT64_MAX;
  const std::vector<int64_t> times = {top, 1, top - 1, int64_t{1} << 56, (int64_t{1} << 56) - 1,
                                      3'600'000'000, 0, int64_t{1} << 40, 255, 256, 65'535, 65'536};
  for (size_t i = 0; i < times.size(); ++i) q.Push(Time::FromMicros(times[i]), i);
  std::vector<int64_t> popped;
  while (!q.empty()) popped.push_back(q.Pop().time.micros());
  std::vector<int64_t> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  CHECK(popped == sorted);
}

TEST_CASE("every pending entry is visited once, also after some were popped") {
  EventQueue q;
  Random r(5, "visit");
  for (uint64_t i = 0; i < 500; ++i) q.Push(Time::FromMicros(static_cast<int64_t>(r.Below(100'000))), i);
  std::vector<uint64_t> popped;
  for (int i = 0; i < 200; ++i) popped.push_back(q.Pop().item);
  q.Push(q.floor(), 1000);  // at the current time, behind the ones already popped there
  std::vector<uint64_t> visited;
  q.ForEach([&](const EventQueue::Entry& e) { visited.push_back(e.item); });
  visited.insert(visited.end(), popped.begin(), popped.end());
  std::sort(visited.begin(), visited.end());
  std::vector<uint64_t> all(500);
  for (uint64_t i = 0; i < 500; ++i) all[i] = i;
  all.push_back(1000);
  CHECK(visited == all);
}

TEST_CASE("peeks, pushes at the current time and pushes before a peeked time keep the order") {
  // The kernel peeks (Top) before deciding to run an event, and handlers schedule at the current
  // time, within the current 256-microsecond window and before the peeked time: every path of
  // the queue, checked against a reference on a dense and a sparse workload.
  for (const int64_t spread : {int64_t{300}, int64_t{5'000'000}}) {
    struct Ref {
      int64_t time;
      uint64_t seq;
      bool operator>(const Ref& o) const { return time != o.time ? time > o.time : seq > o.seq; }
    };
    std::priority_queue<Ref, std::vector<Ref>, std::greater<>> reference;
    EventQueue q;
    Random r(static_cast<uint64_t>(spread), "peek");
    uint64_t seq = 0;
    int64_t now = 0;
    auto push = [&](int64_t t) {
      q.Push(Time::FromMicros(t), seq);
      reference.push({t, seq++});
    };
    for (int i = 0; i < 2000; ++i) push(static_cast<int64_t>(r.Below(static_cast<uint64_t>(spread))));
    for (int step = 0; step < 100000 && !reference.empty(); ++step) {
      if (r.Below(4) == 0) {
        // Peek, then schedule between now and the peeked time (if there is room).
        const int64_t peeked = q.Top().time.micros();
        REQUIRE(peeked == reference.top().time);
        if (peeked > now) push(now + static_cast<int64_t>(r.Below(static_cast<uint64_t>(peeked - now))));
      }
      const Ref want = reference.top();
      reference.pop();
      const EventQueue::Entry got = q.Pop();
      REQUIRE(got.time.micros() == want.time);
      REQUIRE(got.item == want.seq);
      now = want.time;
      const int pushes = step < 80000 ? static_cast<int>(r.Below(3)) : 0;
      for (int k = 0; k < pushes; ++k) {
        const uint64_t kind = r.Below(3);
        push(now + (kind == 0 ? 0 : kind == 1 ? static_cast<int64_t>(r.Below(256))
                                              : static_cast<int64_t>(r.Below(static_cast<uint64_t>(spread)))));
      }
    }
    CHECK(q.size() == reference.size());
  }
}

TEST_CASE("a window of many events pops in order, ties in push order") {
  // Long runs are sorted by counting rather than by insertion: ties must stay first-in first-out.
  EventQueue q;
  Random r(9, "window");
  std::vector<std::pair<int64_t, uint64_t>> pushed;
  for (uint64_t i = 0; i < 5000; ++i) {
    const int64_t t = 1000 + static_cast<int64_t>(r.Below(256));
    q.Push(Time::FromMicros(t), i);
    pushed.emplace_back(t, i);
  }
  std::stable_sort(pushed.begin(), pushed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [t, i] : pushed) {
    const EventQueue::Entry e = q.Pop();
    REQUIRE(e.time.micros() == t);
    REQUIRE(e.item == i);
  }
  CHECK(q.empty());
}

TEST_CASE("a short window keeps ties in push order") {
  // Short runs are sorted by rank: equal times must keep the order they were pushed in.
  EventQueue q;
  const std::vector<int64_t> times = {700, 600, 700, 512, 600, 700, 767, 512, 600, 700};
  for (size_t i = 0; i < times.size(); ++i) q.Push(Time::FromMicros(times[i]), i);
  std::vector<uint64_t> order;
  while (!q.empty()) order.push_back(q.Pop().item);
  CHECK(order == std::vector<uint64_t>{3, 7, 1, 4, 8, 0, 2, 5, 9, 6});
}

TEST_CASE("pushes into a long window while it pops keep (time, push) order") {
  // A million pending make windows of thousands of entries; short timers land in the window
  // being popped, at the time being popped and after it.
  struct Ref {
    int64_t time;
    uint64_t seq;
    bool operator>(const Ref& o) const { return time != o.time ? time > o.time : seq > o.seq; }
  };
  std::priority_queue<Ref, std::vector<Ref>, std::greater<>> reference;
  EventQueue q;
  Random r(21, "dense");
  uint64_t seq = 0;
  const auto push = [&](int64_t t) {
    q.Push(Time::FromMicros(t), seq);
    reference.push({t, seq++});
  };
  for (int i = 0; i < 20000; ++i) push(static_cast<int64_t>(r.Below(2000)));
  for (int step = 0; step < 40000 && !reference.empty(); ++step) {
    const Ref want = reference.top();
    reference.pop();
    const EventQueue::Entry got = q.Pop();
    REQUIRE(got.time.micros() == want.time);
    REQUIRE(got.item == want.seq);
    if (step < 20000 && r.Below(2) == 0) push(want.time + static_cast<int64_t>(r.Below(300)));
    if (step < 20000 && r.Below(8) == 0) push(want.time);
  }
  CHECK(q.size() == reference.size());
}

TEST_CASE("after a jump of the clock, near, tied and far-future entries pop in (time, push) order") {
  // The simulation jumps (RunUntil with nothing due, `sleep 2h`): the queue's base moves far
  // ahead at once, then entries arrive just after it, at it, and days later.
  EventQueue q;
  q.Push(Time::FromMicros(5), 0);
  CHECK(q.Pop().item == 0);
  const int64_t jump = int64_t{2} * 3600 * 1'000'000 + 123;  // two hours and a bit
  q.Push(Time::FromMicros(jump + 86'400'000'000), 1);  // a day after the jump
  q.Push(Time::FromMicros(jump), 2);
  CHECK(q.Top().time.micros() == jump);  // the look-ahead moves the base to the jump
  q.Push(Time::FromMicros(jump), 3);     // at the peeked time, after its equal
  q.Push(Time::FromMicros(jump + 1), 4);
  q.Push(Time::FromMicros(jump + 255), 5);
  q.Push(Time::FromMicros(jump + 256), 6);
  q.Push(Time::FromMicros(jump), 7);
  q.Push(Time::FromMicros(INT64_MAX), 8);
  q.Push(Time::FromMicros(jump + 86'400'000'000), 9);  // ties the far one, pushed later
  std::vector<uint64_t> order;
  while (!q.empty()) order.push_back(q.Pop().item);
  CHECK(order == std::vector<uint64_t>{2, 3, 7, 4, 5, 6, 1, 9, 8});
}

TEST_CASE("after each jump of the clock, from a millisecond to years, what is due pops as a stable sort orders it") {
  // As a simulation uses it: jump, push entries at the new time, just after it and far ahead,
  // pop what is due, jump again with the rest still pending.
  EventQueue q;
  Random r(21, "jumps");
  std::vector<std::pair<int64_t, uint64_t>> reference;
  int64_t now = 0;
  uint64_t item = 0;
  for (int jump = 0; jump < 20; ++jump) {
    now += static_cast<int64_t>(r.Below(uint64_t{1} << (10 + jump * 2)));  // from 1 ms to days
    for (int k = 0; k < 50; ++k) {
      const uint64_t kind = r.Below(4);
      const int64_t at = kind == 0 ? now : now + static_cast<int64_t>(r.Below(kind == 1 ? 300 : uint64_t{1} << 40));
      q.Push(Time::FromMicros(at), item);
      reference.push_back({at, item++});
    }
    // Pop what is due by the new time; the rest waits across the next jump.
    std::stable_sort(reference.begin(), reference.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    size_t due = 0;
    while (due < reference.size() && reference[due].first <= now) ++due;
    for (size_t i = 0; i < due; ++i) {
      const EventQueue::Entry e = q.Pop();
      INFO("jump " << jump << ", pop " << i);
      REQUIRE(e.time.micros() == reference[i].first);
      REQUIRE(e.item == reference[i].second);
    }
    reference.erase(reference.begin(), reference.begin() + static_cast<ptrdiff_t>(due));
    if (!q.empty()) now = std::max(now, q.floor().micros());
  }
  for (const auto& [at, id] : reference) {
    const EventQueue::Entry e = q.Pop();
    REQUIRE(e.time.micros() == at);
    REQUIRE(e.item == id);
  }
  CHECK(q.empty());
}
