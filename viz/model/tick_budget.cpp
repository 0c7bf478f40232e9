#include "viz/model/tick_budget.h"

#include <algorithm>

namespace kafkasim::viz {

double CheckpointShareMs(double rest_ms) {
  constexpr double kFrameTargetMs = 1.5;
  constexpr double kMinShareMs = 0.25;
  return std::max(kMinShareMs, kFrameTargetMs - rest_ms);
}

void TickBudget::Took(double wall_ms) {
  // Halve past the target, grow gently under half of it: a frame that had nothing to do (the
  // lead already far enough ahead) says little about the cost of simulated time, so it only
  // lets the budget creep back up.
  if (wall_ms > kTargetMs) {
    const double scale = std::max(0.1, kTargetMs / wall_ms);
    budget_ = Duration::Micros(static_cast<int64_t>(static_cast<double>(budget_.micros()) * scale));
  } else if (wall_ms < kTargetMs / 2) {
    budget_ = Duration::Micros(budget_.micros() + budget_.micros() / 4);
  }
  budget_ = std::clamp(budget_, kMin, kMax);
}

}  // namespace kafkasim::viz
