#pragma once
// The kafkasim-viz application: a window, the frame loop, and the panels' arrangement. With a
// screenshot path it renders the state at one instant and exits instead (tests and docs).

#include <cstdint>
#include <optional>
#include <string>

#include "sim/core/time.h"
#include "viz/app/ui_state.h"

namespace kafkasim::viz {

struct AppOptions {
  std::string scenario;
  // A lesson (a number in lessons/, or a file): the lesson pane beside the simulation its blocks
  // run in. With `at`, its steps run one after another up to that time.
  std::string lesson;
  std::optional<uint64_t> seed;
  std::optional<Duration> at;  // start (or screenshot) at this simulated time
  std::string screenshot;      // write a PNG and exit
  std::optional<int> width, height;
  View view = View::kOverview;
  std::string inspect;  // what the inspector shows first: "cluster", "broker-1", "zookeeper-0", "orders-1"
  std::string topic;    // the partition view's topic (the first one when empty)
  std::optional<bool> light;   // presentation: the light high-contrast theme
  std::optional<float> scale;  // presentation: UI scale, 1 to 3
  // Play this many frames (at the default speed) as fast as they render, then print the frame
  // times and exit: the whole-frame figure (simulation step, UI, OpenGL until the picture is done).
  int measure_frames = 0;
};

// Exit codes: 0 fine, 2 bad input (the scenario), 3 no display or no OpenGL, 4 cannot write.
int RunApp(const AppOptions& options);

}  // namespace kafkasim::viz
