#pragma once
// Joins a fan-out of asynchronous calls: Countdown(n, done) returns a function to call once per
// completed call; `done` runs after the n-th (at once when n is 0). The controller reads many
// znodes in parallel this way, as Kafka's KafkaZkClient pipelines its requests.

#include <cstddef>
#include <functional>
#include <memory>

namespace kafkasim {

inline std::function<void()> Countdown(size_t n, std::function<void()> done) {
  if (n == 0) {
    done();
    return [] {};
  }
  auto remaining = std::make_shared<size_t>(n);
  return [remaining, done = std::move(done)] {
    if (*remaining == 0) return;  // called more often than promised: ignore, never underflow
    if (--*remaining == 0) done();
  };
}

}  // namespace kafkasim
