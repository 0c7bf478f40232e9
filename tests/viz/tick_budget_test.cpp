#include "viz/model/tick_budget.h"

#include <catch2/catch.hpp>

namespace kafkasim::viz {
namespace {

TEST_CASE("the background work of a frame shrinks to a few milliseconds of wall time, whatever simulated time costs") {
  TickBudget budget;
  CHECK(budget.next() == Duration::Seconds(2));  // a small cluster: two simulated seconds are cheap
  budget.Took(1);
  CHECK(budget.next() == Duration::Seconds(2));  // never more
  // A hundred brokers: two simulated seconds took 800 ms.
  budget.Took(800);
  CHECK(budget.next() == Duration::Millis(200));  // at most a tenth at a time: one slow frame is no measure
  budget.Took(80);
  CHECK(budget.next() == Duration::Millis(20));
  budget.Took(8);
  CHECK(budget.next() == Duration::Millis(5));  // now about 2 ms a frame
  budget.Took(1.5);
  CHECK(budget.next() == Duration::Millis(5));  // near the target: left alone
  budget.Took(0.5);
  CHECK(budget.next() == Duration::Micros(6'250));  // idle frames let it creep back up
  for (int i = 0; i < 100; ++i) budget.Took(10'000);
  CHECK(budget.next() == Duration::Millis(1));  // and never below a millisecond: the lead still moves
}

TEST_CASE("checkpoints get what the rest of the frame leaves of 1.5 ms, and a little when it leaves nothing") {
  CHECK(CheckpointShareMs(0.5) == Approx(1.0));
  CHECK(CheckpointShareMs(1.1) == Approx(0.4));
  CHECK(CheckpointShareMs(1.4) == Approx(0.25));  // never starved: rewinds need them
  CHECK(CheckpointShareMs(6.0) == Approx(0.25));
}

}  // namespace
}  // namespace kafkasim::viz
