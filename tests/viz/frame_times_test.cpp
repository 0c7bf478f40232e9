#include "viz/model/frame_times.h"

#include <catch2/catch.hpp>

namespace kafkasim::viz {
namespace {

TEST_CASE("--measure-frames sums frames up by median, 95th percentile and worst, CPU and whole frame apart") {
  FrameTimes times;
  // 20 frames: CPU 1..20 ms, whole frames twice that; given out of order.
  for (int i = 20; i >= 1; --i) times.Add(i, 2.0 * i);
  CHECK(times.size() == 20);
  CHECK(times.Summary() ==
        "frame CPU median 10.00 ms, 95th 19.00, max 20.00; whole frame median 20.00 ms, 95th 38.00, max 40.00");
  for (int i = 1; i <= 20; ++i) {
    times.AddPart("step", 0.5);
    times.AddPart("ui", i);
  }
  CHECK(times.Summary() == "frame CPU median 10.00 ms, 95th 19.00, max 20.00; whole frame median 20.00 ms, 95th 38.00, "
                           "max 40.00; CPU parts' medians: step 0.50 ms, ui 10.00 ms");
  CHECK(FrameTimes().Summary() == "frame CPU median 0.00 ms, 95th 0.00, max 0.00; whole frame median 0.00 ms, 95th "
                                  "0.00, max 0.00");
}

}  // namespace
}  // namespace kafkasim::viz
