#pragma once
// The times of the frames `kafkasim-viz --measure-frames N` played: the CPU time to build each
// (simulation step and UI) and the whole frame (with OpenGL's drawing), summed up as the issue's
// speed targets are stated, by median, 95th percentile and worst frame.

#include <string>
#include <vector>

namespace kafkasim::viz {

class FrameTimes {
 public:
  void Add(double cpu_ms, double frame_ms);
  size_t size() const { return cpu_ms_.size(); }
  // "frame CPU median 1.20 ms, 95th 2.10, max 3.40; whole frame median 5.10 ms, 95th 6.00, max 9.80"
  std::string Summary() const;

 private:
  std::vector<double> cpu_ms_;
  std::vector<double> frame_ms_;
};

}  // namespace kafkasim::viz
