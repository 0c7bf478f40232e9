#pragma once
// How much of a frame the history's background work may take.
//
// The lead, running ahead of the cursor, must keep up with the play, or the frame that reaches
// its end waits for it. TickBudget says how much simulated time it may cover in one frame. Two
// simulated seconds cost a three-broker cluster a fraction of a millisecond and a hundred-broker
// one most of a second: the budget follows what the last frames' work cost in wall time, so
// that it takes about two milliseconds of each frame at any size (a frame's CPU target is 5 ms
// at a hundred brokers; a hundred brokers simulate over ten times faster than real time, so at
// 1x the lead still keeps ahead).
//
// The checkpoints only make later rewinds quick: they get what the rest of the frame leaves of
// 1.5 ms (a quarter under the 2 ms a frame may cost at five brokers: a shared machine's jitter
// must not push frames past it), and never less than a quarter of a millisecond, so that they
// are built at all however busy the frames. Their share is wall time, not simulated
// time: a checkpoint's world replays the story from the start, and its first seconds (brokers
// starting, tools running) cost nothing for a while and then a lot in one simulated millisecond.
//
// The app measures; this decides. Where the background runs stop changes nothing they record.

#include "sim/core/time.h"

namespace kafkasim::viz {

// The checkpoints' wall time this frame, when the rest of the last frame took `rest_ms`.
double CheckpointShareMs(double rest_ms);

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
