#pragma once
// How much simulated time the history's background work (the lead running ahead, checkpoints
// refilling) may cover in one frame. Two simulated seconds cost a three-broker cluster a fraction
// of a millisecond and a hundred-broker one most of a second: the budget follows what the last
// frames' work cost in wall time, so that it takes about two milliseconds of each frame at any
// size (a frame's CPU target is 5 ms at a hundred brokers; a hundred brokers simulate over ten
// times faster than real time, so at 1x the lead still keeps ahead).
// The app measures; this decides. Where the background runs stop changes nothing they record.

#include "sim/core/time.h"

namespace kafkasim::viz {

class TickBudget {
 public:
  static constexpr double kTargetMs = 2;
  static constexpr Duration kMax = Duration::Seconds(2);
  static constexpr Duration kMin = Duration::Millis(1);

  Duration next() const { return budget_; }
  // The last Tick, given next(), took `wall_ms` of wall time.
  void Took(double wall_ms);

 private:
  Duration budget_ = kMax;
};

}  // namespace kafkasim::viz
