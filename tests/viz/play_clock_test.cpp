#include "viz/model/play_clock.h"

#include <catch2/catch.hpp>

namespace kafkasim::viz {
namespace {

TEST_CASE("speeds run from 1/1000x to 1000x and a frame advances by wall time times speed") {
  PlayClock clock;
  CHECK(clock.Advance(0.1) == Duration());  // paused
  clock.set_playing(true);
  clock.set_index(9);
  CHECK(clock.Label() == "1x");
  CHECK(clock.Advance(0.016) == Duration::Micros(16000));
  for (int i = 0; i < 30; ++i) clock.Faster();
  CHECK(clock.Label() == "1000x");
  CHECK(clock.Advance(0.01) == Duration::Seconds(10));
  for (int i = 0; i < 30; ++i) clock.Slower();
  CHECK(clock.Label() == "1/1000x");
}

TEST_CASE("at the slowest speed the fractions of a microsecond add up") {
  PlayClock clock;
  clock.set_playing(true);
  clock.set_index(0);  // 1/1000x: a 60 Hz frame is worth 16.7 us
  int64_t total = 0;
  for (int i = 0; i < 600; ++i) total += clock.Advance(1.0 / 60).micros();
  CHECK(total == Approx(10'000).margin(1));  // 10 wall seconds
}

TEST_CASE("a long frame does not leap through the story") {
  PlayClock clock;
  clock.set_playing(true);
  clock.set_index(9);
  CHECK(clock.Advance(5.0) == Duration::Millis(250));
}

}  // namespace
}  // namespace kafkasim::viz
