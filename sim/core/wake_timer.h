#pragma once
// A process's "run my loop at time T" timer that keeps only the earliest wake-up pending: asking
// for a later time while an earlier one is still to come changes nothing; asking for an earlier one
// replaces it. Times in the past mean now. The timer belongs to its owner's incarnation (a crash
// drops it) and is cancelled with the object.

#include <functional>

#include "sim/core/simulation.h"

namespace kafkasim {

class WakeTimer {
 public:
  WakeTimer(Simulation& sim, NodeId owner, std::function<void()> run)
      : sim_(sim), owner_(owner), run_(std::move(run)) {}
  ~WakeTimer() { sim_.Cancel(timer_); }
  WakeTimer(const WakeTimer&) = delete;
  WakeTimer& operator=(const WakeTimer&) = delete;

  void At(Time at) {
    if (at < sim_.now()) at = sim_.now();
    if (wake_at_ <= at && wake_at_ >= sim_.now()) return;
    sim_.Cancel(timer_);
    wake_at_ = at;
    timer_ = sim_.ScheduleAt(at, owner_, [this] {
      wake_at_ = Time::Max();
      run_();
    });
  }

 private:
  Simulation& sim_;
  NodeId owner_;
  std::function<void()> run_;
  TimerId timer_{};
  Time wake_at_ = Time::Max();
};

}  // namespace kafkasim
