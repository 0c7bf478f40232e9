#pragma once
// The leader's record of when each session expires (SessionTrackerImpl and ExpiryQueue in
// ZooKeeper). Only the leader expires sessions; followers report which sessions their clients
// kept alive in their replies to the leader's PING.
//
// ZooKeeper groups expiries into buckets one tickTime wide: a session touched at t expires at
// the first tick boundary after t + timeout (ExpiryQueue.roundToNextInterval), so a session
// lives between `timeout` and `timeout + tickTime` after it was last heard from.

#include <map>
#include <vector>

#include "sim/core/time.h"
#include "sim/zookeeper/zk_types.h"

namespace kafkasim::zk {

class SessionTracker {
 public:
  explicit SessionTracker(Duration tick) : tick_(tick) {}

  void Touch(SessionId session, Duration timeout, Time now);
  void Remove(SessionId session) { sessions_.erase(session); }
  bool Tracking(SessionId session) const { return sessions_.contains(session); }
  // Sessions whose expiry time has come, removed from the tracker.
  struct Expired {
    SessionId session;
    Time last_heard;
  };
  std::vector<Expired> TakeExpired(Time now);
  Time ExpiryOf(SessionId session) const { return sessions_.at(session).expires_at; }

 private:
  struct Entry {
    Time last_heard;
    Time expires_at;
  };
  Duration tick_;
  std::map<SessionId, Entry> sessions_;
};

}  // namespace kafkasim::zk
