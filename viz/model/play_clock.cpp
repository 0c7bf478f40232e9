#include "viz/model/play_clock.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace kafkasim::viz {

void PlayClock::set_index(int i) {
  index_ = std::clamp(i, 0, static_cast<int>(kSpeeds.size()) - 1);
  carry_us_ = 0;
}

std::string PlayClock::Label() const {
  const double s = speed();
  if (s >= 1) return fmt::format("{:g}x", s);
  return fmt::format("1/{:g}x", std::round(1 / s));
}

Duration PlayClock::Advance(double wall_seconds) {
  if (!playing_ || wall_seconds <= 0) return Duration();
  // A frame that took long (a window drag, a breakpoint) must not leap through the story.
  wall_seconds = std::min(wall_seconds, 0.25);
  const double us = wall_seconds * speed() * 1e6 + carry_us_;
  const double whole = std::floor(us);
  carry_us_ = us - whole;
  return Duration::Micros(static_cast<int64_t>(whole));
}

}  // namespace kafkasim::viz
