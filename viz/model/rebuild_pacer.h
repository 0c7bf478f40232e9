#pragma once
// When a playing frame rereads the cluster models (the metadata table, the cluster view). At a
// few brokers that costs well under a millisecond and happens every frame; so does a reread at a
// hundred brokers that finds a few replicas changed. A read that costs more (a hundred brokers'
// ten thousand partitions read afresh: about ten milliseconds, or the Explorer's tree built
// with them) is followed by the next once it is four times its own cost old, so reading takes at
// most a fifth of the frames' time. The packets, the cursor and the clock still move every
// frame; at the default 1/100x a few tens of milliseconds of wall time are a fraction of a
// simulated millisecond. A paused frame is always exact: the reread only waits, it is never
// skipped.

namespace kafkasim::viz {

class RebuildPacer {
 public:
  static constexpr double kAlwaysUnderMs = 1;  // cheaper reads happen every frame
  static constexpr double kSpacing = 4;        // a read's cost, times this, between reads

  // Whether the models may be reread at `now_ms` (any steady wall clock, in milliseconds).
  bool Due(double now_ms) const { return last_cost_ms_ < kAlwaysUnderMs || now_ms - done_at_ms_ >= kSpacing * last_cost_ms_; }
  // A read finished at `now_ms` after costing `cost_ms`.
  void Read(double now_ms, double cost_ms) {
    done_at_ms_ = now_ms;
    last_cost_ms_ = cost_ms;
  }

 private:
  double done_at_ms_ = 0;
  double last_cost_ms_ = 0;
};

}  // namespace kafkasim::viz
