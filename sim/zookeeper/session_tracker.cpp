#include "sim/zookeeper/session_tracker.h"

namespace kafkasim::zk {

void SessionTracker::Touch(SessionId session, Duration timeout, Time now) {
  const int64_t deadline = (now + timeout).micros();
  const int64_t tick = tick_.micros();
  // ExpiryQueue.roundToNextInterval: (time / interval + 1) * interval.
  const Time expires = Time::FromMicros((deadline / tick + 1) * tick);
  sessions_[session] = Entry{.last_heard = now, .expires_at = expires};
}

std::vector<SessionTracker::Expired> SessionTracker::TakeExpired(Time now) {
  std::vector<Expired> out;
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (it->second.expires_at <= now) {
      out.push_back({it->first, it->second.last_heard});
      it = sessions_.erase(it);
    } else {
      ++it;
    }
  }
  return out;
}

}  // namespace kafkasim::zk
