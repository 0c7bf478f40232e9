#pragma once
// The times of the frames `kafkasim-viz --measure-frames N` played: the CPU time to build each
// (simulation step and UI) and the whole frame (with OpenGL's drawing), summed up as the issue's
// speed targets are stated, by median, 95th percentile and worst frame, and the median of each
// part of the CPU time (the simulation step, the background work, the models, the UI), which is
// where a frame over its target says what to look at.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kafkasim::viz {

class FrameTimes {
 public:
  void Add(double cpu_ms, double frame_ms);
  // One part of the frame's CPU time, by name; parts are listed in the order first added.
  void AddPart(std::string_view name, double ms);
  size_t size() const { return cpu_ms_.size(); }
  // "frame CPU median 1.20 ms, 95th 2.10, max 3.40; whole frame median 5.10 ms, 95th 6.00, max 9.80"
  // then, with parts, "; CPU parts' medians: step 0.10 ms, ui 0.90 ms".
  std::string Summary() const;

 private:
  std::vector<double> cpu_ms_;
  std::vector<double> frame_ms_;
  std::vector<std::pair<std::string, std::vector<double>>> parts_;
};

}  // namespace kafkasim::viz
