#pragma once
// How fast simulated time runs while playing: a ladder of speeds from 1/1000x to 1000x
// simulated time per wall-clock second, and the conversion of a frame's wall time into
// simulated time. Plain arithmetic, so it can be tested without a window.

#include <array>
#include <string>

#include "sim/core/time.h"

namespace kafkasim::viz {

class PlayClock {
 public:
  static constexpr std::array<double, 19> kSpeeds = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1,
                                                     0.2,   0.5,   1,     2,    5,    10,   20,
                                                     50,    100,   200,   500,  1000};
  static constexpr int kDefaultIndex = 3;  // 1/100x: a 1 ms network hop takes 0.1 s on screen

  bool playing() const { return playing_; }
  void set_playing(bool p) { playing_ = p; }
  void Toggle() { playing_ = !playing_; }
  int index() const { return index_; }
  void set_index(int i);
  double speed() const { return kSpeeds[index_]; }
  void Faster() { set_index(index_ + 1); }
  void Slower() { set_index(index_ - 1); }
  // "1/100x", "2x"
  std::string Label() const;

  // The simulated time a frame of `wall_seconds` covers while playing (zero when paused). The
  // fraction of a microsecond left over is carried to the next frame, so slow speeds advance.
  Duration Advance(double wall_seconds);

 private:
  bool playing_ = false;
  int index_ = kDefaultIndex;
  double carry_us_ = 0;
};

}  // namespace kafkasim::viz
